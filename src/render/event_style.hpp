// How an event marker looks at a moment: the one definition shared by the GLSL shader
// (shaders/events.vert mirrors it) and the plain fallback drawing. Pure functions.
#pragma once

#include "core/model.hpp"

#include <SFML/Graphics/Color.hpp>

#include <cstdint>
#include <string>

namespace qantar::render {

// A lightweight event for drawing (the bench builds a million of these without a Dataset).
struct EventMark {
    Vec2 pos_m;
    double start_utc_s = 0, end_utc_s = 0;
    sf::Color color{255, 184, 64};  // its category's colour (the shader and the fallback draw it)
    std::uint8_t size_level = 14;  // 0..63, from log magnitude (size_level_for)
    int city = -1;                 // Dataset::cities index, -1 if none
};

// Marker size class 0..63 from participants / killed (log scale); unknown: 14.
std::uint8_t size_level_for(Count participants, Count killed);

// A category's colour (CategoryDef::rgb), opaque.
sf::Color category_color(const CategoryDef& c);

// Marker look at story time t (minutes are the shader's unit; here seconds).
struct MarkLook {
    bool visible = false;
    double radius_px = 0;   // core radius
    double core = 0;        // core opacity 0..1
    double glow = 0;        // glow strength 0..1
    double ring = -1;       // pulse ring progress 0..1, <0 none
    double ring_alpha = 0;
};

// The marker curve, one definition for mark_look and shaders/events.vert (which gets these as
// `const float` declarations inserted at load: event_vertex_shader_source). Times in minutes, the
// shader's unit; write each as a decimal whose text is exact, since the shader reads the text.
inline constexpr double kPulseMin = 180;        // the start pulse lasts 3 story hours
inline constexpr double kGrowMin = 30;          // markers ease in over 30 minutes
inline constexpr double kShrinkMin = 60;        // and ease into a trail dot over an hour
inline constexpr double kMaxLifeMin = 1440;     // the live look fades over at most a day
inline constexpr double kGlowExtent = 3.2;      // quad half-size in core radii
inline constexpr double kBaseRadiusPx = 6.0;    // core radius at size level 0 (times px_scale)
inline constexpr double kRadiusPerLevelPx = 0.3;
inline constexpr double kTrailGlow = 0.45;      // glow as the marker shrinks into its trail dot
inline constexpr double kTrailCore = 0.4;       // the trail dot's core opacity at its window start
inline constexpr double kVisibleMin = 0.003;    // below this core and glow a marker is not drawn

inline constexpr double kPulseS = kPulseMin * 60;
inline constexpr double kGrowS = kGrowMin * 60;
inline constexpr double kShrinkS = kShrinkMin * 60;
inline constexpr double kMaxLifeS = kMaxLifeMin * 60;

// The events.vert source with the marker curve's constants declared after its #version line.
std::string event_vertex_shader_source(const std::string& file_text);

// window_s <= 0 means cumulative. px_scale: marker scale for the target (height / 1080).
MarkLook mark_look(const EventMark& m, double t_utc_s, double window_s, double px_scale);

}  // namespace qantar::render
