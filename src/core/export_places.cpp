// The cities and regions layers as export tables: each place with its state and figures at the
// moment (see export_table.hpp for their fields).
#include "export_rows.hpp"

namespace qantar::export_detail {

ExportTable cities_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    double t = static_cast<double>(m.at_utc_s);
    auto root = root_utc_s(tl);
    ExportTable table = empty_table("cities", ExportGeometryKind::Point, kPointDecimals);
    for (std::size_t c = 0; c < data.cities.size(); ++c) {
        const City& city = data.cities[c];
        int ci = static_cast<int>(c);
        RowBuilder row(table);
        add_place_names(row, kml, "city_id", city.city_id, city);
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
        if (reached) first_unrest = data.events.start(link->first_event);
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
        row.finish(std::move(f));
    }
    set_kml_fields(table, kml, "first_unrest_time");  // the city lights up when unrest reaches it
    return table;
}

ExportTable regions_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    double t = static_cast<double>(m.at_utc_s);
    auto root = root_utc_s(tl);
    ExportTable table = empty_table("regions", ExportGeometryKind::MultiPolygon, kPolygonDecimals);
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
        const Region& region = data.regions[r];
        int ri = static_cast<int>(r);
        RowBuilder row(table);
        add_place_names(row, kml, "region_id", region.region_id, region);
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
        row.finish(std::move(f));
    }
    set_kml_fields(table, kml, "");
    return table;
}

}  // namespace qantar::export_detail
