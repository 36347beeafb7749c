#include "event_style.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

std::uint8_t size_level_for(Count participants, Count killed) {
    double m = -1;
    if (participants) m = static_cast<double>(*participants);
    if (killed && *killed > 0) m = std::max(m, static_cast<double>(*killed) * 100.0);
    if (m < 0) return 14;
    return static_cast<std::uint8_t>(std::clamp(std::lround(std::log10(1.0 + m) * 11.0), 6L, 63L));
}

sf::Color category_color(Category c) {
    switch (c) {
        case Category::PeacefulProtest: return {255, 184, 64};
        case Category::Riot: return {255, 72, 56};
        case Category::SecurityOperation: return {120, 140, 255};
        case Category::StateOfEmergency: return {190, 110, 255};
        case Category::PoliticalDecision: return {225, 232, 240};
        case Category::ForeignTroops: return {60, 220, 200};
        case Category::InternetShutdown: return {150, 160, 180};
    }
    return sf::Color::White;
}

static double smooth(double e0, double e1, double x) {
    double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

MarkLook mark_look(const EventMark& m, double t, double window_s, double px_scale) {
    MarkLook k;
    double age = t - m.start_utc_s;
    if (age < 0) return k;
    double r = (6.0 + m.size_level * 0.3) * px_scale;
    double grow = smooth(0, kGrowS, age);
    if (t < m.end_utc_s) {
        double life = age / std::max(1.0, std::min(m.end_utc_s - m.start_utc_s, 86400.0));
        k.glow = (1.0 - 0.85 * std::min(1.0, life)) * grow;
        k.core = grow * (1.0 - 0.5 * std::min(1.0, life));
        k.radius_px = r * (0.5 + 0.5 * grow);
    } else {
        double since = t - m.end_utc_s;
        double fade = 1 - smooth(0, kShrinkS, since);
        double trail = window_s > 0 ? 1 - std::clamp(since / window_s, 0.0, 1.0) : 1.0;
        if (fade <= 0 && trail <= 0) return k;
        k.glow = 0.45 * fade;
        k.core = std::max(fade, 0.4 * trail);
        k.radius_px = r * (0.4 + 0.6 * fade);
    }
    if (age < kPulseS) {
        k.ring = age / kPulseS;
        k.ring_alpha = std::pow(1 - k.ring, 1.5);
    }
    k.visible = k.core > 0.003 || k.glow > 0.003 || k.ring >= 0;
    return k;
}

}  // namespace qantar::render
