// Placeholder until the export subcommand lands; it says so and fails.
#include "commands.hpp"

#include <iostream>

namespace qantar::app {

int run_export(const LoadOptions&, const ExportOptions&) {
    std::cerr << "qantar: 'export' is not available in this build yet\n";
    return 1;
}

}  // namespace qantar::app
