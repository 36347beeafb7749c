// The data model: events, cities, regions, context layers and the national tally.
// Plain value types; loading fills them (io/load.hpp), the timeline reads them (timeline.hpp).
// Coordinates travel as lon/lat degrees (WGS 84, lon first) and, after load, as projected
// metres (x_m, y_m) in the dataset's map projection. Nothing reprojects after load.
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

// qantar's own event classes; colour and legend follow this list.
enum class Category : std::uint8_t {
    PeacefulProtest,
    Riot,
    SecurityOperation,
    StateOfEmergency,
    PoliticalDecision,
    ForeignTroops,
    InternetShutdown,
};
constexpr int kCategoryCount = 7;

// "peaceful_protest", ... (the values of the `category` column).
std::string_view category_id(Category c);
// "Peaceful protest", ... (legend text, English).
std::string_view category_label(Category c);
std::optional<Category> parse_category(std::string_view id);
// For files without a `category` column (real ACLED files): from ACLED's event_type/sub_event_type.
Category category_from_acled(std::string_view event_type, std::string_view sub_event_type);
// Unrest is what spreads: peaceful protests and riots.
inline bool is_unrest(Category c) { return c == Category::PeacefulProtest || c == Category::Riot; }
inline bool is_violent(Category c) { return c == Category::Riot || c == Category::SecurityOperation; }

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

    // qantar fields.
    Category category = Category::PeacefulProtest;
    LocalTime start;
    std::optional<LocalTime> end;     // as given; see effective_end_utc_s in Timeline
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

struct City {
    std::string city_id, name_en, name_kk, name_ru;
    std::string admin1;     // the unit as it was in January 2022
    std::string region_id;  // the region polygon it lies in
    std::int64_t population = 0;
    double lon_deg = 0, lat_deg = 0;
    bool is_capital = false;
    std::string source;
    int region_index = -1;
    Vec2 pos_m;
};

// One polygon: rings[0] is the exterior, the rest are holes. Closed rings (first == last).
struct Polygon {
    std::vector<std::vector<Vec2>> rings;
};

struct Region {
    std::string region_id, name_en, name_kk, name_ru;
    std::string kind;         // region | city
    std::int32_t utc_offset_s = 0;
    std::string capital_city_id;
    std::vector<Polygon> polygons_deg;  // lon/lat, for export and point-in-polygon
    std::vector<Polygon> polygons_m;    // projected
    std::vector<Vec2> triangles_m;      // projected fill, 3 vertices per triangle (GEOS, at load)
    Vec2 label_m;                       // a point inside the region for its label
    int capital_city_index = -1;
};

// Context: the national outline, neighbouring countries, seas. Drawn, not analysed.
struct ContextFeature {
    std::string name_en, name_kk, name_ru, iso_a3;
    std::vector<Polygon> polygons_deg;  // lon/lat, as read
    std::vector<Polygon> polygons_m;    // projected
    std::vector<Vec2> triangles_m;
    Vec2 label_m;
};

// One announcement of national (or city) casualty and detention figures.
struct TallyEntry {
    std::string tally_id;
    LocalTime announced_at;
    std::string scope;   // national | almaty | ...
    Count killed, security_killed, injured, security_injured, hospitalised, intensive_care,
        detained, vehicles_burned, facilities_damaged;
    std::string announced_by, status, source_keys, source, note;  // status: official|withdrawn|unofficial
};

// One source a key (source_keys "R5;R73") stands for, as a person would cite it.
struct SourceRef {
    std::string key;             // "R1"
    std::string short_citation;  // "HRW, 26 Jan 2022": what the screen shows
    std::string outlet, date, title, url;  // the full entry (date: ISO 8601 or "")
};

// A record that was skipped on load (only with --skip-invalid), and why.
struct Skipped {
    std::string file, where, field, reason;
};

struct Dataset {
    std::vector<Event> events;  // sorted by start.utc_s, then by event_id_cnty
    std::vector<City> cities;
    std::vector<Region> regions;
    ContextFeature national_outline;
    std::vector<ContextFeature> countries;
    std::vector<ContextFeature> water;
    std::vector<TallyEntry> tally;  // sorted by announced_at
    std::vector<SourceRef> sources;  // the sources table (empty without one), in file order
    std::vector<Skipped> skipped;
    std::string crs;               // the projection used, as given (PROJ string or EPSG code)
    std::vector<std::string> input_files;  // every file read (export refuses to overwrite them)

    int find_city(std::string_view id_or_name) const;    // by id or any name, case-insensitive; -1
    int find_region(std::string_view id_or_name) const;  // by id or any name, case-insensitive; -1
    const SourceRef* find_source(std::string_view key) const;  // exact key; nullptr if none
    // The short citations of "R5;R73", in order, each once ("Kursiv, 11 Jan 2022 · TASS"); keys
    // the table lacks are left out (a key is machinery, never shown). Empty without a table.
    std::vector<std::string> citations(std::string_view source_keys) const;
};

}  // namespace qantar
