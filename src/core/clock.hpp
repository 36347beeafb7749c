// The HUD clock: the local time of what is in view. Pure: the zones in view (with how much of the
// view each covers, by area or by events) and the instant in, the text out.
#pragma once

#include "language.hpp"
#include "time.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace qantar {

struct ZoneInView {
    const ZoneRules* zone = nullptr;
    double weight = 0;  // area on screen, or events in view: only the shares matter
};

// "16:00  local time (UTC+06)" when everything in view keeps one offset at t (half-hour offsets in
// full: "UTC+05:30"); "16:00 Chicago · 17:00 New York" when the view spans several offsets, west to
// east, each named after the city of its largest IANA zone in view ("UTC+05" for a fixed offset),
// at most `max_clocks` of them (the largest). Offsets covering less than `min_share` of the total
// weight are left out (a sliver at the edge). No zone in view: the fallback zone's single clock.
// The words ("local time") in `words`' language.
std::string hud_clock_text(const std::vector<ZoneInView>& zones, std::int64_t t_utc_s, const ZoneRules& fallback,
                           double min_share = 0.1, std::size_t max_clocks = 3, const Language& words = english());

// The offsets the clock shows (west to east), for checks (issue 12's sweep).
std::vector<std::int32_t> hud_clock_offsets(const std::vector<ZoneInView>& zones, std::int64_t t_utc_s,
                                            const ZoneRules& fallback, double min_share = 0.1,
                                            std::size_t max_clocks = 3);

// "Aqtau" for "Asia/Aqtau", "Los Angeles" for "America/Los_Angeles", "UTC+05" for a fixed zone.
// In `words`' language where it names the zone's city (ICU's exemplar city: "Актобе").
std::string zone_place_name(const ZoneRules& zone, std::int32_t offset_s, const Language& words = english());
// "UTC+06", "UTC+05:30", "UTC-03", "UTC".
std::string short_utc_name(std::int32_t offset_s);

}  // namespace qantar
