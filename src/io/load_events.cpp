// The events layer, read through the GDAL adapter (field_readers.hpp): ACLED's columns and qantar's,
// a category from either, the place (core/place.hpp) and the local times.
#include "load_layers.hpp"

#include "field_readers.hpp"

#include "core/categories.hpp"
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
    int time = -1, end = -1, category = -1, event_type = -1, time_precision = -1, geo_precision = -1, disputed = -1;
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
    for (int i : {c.time, c.end, c.category, c.event_type, c.time_precision, c.geo_precision, c.disputed, c.origin_lat,
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

// The attributes as written: ACLED's and qantar's text and counts, the id, the category (an index
// into the story's table; without one, its text goes to `key` and load_events builds the table).
void read_attributes(const Reader& r, const EventColumns& c, const LoadOptions& opt, Event& e, std::string& key) {
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k)
        if (c.strings[k] >= 0) e.*(kEventStrings[k].member) = r.text(c.strings[k]);
    e.city_id = trim(e.city_id);
    e.event_id_cnty = trim(e.event_id_cnty);
    if (e.event_id_cnty.empty()) e.event_id_cnty = trim(r.text(c.id_alt));
    if (e.event_id_cnty.empty())
        e.event_id_cnty = std::filesystem::path(r.path()).stem().string() + "-" + std::to_string(r.ordinal());
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
        fail(r, c.time, "'" + start_text + "' is not a date (expected 2019-03-05T01:30+01:00, 2019-03-05 or 05 March 2019)");
    e.start = *start;
    if (e.event_date.empty()) e.event_date = start_text;
    const std::string end_text = trim(r.text(c.end));
    if (!end_text.empty()) {
        bool end_day_only = false;
        const auto end = parse_event_time(end_text, offset, end_day_only);
        if (!end) fail(r, c.end, "'" + end_text + "' is not a date");
        if (end->utc_s < e.start.utc_s) fail(r, c.end, "ends before it starts");
        e.end = *end;
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

Event read_event(const Reader& r, const EventColumns& c, const LoadOptions& opt, const Dataset& data, std::string& key) {
    Event e;
    read_attributes(r, c, opt, e, key);
    read_place(r, c, data, e);
    read_times(r, c, data, e);
    read_origin(r, c, e);
    for (int i : c.extra) e.extra.emplace_back(r.field_name(i), r.text(i));
    return e;
}

}  // namespace

void load_events(const LoadOptions& options, const Dataset& data, const std::string& path,
                 std::vector<Event>& out, std::vector<Skipped>& skipped, std::vector<CategoryDef>& categories,
                 std::string& category_field) {
    Reader r(path);
    const EventColumns c = event_columns(r, options);
    std::vector<std::string> keys;  // each event's category text, when the table comes from the data
    while (true) {
        try {
            if (!r.next()) break;
            std::string key;
            out.push_back(read_event(r, c, options, data, key));
            keys.push_back(std::move(key));
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
    const int field = c.category >= 0 ? c.category : c.event_type;
    category_field = field >= 0 ? r.field_name(field) : std::string();
    if (!options.categories.empty()) {
        categories = options.categories;
        return;
    }
    const bool any = c.category >= 0 || c.event_type >= 0;
    if (!any) {
        categories = {single_category()};
        for (Event& e : out) e.category = 0;
        return;
    }
    constexpr std::size_t kTopValues = 7;  // then "Other": one colour each from the palette
    std::vector<int> index;
    categories = categories_from_values(keys, c.category < 0, kTopValues, index);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].category = index[i];
}

}  // namespace qantar::loading
