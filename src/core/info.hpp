// The summary behind `qantar info`: counts, dates, the spread of the unrest, events per day, the
// tally and anything skipped, as text for people and as one JSON object for programs.
#pragma once

#include "timeline.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace qantar {

// Readable, several lines, ending with a newline.
std::string info_text(const Timeline& timeline);

// One JSON object: events, cities, regions (counts), start, end (ISO 8601 with offset),
// spread_root (a city name or null), skipped (a count), plus categories, spread, days, tally,
// skipped_reasons, crs and input_files.
nlohmann::json info_json(const Timeline& timeline);

// "3 h", "1 d 4 h": a delay for people.
std::string format_delay_h(double hours);

}  // namespace qantar
