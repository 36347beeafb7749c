#include "display.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/VideoMode.hpp>
#include <SFML/Window/Window.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace qantar::app {

bool display_set(bool wayland_ok) {
    auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v;
    };
    return set("DISPLAY") || (wayland_ok && set("WAYLAND_DISPLAY"));
}

bool have_display(bool wayland_ok, const char* advice) {
    if (display_set(wayland_ok)) return true;
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

void create_offscreen(sf::RenderTexture& rt, double width_px, double height_px, unsigned antialias) {
    sf::ContextSettings cs;
    cs.antialiasingLevel = antialias;
    const auto w = static_cast<unsigned>(width_px), h = static_cast<unsigned>(height_px);
    if (!rt.create(w, h, cs))
        throw std::runtime_error("could not create an offscreen OpenGL target of " + std::to_string(w) + "x" +
                                 std::to_string(h));
}

}  // namespace qantar::app
