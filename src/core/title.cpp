// Derived titles (see title.hpp).
#include "title.hpp"

#include <algorithm>
#include <map>

namespace qantar {

std::string countries_title(std::vector<std::pair<std::string, int>> counts, bool world_extent) {
    if (world_extent) return "World";
    std::erase_if(counts, [](const auto& c) { return c.first.empty() || c.second <= 0; });
    std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (counts.empty()) return {};
    if (counts.size() == 1) return counts[0].first;
    if (counts.size() == 2) return counts[0].first + ", " + counts[1].first;
    return std::to_string(counts.size()) + " countries";
}

std::string title_from_events(const Dataset& data, bool world_extent) {
    std::map<std::string, int> by_country;
    for (const EventRef e : data.events) ++by_country[std::string(e.country())];
    return countries_title({by_country.begin(), by_country.end()}, world_extent);
}

std::string subtitle_from_events(const Dataset& data) {
    if (data.events.empty()) return {};
    // Events are sorted by start; the last day is the latest start or end.
    LocalTime last = data.events.front().start();
    for (const EventRef e : data.events) {
        if (e.start().utc_s > last.utc_s) last = e.start();
        // A day-only event's end is the next midnight: the day it counts on is the start's.
        if (e.end() && e.hour_precision() != "day" && e.end()->utc_s > last.utc_s) last = *e.end();
    }
    return format_date_range(data.events.front().start(), last);
}

}  // namespace qantar
