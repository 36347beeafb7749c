#include "shapes.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

std::unique_ptr<sf::ConvexShape> rounded_shape(const Box& b, sf::Color fill, float radius) {
    auto s = std::make_unique<sf::ConvexShape>();
    constexpr int kArc = 5;
    radius = std::min({radius, static_cast<float>(b.width / 2), static_cast<float>(b.height / 2)});
    s->setPointCount(4 * (kArc + 1));
    auto x0 = static_cast<float>(b.left), y0 = static_cast<float>(b.top);
    auto x1 = static_cast<float>(b.right()), y1 = static_cast<float>(b.bottom());
    const sf::Vector2f c[4] = {{x1 - radius, y0 + radius}, {x1 - radius, y1 - radius},
                               {x0 + radius, y1 - radius}, {x0 + radius, y0 + radius}};
    std::size_t k = 0;
    for (int q = 0; q < 4; ++q)
        for (int i = 0; i <= kArc; ++i) {
            float a = (-90.f + 90.f * static_cast<float>(q) + 90.f * static_cast<float>(i) / kArc) * 3.14159265f / 180.f;
            s->setPoint(k++, c[q] + sf::Vector2f(std::cos(a), std::sin(a)) * radius);
        }
    s->setFillColor(fill);
    return s;
}

}  // namespace qantar::render
