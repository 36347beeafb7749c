// Placeholder until the view subcommand lands; it says so and fails.
#include "commands.hpp"

#include <iostream>

namespace qantar::app {

int run_view(const LoadOptions&, const ViewOptions&) {
    std::cerr << "qantar: 'view' is not available in this build yet\n";
    return 1;
}

}  // namespace qantar::app
