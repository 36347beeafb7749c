// Placeholder until the render subcommand lands; it says so and fails.
#include "commands.hpp"

#include <iostream>

namespace qantar::app {

int run_render(const LoadOptions&, const RenderOptions&) {
    std::cerr << "qantar: 'render' is not available in this build yet\n";
    return 1;
}

}  // namespace qantar::app
