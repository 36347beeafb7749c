// Colours and colour arithmetic shared by the map, the HUD and the details panel.
#pragma once

#include <SFML/Graphics/Color.hpp>

#include <cmath>

namespace qantar::render {

// Body text and the one accent colour (the date's day count, the panel's "now" rule).
inline const sf::Color kText(226, 231, 238);
inline const sf::Color kAccent(255, 184, 64);

// a moved towards b by s (0: a, 1: b), alpha included.
inline sf::Color mix(sf::Color a, sf::Color b, double s) {
    auto m = [s](sf::Uint8 x, sf::Uint8 y) { return static_cast<sf::Uint8>(std::lround(x + (y - x) * s)); };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), m(a.a, b.a)};
}

}  // namespace qantar::render
