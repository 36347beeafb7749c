// The events, spread and tally layers as export tables (see export_table.hpp for their fields).
#include "export_rows.hpp"

#include "tally.hpp"
#include "text.hpp"

#include <algorithm>
#include <limits>

namespace qantar::export_detail {

namespace {

// The local calendar year of a time.
std::int64_t local_year(const LocalTime& t) { return civil_from_days(local_day(t)).y; }

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

// The events the request shows: started by `at`, and within the window if one is given.
std::vector<std::size_t> chosen_events(const Timeline& tl, const ExportRequest& req, const Moment& m) {
    std::vector<std::size_t> chosen;
    if (req.window_h) {
        TimeSettings s{TimeMode::Window, *req.window_h};
        chosen = tl.visible_events(static_cast<double>(m.at_utc_s), s);
    } else {
        std::size_t n = tl.count_started(static_cast<double>(m.at_utc_s));
        for (std::size_t i = 0; i < n; ++i) chosen.push_back(i);
    }
    // Belt and braces: the cut is "started by at", whatever the window says.
    std::erase_if(chosen, [&](std::size_t i) { return tl.data().events.start_s(i) > m.at_utc_s; });
    return chosen;
}

// The extra columns: the union over all events (not only the chosen ones, so that the schema
// does not depend on the moment), in order of first appearance, minus any clash with ours.
std::vector<std::string> extra_field_names(const Dataset& data, bool kml) {
    std::vector<std::string> extra_names;
    std::vector<std::string> taken;
    for (auto n : modelled_event_fields()) taken.push_back(std::string(n));
    if (kml) for (auto n : {"name", "shown_until"}) taken.push_back(n);
    // Geometry echoes of a CSV read back (X, Y, WKT) are written by the CSV driver itself.
    for (auto n : {"x", "y", "wkt"}) taken.push_back(n);
    for (const EventRef e : data.events)
        for (const auto& [k, v] : e.extra()) {
            std::string lk = lower(k);
            if (std::find(taken.begin(), taken.end(), lk) != taken.end()) continue;
            taken.push_back(lk);
            extra_names.push_back(std::string(k));
        }
    return extra_names;
}

// ACLED's 31 columns, in ACLED's order.
void add_acled_values(RowBuilder& row, const EventRef& e) {
    row.str("event_id_cnty", e.event_id_cnty());
    row.str("event_date", e.event_date());
    row.integer("year", local_year(e.start()));
    row.integer("time_precision", e.time_precision() > 0 ? Count{e.time_precision()} : Count{});
    row.str("disorder_type", e.disorder_type());
    row.str("event_type", e.event_type());
    row.str("sub_event_type", e.sub_event_type());
    row.str("actor1", e.actor1());
    row.str("assoc_actor_1", e.assoc_actor_1());
    row.str("inter1", e.inter1());
    row.str("actor2", e.actor2());
    row.str("assoc_actor_2", e.assoc_actor_2());
    row.str("inter2", e.inter2());
    row.str("interaction", e.interaction());
    row.str("civilian_targeting", e.civilian_targeting());
    row.str("iso", e.iso());
    row.str("region", e.acled_region());
    row.str("country", e.country());
    row.str("admin1", e.admin1());
    row.str("admin2", e.admin2());
    row.str("admin3", e.admin3());
    row.str("location", e.location());
    row.real("latitude", e.lat_deg(), kPointDecimals);
    row.real("longitude", e.lon_deg(), kPointDecimals);
    row.integer("geo_precision", e.geo_precision() > 0 ? Count{e.geo_precision()} : Count{});
    row.str("source", e.source());
    row.str("source_scale", e.source_scale());
    row.str("notes", e.notes());
    row.integer("fatalities", e.fatalities());
    row.str("tags", e.tags());
    row.str("timestamp", e.timestamp());
}

// qantar's columns; KML's shown_until (the effective end) after end_time.
void add_qantar_values(RowBuilder& row, const Timeline& tl, std::size_t i, bool kml) {
    const EventRef e = tl.data().events[i];
    row.str("category", tl.data().category_of(e).id);
    row.time("start_time", e.start());
    row.time("end_time", e.end());
    if (kml) row.time("shown_until", LocalTime{tl.end_of(i), e.start().offset_s});
    row.str("hour_precision", e.hour_precision());
    row.str("city_id", e.city_id());
    row.integer("participants", e.participants());
    row.integer("injured", e.injured());
    row.integer("detained", e.detained());
    row.integer("vehicles_burned", e.vehicles_burned());
    row.integer("buildings_burned", e.buildings_burned());
    row.str("source_keys", e.source_keys());
    row.boolean("disputed", e.disputed());
    row.str("disputed_note", e.disputed_note());
    row.str("origin_name", e.origin_name());
    row.real("origin_latitude", e.origin_lat_deg(), kPointDecimals);
    row.real("origin_longitude", e.origin_lon_deg(), kPointDecimals);
    row.str("movement", e.movement());
}

}  // namespace

EventsSelection select_events(const Timeline& tl, const ExportRequest& req, bool kml) {
    EventsSelection sel;
    sel.moment = moment_of(tl, req);
    sel.chosen = chosen_events(tl, req, sel.moment);
    sel.extra_names = extra_field_names(tl.data(), kml);
    return sel;
}

ExportTable events_table(const Timeline& tl, const ExportRequest& req, bool kml, std::size_t first, std::size_t count) {
    return events_table(tl, select_events(tl, req, kml), kml, first, count);
}

ExportTable events_table(const Timeline& tl, const EventsSelection& sel, bool kml, std::size_t first, std::size_t count) {
    const Dataset& data = tl.data();
    ExportTable table = empty_table("events", ExportGeometryKind::Point, kPointDecimals);
    const std::vector<std::string>& extra_names = sel.extra_names;
    const std::vector<std::size_t>& chosen = sel.chosen;
    const std::size_t end = first >= chosen.size() ? first : first + std::min(count, chosen.size() - first);
    for (std::size_t k = first; k < end; ++k) {
        const std::size_t i = chosen[k];
        const EventRef e = data.events[i];
        RowBuilder row(table);
        if (kml) row.str("name", e.location().empty() ? e.event_id_cnty() : e.location());
        add_acled_values(row, e);
        add_qantar_values(row, tl, i, kml);
        for (const auto& name : extra_names) {
            ExportValue v;
            for (const auto& [key, val] : e.extra())
                if (key == name) v = std::string(val);
            row.add(name, ExportFieldKind::String, v);
        }
        ExportFeature f;
        f.points_deg.push_back(rounded_point(e.lon_deg(), e.lat_deg(), kPointDecimals));
        row.finish(std::move(f));
    }
    set_kml_fields(table, kml, "start_time", "shown_until");
    return table;
}

ExportTable spread_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    Moment m = moment_of(tl, req);
    ExportTable table = empty_table("spread", ExportGeometryKind::LineString, kPointDecimals);
    int order = 0;
    for (const SpreadLink& link : tl.spread()) {
        ++order;
        if (link.first_utc_s > m.at_utc_s || link.city < 0) continue;
        const City& city = data.cities[link.city];
        const City* from = link.from_city >= 0 ? &data.cities[link.from_city] : nullptr;
        const EventRef e = data.events[link.first_event];
        RowBuilder row(table);
        if (kml) row.str("name", from ? from->name_en + " \u2192 " + city.name_en : city.name_en);
        row.integer("order", order);
        row.str("city_id", city.city_id);
        row.str("city_name_en", city.name_en);
        row.opt_str("from_city_id", from ? from->city_id : std::string());
        row.opt_str("from_city_name_en", from ? from->name_en : std::string());
        row.str("first_event_id", e.event_id_cnty());
        row.time("first_time", e.start());
        row.real("delay_h", link.delay_h, 2);
        row.real("distance_km", link.distance_km, 1);
        row.real("after_root_h", link.after_root_h, 2);
        ExportFeature f;
        // From the city to the city it spread from. The root spread from nowhere: its row has a
        // null geometry (a zero-length line is not a valid LineString: "Too few points").
        const Vec2 a = rounded_point(city.lon_deg, city.lat_deg, kPointDecimals);
        const Vec2 b = from ? rounded_point(from->lon_deg, from->lat_deg, kPointDecimals) : a;
        if (a == b) {
            f.has_geometry = false;
        } else {
            f.points_deg = {a, b};
        }
        row.finish(std::move(f));
    }
    set_kml_fields(table, kml, "first_time");
    return table;
}

ExportTable tally_table(const Timeline& tl, const ExportRequest& req, bool kml) {
    const Dataset& data = tl.data();
    // Without a moment, every announcement (some come months after the last event); with one, those
    // made by then.
    const std::int64_t until = req.at_utc_s ? *req.at_utc_s : std::numeric_limits<std::int64_t>::max();
    ExportTable table = empty_table("tally", ExportGeometryKind::Point, kPointDecimals);
    int capital = -1;
    for (std::size_t c = 0; c < data.cities.size(); ++c)
        if (data.cities[c].is_capital) capital = static_cast<int>(c);
    for (const TallyEntry& t : data.tally) {
        if (t.announced_at.utc_s > until) continue;
        RowBuilder row(table);
        if (kml) row.str("name", t.tally_id);
        row.str("tally_id", t.tally_id);
        row.time("announced_at", t.announced_at);
        row.str("scope", t.scope);
        for (const TallyColumn& col : kTallyColumns) row.integer(col.name, t.*col.announced);
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
        row.finish(std::move(f));
    }
    set_kml_fields(table, kml, "", "", "announced_at");
    return table;
}

}  // namespace qantar::export_detail
