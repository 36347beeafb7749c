// The scene: what a frame at a moment shows, as plain values computed from the timeline. Pure (no
// SFML, no I/O, no clock), so that tests can step time by hand; the renderer's layers draw it and
// read nothing else that depends on the moment.
#pragma once

#include "core/details.hpp"
#include "core/timeline.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qantar {

struct SceneInputs {
    double t_utc_s = 0;    // the frame time (already rounded by the caller)
    TimeSettings time;
    Selection selected;    // the details panel's subject
    Selection hover;       // the tooltip's subject
    const Language* words = nullptr;  // the language of the details and tooltip (nullptr: English)
};

// A spread arc drawn in the three hours before the unrest reaches `to_city`, then kept faint.
struct SpreadArc {
    int from_city = -1, to_city = -1;
    double progress = 0;  // (0, 1]; 1: arrived
};

// A movement (a category with `movement`) flying in (or back out) from its origin.
struct TroopArc {
    std::size_t event = 0;  // Dataset::events index
    double progress = 0;    // [0, 1] of the flight
    double fade = 1;        // 1 while active, to 0 six hours after the end (may dip below 0)
    bool withdrawal = false;
};

// The moment on the display clock (Timeline::display_offset_s).
struct LocalClock {
    int year = 1970, month = 1, day = 1, weekday = 4;  // weekday 0 = Sunday
    int hour = 0, minute = 0;
    std::int32_t offset_s = 0;
};

struct Scene {
    double t_utc_s = 0;
    double window_s = 0;   // the moving window in seconds; 0 when cumulative
    bool shutdown = false; // a banner category is in force: the banner shows, the map greys out
    // The banner's text: the `banner` field of the latest-started active event that has one
    // (data, e.g. "mobile internet throttled" vs "shut down"); else the banner text of the active
    // banner category; empty: no banner.
    std::string banner;
    std::vector<PlaceState> region_states, city_states;  // per Dataset::regions / ::cities
    std::vector<SpreadArc> spread;  // those started and spread_arc_supported, in Timeline::spread order
    // Per Dataset::cities: the events shown at t (events_shown); the badge and the tooltip both say it.
    std::vector<int> city_event_counts;
    std::vector<TroopArc> troops;   // those in flight or fading, in event order
    LocalClock clock;
    int unrest_day = 0;    // 0: before the unrest
    TallyAt tally;
    Selection selected, hover;
    std::optional<Details> details;    // of `selected`, when not empty
    std::vector<std::string> tooltip;  // of `hover`, when not empty and not the selection
};

Scene build_scene(const Timeline& timeline, const SceneInputs& in);

}  // namespace qantar
