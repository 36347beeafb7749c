// Placeholder until the present subcommand lands; it says so and fails.
#include "commands.hpp"

#include <iostream>

namespace qantar::app {

int run_present(const LoadOptions&, const PresentOptions&) {
    std::cerr << "qantar: 'present' is not available in this build yet\n";
    return 1;
}

}  // namespace qantar::app
