// Internals of building export tables (export_table.hpp): a row builder that keeps fields and
// values in step, rounding, the moment of a request and the per-layer builders. Core only.
#pragma once

#include "export_table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar::export_detail {

double round_to(double v, int decimals);
ExportValue time_value(const std::optional<LocalTime>& t);

// Adds fields and values side by side so that they cannot drift apart: the table's first row
// also writes its fields. finish() appends the feature with the row's values.
class RowBuilder {
public:
    explicit RowBuilder(ExportTable& table) : table_(table), first_(table.features.empty()) {
        values_.reserve(first_ ? 64 : table.fields.size());  // one allocation a row, not one a doubling
    }
    void add(std::string_view name, ExportFieldKind kind, ExportValue value) {
        if (first_) table_.fields.push_back({std::string(name), kind});
        values_.push_back(std::move(value));
    }
    void str(std::string_view name, std::string_view v) { add(name, ExportFieldKind::String, std::string(v)); }
    void opt_str(std::string_view name, const std::string& v) {
        add(name, ExportFieldKind::String, v.empty() ? ExportValue{} : ExportValue{v});
    }
    void integer(std::string_view name, std::optional<std::int64_t> v) {
        add(name, ExportFieldKind::Integer, v ? ExportValue{*v} : ExportValue{});
    }
    void real(std::string_view name, std::optional<double> v, int decimals) {
        add(name, ExportFieldKind::Real, v ? ExportValue{round_to(*v, decimals)} : ExportValue{});
    }
    void boolean(std::string_view name, bool v) { add(name, ExportFieldKind::Boolean, v); }
    void time(std::string_view name, std::optional<LocalTime> v) {
        add(name, ExportFieldKind::Time, time_value(v));
    }
    void finish(ExportFeature feature) {
        feature.values = std::move(values_);
        table_.features.push_back(std::move(feature));
    }

private:
    ExportTable& table_;
    bool first_;
    std::vector<ExportValue> values_;
};

// An empty table of a layer.
ExportTable empty_table(std::string name, ExportGeometryKind geometry, int coordinate_decimals);
// KML only (else nothing): the placemark's name is the `name` field; begin/end make its TimeSpan,
// when its TimeStamp ("" for none).
void set_kml_fields(ExportTable& table, bool kml, std::string begin, std::string end = {}, std::string when = {});
// A place's KML name (KML only), its id and its three names, in that order.
template <class Place>
void add_place_names(RowBuilder& row, bool kml, std::string_view id_field, const std::string& id, const Place& place) {
    if (kml) row.str("name", place.name_en);
    row.str(id_field, id);
    row.str("name_en", place.name_en);
    row.str("name_kk", place.name_kk);
    row.str("name_ru", place.name_ru);
}
// Rounded to `decimals`, consecutive duplicates merged, rings closed, exteriors counter-clockwise
// and holes clockwise; rings and polygons that collapse are dropped.
std::vector<Polygon> rounded_polygons(const std::vector<Polygon>& polys, int decimals);
Vec2 rounded_point(double lon_deg, double lat_deg, int decimals);

constexpr int kPointDecimals = 6;    // ~0.1 m
constexpr int kPolygonDecimals = 5;  // ~1 m, well below the regions' own accuracy

struct Moment {
    std::int64_t at_utc_s;
    std::int32_t offset_s;
    LocalTime local() const { return {at_utc_s, offset_s}; }
};
Moment moment_of(const Timeline& tl, const ExportRequest& req);

// The time of the root's first unrest event (the spread tree's root), if any.
std::optional<std::int64_t> root_utc_s(const Timeline& tl);
std::optional<double> hours_between(std::int64_t from_utc_s, std::int64_t to_utc_s);

// The "_so_far" figures of a place.
void add_figures(RowBuilder& row, const Figures& f);

// A place's events that started by a moment: how many, the first, and the first unrest.
struct EventsSoFar {
    std::int64_t count = 0;
    std::optional<LocalTime> first_event, first_unrest;
    std::string first_event_id;
};
EventsSoFar events_so_far(const Dataset& data, const std::vector<std::size_t>& events, std::int64_t at_utc_s);

// What every slice of the events layer shares, worked out once: the moment, the chosen events
// (indices into the store, in order) and the names of the file's extra columns (a scan of every
// event).
struct EventsSelection {
    Moment moment{};
    std::vector<std::size_t> chosen;
    std::vector<std::string> extra_names;
};
EventsSelection select_events(const Timeline& tl, const ExportRequest& req, bool kml);

// One builder per layer; kml adds KML's fields.
// events_table: rows [first, first + count) of the chosen events (the whole layer by default).
ExportTable events_table(const Timeline& tl, const ExportRequest& req, bool kml, std::size_t first = 0,
                         std::size_t count = static_cast<std::size_t>(-1));
ExportTable events_table(const Timeline& tl, const EventsSelection& sel, bool kml, std::size_t first, std::size_t count);
ExportTable cities_table(const Timeline& tl, const ExportRequest& req, bool kml);
ExportTable regions_table(const Timeline& tl, const ExportRequest& req, bool kml);
ExportTable spread_table(const Timeline& tl, const ExportRequest& req, bool kml);
ExportTable tally_table(const Timeline& tl, const ExportRequest& req, bool kml);

}  // namespace qantar::export_detail
