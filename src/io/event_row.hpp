// One row of an events layer as an Event (io/load_events.cpp reads the rows, on reader threads):
// which columns hold what (ACLED's and qantar's names, --time-field, --color-by, --size-by), and
// the row's attributes, place (core/place.hpp) and local times read through the GDAL adapter
// (field_readers.hpp). Internal to the loader.
#pragma once

#include "field_readers.hpp"
#include "load_layers.hpp"

#include "core/event.hpp"
#include "core/place.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace qantar::loading {

inline constexpr std::size_t kEventStringColumns = 31;  // the text fields of Event read by name
inline constexpr std::size_t kEventCountColumns = 6;    // the counts (fatalities, ...)

// Field indices of an events layer, looked up once.
struct EventColumns {
    int strings[kEventStringColumns];
    int counts[kEventCountColumns];
    int time = -1, end = -1, category = -1, event_type = -1, time_precision = -1, geo_precision = -1, disputed = -1;
    int origin_lat = -1, origin_lon = -1, id_alt = -1;
    int size_by = -1;  // --size-by
    gdal::PointColumns point;
    std::vector<int> extra;  // columns qantar does not model
    std::vector<std::string> extra_names;
};

// The time formats of a column's rows: the first row's (which the others must go with) and every
// one met, in order.
struct TimeFormats {
    TimeFormat first = TimeFormat::Unknown;
    std::string first_where;
    std::vector<TimeFormat> seen;
};

// What reading a row needs beyond the row: the regions (indexed once), the zones times without an
// offset are read in, and what the rows' time formats were.
struct RowContext {
    explicit RowContext(const Dataset& data) : regions(data.regions) {}
    RegionLocator regions;                // the region under an event no city or admin1 placed
    const ZoneRules* fallback = nullptr;  // --tz or the story's zone
    std::vector<ZonePoint> zone_points;   // regions with a zone, for the nearest one
    FixedOffsetZone utc{0};
    TimeFormats formats;
    EventTimes* times = nullptr;
    bool mixed = false;  // a row's time format did not go with the first's
};

// The columns of `r` (throws InputError naming a missing required one).
EventColumns event_columns(const gdal::LayerReader& r, const LoadOptions& opt);

// Row `r` into `e` (its strings keep their capacity) and its category text into `key` when the
// table comes from the data. Throws InputError naming the line or feature and the field.
void read_event(const gdal::LayerReader& r, const EventColumns& c, const LoadOptions& opt, const Dataset& data,
                RowContext& tc, std::string& key, Event& e);

}  // namespace qantar::loading
