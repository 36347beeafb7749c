// One event as a row: the value load builds, and what EventStore::materialise gives back.
// Coordinates travel as lon/lat degrees (WGS 84, lon first) and, after load, as projected metres.
#pragma once

#include "time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qantar {

struct Vec2 {
    double x = 0, y = 0;
    friend bool operator==(const Vec2&, const Vec2&) = default;
};

// An optional non-negative count (participants, killed, ...).
using Count = std::optional<std::int64_t>;

struct Event {
    // ACLED fields (same names in files).
    std::string event_id_cnty;  // stable id
    std::string event_date;     // as in the file
    int time_precision = 0;     // ACLED 1..3, 0 unknown
    std::string disorder_type, event_type, sub_event_type;
    std::string actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction;
    std::string civilian_targeting, iso, acled_region, country;
    std::string admin1, admin2, admin3, location;
    double lon_deg = 0, lat_deg = 0;
    int geo_precision = 0;
    std::string source, source_scale, notes, tags, timestamp;
    Count fatalities;  // killed
    std::optional<double> size_value;  // --size-by: the marker's size on a log scale

    // qantar fields.
    int category = 0;  // index into Dataset::categories
    LocalTime start;
    std::optional<LocalTime> end;     // as given; see effective_end_utc_s in Timeline
    bool local_time = false;          // written without an offset: read in its place's zone
    std::string hour_precision;       // exact | approx | day | "" (unknown)
    std::string city_id;              // empty for non-city places
    Count participants, injured, detained, vehicles_burned, buildings_burned;
    std::string source_keys;          // "R5;R73"
    bool disputed = false;
    std::string disputed_note;
    std::string origin_name;          // foreign_troops: the other end of the movement
    std::optional<double> origin_lon_deg, origin_lat_deg;
    std::string movement;             // arrival | withdrawal | ""

    // Attributes the file had that qantar does not model, in file order (kept for export).
    std::vector<std::pair<std::string, std::string>> extra;

    // Resolved at load.
    int city_index = -1;    // into Dataset::cities, -1 if none
    int region_index = -1;  // into Dataset::regions, -1 if none or nationwide
    Vec2 pos_m;             // projected position
    std::optional<Vec2> origin_m;  // projected origin, foreign_troops only
};

}  // namespace qantar
