#include "event_style.hpp"

#include "palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qantar::render {

std::uint8_t size_level_for(Count participants, Count killed) {
    double m = -1;
    if (participants) m = static_cast<double>(*participants);
    if (killed && *killed > 0) m = std::max(m, static_cast<double>(*killed) * 100.0);
    if (m < 0) return 14;
    return static_cast<std::uint8_t>(std::clamp(std::lround(std::log10(1.0 + m) * 11.0), 6L, 63L));
}

sf::Color category_color(const CategoryDef& c) {
    return from_rgb(c.rgb);
}

static double smooth(double e0, double e1, double x) {
    double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

MarkLook mark_look(const EventMark& m, double t, double window_s, double px_scale) {
    MarkLook k;
    double age = t - m.start_utc_s;
    if (age < 0) return k;
    double r = (kBaseRadiusPx + m.size_level * kRadiusPerLevelPx) * px_scale;
    double grow = smooth(0, kGrowS, age);
    if (t < m.end_utc_s) {
        double life = age / std::max(1.0, std::min(m.end_utc_s - m.start_utc_s, kMaxLifeS));
        k.glow = (1.0 - 0.85 * std::min(1.0, life)) * grow;
        k.core = grow * (1.0 - 0.5 * std::min(1.0, life));
        k.radius_px = r * (0.5 + 0.5 * grow);
    } else {
        double since = t - m.end_utc_s;
        double fade = 1 - smooth(0, kShrinkS, since);
        double trail = window_s > 0 ? 1 - std::clamp(since / window_s, 0.0, 1.0) : 1.0;
        if (fade <= 0 && trail <= 0) return k;
        k.glow = kTrailGlow * fade;
        k.core = std::max(fade, kTrailCore * trail);
        k.radius_px = r * (0.4 + 0.6 * fade);
    }
    if (age < kPulseS) {
        k.ring = age / kPulseS;
        k.ring_alpha = std::pow(1 - k.ring, 1.5);
    }
    k.visible = k.core > kVisibleMin || k.glow > kVisibleMin || k.ring >= 0;
    return k;
}

namespace {

// A GLSL float literal with the same text as the C++ one (180 -> "180.0", 3.2 -> "3.2").
std::string glsl_float(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.9g", v);
    std::string s = b;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

}  // namespace

std::string event_vertex_shader_source(const std::string& text) {
    std::string decls;
    auto add = [&](const char* name, double v) { decls += std::string("const float ") + name + " = " + glsl_float(v) + ";\n"; };
    add("kPulse", kPulseMin);
    add("kGrow", kGrowMin);
    add("kShrink", kShrinkMin);
    add("kMaxLife", kMaxLifeMin);
    add("kExtent", kGlowExtent);
    add("kBaseRadius", kBaseRadiusPx);
    add("kRadiusPerLevel", kRadiusPerLevelPx);
    add("kTrailGlow", kTrailGlow);
    add("kTrailCore", kTrailCore);
    add("kVisibleMin", kVisibleMin);
    std::size_t v = text.find("#version");
    std::size_t at = v == std::string::npos ? 0 : text.find('\n', v);
    at = at == std::string::npos ? text.size() : at + (v == std::string::npos ? 0 : 1);
    return text.substr(0, at) + decls + text.substr(at);
}

}  // namespace qantar::render
