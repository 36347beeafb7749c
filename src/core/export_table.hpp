// Export as tables: events, cities, regions, the spread tree and the national tally at a moment,
// built into rows and fields before io/export.hpp encodes them through GDAL's drivers (GeoJSON per
// RFC 7946, GeoPackage, FlatGeobuf, CSV, KML) and writes them. Pure C++.
//
// Contract, for every format:
// - Coordinates are WGS 84 longitude/latitude, rounded to 6 decimals for points and lines
//   (about 0.1 m) and 5 for polygons (about 1 m). Exterior rings are counter-clockwise, holes
//   clockwise.
// - Times are text, ISO 8601 with seconds and the UTC offset they were given with
//   ("2022-01-05T01:30:00+06:00"), so that no format loses the local offset. Null figures stay
//   null (never 0).
// - Output is a pure function of the data and the request: stable feature order, stable field
//   order, nothing taken from a clock, so the same input gives byte-identical files.
// - Files are written to a temporary file beside the destination and renamed into place; nothing
//   half-written is left behind, and the dataset's own input files are never overwritten.
//
// Layers (field order as written; "_so_far" figures are sums over the events started by `at`):
// - events: Point. ACLED's 31 columns in ACLED's order (event_id_cnty ... timestamp; `year` is the
//   local year of the start, `region` is ACLED's region), then qantar's (category, start_time,
//   end_time, hour_precision, city_id, participants, injured, detained, vehicles_burned,
//   buildings_burned, source_keys, disputed, disputed_note, origin_name, origin_latitude,
//   origin_longitude, movement), then the file's other columns as text. KML adds `name` and
//   `shown_until` (the effective end) for the TimeSpan.
// - cities: Point. city_id, name_en, name_kk, name_ru, admin1, region_id, population, is_capital,
//   latitude, longitude, source; at_time, state, first_event_time, first_event_id,
//   first_unrest_time, delay_after_root_h, spread_from, spread_delay_h, spread_distance_km,
//   events_so_far, participants/injured/killed/detained/vehicles_burned/buildings_burned_so_far.
// - regions: MultiPolygon. region_id, name_en, name_kk, name_ru, kind, utc_offset,
//   capital_city_id, cities_population (the sum over its listed cities); at_time, state,
//   first_event_time, first_unrest_time, delay_after_root_h, first_unrest_city, spread_from,
//   events_so_far and the same figures so far.
// - spread: LineString from the city to the city it spread from; the root (and any link whose two
//   cities round to one point) has a null geometry, never a zero-length line. order, city_id, city_name_en, from_city_id, from_city_name_en, first_event_id,
//   first_time, delay_h, distance_km (great circle), after_root_h.
// - tally: Point at the city the scope names, else at the capital (so that every format, KML's
//   time slider included, can hold it). The announcements made by `at` (without `at`: all of them,
//   even those dated after the last event), every column of tally.csv.
#pragma once

#include "timeline.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qantar {

// An export that could not be done: one line naming the destination and the reason.
class ExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ExportLayer : std::uint8_t { Events, Cities, Regions, Spread, Tally };
std::string_view export_layer_id(ExportLayer layer);  // "events", "cities", ...
std::optional<ExportLayer> parse_export_layer(std::string_view id);

enum class ExportFormat : std::uint8_t { GeoJSON, GeoPackage, FlatGeobuf, CSV, KML };
// By the file's extension, case-insensitive: .geojson/.json, .gpkg, .fgb, .csv, .kml.
// "-" (standard output) is GeoJSON. nullopt for anything else.
std::optional<ExportFormat> export_format_for_path(std::string_view path);

struct ExportRequest {
    ExportLayer layer = ExportLayer::Events;
    // The moment, UTC seconds: events that started by then (inclusive), statistics up to then.
    // nullopt: the end of the data (Timeline::end_utc_s).
    std::optional<std::int64_t> at_utc_s;
    // Events only: keep those active in the window (at - window_h, at] (Timeline::is_visible in
    // window mode). nullopt: every event started by `at` (cumulative).
    std::optional<double> window_h;
};

// The table model every layer is built into before GDAL writes it. Exposed so that tests and
// other front ends can inspect exactly what will be written.
enum class ExportFieldKind : std::uint8_t { String, Integer, Real, Boolean, Time };
struct ExportField {
    std::string name;
    ExportFieldKind kind = ExportFieldKind::String;
};
using ExportValue = std::variant<std::monostate, std::string, std::int64_t, double, bool, LocalTime>;

enum class ExportGeometryKind : std::uint8_t { None, Point, LineString, MultiPolygon };
struct ExportFeature {
    std::vector<Vec2> points_deg;        // Point: one; LineString: two or more (x = lon, y = lat)
    std::vector<Polygon> polygons_deg;   // MultiPolygon
    bool has_geometry = true;            // false: a null geometry
    std::vector<ExportValue> values;     // one per field, in field order
};
struct ExportTable {
    std::string name;  // the layer name written into the file ("events", ...)
    ExportGeometryKind geometry = ExportGeometryKind::Point;
    int coordinate_decimals = 6;
    std::vector<ExportField> fields;
    std::vector<ExportFeature> features;
    // KML only: the fields that become the placemark's name and its TimeSpan (begin/end) or
    // TimeStamp; empty when none.
    std::string kml_name_field, kml_begin_field, kml_end_field, kml_when_field;

    int field_index(std::string_view name) const;  // -1 when absent
};

// A slice of a layer's rows, so that a large export is built and written a slice at a time:
// rows [first, first + count) of those the request selects, in the same order. Only the events
// layer is sliced; the others are small and come whole in the slice that starts at 0.
struct ExportRows {
    std::size_t first = 0;
    std::size_t count = static_cast<std::size_t>(-1);
};

// Builds a layer as a table; for_kml adds KML's `name` (and the events' `shown_until`) and names
// the TimeSpan fields. Throws ExportError if the request makes no sense (a window <= 0). Every
// slice has the layer's fields, even an empty one.
ExportTable build_export_table(const Timeline& timeline, const ExportRequest& request, bool for_kml = false,
                               ExportRows rows = {});

// A layer built a slice at a time (a large export): the rows are selected once (for the events,
// a scan of every event), then slice(rows) gives what build_export_table(timeline, request,
// for_kml, rows) gives. slice() is const and may run on any thread. Throws like
// build_export_table when the request makes no sense.
class ExportSlicer {
public:
    ExportSlicer(const Timeline& timeline, const ExportRequest& request, bool for_kml = false);
    ~ExportSlicer();
    ExportSlicer(const ExportSlicer&) = delete;
    ExportSlicer& operator=(const ExportSlicer&) = delete;
    ExportTable slice(ExportRows rows) const;

private:
    struct Selection;
    const Timeline& timeline_;
    ExportRequest request_;
    bool for_kml_;
    std::unique_ptr<const Selection> selection_;  // the events layer's; null for the others
};

}  // namespace qantar
