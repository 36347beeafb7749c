// How an event marker looks at a moment: the one definition shared by the GLSL shader
// (shaders/events.vert mirrors it) and the plain fallback drawing. Pure functions.
#pragma once

#include "core/model.hpp"

#include <SFML/Graphics/Color.hpp>

#include <cstdint>

namespace qantar::render {

// A lightweight event for drawing (the bench builds a million of these without a Dataset).
struct EventMark {
    Vec2 pos_m;
    double start_utc_s = 0, end_utc_s = 0;
    Category category = Category::PeacefulProtest;
    std::uint8_t size_level = 14;  // 0..63, from log magnitude (size_level_for)
    int city = -1;                 // Dataset::cities index, -1 if none
};

// Marker size class 0..63 from participants / killed (log scale); unknown: 14.
std::uint8_t size_level_for(Count participants, Count killed);

sf::Color category_color(Category c);

// Marker look at story time t (minutes are the shader's unit; here seconds).
struct MarkLook {
    bool visible = false;
    double radius_px = 0;   // core radius
    double core = 0;        // core opacity 0..1
    double glow = 0;        // glow strength 0..1
    double ring = -1;       // pulse ring progress 0..1, <0 none
    double ring_alpha = 0;
};

inline constexpr double kPulseS = 3 * 3600.0;   // the start pulse lasts 3 story hours
inline constexpr double kGrowS = 30 * 60.0;     // markers ease in over 30 minutes
inline constexpr double kShrinkS = 60 * 60.0;   // and ease into a trail dot over an hour
inline constexpr double kGlowExtent = 3.2;      // quad half-size in core radii

// window_s <= 0 means cumulative. px_scale: marker scale for the target (height / 1080).
MarkLook mark_look(const EventMark& m, double t_utc_s, double window_s, double px_scale);

}  // namespace qantar::render
