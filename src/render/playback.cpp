#include "playback.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

void Playback::advance(double real_dt_s) {
    if (!playing || real_dt_s <= 0) return;
    seek(t_utc_s + real_dt_s * 86400.0 / seconds_per_day);
    if (t_utc_s >= end_utc_s) playing = false;
}

void Playback::seek(double t) { t_utc_s = std::clamp(t, start_utc_s, std::max(start_utc_s, end_utc_s)); }
void Playback::step(double story_seconds) { seek(t_utc_s + story_seconds); }
void Playback::faster() { seconds_per_day = std::max(0.25, seconds_per_day / 2); }
void Playback::slower() { seconds_per_day = std::min(120.0, seconds_per_day * 2); }

double frame_time(double t) { return std::round(t * 1000.0) / 1000.0; }

}  // namespace qantar::render
