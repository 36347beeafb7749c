// One row of an events layer as an Event (event_row.hpp).
#include "event_row.hpp"

#include "core/categories.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>

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
static_assert(std::size(kEventStrings) == kEventStringColumns && std::size(kEventCounts) == kEventCountColumns);

// The names a start-time column goes by, in the order they win (ASCII case ignored). ACLED files
// have both event_date (the day of the event) and timestamp (when the row was uploaded): event_date
// comes first. `time` comes before `timestamp` for the same reason.
constexpr std::string_view kTimeFieldNames[] = {
    "start_time", "event_date", "date", "datetime", "date_time", "start_date", "event_time", "time",
    "timestamp", "start", "begin", "occurred_at", "occurred", "time_utc", "created_at",
};

// The columns a user could name with --time-field: those whose first non-empty value reads as a
// time, else every column. Opens the file again (the error path only).
std::string time_field_candidates(const std::string& path, const LoadOptions& opt) {
    Reader r(path, gdal::LayerSelect{opt.events_layer, opt.events_sql, opt.statement_timeout_s});
    const int n = r.field_count();
    std::vector<bool> seen(static_cast<std::size_t>(n), false), timelike(static_cast<std::size_t>(n), false);
    for (int row = 0; row < 20 && r.next(); ++row)
        for (int i = 0; i < n; ++i) {
            if (seen[i]) continue;
            const std::string v = trim(r.text(i));
            if (v.empty()) continue;
            seen[i] = true;
            // A bare small number (a count, a year) is no candidate; epoch values are long.
            const TimeFormat f = classify_time(v);
            timelike[i] = f != TimeFormat::Unknown && !(f == TimeFormat::EpochS && v.size() < 9);
        }
    std::string timed, all;
    for (int i = 0; i < n; ++i) {
        const std::string name = r.field_name(i);
        all += (all.empty() ? "" : ", ") + name;
        if (timelike[i]) timed += (timed.empty() ? "" : ", ") + name;
    }
    if (!timed.empty()) return "columns that hold times: " + timed;
    return "columns: " + (all.empty() ? std::string("none") : all);
}

// The start (and end) columns: the ones named by --time-field/--end-field, else the usual names.
void time_columns(const Reader& r, const LoadOptions& opt, EventColumns& c) {
    if (!opt.time_field.empty()) {
        c.time = r.field_index(opt.time_field);
        if (c.time < 0)
            throw InputError(r.path(), "", opt.time_field, "missing required field (given by --time-field)");
    } else {
        for (std::string_view name : kTimeFieldNames)
            if ((c.time = r.field_index(name)) >= 0) break;
        if (c.time < 0)
            throw InputError(r.path(), "", "start_time",
                             "no time field (none named start_time, event_date, date, datetime, time, timestamp, ...); "
                             "name one with --time-field; " + time_field_candidates(r.path(), opt));
    }
    if (!opt.end_field.empty()) {
        c.end = r.field_index(opt.end_field);
        if (c.end < 0) throw InputError(r.path(), "", opt.end_field, "missing required field (given by --end-field)");
    } else {
        c.end = r.field_index_any({"end_time", "end_date", "end"});
    }
}

// Every column qantar does not model, kept for export.
std::vector<int> extra_columns(const Reader& r, const EventColumns& c) {
    std::vector<bool> known(static_cast<std::size_t>(r.field_count()), false);
    for (int i : c.strings) if (i >= 0) known[i] = true;
    for (int i : c.counts) if (i >= 0) known[i] = true;
    for (int i : {c.time, c.end, c.category, c.event_type, c.time_precision, c.geo_precision, c.disputed, c.origin_lat,
                  c.origin_lon, c.point.lon, c.point.lat})
        if (i >= 0) known[i] = true;
    std::vector<int> extra;
    for (int i = 0; i < r.field_count(); ++i)
        if (!known[i]) extra.push_back(i);
    return extra;
}

int read_int(const Reader& r, int field) {
    const Count v = read_count(r, field);
    return v ? static_cast<int>(std::min<std::int64_t>(*v, 1000000)) : 0;
}

// The attributes as written: ACLED's and qantar's text and counts, the id, the category (an index
// into the story's table; without one, its text goes to `key` and load_events builds the table).
void read_attributes(const Reader& r, const EventColumns& c, const LoadOptions& opt, Event& e, std::string& key) {
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k)
        if (c.strings[k] >= 0) r.text_into(c.strings[k], e.*(kEventStrings[k].member));
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

    if (opt.categories.empty()) {
        key = c.category >= 0 ? trim(r.text(c.category)) : c.event_type >= 0 ? trim(e.event_type) : std::string();
        return;
    }
    const std::string cat = trim(r.text(c.category));
    if (cat.empty()) fail(r, c.category, "no category");
    const int k = find_category(opt.categories, cat);
    if (k < 0) {
        std::string ids;
        for (std::size_t i = 0; i < opt.categories.size(); ++i)
            ids += (i == 0 ? "" : i + 1 == opt.categories.size() ? " or " : ", ") + opt.categories[i].id;
        fail(r, c.category, "unknown category '" + cat + "' (expected " + ids + ")");
    }
    e.category = k;
}

// Place: the city, then the coordinates (or the city's), then the region.
void read_place(const Reader& r, const EventColumns& c, const Dataset& data, const RegionLocator& regions, Event& e) {
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
    resolve_event_place(data, e, &regions);
}

// Time: start in the place's zone when the text has no offset; a day alone lasts the whole day.
// The forms of one column must agree (time_formats_compatible); the first row that differs fails.
void read_times(const Reader& r, const EventColumns& c, const Dataset& data, RowContext& tc, Event& e) {
    const ZoneRules* zone = event_zone(data, e, tc.fallback);
    if (!zone) zone = nearest_zone(tc.zone_points, e.lon_deg, e.lat_deg);
    const bool no_zone = zone == nullptr;
    if (no_zone) zone = &tc.utc;
    else ++tc.times->zones[zone->name()];
    const std::string start_text = trim(r.text(c.time));
    if (start_text.empty()) fail(r, c.time, "no date");
    const auto start = parse_event_time(start_text, *zone);
    if (!start)
        fail(r, c.time, "'" + abbreviate(start_text) +
                            "' is not a time (expected 2019-03-05T01:30+01:00, 2019-03-05 13:00:00, 2019-03-05, "
                            "05 March 2019, or epoch seconds or milliseconds)");
    TimeFormats& formats = tc.formats;
    if (formats.first == TimeFormat::Unknown) {
        formats.first = start->format;
        formats.first_where = r.where();
    } else if (!time_formats_compatible(formats.first, start->format)) {
        tc.mixed = true;
        fail(r, c.time, "mixed time formats: '" + abbreviate(start_text) + "' is " +
                            std::string(time_format_name(start->format)) + " but " + formats.first_where + " is " +
                            std::string(time_format_name(formats.first)));
    }
    if (std::find(formats.seen.begin(), formats.seen.end(), start->format) == formats.seen.end())
        formats.seen.push_back(start->format);
    const bool local = start->format != TimeFormat::Iso8601 && start->format != TimeFormat::EpochS &&
                       start->format != TimeFormat::EpochMs;
    if (local) {
        ++tc.times->local;
        if (no_zone) ++tc.times->read_as_utc;
    }
    e.start = start->time;
    e.local_time = local;
    // A database's timestamp is an instant (it comes back in the session's zone): shown, like
    // any time, in the place's zone.
    const bool instants = r.is_database() && r.field_is_date_or_time(c.time) && !no_zone;
    if (instants) e.start = in_zone(e.start.utc_s, *zone);
    if (e.event_date.empty()) {
        // An epoch number says nothing to a reader: the local date instead.
        if (start->format == TimeFormat::EpochS || start->format == TimeFormat::EpochMs)
            e.event_date = format_iso8601(e.start).substr(0, 10);
        else
            e.event_date = start_text;
    }
    const std::string end_text = trim(r.text(c.end));
    if (!end_text.empty()) {
        const auto end = parse_event_time(end_text, *zone);
        if (!end) fail(r, c.end, "'" + abbreviate(end_text) + "' is not a time");
        if (end->time.utc_s < e.start.utc_s) fail(r, c.end, "ends before it starts");
        e.end = end->time;
        if (instants) e.end = in_zone(e.end->utc_s, *zone);
    } else if (start->day_only) {
        e.end = LocalTime{e.start.utc_s + kSecondsPerDay, e.start.offset_s};  // the whole day
    }
    if (e.hour_precision.empty() && start->day_only) e.hour_precision = "day";
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

// `e` back to a default Event, its strings keeping their capacity (one row after another: no
// allocation per field).
void reset_row(Event& e) {
    Event keep = std::move(e);
    e = Event{};
    for (const StringField& f : kEventStrings) {
        e.*f.member = std::move(keep.*f.member);
        (e.*f.member).clear();
    }
    e.extra = std::move(keep.extra);
}

}  // namespace

EventColumns event_columns(const Reader& r, const LoadOptions& opt) {
    EventColumns c;
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k) c.strings[k] = r.field_index(kEventStrings[k].name);
    for (std::size_t k = 0; k < std::size(kEventCounts); ++k) c.counts[k] = r.field_index(kEventCounts[k].name);
    time_columns(r, opt, c);
    c.event_type = r.field_index("event_type");
    if (!opt.categories.empty()) {  // the story's table: its column must be there
        const std::string name = opt.category_field.empty() ? "category" : opt.category_field;
        c.category = r.field_index(name);
        if (c.category < 0) throw InputError(r.path(), "", name, "missing required field (the story's category field)");
    } else if (!opt.color_by.empty()) {
        c.category = r.field_index(opt.color_by);
        if (c.category < 0) {
            std::string names;
            for (int i = 0; i < r.field_count(); ++i) names += (i ? ", " : "") + r.field_name(i);
            throw InputError(r.path(), "", opt.color_by, "no such field (given by --color-by; the fields are " + names + ")");
        }
    } else if (c.event_type < 0) {
        c.category = r.field_index("category");
    }
    c.time_precision = r.field_index("time_precision");
    c.geo_precision = r.field_index("geo_precision");
    c.disputed = r.field_index("disputed");
    c.origin_lat = r.field_index("origin_latitude");
    c.origin_lon = r.field_index("origin_longitude");
    c.id_alt = r.field_index_any({"event_id", "data_id", "id", "event_id_no_cnty"});
    c.point = point_columns(r);
    if (!opt.size_by.empty()) {
        c.size_by = r.field_index(opt.size_by);
        if (c.size_by < 0) throw InputError(r.path(), "", opt.size_by, "missing field (given by --size-by)");
    }
    const bool has_city = c.strings[kCityIdField] >= 0;  // city_id
    if (!r.layer_may_have_points() && (c.point.lon < 0 || c.point.lat < 0) && !has_city)
        throw InputError(r.path(), "", "latitude",
                         "missing required field (latitude and longitude, a point geometry, or city_id)");
    c.extra = extra_columns(r, c);
    for (int i : c.extra) c.extra_names.push_back(r.field_name(i));
    return c;
}

void read_event(const Reader& r, const EventColumns& c, const LoadOptions& opt, const Dataset& data, RowContext& tc,
                std::string& key, Event& e) {
    reset_row(e);
    read_attributes(r, c, opt, e, key);
    read_place(r, c, data, tc.regions, e);
    read_times(r, c, data, tc, e);
    read_origin(r, c, e);
    if (c.size_by >= 0) e.size_value = read_double(r, c.size_by);
    e.extra.resize(c.extra.size());
    for (std::size_t k = 0; k < c.extra.size(); ++k) {
        e.extra[k].first = c.extra_names[k];
        r.text_into(c.extra[k], e.extra[k].second);
    }
}

}  // namespace qantar::loading
