#include "display.hpp"

#include <SFML/Window/VideoMode.hpp>
#include <SFML/Window/Window.hpp>

#include <algorithm>
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

void centre_on_desktop(sf::Window& window) {
    const sf::VideoMode desk = sf::VideoMode::getDesktopMode();
    const sf::Vector2u size = window.getSize();
    const int x = std::max(0, (static_cast<int>(desk.width) - static_cast<int>(size.x)) / 2);
    const int y = std::max(0, (static_cast<int>(desk.height) - static_cast<int>(size.y)) / 2);
    window.setPosition({x, y});
}

}  // namespace qantar::app
