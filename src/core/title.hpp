// The title and subtitle a map of any place gets when none is given: the countries of its events
// and their date range ("Chile" / "18–31 October 2019"). Pure C++.
#pragma once

#include "model.hpp"

#include <string>
#include <utility>
#include <vector>

namespace qantar {

// From (country, events) pairs: the names by most events (ties by name), "Chile" or
// "Chile, Argentina"; "3 countries" from three on; "World" for a world extent; "" with none.
std::string countries_title(std::vector<std::pair<std::string, int>> counts, bool world_extent);

// The dataset's title from its events' `country` (empty names ignored).
std::string title_from_events(const Dataset& data, bool world_extent);
// The date range of the events (core/time format_date_range), "" with none.
std::string subtitle_from_events(const Dataset& data);

}  // namespace qantar
