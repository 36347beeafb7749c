// Reading each layer of a dataset through the GDAL adapter, in lon/lat, unprojected; internal to
// load.cpp. Each throws InputError (one line: file, feature or line, field).
#pragma once

#include "load.hpp"
#include "pg_source.hpp"

#include "core/model.hpp"

#include <future>
#include <map>
#include <string>
#include <vector>

namespace qantar::loading {

// `filter`: an OGR SQL attribute filter ("" for every feature). allow_empty: no feature is no error.
std::vector<Region> load_regions(const std::string& path, const std::string& filter = {}, bool allow_empty = false);
std::vector<City> load_cities(const std::string& path, const std::string& filter = {}, bool allow_empty = false);
std::vector<ContextFeature> load_context(const std::string& path);  // polygons_deg only
std::vector<TallyEntry> load_tally(const std::string& path);        // sorted by announced_at
// The sources table: key (required, unique), short, outlet, date (ISO 8601 date or empty), title, url.
std::vector<SourceRef> load_sources(const std::string& path);

// Events, against the dataset's cities and regions (linked already). Bad rows are skipped into
// `skipped` with options.skip_invalid, else the first throws. `categories`: options.categories, or
// derived from the data (ACLED event_type, --color-by, a category column, else one "Event").
// What loading learnt about the events' times (for info and the display zone).
// A database that sent only a window of its rows: the WHERE clause ("": every row travelled),
// and, for a date column, its per-day counts, asked of the server on a second connection while
// the rows travel (else not valid: load.cpp asks once the display zone is known).
struct PushedDown {
    std::string where;
    std::shared_future<std::vector<io::ServerDayCount>> days;
};
struct EventTimes {
    std::string field;             // the start-time column used
    std::string format;            // time_format_name of the rows, "+"-joined when text forms mix
    std::int64_t read_as_utc = 0;  // times without an offset that had no zone at all (read as UTC)
    std::int64_t local = 0;        // times without an offset (read in their place's zone)
    std::map<std::string, int> zones;  // the zone of each event's place, by name: how many events
    PushedDown pushed_down;
};
// `zone`: --tz (or the story's zone), null if none. `ahead`: the load's connection opened ahead
// (the per-day counts run on it), null if none.
void load_events(const LoadOptions& options, const Dataset& data, const std::string& path,
                 EventStore& out, std::vector<Skipped>& skipped, std::vector<CategoryDef>& categories,
                 std::string& category_field, const ZoneRules* zone, io::ConnectionAhead* ahead, EventTimes& times);

}  // namespace qantar::loading
