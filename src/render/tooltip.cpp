// The hover tooltip and the selection and focus rings (see panel.hpp).
#include "panel.hpp"

#include "palette.hpp"
#include "shapes.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

void draw_tooltip(sf::RenderTarget& target, const std::vector<std::string>& lines, const sf::Font& regular, const sf::Font& bold,
                  const ScreenSize& size, const Vec2& at, const Box* avoid) {
    if (lines.empty()) return;
    const double u = panel_scale(size);
    const double pad = 10 * u;
    std::vector<sf::Text> texts;
    double w = 0, h = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& s = lines[i];
        sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), i == 0 ? bold : regular,
                   static_cast<unsigned>(std::lround((i == 0 ? 15 : 13) * u)));
        t.setFillColor(i == 0 ? kText : kPanelTextDim);
        w = std::max(w, static_cast<double>(t.getLocalBounds().width + t.getLocalBounds().left));
        h += (i == 0 ? regular.getLineSpacing(t.getCharacterSize()) + 2 * u : regular.getLineSpacing(t.getCharacterSize()));
        texts.push_back(std::move(t));
    }
    Box box{at.x + 16 * u, at.y + 18 * u, w + 2 * pad, h + 2 * pad - 2 * u};
    if (box.right() > size.width_px - 4 || (avoid && overlaps(box, *avoid))) box.left = at.x - 12 * u - box.width;
    if (box.bottom() > size.height_px - 4) box.top = at.y - 12 * u - box.height;
    box.left = std::max(4.0, box.left);
    box.top = std::max(4.0, box.top);
    target.draw(*rounded_shape(box, kTooltipFill, static_cast<float>(7 * u)));
    double y = box.top + pad - 2 * u;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        texts[i].setPosition(std::round(static_cast<float>(box.left + pad)), std::round(static_cast<float>(y)));
        target.draw(texts[i]);
        y += regular.getLineSpacing(texts[i].getCharacterSize()) + (i == 0 ? 2 * u : 0);
    }
}

void draw_selection_ring(sf::RenderTarget& target, const Vec2& c, double r, double u, bool focus_only) {
    const double rr = r + (focus_only ? 7 : 6) * u;
    if (focus_only) {  // dashed white ring: the keyboard focus
        constexpr int kDash = 12;
        std::vector<sf::Vertex> v;
        for (int k = 0; k < kDash; ++k) {
            double a0 = 6.2831853 * k / kDash, a1 = a0 + 6.2831853 / kDash * 0.55;
            for (int s = 0; s < 4; ++s) {
                double b0 = a0 + (a1 - a0) * s / 4, b1 = a0 + (a1 - a0) * (s + 1) / 4;
                double w = 1.2 * u;
                auto P = [&](double a, double rad) {
                    return sf::Vector2f(static_cast<float>(c.x + std::cos(a) * rad), static_cast<float>(c.y + std::sin(a) * rad));
                };
                const sf::Color col = kFocusRing;
                v.insert(v.end(), {{P(b0, rr - w), col}, {P(b0, rr + w), col}, {P(b1, rr + w), col},
                                   {P(b0, rr - w), col}, {P(b1, rr + w), col}, {P(b1, rr - w), col}});
            }
        }
        target.draw(v.data(), v.size(), sf::Triangles);
        return;
    }
    sf::CircleShape glow(static_cast<float>(rr + 5 * u), 40);
    glow.setOrigin(glow.getRadius(), glow.getRadius());
    glow.setPosition(static_cast<float>(c.x), static_cast<float>(c.y));
    glow.setFillColor(sf::Color::Transparent);
    glow.setOutlineColor(kSelectionGlow);
    glow.setOutlineThickness(static_cast<float>(4 * u));
    target.draw(glow);
    sf::CircleShape ring(static_cast<float>(rr), 40);
    ring.setOrigin(ring.getRadius(), ring.getRadius());
    ring.setPosition(static_cast<float>(c.x), static_cast<float>(c.y));
    ring.setFillColor(sf::Color::Transparent);
    ring.setOutlineColor(kAccent);
    ring.setOutlineThickness(static_cast<float>(2.2 * u));
    target.draw(ring);
}

}  // namespace qantar::render
