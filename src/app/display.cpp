#include "display.hpp"

#include <cstdlib>
#include <iostream>

namespace qantar::app {

bool have_display(bool wayland_ok, const char* advice) {
    auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v;
    };
    if (set("DISPLAY") || (wayland_ok && set("WAYLAND_DISPLAY"))) return true;
    std::cerr << advice << '\n';
    return false;
}

}  // namespace qantar::app
