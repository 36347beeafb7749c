// The events layer, read through the GDAL adapter (field_readers.hpp): ACLED's columns and qantar's,
// a category from either, the place (core/place.hpp) and the local times.
#include "load_layers.hpp"

#include "field_readers.hpp"
#include "pg_source.hpp"

#include "core/error.hpp"
#include "core/place.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <filesystem>

namespace qantar::loading {

using namespace qantar::gdal;
using Reader = gdal::LayerReader;

namespace {

struct StringField {
    const char* name;
    std::string Event::*member;
};
constexpr StringField kEventStrings[] = {
    {"event_id_cnty", &Event::event_id_cnty}, {"event_date", &Event::event_date},
    {"disorder_type", &Event::disorder_type}, {"event_type", &Event::event_type},
    {"sub_event_type", &Event::sub_event_type}, {"actor1", &Event::actor1},
    {"assoc_actor_1", &Event::assoc_actor_1}, {"inter1", &Event::inter1},
    {"actor2", &Event::actor2}, {"assoc_actor_2", &Event::assoc_actor_2},
    {"inter2", &Event::inter2}, {"interaction", &Event::interaction},
    {"civilian_targeting", &Event::civilian_targeting}, {"iso", &Event::iso},
    {"region", &Event::acled_region}, {"country", &Event::country},
    {"admin1", &Event::admin1}, {"admin2", &Event::admin2},
    {"admin3", &Event::admin3}, {"location", &Event::location},
    {"source", &Event::source}, {"source_scale", &Event::source_scale},
    {"notes", &Event::notes}, {"tags", &Event::tags},
    {"timestamp", &Event::timestamp}, {"hour_precision", &Event::hour_precision},
    {"city_id", &Event::city_id}, {"source_keys", &Event::source_keys},
    {"disputed_note", &Event::disputed_note}, {"origin_name", &Event::origin_name},
    {"movement", &Event::movement},
};

constexpr std::size_t kCityIdField = 26;
static_assert(std::string_view(kEventStrings[kCityIdField].name) == "city_id");

struct CountFieldE {
    const char* name;
    Count Event::*member;
};
constexpr CountFieldE kEventCounts[] = {
    {"fatalities", &Event::fatalities},       {"participants", &Event::participants},
    {"injured", &Event::injured},             {"detained", &Event::detained},
    {"vehicles_burned", &Event::vehicles_burned}, {"buildings_burned", &Event::buildings_burned},
};

// Field indices of an events layer, looked up once.
struct EventColumns {
    int strings[std::size(kEventStrings)];
    int counts[std::size(kEventCounts)];
    int time = -1, end = -1, category = -1, time_precision = -1, geo_precision = -1, disputed = -1;
    int origin_lat = -1, origin_lon = -1, id_alt = -1;
    PointColumns point;
    std::vector<int> extra;  // columns qantar does not model
};

// The start (and end) columns: the ones named by --time-field/--end-field, else the usual names.
void time_columns(const Reader& r, const LoadOptions& opt, EventColumns& c) {
    if (!opt.time_field.empty()) {
        c.time = r.field_index(opt.time_field);
        if (c.time < 0)
            throw InputError(r.path(), "", opt.time_field, "missing required field (given by --time-field)");
    } else {
        c.time = r.field_index_any({"start_time", "event_date"});
        if (c.time < 0)
            throw InputError(r.path(), "", "start_time",
                             "missing required field (start_time or event_date; or name one with --time-field)");
    }
    if (!opt.end_field.empty()) {
        c.end = r.field_index(opt.end_field);
        if (c.end < 0) throw InputError(r.path(), "", opt.end_field, "missing required field (given by --end-field)");
    } else {
        c.end = r.field_index("end_time");
    }
}

// Every column qantar does not model, kept for export.
std::vector<int> extra_columns(const Reader& r, const EventColumns& c) {
    std::vector<bool> known(static_cast<std::size_t>(r.field_count()), false);
    for (int i : c.strings) if (i >= 0) known[i] = true;
    for (int i : c.counts) if (i >= 0) known[i] = true;
    for (int i : {c.time, c.end, c.category, c.time_precision, c.geo_precision, c.disputed, c.origin_lat,
                  c.origin_lon, c.point.lon, c.point.lat})
        if (i >= 0) known[i] = true;
    std::vector<int> extra;
    for (int i = 0; i < r.field_count(); ++i)
        if (!known[i]) extra.push_back(i);
    return extra;
}

EventColumns event_columns(const Reader& r, const LoadOptions& opt) {
    EventColumns c;
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k) c.strings[k] = r.field_index(kEventStrings[k].name);
    for (std::size_t k = 0; k < std::size(kEventCounts); ++k) c.counts[k] = r.field_index(kEventCounts[k].name);
    time_columns(r, opt, c);
    c.category = r.field_index("category");
    c.time_precision = r.field_index("time_precision");
    c.geo_precision = r.field_index("geo_precision");
    c.disputed = r.field_index("disputed");
    c.origin_lat = r.field_index("origin_latitude");
    c.origin_lon = r.field_index("origin_longitude");
    c.id_alt = r.field_index_any({"event_id", "data_id", "id", "event_id_no_cnty"});
    c.point = point_columns(r);
    const bool has_city = c.strings[kCityIdField] >= 0;  // city_id
    if (!r.layer_may_have_points() && (c.point.lon < 0 || c.point.lat < 0) && !has_city)
        throw InputError(r.path(), "", "latitude",
                         "missing required field (latitude and longitude, a point geometry, or city_id)");
    c.extra = extra_columns(r, c);
    return c;
}

int read_int(const Reader& r, int field) {
    const Count v = read_count(r, field);
    return v ? static_cast<int>(std::min<std::int64_t>(*v, 1000000)) : 0;
}

// The attributes as written: ACLED's and qantar's text and counts, the id, the category.
void read_attributes(const Reader& r, const EventColumns& c, Event& e) {
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k)
        if (c.strings[k] >= 0) e.*(kEventStrings[k].member) = r.text(c.strings[k]);
    e.city_id = trim(e.city_id);
    e.event_id_cnty = trim(e.event_id_cnty);
    if (e.event_id_cnty.empty()) e.event_id_cnty = trim(r.text(c.id_alt));
    if (e.event_id_cnty.empty())
        e.event_id_cnty = (r.is_database() ? std::string("row") : std::filesystem::path(r.path()).stem().string()) +
                          "-" + std::to_string(r.ordinal());
    for (std::size_t k = 0; k < std::size(kEventCounts); ++k)
        if (c.counts[k] >= 0) e.*(kEventCounts[k].member) = read_count(r, c.counts[k]);
    e.time_precision = read_int(r, c.time_precision);
    e.geo_precision = read_int(r, c.geo_precision);
    if (c.disputed >= 0) e.disputed = read_bool(r, c.disputed);

    // Category: qantar's own column, else ACLED's types.
    const std::string cat = trim(r.text(c.category));
    if (!cat.empty()) {
        auto parsed = parse_category(cat);
        if (!parsed)
            fail(r, c.category, "unknown category '" + cat +
                                    "' (expected peaceful_protest, riot, security_operation, state_of_emergency, "
                                    "political_decision, foreign_troops or internet_shutdown)");
        e.category = *parsed;
    } else {
        e.category = category_from_acled(e.event_type, e.sub_event_type);
    }
}

// Place: the city, then the coordinates (or the city's), then the region.
void read_place(const Reader& r, const EventColumns& c, const Dataset& data, Event& e) {
    if (!e.city_id.empty()) {
        e.city_index = city_by_id(data, e.city_id);
        if (e.city_index < 0)
            fail(r, c.strings[kCityIdField], "unknown city '" + e.city_id + "' (not in the cities file)");
    }
    if (!read_point(r, c.point, e.lon_deg, e.lat_deg)) {
        if (e.city_index < 0) throw InputError(r.path(), r.where(), c.point.lat_name, "no coordinates and no city_id");
        e.lon_deg = data.cities[e.city_index].lon_deg;
        e.lat_deg = data.cities[e.city_index].lat_deg;
    }
    resolve_event_place(data, e);
}

// Time: start in the place's offset when the text has none; a day alone lasts the whole day.
void read_times(const Reader& r, const EventColumns& c, const Dataset& data, Event& e) {
    const std::int32_t offset = event_offset_s(data, e);
    const std::string start_text = trim(r.text(c.time));
    if (start_text.empty()) fail(r, c.time, "no date");
    bool day_only = false;
    const auto start = parse_event_time(start_text, offset, day_only);
    if (!start)
        fail(r, c.time, "'" + start_text + "' is not a date (expected 2022-01-05T01:30+06:00, 2022-01-05 or 05 January 2022)");
    e.start = *start;
    // A database's timestamp is an instant (it comes back in the session's zone): shown, like
    // any time, in the place's offset.
    const bool instants = r.is_database() && r.field_is_date_or_time(c.time);
    if (instants) e.start.offset_s = offset;
    if (e.event_date.empty()) e.event_date = start_text;
    const std::string end_text = trim(r.text(c.end));
    if (!end_text.empty()) {
        bool end_day_only = false;
        const auto end = parse_event_time(end_text, offset, end_day_only);
        if (!end) fail(r, c.end, "'" + end_text + "' is not a date");
        if (end->utc_s < e.start.utc_s) fail(r, c.end, "ends before it starts");
        e.end = *end;
        if (instants) e.end->offset_s = offset;
    } else if (day_only) {
        e.end = LocalTime{e.start.utc_s + kSecondsPerDay, e.start.offset_s};  // the whole day
    }
    if (e.hour_precision.empty() && day_only) e.hour_precision = "day";
}

// The other end of a troop movement.
void read_origin(const Reader& r, const EventColumns& c, Event& e) {
    if (c.origin_lat < 0 || c.origin_lon < 0) return;
    auto la = read_double(r, c.origin_lat);
    auto lo = read_double(r, c.origin_lon);
    if (la && lo) {
        check_lon_lat(r, *lo, *la, r.field_name(c.origin_lon), r.field_name(c.origin_lat));
        e.origin_lat_deg = la;
        e.origin_lon_deg = lo;
    } else if (la || lo) {
        fail(r, la ? c.origin_lon : c.origin_lat, "missing coordinate");
    }
}

Event read_event(const Reader& r, const EventColumns& c, const Dataset& data) {
    Event e;
    read_attributes(r, c, e);
    read_place(r, c, data, e);
    read_times(r, c, data, e);
    read_origin(r, c, e);
    for (int i : c.extra) e.extra.emplace_back(r.field_name(i), r.text(i));
    return e;
}

}  // namespace

void load_events(const LoadOptions& options, const Dataset& data, const std::string& path,
                 std::vector<Event>& out, std::vector<Skipped>& skipped) {
    Reader r(path, gdal::LayerSelect{options.events_layer, options.events_sql, options.statement_timeout_s});
    const EventColumns c = event_columns(r, options);
    io::push_down(r, options, c.time, c.end);  // databases: only the window's rows travel
    while (true) {
        try {
            if (!r.next()) break;
            out.push_back(read_event(r, c, data));
        } catch (const InputError& e) {
            if (!options.skip_invalid) throw;
            std::string reason = e.what();
            if (reason.rfind(e.file() + ": ", 0) == 0) reason.erase(0, e.file().size() + 2);
            skipped.push_back({e.file(), e.where(), e.field(), reason});
        }
    }
    if (out.empty() && skipped.empty()) throw InputError(path, "", "", "the layer has no features");
    if (out.empty())
        throw InputError(path, "", "", "no valid events (" + std::to_string(skipped.size()) +
                                           " invalid); the first: " + skipped.front().reason);
}

}  // namespace qantar::loading
