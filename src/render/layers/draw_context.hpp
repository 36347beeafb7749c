// What every layer draws with: the target, the frame's scene, layout and parameters, the fonts
// and the map transform. Layers only draw; they decide nothing that the window hit-tests.
#pragma once

#include "render/frame.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/text_measure.hpp"

#include "core/scene.hpp"
#include "core/timeline.hpp"

#include <SFML/Graphics.hpp>

#include <string>

namespace qantar::render {

// Makes sf::Text at the HUD scale u (sizes are multiplied by u and rounded).
struct TextMaker {
    const sf::Font& regular;
    const sf::Font& bold;
    double u;
    sf::Text make(const std::string& utf8, double size, sf::Color col, bool is_bold = false) const;
    sf::Text make(const std::string& utf8, const TextStyle& style, sf::Color col) const;
};

// Measures with the renderer's fonts: the same sf::Text the layers draw.
class FontMeasure : public TextMeasure {
public:
    explicit FontMeasure(TextMaker maker) : maker_(maker) {}
    TextBounds measure(const std::string& utf8, const TextStyle& style) const override;

private:
    TextMaker maker_;
};

// Positions the text so that its visible bounds' top-left is at (x, y), on whole pixels.
void place(sf::Text& t, double x, double y);
// A rounded rectangle with feathered edges (no multisampling needed).
void rounded_rect(sf::RenderTarget& t, const Box& b, sf::Color fill, float radius);

struct DrawContext {
    sf::RenderTarget& target;
    const Timeline& timeline;
    const Scene& scene;
    const FrameLayout& layout;
    const FrameParams& params;
    TextMaker text;
    sf::RenderStates map_states;  // map (relative to the base map's origin) -> screen
    double desat = 0;             // the shutdown greys the map out by this much
    bool plain_markers = false;   // the shader fallback is in use (the HUD says so)

    const Dataset& data() const { return timeline.data(); }
    double u() const { return layout.u; }
    sf::Vector2f to_screen(const Vec2& map_m) const;
};

}  // namespace qantar::render
