// A rounded rectangle as an SFML shape (the details panel and the tooltip draw these).
#pragma once

#include "labels.hpp"

#include <SFML/Graphics/ConvexShape.hpp>

#include <memory>

namespace qantar::render {

// radius is capped at half the smaller side.
std::unique_ptr<sf::ConvexShape> rounded_shape(const Box& b, sf::Color fill, float radius);

}  // namespace qantar::render
