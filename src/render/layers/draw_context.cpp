#include "draw_context.hpp"

#include "render/aa_geometry.hpp"

#include <cmath>
#include <vector>

namespace qantar::render {

sf::Text TextMaker::make(const std::string& utf8, double size, sf::Color col, bool is_bold) const {
    sf::Text t(sf::String::fromUtf8(utf8.begin(), utf8.end()), is_bold ? bold : regular,
               static_cast<unsigned>(std::lround(size * u)));
    t.setFillColor(col);
    return t;
}

sf::Text TextMaker::make(const std::string& utf8, const TextStyle& style, sf::Color col) const {
    sf::Text t = make(utf8, style.size, col, style.bold);
    if (style.italic) t.setStyle(sf::Text::Italic);
    if (style.letter_spacing != 1.f) t.setLetterSpacing(style.letter_spacing);
    if (style.outline > 0) t.setOutlineThickness(static_cast<float>(style.outline * u));
    return t;
}

TextBounds FontMeasure::measure(const std::string& utf8, const TextStyle& style) const {
    sf::FloatRect b = maker_.make(utf8, style, sf::Color::White).getLocalBounds();
    return {b.left, b.top, b.width, b.height};
}

void place(sf::Text& t, double x, double y) {
    sf::FloatRect lb = t.getLocalBounds();
    t.setPosition(std::round(static_cast<float>(x) - lb.left), std::round(static_cast<float>(y) - lb.top));
}

void rounded_rect(sf::RenderTarget& t, const Box& b, sf::Color fill, float radius) {
    // A convex polygon with a one-pixel ramp.
    std::vector<sf::Vector2f> pts;
    constexpr int kArc = 6;
    auto x0 = static_cast<float>(b.left), y0 = static_cast<float>(b.top);
    auto x1 = static_cast<float>(b.right()), y1 = static_cast<float>(b.bottom());
    const sf::Vector2f centres[4] = {{x1 - radius, y0 + radius}, {x1 - radius, y1 - radius},
                                     {x0 + radius, y1 - radius}, {x0 + radius, y0 + radius}};
    for (int c = 0; c < 4; ++c)
        for (int i = 0; i <= kArc; ++i) {
            float a = (-90.f + 90.f * static_cast<float>(c) + 90.f * static_cast<float>(i) / kArc) * 3.14159265f / 180.f;
            pts.push_back(centres[c] + sf::Vector2f(std::cos(a), std::sin(a)) * radius);
        }
    std::vector<sf::Vertex> v;
    append_aa_convex(v, pts, fill);
    t.draw(v.data(), v.size(), sf::Triangles);
}

sf::Vector2f DrawContext::to_screen(const Vec2& m) const {
    Vec2 s = map_to_screen(params.camera, params.size, m);
    return {static_cast<float>(s.x), static_cast<float>(s.y)};
}

}  // namespace qantar::render
