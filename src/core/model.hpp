// The data model: events, cities, regions, context layers and the national tally.
// Plain value types; loading fills them (io/load.hpp), the timeline reads them (timeline.hpp).
// Coordinates travel as lon/lat degrees (WGS 84, lon first) and, after load, as projected
// metres (x_m, y_m) in the dataset's map projection. Nothing reprojects after load.
#pragma once

#include "event_store.hpp"
#include "time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qantar {

// One text in the three label languages; kk and ru fall back to en.
struct StoryText {
    std::string en, kk, ru;
    const std::string& in(std::string_view lang) const {
        if (lang == "kk" && !kk.empty()) return kk;
        if (lang == "ru" && !ru.empty()) return ru;
        return en;
    }
    bool empty() const { return en.empty(); }
};

// What an active event of a category does to the state of its city or region (PlaceState).
enum class PlaceEffect : std::uint8_t { None, Emergency, Protest, Violence };

// A box in degrees. Longitudes may run past 180 (lon_max_deg up to 540) when the box crosses the
// antimeridian: Fiji's box is 176..182, not -180..180.
struct LonLatBox {
    double lon_min_deg = 0, lat_min_deg = 0, lon_max_deg = 0, lat_max_deg = 0;
    double width_deg() const { return lon_max_deg - lon_min_deg; }
    double height_deg() const { return lat_max_deg - lat_min_deg; }
    double centre_lon_deg() const;  // in [-180, 180)
    double centre_lat_deg() const { return (lat_min_deg + lat_max_deg) / 2; }
    bool crosses_antimeridian() const { return lon_max_deg > 180; }
    // The point in the box, its longitude taken modulo 360.
    bool contains(double lon_deg, double lat_deg) const;
    friend bool operator==(const LonLatBox&, const LonLatBox&) = default;
};

// One category of events: a row of the story's table (the manifest's [[categories]], or derived
// from the data when there is none). Events carry an index into Dataset::categories; everything
// the map does with a category follows these fields, never its id.
struct CategoryDef {
    std::string id;                       // the value in the data ("riot", "Protests", ...)
    std::string label_en, label_kk, label_ru;  // legend text; kk/ru empty: English
    std::uint32_t rgb = 0x969696;         // colour 0xRRGGBB
    PlaceEffect effect = PlaceEffect::None;  // the state its active events give their place
    bool spreads = false;    // counts for the spread tree and the day counter
    bool violent = false;    // an act of violence (its place shows violence)
    bool marker = true;      // drawn as a marker on the map (every category the data has is in the legend)
    bool banner = false;     // while active: a banner over the map, which greys out
    std::string banner_en, banner_kk, banner_ru;
    bool movement = false;   // a movement: drawn as an arc from the event's origin
    bool until_end = false;  // without an end it lasts until the end of the data
    std::int64_t default_duration_s = 12 * 3600;  // without an end (when not until_end)

    const std::string& label() const { return label_en.empty() ? id : label_en; }
};

// The category's legend text in "en", "kk" or "ru" (kk and ru fall back to English).
inline const std::string& category_label(const CategoryDef& c, std::string_view lang) {
    if (lang == "kk" && !c.label_kk.empty()) return c.label_kk;
    if (lang == "ru" && !c.label_ru.empty()) return c.label_ru;
    return c.label();
}

// An event's text in a language: the extra column "<field>_<lang>" ("notes_ru", "banner_kk") when
// the file has it and it is not blank, else `english` (the field itself). "en": always `english`.
std::string_view event_text(EventRef e, std::string_view field, std::string_view english, std::string_view lang);

// The category's index in `table` by id (ASCII case ignored), or -1.
int find_category(const std::vector<CategoryDef>& table, std::string_view id);

struct City {
    std::string city_id, name_en, name_kk, name_ru;
    std::string admin1;     // the unit as it was at the time of the events
    std::string region_id;  // the region polygon it lies in
    std::int64_t population = 0;
    double lon_deg = 0, lat_deg = 0;
    bool is_capital = false;
    std::string source;
    std::string time_zone;  // IANA name from the `tz` column, or ""
    std::shared_ptr<const ZoneRules> zone;  // its rules (io/time_zone), or null
    int region_index = -1;
    Vec2 pos_m;
};

// One polygon: rings[0] is the exterior, the rest are holes. Closed rings (first == last).
struct Polygon {
    std::vector<std::vector<Vec2>> rings;
};

struct Region {
    std::string region_id, name_en, name_kk, name_ru;
    std::string kind;         // region | city | country (a country as one region, on a world map)
    std::string iso_a3;       // the country's ISO 3166-1 alpha-3 code, when the file has it
    std::int32_t utc_offset_s = 0;  // the utc_offset column, else the nominal offset of its longitude
    std::string time_zone;          // IANA name from the `tz` column, or ""
    // The rules times without an offset are read in: the IANA zone, else the fixed utc_offset.
    std::shared_ptr<const ZoneRules> zone;
    std::string capital_city_id;
    std::vector<Polygon> polygons_deg;  // lon/lat, for export and point-in-polygon
    std::vector<Polygon> polygons_m;    // projected
    std::vector<Vec2> triangles_m;      // projected fill, 3 vertices per triangle (GEOS, at load)
    Vec2 label_m;                       // a point inside the region for its label
    Vec2 box_min_m, box_max_m;          // the projected exterior rings' bounding box (at load)
    int capital_city_index = -1;
};

// Context: the national outline, neighbouring countries, seas. Drawn, not analysed.
struct ContextFeature {
    std::string name_en, name_kk, name_ru, iso_a3;
    std::string time_zone;              // IANA name from a `tz` column (a world country's), or ""
    std::vector<Polygon> polygons_deg;  // lon/lat, as read
    std::vector<Polygon> polygons_m;    // projected
    std::vector<Vec2> triangles_m;
    Vec2 label_m;
};

// One announcement of national (or city) casualty and detention figures.
struct TallyEntry {
    std::string tally_id;
    LocalTime announced_at;
    std::string scope;   // national | a city id | ...
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

// The events that started on one local day (days since 1970-01-01 in the display zone) in one
// category (a Dataset::categories index).
struct DayCount {
    std::int64_t local_day = 0;
    int category = 0;
    std::int64_t count = 0;
};

// A record that was skipped on load (only with --skip-invalid), and why.
struct Skipped {
    std::string file, where, field, reason;
};

struct Dataset {
    std::vector<CategoryDef> categories;  // every event's category indexes this table
    std::string category_field;           // the column the categories came from ("": none)
    std::string title, subtitle;          // the story's, given, or derived from the events (core/title)
    std::string window_title;             // the window's ("": qantar and the title)
    // The story's texts on screen, each in en/kk/ru (the frame picks its language's).
    StoryText hud_header;                 // above the date ("": the title in capitals)
    StoryText day_counter, day_before;    // "Day {n} of the unrest", "Before the unrest"; "": none
    StoryText tally_heading;              // above the announced figures
    std::vector<std::string> tally_columns;  // TallyEntry figures the HUD shows ("killed", ...)
    StoryText city_region_label{"City", "", ""};  // what a region of kind "city" is called in panels
    StoryText data_note;                  // the data's credit line under a place's details ("": none)
    double seconds_per_day = 0;           // the story's animation speed (0: none; see animation_seconds_per_day)
    EventStore events;  // columns (core/event_store.hpp), sorted by start.utc_s, then by event_id_cnty
    std::vector<City> cities;
    std::vector<Region> regions;
    ContextFeature national_outline;
    std::vector<ContextFeature> countries;
    std::vector<ContextFeature> water;
    std::vector<TallyEntry> tally;  // sorted by announced_at
    std::vector<SourceRef> sources;  // the sources table (empty without one), in file order
    std::vector<Skipped> skipped;
    std::string crs;               // the projection used, as given (PROJ string or EPSG code)
    // The framing: the bulk of the events (core/framing.hpp) or --bbox, and how many fall outside.
    LonLatBox framing_deg;
    int outside_extent = 0;
    // True when zoom 1 shows the framing (a map of any place, or --bbox) rather than the country.
    bool frame_on_data = false;
    Vec2 framing_min_m, framing_max_m;  // the framing box projected (its edges sampled)
    std::vector<std::string> input_files;  // every file read (export refuses to overwrite them)
    // Times (issue 10): the events' time column and its form(s) ("iso8601", "epoch_ms", or
    // "iso8601+date" when text forms mix), the display zone (an IANA name, "per place" when the
    // events' places carry their own zones, else a fixed "UTC+06:00"), and a warning when some times
    // without an offset had no zone at all and were read as UTC.
    std::string time_field, time_format, time_zone, time_zone_warning;
    std::shared_ptr<const ZoneRules> display_zone;  // set when one zone is the display zone
    // Events per day and category counted by the events' database over all its rows, when only a
    // window of them was loaded (io/pg_source.hpp): the timeline's days come from these instead of
    // the loaded events. Empty: the timeline counts the loaded events.
    std::vector<DayCount> day_counts;

    const CategoryDef& category_of(const Event& e) const { return categories[static_cast<std::size_t>(e.category)]; }
    const CategoryDef& category_of(const EventRef& e) const { return categories[static_cast<std::size_t>(e.category())]; }
    const CategoryDef& category_of_event(std::size_t i) const { return categories[static_cast<std::size_t>(events.category(i))]; }
    int find_city(std::string_view id_or_name) const;    // by id or any name, case-insensitive; -1
    int find_region(std::string_view id_or_name) const;  // by id or any name, case-insensitive; -1
    const SourceRef* find_source(std::string_view key) const;  // exact key; nullptr if none
    // The short citations of "R5;R73", in order, each once ("Kursiv, 11 Jan 2022 · TASS"); keys
    // the table lacks are left out (a key is machinery, never shown). Empty without a table.
    std::vector<std::string> citations(std::string_view source_keys) const;
};

}  // namespace qantar
