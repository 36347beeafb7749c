// Shared pieces of the export tables (see export_rows.hpp).
#include "export_rows.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::export_detail {

double round_to(double v, int decimals) {
    double scale = std::pow(10.0, decimals);
    double r = std::round(v * scale) / scale;
    return r == 0.0 ? 0.0 : r;  // no "-0"
}

ExportValue time_value(const std::optional<LocalTime>& t) {
    if (!t) return std::monostate{};
    return *t;
}

namespace {

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

}  // namespace

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

ExportTable empty_table(std::string name, ExportGeometryKind geometry, int coordinate_decimals) {
    ExportTable table;
    table.name = std::move(name);
    table.geometry = geometry;
    table.coordinate_decimals = coordinate_decimals;
    return table;
}

void set_kml_fields(ExportTable& table, bool kml, std::string begin, std::string end, std::string when) {
    if (!kml) return;
    table.kml_name_field = "name";
    table.kml_begin_field = std::move(begin);
    table.kml_end_field = std::move(end);
    table.kml_when_field = std::move(when);
}

Vec2 rounded_point(double lon_deg, double lat_deg, int decimals) {
    return {round_to(lon_deg, decimals), round_to(lat_deg, decimals)};
}

Moment moment_of(const Timeline& tl, const ExportRequest& req) {
    const std::int64_t at = req.at_utc_s.value_or(tl.end_utc_s());
    return {at, tl.display_offset_at(static_cast<double>(at))};
}

std::optional<std::int64_t> root_utc_s(const Timeline& tl) {
    if (tl.spread().empty()) return std::nullopt;
    return tl.spread().front().first_utc_s;
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

EventsSoFar events_so_far(const Dataset& data, const std::vector<std::size_t>& events, std::int64_t at_utc_s) {
    EventsSoFar out;
    for (std::size_t i : events) {
        const EventRef e = data.events[i];
        if (e.start().utc_s > at_utc_s) continue;
        ++out.count;
        if (!out.first_event || e.start().utc_s < out.first_event->utc_s) {
            out.first_event = e.start();
            out.first_event_id = e.event_id_cnty();
        }
        if (data.category_of(e).spreads && (!out.first_unrest || e.start().utc_s < out.first_unrest->utc_s))
            out.first_unrest = e.start();
    }
    return out;
}

}  // namespace qantar::export_detail
