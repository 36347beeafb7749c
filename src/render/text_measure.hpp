// Measuring text without drawing it, so that the layout can be computed (and tested) apart from
// the drawing. The renderer measures with its fonts; tests can use a fixed-width stand-in.
#pragma once

#include <string>

namespace qantar::render {

struct TextStyle {
    double size = 13;            // before the HUD scale (sizes are multiplied by it and rounded)
    bool bold = false;
    bool italic = false;
    float letter_spacing = 1.f;  // SFML's factor
    double outline = 0;          // outline thickness, before the HUD scale
};

// The text's local bounds as SFML reports them (left/top are the offset of the visible ink).
struct TextBounds {
    double left = 0, top = 0, width = 0, height = 0;
};

class TextMeasure {
public:
    virtual ~TextMeasure() = default;
    virtual TextBounds measure(const std::string& utf8, const TextStyle& style) const = 0;
};

}  // namespace qantar::render
