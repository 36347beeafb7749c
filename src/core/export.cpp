// Export: the layers as tables, encoded through GDAL's vector drivers into memory (/vsimem/), then
// written to disk by plain POSIX calls so that write errors (a full disk) are caught and nothing
// half-written is left. Pulls in libgdal.
#include "export.hpp"
#include "text.hpp"

#include "error.hpp"
#include "gdal_util.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qantar {

namespace fs = std::filesystem;

std::string_view export_layer_id(ExportLayer layer) {
    switch (layer) {
    case ExportLayer::Events: return "events";
    case ExportLayer::Cities: return "cities";
    case ExportLayer::Regions: return "regions";
    case ExportLayer::Spread: return "spread";
    case ExportLayer::Tally: return "tally";
    }
    return "events";
}

std::optional<ExportLayer> parse_export_layer(std::string_view id) {
    for (ExportLayer l : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Regions,
                          ExportLayer::Spread, ExportLayer::Tally})
        if (export_layer_id(l) == id) return l;
    return std::nullopt;
}

namespace {

}  // namespace

std::optional<ExportFormat> export_format_for_path(std::string_view path) {
    if (path == "-") return ExportFormat::GeoJSON;
    std::string p = lower(path);
    if (ends_with(p, ".geojson") || ends_with(p, ".json")) return ExportFormat::GeoJSON;
    if (ends_with(p, ".gpkg")) return ExportFormat::GeoPackage;
    if (ends_with(p, ".fgb")) return ExportFormat::FlatGeobuf;
    if (ends_with(p, ".csv")) return ExportFormat::CSV;
    if (ends_with(p, ".kml")) return ExportFormat::KML;
    return std::nullopt;
}

std::string_view export_format_driver(ExportFormat format) {
    switch (format) {
    case ExportFormat::GeoJSON: return "GeoJSON";
    case ExportFormat::GeoPackage: return "GPKG";
    case ExportFormat::FlatGeobuf: return "FlatGeobuf";
    case ExportFormat::CSV: return "CSV";
    case ExportFormat::KML: return "LIBKML";
    }
    return "GeoJSON";
}

static std::string_view format_extension(ExportFormat format) {
    switch (format) {
    case ExportFormat::GeoJSON: return "geojson";
    case ExportFormat::GeoPackage: return "gpkg";
    case ExportFormat::FlatGeobuf: return "fgb";
    case ExportFormat::CSV: return "csv";
    case ExportFormat::KML: return "kml";
    }
    return "geojson";
}

int ExportTable::field_index(std::string_view field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------------------------------------
// Building the tables.

namespace {

double round_to(double v, int decimals) {
    double scale = std::pow(10.0, decimals);
    double r = std::round(v * scale) / scale;
    return r == 0.0 ? 0.0 : r;  // no "-0"
}

ExportValue time_value(const std::optional<LocalTime>& t) {
    if (!t) return std::monostate{};
    return *t;
}

// The local calendar year of a time.
std::int64_t local_year(const LocalTime& t) { return civil_from_days(local_day(t)).y; }

// Adds fields and values side by side so that they cannot drift apart.
class RowBuilder {
public:
    explicit RowBuilder(ExportTable& table, bool first_row) : table_(table), first_(first_row) {}
    void add(std::string_view name, ExportFieldKind kind, ExportValue value) {
        if (first_) table_.fields.push_back({std::string(name), kind});
        values_.push_back(std::move(value));
    }
    void str(std::string_view name, const std::string& v) { add(name, ExportFieldKind::String, v); }
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
    std::vector<ExportValue> take() { return std::move(values_); }

private:
    ExportTable& table_;
    bool first_;
    std::vector<ExportValue> values_;
};

void orient_polygon(Polygon& p) {
    // Shoelace: positive area is counter-clockwise in lon/lat.
    for (std::size_t r = 0; r < p.rings.size(); ++r) {
        auto& ring = p.rings[r];
        double area2 = 0;
        for (std::size_t i = 0; i + 1 < ring.size(); ++i)
            area2 += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
        bool ccw = area2 > 0;
        if ((r == 0) != ccw) std::reverse(ring.begin(), ring.end());
    }
}

std::vector<Polygon> rounded_polygons(const std::vector<Polygon>& polys, int decimals) {
    std::vector<Polygon> out;
    for (const Polygon& p : polys) {
        Polygon q;
        for (const auto& ring : p.rings) {
            std::vector<Vec2> r;
            for (const Vec2& v : ring) {
                Vec2 w{round_to(v.x, decimals), round_to(v.y, decimals)};
                if (r.empty() || !(r.back() == w)) r.push_back(w);  // rounding can merge vertices
            }
            if (r.size() >= 2 && !(r.front() == r.back())) r.push_back(r.front());
            if (r.size() >= 4) q.rings.push_back(std::move(r));
            else if (q.rings.empty()) break;  // a collapsed exterior drops the polygon
        }
        if (!q.rings.empty()) {
            orient_polygon(q);
            out.push_back(std::move(q));
        }
    }
    return out;
}

Vec2 rounded_point(double lon_deg, double lat_deg, int decimals) {
    return {round_to(lon_deg, decimals), round_to(lat_deg, decimals)};
}

constexpr int kPointDecimals = 6;    // ~0.1 m
constexpr int kPolygonDecimals = 5;  // ~1 m, well below the regions' own accuracy

struct Moment {
    std::int64_t at_utc_s;
    std::int32_t offset_s;
    LocalTime local() const { return {at_utc_s, offset_s}; }
};

Moment moment_of(const Timeline& tl, const ExportRequest& req) {
    return {req.at_utc_s.value_or(tl.end_utc_s()), tl.display_offset_s()};
}

// The time of the root's first unrest event (Zhanaozen in the bundled data), if any.
std::optional<std::int64_t> root_utc_s(const Timeline& tl) {
    if (tl.spread().empty()) return std::nullopt;
    return tl.spread().front().first_utc_s;
}

const std::vector<std::string_view>& modelled_event_fields() {
    static const std::vector<std::string_view> names = {
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
        "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
        "notes", "fatalities", "tags", "timestamp", "category", "start_time", "end_time",
        "hour_precision", "city_id", "participants", "injured", "detained", "vehicles_burned",
        "buildings_burned", "source_keys", "disputed", "disputed_note", "origin_name",
        "origin_latitude", "origin_longitude", "movement"};
    return names;
}

ExportTable events_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    ExportTable table;
    table.name = "events";
    table.geometry = ExportGeometryKind::Point;
    table.coordinate_decimals = kPointDecimals;

    std::vector<std::size_t> chosen;
    if (req.window_h) {
        TimeSettings s{TimeMode::Window, *req.window_h};
        chosen = tl.visible_events(static_cast<double>(m.at_utc_s), s);
    } else {
        std::size_t n = tl.count_started(static_cast<double>(m.at_utc_s));
        for (std::size_t i = 0; i < n; ++i) chosen.push_back(i);
    }
    // Belt and braces: the cut is "started by at", whatever the window says.
    std::erase_if(chosen, [&](std::size_t i) { return data.events[i].start.utc_s > m.at_utc_s; });

    // The extra columns: the union over all events (not only the chosen ones, so that the schema
    // does not depend on the moment), in order of first appearance, minus any clash with ours.
    std::vector<std::string> extra_names;
    {
        std::vector<std::string> taken;
        for (auto n : modelled_event_fields()) taken.push_back(std::string(n));
        if (kml) for (auto n : {"name", "shown_until"}) taken.push_back(n);
        // Geometry echoes of a CSV read back (X, Y, WKT) are written by the CSV driver itself.
        for (auto n : {"x", "y", "wkt"}) taken.push_back(n);
        for (const Event& e : data.events)
            for (const auto& [k, v] : e.extra) {
                std::string lk = lower(k);
                if (std::find(taken.begin(), taken.end(), lk) != taken.end()) continue;
                taken.push_back(lk);
                extra_names.push_back(k);
            }
    }

    bool first = true;
    for (std::size_t i : chosen) {
        const Event& e = data.events[i];
        RowBuilder row(table, first);
        if (kml) row.str("name", e.location.empty() ? e.event_id_cnty : e.location);
        row.str("event_id_cnty", e.event_id_cnty);
        row.str("event_date", e.event_date);
        row.integer("year", local_year(e.start));
        row.integer("time_precision", e.time_precision > 0 ? Count{e.time_precision} : Count{});
        row.str("disorder_type", e.disorder_type);
        row.str("event_type", e.event_type);
        row.str("sub_event_type", e.sub_event_type);
        row.str("actor1", e.actor1);
        row.str("assoc_actor_1", e.assoc_actor_1);
        row.str("inter1", e.inter1);
        row.str("actor2", e.actor2);
        row.str("assoc_actor_2", e.assoc_actor_2);
        row.str("inter2", e.inter2);
        row.str("interaction", e.interaction);
        row.str("civilian_targeting", e.civilian_targeting);
        row.str("iso", e.iso);
        row.str("region", e.acled_region);
        row.str("country", e.country);
        row.str("admin1", e.admin1);
        row.str("admin2", e.admin2);
        row.str("admin3", e.admin3);
        row.str("location", e.location);
        row.real("latitude", e.lat_deg, kPointDecimals);
        row.real("longitude", e.lon_deg, kPointDecimals);
        row.integer("geo_precision", e.geo_precision > 0 ? Count{e.geo_precision} : Count{});
        row.str("source", e.source);
        row.str("source_scale", e.source_scale);
        row.str("notes", e.notes);
        row.integer("fatalities", e.fatalities);
        row.str("tags", e.tags);
        row.str("timestamp", e.timestamp);
        row.str("category", std::string(category_id(e.category)));
        row.time("start_time", e.start);
        row.time("end_time", e.end);
        if (kml) row.time("shown_until", LocalTime{tl.end_of(i), e.start.offset_s});
        row.str("hour_precision", e.hour_precision);
        row.str("city_id", e.city_id);
        row.integer("participants", e.participants);
        row.integer("injured", e.injured);
        row.integer("detained", e.detained);
        row.integer("vehicles_burned", e.vehicles_burned);
        row.integer("buildings_burned", e.buildings_burned);
        row.str("source_keys", e.source_keys);
        row.boolean("disputed", e.disputed);
        row.str("disputed_note", e.disputed_note);
        row.str("origin_name", e.origin_name);
        row.real("origin_latitude", e.origin_lat_deg, kPointDecimals);
        row.real("origin_longitude", e.origin_lon_deg, kPointDecimals);
        row.str("movement", e.movement);
        for (const auto& name : extra_names) {
            ExportValue v;
            for (const auto& [k, val] : e.extra)
                if (k == name) v = val;
            row.add(name, ExportFieldKind::String, v);
        }
        ExportFeature f;
        f.points_deg.push_back(rounded_point(e.lon_deg, e.lat_deg, kPointDecimals));
        f.values = row.take();
        table.features.push_back(std::move(f));
        first = false;
    }
    if (kml) {
        table.kml_name_field = "name";
        table.kml_begin_field = "start_time";
        table.kml_end_field = "shown_until";
    }
    return table;
}

void add_figures(RowBuilder& row, const Figures& f) {
    row.integer("participants_so_far", f.participants);
    row.integer("injured_so_far", f.injured);
    row.integer("killed_so_far", f.killed);
    row.integer("detained_so_far", f.detained);
    row.integer("vehicles_burned_so_far", f.vehicles_burned);
    row.integer("buildings_burned_so_far", f.buildings_burned);
}

std::optional<double> hours_between(std::int64_t from_utc_s, std::int64_t to_utc_s) {
    return static_cast<double>(to_utc_s - from_utc_s) / 3600.0;
}

// A place's events that started by a moment: how many, the first, and the first unrest.
struct EventsSoFar {
    std::int64_t count = 0;
    std::optional<LocalTime> first_event, first_unrest;
    std::string first_event_id;
};

EventsSoFar events_so_far(const Dataset& data, const std::vector<std::size_t>& events, std::int64_t at_utc_s) {
    EventsSoFar out;
    for (std::size_t i : events) {
        const Event& e = data.events[i];
        if (e.start.utc_s > at_utc_s) continue;
        ++out.count;
        if (!out.first_event || e.start.utc_s < out.first_event->utc_s) {
            out.first_event = e.start;
            out.first_event_id = e.event_id_cnty;
        }
        if (is_unrest(e.category) && (!out.first_unrest || e.start.utc_s < out.first_unrest->utc_s))
            out.first_unrest = e.start;
    }
    return out;
}

ExportTable cities_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    double t = static_cast<double>(m.at_utc_s);
    auto root = root_utc_s(tl);
    ExportTable table;
    table.name = "cities";
    table.geometry = ExportGeometryKind::Point;
    table.coordinate_decimals = kPointDecimals;
    bool first = true;
    for (std::size_t c = 0; c < data.cities.size(); ++c) {
        const City& city = data.cities[c];
        int ci = static_cast<int>(c);
        RowBuilder row(table, first);
        if (kml) row.str("name", city.name_en);
        row.str("city_id", city.city_id);
        row.str("name_en", city.name_en);
        row.str("name_kk", city.name_kk);
        row.str("name_ru", city.name_ru);
        row.str("admin1", city.admin1);
        row.str("region_id", city.region_id);
        row.integer("population", city.population > 0 ? Count{city.population} : Count{});
        row.boolean("is_capital", city.is_capital);
        row.real("latitude", city.lat_deg, kPointDecimals);
        row.real("longitude", city.lon_deg, kPointDecimals);
        row.str("source", city.source);

        // State and statistics at the moment.
        row.time("at_time", m.local());
        row.str("state", std::string(place_state_id(tl.city_state(ci, t))));
        const EventsSoFar so_far = events_so_far(data, tl.city_events(ci), m.at_utc_s);
        row.time("first_event_time", so_far.first_event);
        row.opt_str("first_event_id", so_far.first_event_id);
        const SpreadLink* link = tl.spread_link(ci);
        bool reached = link && link->first_utc_s <= m.at_utc_s;
        std::optional<LocalTime> first_unrest;
        if (reached) first_unrest = data.events[link->first_event].start;
        row.time("first_unrest_time", first_unrest);
        row.real("delay_after_root_h",
                 reached && root ? hours_between(*root, link->first_utc_s) : std::nullopt, 2);
        bool has_from = reached && link->from_city >= 0;
        row.opt_str("spread_from", has_from ? data.cities[link->from_city].city_id : std::string());
        row.real("spread_delay_h", has_from ? std::optional<double>(link->delay_h) : std::nullopt, 2);
        row.real("spread_distance_km",
                 has_from ? std::optional<double>(link->distance_km) : std::nullopt, 1);
        row.integer("events_so_far", so_far.count);
        add_figures(row, tl.city_figures(ci, t));

        ExportFeature f;
        f.points_deg.push_back(rounded_point(city.lon_deg, city.lat_deg, kPointDecimals));
        f.values = row.take();
        table.features.push_back(std::move(f));
        first = false;
    }
    if (kml) {
        table.kml_name_field = "name";
        table.kml_begin_field = "first_unrest_time";  // the city lights up when unrest reaches it
    }
    return table;
}

ExportTable regions_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    double t = static_cast<double>(m.at_utc_s);
    auto root = root_utc_s(tl);
    ExportTable table;
    table.name = "regions";
    table.geometry = ExportGeometryKind::MultiPolygon;
    table.coordinate_decimals = kPolygonDecimals;
    bool first = true;
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
        const Region& region = data.regions[r];
        int ri = static_cast<int>(r);
        RowBuilder row(table, first);
        if (kml) row.str("name", region.name_en);
        row.str("region_id", region.region_id);
        row.str("name_en", region.name_en);
        row.str("name_kk", region.name_kk);
        row.str("name_ru", region.name_ru);
        row.str("kind", region.kind);
        row.str("utc_offset", format_utc_offset(region.utc_offset_s));
        row.opt_str("capital_city_id", region.capital_city_id);
        std::int64_t pop = 0;
        bool any_pop = false;
        for (const City& c : data.cities)
            if (c.region_index == ri && c.population > 0) {
                pop += c.population;
                any_pop = true;
            }
        row.integer("cities_population", any_pop ? Count{pop} : Count{});

        row.time("at_time", m.local());
        row.str("state", std::string(place_state_id(tl.region_state(ri, t))));
        const EventsSoFar so_far = events_so_far(data, tl.region_events(ri), m.at_utc_s);
        const std::optional<LocalTime>& first_unrest = so_far.first_unrest;
        // The region's earliest reached city in the spread tree.
        const SpreadLink* earliest = nullptr;
        for (const SpreadLink& link : tl.spread())
            if (link.first_utc_s <= m.at_utc_s && link.city >= 0 &&
                data.cities[link.city].region_index == ri &&
                (!earliest || link.first_utc_s < earliest->first_utc_s))
                earliest = &link;
        row.time("first_event_time", so_far.first_event);
        row.time("first_unrest_time", first_unrest);
        row.real("delay_after_root_h",
                 first_unrest && root ? hours_between(*root, first_unrest->utc_s) : std::nullopt, 2);
        row.opt_str("first_unrest_city", earliest ? data.cities[earliest->city].city_id : std::string());
        row.opt_str("spread_from", earliest && earliest->from_city >= 0
                                       ? data.cities[earliest->from_city].city_id
                                       : std::string());
        row.integer("events_so_far", so_far.count);
        add_figures(row, tl.region_figures(ri, t));

        ExportFeature f;
        f.polygons_deg = rounded_polygons(region.polygons_deg, kPolygonDecimals);
        f.has_geometry = !f.polygons_deg.empty();
        f.values = row.take();
        table.features.push_back(std::move(f));
        first = false;
    }
    if (kml) table.kml_name_field = "name";
    return table;
}

ExportTable spread_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    ExportTable table;
    table.name = "spread";
    table.geometry = ExportGeometryKind::LineString;
    table.coordinate_decimals = kPointDecimals;
    bool first = true;
    int order = 0;
    for (const SpreadLink& link : tl.spread()) {
        ++order;
        if (link.first_utc_s > m.at_utc_s || link.city < 0) continue;
        const City& city = data.cities[link.city];
        const City* from = link.from_city >= 0 ? &data.cities[link.from_city] : nullptr;
        const Event& e = data.events[link.first_event];
        RowBuilder row(table, first);
        if (kml) row.str("name", from ? from->name_en + " \u2192 " + city.name_en : city.name_en);
        row.integer("order", order);
        row.str("city_id", city.city_id);
        row.str("city_name_en", city.name_en);
        row.opt_str("from_city_id", from ? from->city_id : std::string());
        row.opt_str("from_city_name_en", from ? from->name_en : std::string());
        row.str("first_event_id", e.event_id_cnty);
        row.time("first_time", e.start);
        row.real("delay_h", link.delay_h, 2);
        row.real("distance_km", link.distance_km, 1);
        row.real("after_root_h", link.after_root_h, 2);
        ExportFeature f;
        // From the city to the city it spread from; the root is a zero-length line at itself.
        f.points_deg.push_back(rounded_point(city.lon_deg, city.lat_deg, kPointDecimals));
        const City& to = from ? *from : city;
        f.points_deg.push_back(rounded_point(to.lon_deg, to.lat_deg, kPointDecimals));
        f.values = row.take();
        table.features.push_back(std::move(f));
        first = false;
    }
    if (kml) {
        table.kml_name_field = "name";
        table.kml_begin_field = "first_time";
    }
    return table;
}

ExportTable tally_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    ExportTable table;
    table.name = "tally";
    table.geometry = ExportGeometryKind::Point;
    table.coordinate_decimals = kPointDecimals;
    int capital = -1;
    for (std::size_t c = 0; c < data.cities.size(); ++c)
        if (data.cities[c].is_capital) capital = static_cast<int>(c);
    bool first = true;
    for (const TallyEntry& t : data.tally) {
        if (t.announced_at.utc_s > m.at_utc_s) continue;
        RowBuilder row(table, first);
        if (kml) row.str("name", t.tally_id);
        row.str("tally_id", t.tally_id);
        row.time("announced_at", t.announced_at);
        row.str("scope", t.scope);
        row.integer("killed", t.killed);
        row.integer("security_killed", t.security_killed);
        row.integer("injured", t.injured);
        row.integer("security_injured", t.security_injured);
        row.integer("hospitalised", t.hospitalised);
        row.integer("intensive_care", t.intensive_care);
        row.integer("detained", t.detained);
        row.integer("vehicles_burned", t.vehicles_burned);
        row.integer("facilities_damaged", t.facilities_damaged);
        row.str("announced_by", t.announced_by);
        row.str("status", t.status);
        row.str("source_keys", t.source_keys);
        row.str("source", t.source);
        row.str("note", t.note);
        // Placed at the city the scope names (a city tally), else at the capital.
        int at_city = t.scope == "national" ? -1 : data.find_city(t.scope);
        if (at_city < 0) at_city = capital;
        ExportFeature f;
        if (at_city >= 0) {
            const City& c = data.cities[at_city];
            f.points_deg.push_back(rounded_point(c.lon_deg, c.lat_deg, kPointDecimals));
        } else {
            f.has_geometry = false;
        }
        f.values = row.take();
        table.features.push_back(std::move(f));
        first = false;
    }
    if (kml) {
        table.kml_name_field = "name";
        table.kml_when_field = "announced_at";
    }
    return table;
}

// The field list of a layer with no rows: built from a dummy row so that it matches the real one.
void ensure_schema(ExportTable& table, const Timeline& tl, const ExportRequest& req, bool kml);

ExportTable build_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    if (req.window_h && !(*req.window_h > 0))
        throw ExportError("--window must be a positive number of hours");
    ExportTable table;
    switch (req.layer) {
    case ExportLayer::Events: table = events_table(tl, req, kml); break;
    case ExportLayer::Cities: table = cities_table(tl, req, kml); break;
    case ExportLayer::Regions: table = regions_table(tl, req, kml); break;
    case ExportLayer::Spread: table = spread_table(tl, req, kml); break;
    case ExportLayer::Tally: table = tally_table(tl, req, kml); break;
    }
    if (table.fields.empty()) ensure_schema(table, tl, req, kml);
    return table;
}

void ensure_schema(ExportTable& table, const Timeline& tl, const ExportRequest& req, bool kml) {
    // Rebuild at the end of time (where every layer that has data has rows) and keep the fields.
    ExportRequest all = req;
    all.at_utc_s = std::numeric_limits<std::int64_t>::max() / 2;
    all.window_h.reset();
    ExportTable full;
    switch (req.layer) {
    case ExportLayer::Events: full = events_table(tl, all, kml); break;
    case ExportLayer::Cities: full = cities_table(tl, all, kml); break;
    case ExportLayer::Regions: full = regions_table(tl, all, kml); break;
    case ExportLayer::Spread: full = spread_table(tl, all, kml); break;
    case ExportLayer::Tally: full = tally_table(tl, all, kml); break;
    }
    table.fields = std::move(full.fields);
}

}  // namespace

ExportTable build_export_table(const Timeline& timeline, const ExportRequest& request) {
    return build_table(timeline, request, false);
}

// ---------------------------------------------------------------------------------------------
// Encoding through GDAL.

namespace {

struct FeatureDeleter {
    void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};

// A fresh /vsimem/ directory, removed with everything in it when this goes away.
class MemDir {
public:
    MemDir() {
        static std::atomic<unsigned> counter{0};
        path_ = "/vsimem/qantar-export-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1));
        VSIMkdir(path_.c_str(), 0755);
    }
    ~MemDir() { VSIRmdirRecursive(path_.c_str()); }
    MemDir(const MemDir&) = delete;
    MemDir& operator=(const MemDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

OGRwkbGeometryType ogr_type(ExportGeometryKind kind) {
    switch (kind) {
    case ExportGeometryKind::None: return wkbNone;
    case ExportGeometryKind::Point: return wkbPoint;
    case ExportGeometryKind::LineString: return wkbLineString;
    case ExportGeometryKind::MultiPolygon: return wkbMultiPolygon;
    }
    return wkbUnknown;
}

OGRGeometry* make_geometry(const ExportTable& table, const ExportFeature& f) {
    if (!f.has_geometry) return nullptr;
    switch (table.geometry) {
    case ExportGeometryKind::None: return nullptr;
    case ExportGeometryKind::Point:
        if (f.points_deg.empty()) return nullptr;
        return new OGRPoint(f.points_deg[0].x, f.points_deg[0].y);
    case ExportGeometryKind::LineString: {
        auto* line = new OGRLineString();
        for (const Vec2& v : f.points_deg) line->addPoint(v.x, v.y);
        return line;
    }
    case ExportGeometryKind::MultiPolygon: {
        auto* multi = new OGRMultiPolygon();
        for (const Polygon& p : f.polygons_deg) {
            OGRPolygon poly;
            for (const auto& ring : p.rings) {
                OGRLinearRing r;
                for (const Vec2& v : ring) r.addPoint(v.x, v.y);
                poly.addRing(&r);
            }
            multi->addGeometry(&poly);
        }
        return multi;
    }
    }
    return nullptr;
}

std::string fail_message(const gdal::ErrorCapture& errors, const std::string& what) {
    std::string msg = what;
    if (!errors.last_error().empty()) msg += ": " + errors.last_error();
    return msg;
}

void write_table(GDALDataset& ds, const ExportTable& table, ExportFormat format,
                 gdal::ErrorCapture& errors) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    // LIBKML reads which fields become <name>, <TimeSpan> and <TimeStamp> from config options;
    // thread-local so that nothing leaks to other threads. Unused names point at no field.
    auto opt = [](const std::string& s) { return s.empty() ? std::string("-qantar-none-") : s; };
    CPLConfigOptionSetter name_opt("LIBKML_NAME_FIELD", opt(table.kml_name_field).c_str(), false);
    CPLConfigOptionSetter desc_opt("LIBKML_DESCRIPTION_FIELD", "-qantar-none-", false);
    CPLConfigOptionSetter begin_opt("LIBKML_BEGIN_FIELD", opt(table.kml_begin_field).c_str(), false);
    CPLConfigOptionSetter end_opt("LIBKML_END_FIELD", opt(table.kml_end_field).c_str(), false);
    CPLConfigOptionSetter when_opt("LIBKML_TIMESTAMP_FIELD", opt(table.kml_when_field).c_str(), false);

    CPLStringList lco;
    switch (format) {
    case ExportFormat::GeoJSON:
        lco.SetNameValue("RFC7946", "YES");
        lco.SetNameValue("COORDINATE_PRECISION", std::to_string(table.coordinate_decimals).c_str());
        lco.SetNameValue("WRITE_NAME", "YES");
        break;
    case ExportFormat::CSV:
        lco.SetNameValue("GEOMETRY",
                         table.geometry == ExportGeometryKind::Point ? "AS_XY" : "AS_WKT");
        lco.SetNameValue("LINEFORMAT", "LF");
        lco.SetNameValue("STRING_QUOTING", "IF_NEEDED");
        break;
    case ExportFormat::FlatGeobuf:
        // Keep our feature order (the spatial index would reorder features along a Hilbert curve).
        // GDAL 3.6 writes no file at all for an empty layer without the index, and the index of
        // nothing is only the header: so the index is asked for only when there is nothing.
        lco.SetNameValue("SPATIAL_INDEX", table.features.empty() ? "YES" : "NO");
        break;
    case ExportFormat::GeoPackage:
    case ExportFormat::KML:
        break;
    }
    OGRwkbGeometryType gtype = ogr_type(table.geometry);
    if (format == ExportFormat::CSV && table.geometry != ExportGeometryKind::Point) gtype = wkbUnknown;
    OGRLayer* layer = ds.CreateLayer(table.name.c_str(), gtype == wkbNone ? nullptr : &wgs84, gtype,
                                     lco.List());
    if (!layer) throw ExportError(fail_message(errors, "cannot create layer " + table.name));

    for (const ExportField& field : table.fields) {
        OGRFieldType type = OFTString;
        OGRFieldSubType sub = OFSTNone;
        switch (field.kind) {
        case ExportFieldKind::String: type = OFTString; break;
        case ExportFieldKind::Time: type = OFTString; break;  // ISO 8601 text keeps the offset
        case ExportFieldKind::Integer: type = OFTInteger64; break;
        case ExportFieldKind::Real: type = OFTReal; break;
        case ExportFieldKind::Boolean: type = OFTInteger; sub = OFSTBoolean; break;
        }
        OGRFieldDefn defn(field.name.c_str(), type);
        defn.SetSubType(sub);
        if (layer->CreateField(&defn) != OGRERR_NONE)
            throw ExportError(fail_message(errors, "cannot create field " + field.name));
    }

    OGRFeatureDefn* fdefn = layer->GetLayerDefn();
    if (fdefn->GetFieldCount() != static_cast<int>(table.fields.size()))
        throw ExportError("the " + std::string(export_format_driver(format)) +
                          " driver did not keep every field of layer " + table.name);
    for (const ExportFeature& f : table.features) {
        std::unique_ptr<OGRFeature, FeatureDeleter> feat(OGRFeature::CreateFeature(fdefn));
        for (std::size_t i = 0; i < table.fields.size(); ++i) {
            int idx = static_cast<int>(i);
            const ExportValue& v = f.values[i];
            if (std::holds_alternative<std::monostate>(v)) feat->SetFieldNull(idx);
            else if (auto* s = std::get_if<std::string>(&v)) feat->SetField(idx, s->c_str());
            else if (auto* n = std::get_if<std::int64_t>(&v))
                feat->SetField(idx, static_cast<GIntBig>(*n));
            else if (auto* d = std::get_if<double>(&v)) feat->SetField(idx, *d);
            else if (auto* b = std::get_if<bool>(&v)) feat->SetField(idx, *b ? 1 : 0);
            else if (auto* t = std::get_if<LocalTime>(&v))
                feat->SetField(idx, format_iso8601(*t).c_str());
        }
        if (OGRGeometry* g = make_geometry(table, f)) {
            g->assignSpatialReference(&wgs84);
            feat->SetGeometryDirectly(g);
        }
        if (layer->CreateFeature(feat.get()) != OGRERR_NONE)
            throw ExportError(fail_message(errors, "cannot write a feature of layer " + table.name));
    }
    if (layer->SyncToDisk() != OGRERR_NONE)
        throw ExportError(fail_message(errors, "cannot write layer " + table.name));
}

}  // namespace

std::string encode_export(const std::vector<ExportTable>& tables, ExportFormat format) {
    gdal::ensure_registered();
    if (tables.empty()) throw ExportError("nothing to export");
    if (tables.size() > 1 && format != ExportFormat::GeoPackage)
        throw ExportError("only a GeoPackage holds several layers");
    std::string driver_name(export_format_driver(format));
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw ExportError("this GDAL has no " + driver_name + " driver");

    gdal::ErrorCapture errors;
    MemDir dir;
    // The file's base name is the layer name: some drivers record it (so it must not vary).
    std::string path = dir.path() + "/" + tables.front().name + "." +
                       std::string(format_extension(format));
    // GeoPackage: a fixed date in gpkg_contents.last_change, so that the file does not depend on
    // the clock.
    CPLConfigOptionSetter gpkg_date("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z", false);
    CPLStringList dsco;
    {
        gdal::DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
        if (!ds) throw ExportError(fail_message(errors, "GDAL's " + driver_name + " driver cannot create a file"));
        for (const ExportTable& t : tables) write_table(*ds, t, format, errors);
        ds->FlushCache(true);
    }  // closed: every driver has written its file now
    if (!errors.last_error().empty())
        throw ExportError("GDAL's " + driver_name + " driver failed: " + errors.last_error());

    vsi_l_offset size = 0;
    GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
    if (!bytes) throw ExportError("GDAL's " + driver_name + " driver wrote no file");
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

// ---------------------------------------------------------------------------------------------
// Writing to disk.

namespace {

std::string errno_text(int err) { return std::strerror(err); }

void write_all(int fd, const std::string& bytes, const std::string& shown) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw ExportError("cannot write " + shown + ": " + errno_text(errno));
        }
        if (n == 0) throw ExportError("cannot write " + shown + ": " + errno_text(ENOSPC));
        done += static_cast<std::size_t>(n);
    }
}

bool same_file(const fs::path& a, const std::string& b) {
    std::error_code ec;
    fs::path ca = fs::weakly_canonical(a, ec);
    if (ec) ca = fs::absolute(a);
    fs::path cb = fs::weakly_canonical(fs::path(b), ec);
    if (ec) cb = fs::absolute(fs::path(b));
    if (ca == cb) return true;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return false;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes,
                           const std::vector<std::string>& protected_files) {
    if (path == "-") {
        std::fflush(stdout);
        write_all(STDOUT_FILENO, bytes, "standard output");
        return;
    }
    fs::path out(path);
    for (const std::string& in : protected_files)
        if (same_file(out, in))
            throw ExportError("refusing to overwrite " + path + ": it is one of the input files");
    std::error_code ec;
    if (fs::is_directory(out, ec)) throw ExportError("cannot write " + path + ": it is a directory");

    fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    static std::atomic<unsigned> counter{0};
    fs::path tmp = dir / ("." + out.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter.fetch_add(1)));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) throw ExportError("cannot write " + path + ": " + errno_text(errno));
    try {
        write_all(fd, bytes, path);
        if (::fsync(fd) != 0) throw ExportError("cannot write " + path + ": " + errno_text(errno));
        int rc = ::close(fd);
        fd = -1;
        if (rc != 0) throw ExportError("cannot write " + path + ": " + errno_text(errno));
        if (::rename(tmp.c_str(), out.c_str()) != 0)
            throw ExportError("cannot write " + path + ": " + errno_text(errno));
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
}

void export_layer(const Timeline& timeline, const ExportRequest& request, const std::string& path) {
    auto format = export_format_for_path(path);
    if (!format)
        throw ExportError("cannot tell the format of " + path +
                          ": use .geojson, .gpkg, .fgb, .csv, .kml or - (GeoJSON to standard output)");
    ExportTable table = build_table(timeline, request, *format == ExportFormat::KML);
    std::string bytes = encode_export({table}, *format);
    write_file_atomically(path, bytes, timeline.data().input_files);
}

std::string export_snapshot(const Timeline& timeline, const std::string& dir, double t_utc_s,
                            const TimeSettings& settings) {
    ExportRequest req;
    req.at_utc_s = static_cast<std::int64_t>(std::floor(t_utc_s));
    if (settings.mode == TimeMode::Window) req.window_h = settings.window_h;
    std::vector<ExportTable> tables;
    for (ExportLayer l : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Regions}) {
        req.layer = l;
        tables.push_back(build_table(timeline, req, false));
    }
    // qantar-2022-01-05T1830+0600.gpkg: no ':' so that every file system takes it.
    std::string stamp = format_iso8601_minutes({*req.at_utc_s, timeline.display_offset_s()});
    std::erase(stamp, ':');
    fs::path out = fs::path(dir.empty() ? "." : dir) / ("qantar-" + stamp + ".gpkg");
    std::string bytes = encode_export(tables, ExportFormat::GeoPackage);
    write_file_atomically(out.string(), bytes, timeline.data().input_files);
    return out.string();
}

}  // namespace qantar
