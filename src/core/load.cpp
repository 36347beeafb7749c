// Loading the dataset through GDAL (gdal_util.hpp), projecting once through PROJ (Projector) and
// triangulating polygons once through GEOS (triangulate.hpp).
#include "load.hpp"
#include "text.hpp"

#include "error.hpp"
#include "gdal_util.hpp"
#include "projection.hpp"
#include "triangulate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <unistd.h>

namespace qantar {

namespace fs = std::filesystem;

namespace {

// ---- Field readers: each throws InputError naming file, line/feature and field. ----

using Reader = gdal::LayerReader;

[[noreturn]] void fail(const Reader& r, int field, const std::string& message) {
    throw InputError(r.path(), r.where(), r.field_name(field), message);
}

std::optional<double> read_double(const Reader& r, int field) {
    const std::string s = trim(r.text(field));
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) fail(r, field, "'" + s + "' is not a number");
    return v;
}

Count read_count(const Reader& r, int field) {
    const std::string s = trim(r.text(field));
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) {
        // "12.0" (as some tools write integers) is accepted.
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (end == s.c_str() || *end != '\0' || d != std::floor(d) || !std::isfinite(d))
            fail(r, field, "'" + s + "' is not a whole number");
        v = static_cast<std::int64_t>(d);
    }
    if (v < 0) fail(r, field, "'" + s + "' is negative");
    return v;
}

bool read_bool(const Reader& r, int field) {
    const std::string s = lower(trim(r.text(field)));
    if (s.empty() || s == "0" || s == "false" || s == "no" || s == "f" || s == "n") return false;
    if (s == "1" || s == "true" || s == "yes" || s == "t" || s == "y") return true;
    fail(r, field, "'" + s + "' is not true/false");
}

void check_lon_lat(const Reader& r, double lon, double lat, const std::string& lon_field, const std::string& lat_field) {
    if (!(std::abs(lat) <= 90.0))
        throw InputError(r.path(), r.where(), lat_field, "latitude " + std::to_string(lat) + " is beyond ±90");
    if (!(std::abs(lon) <= 180.0))
        throw InputError(r.path(), r.where(), lon_field, "longitude " + std::to_string(lon) + " is beyond ±180");
}

// A point position from the geometry or from longitude/latitude attributes.
struct PointColumns {
    int lon = -1, lat = -1;
    std::string lon_name, lat_name;  // for messages
};

PointColumns point_columns(const Reader& r) {
    PointColumns pc;
    pc.lon = r.field_index_any({"longitude", "lon", "long", "lng", "x"});
    pc.lat = r.field_index_any({"latitude", "lat", "y"});
    pc.lon_name = pc.lon >= 0 ? r.field_name(pc.lon) : "geometry";
    pc.lat_name = pc.lat >= 0 ? r.field_name(pc.lat) : "geometry";
    return pc;
}

bool layer_may_have_points(const Reader& r) {
    const auto t = r.geometry_type();
    return t == wkbPoint || t == wkbMultiPoint || t == wkbUnknown;
}

// Reads the feature's point; false when it has none. Throws on a non-point geometry or a bad value.
bool read_point(const Reader& r, const PointColumns& pc, double& lon, double& lat) {
    if (const OGRGeometry* g = r.geometry(); g && !g->IsEmpty()) {
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbPoint) {
            const auto* p = g->toPoint();
            lon = p->getX();
            lat = p->getY();
        } else if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
            const auto* p = g->toMultiPoint()->getGeometryRef(0);
            lon = p->getX();
            lat = p->getY();
        } else {
            throw InputError(r.path(), r.where(), "geometry",
                             std::string("expected a point, found ") + OGRGeometryTypeToName(type));
        }
        check_lon_lat(r, lon, lat, pc.lon_name, pc.lat_name);
        return true;
    }
    if (pc.lon >= 0 && pc.lat >= 0) {
        auto x = read_double(r, pc.lon);
        auto y = read_double(r, pc.lat);
        if (x && y) {
            lon = *x;
            lat = *y;
            check_lon_lat(r, lon, lat, pc.lon_name, pc.lat_name);
            return true;
        }
        if (x || y) fail(r, x ? pc.lat : pc.lon, "missing coordinate");
    }
    return false;
}

std::vector<Polygon> read_polygons(const Reader& r) {
    const OGRGeometry* g = r.geometry();
    if (!g || g->IsEmpty()) throw InputError(r.path(), r.where(), "geometry", "no geometry (expected polygons)");
    std::vector<Polygon> out;
    auto add = [&](const OGRPolygon* p) {
        Polygon poly;
        for (const OGRLinearRing* ring : *p) {
            std::vector<Vec2> pts;
            pts.reserve(static_cast<std::size_t>(ring->getNumPoints()));
            for (int i = 0; i < ring->getNumPoints(); ++i) {
                const double lon = ring->getX(i), lat = ring->getY(i);
                check_lon_lat(r, lon, lat, "geometry", "geometry");
                pts.push_back({lon, lat});
            }
            poly.rings.push_back(std::move(pts));
        }
        if (!poly.rings.empty()) out.push_back(std::move(poly));
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: add(g->toPolygon()); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *g->toMultiPolygon()) add(p);
            break;
        default:
            throw InputError(r.path(), r.where(), "geometry",
                             std::string("expected polygons, found ") +
                                 OGRGeometryTypeToName(wkbFlatten(g->getGeometryType())));
    }
    return out;
}

void require_polygon_layer(const Reader& r) {
    const auto t = r.geometry_type();
    if (t == wkbPolygon || t == wkbMultiPolygon || t == wkbUnknown) return;
    throw InputError(r.path(), "", "geometry",
                     std::string("expected polygons, found a layer of ") + OGRGeometryTypeToName(t));
}

int require_field(const Reader& r, std::initializer_list<std::string_view> names, const std::string& what) {
    const int i = r.field_index_any(names);
    if (i < 0) throw InputError(r.path(), "", std::string(*names.begin()), "missing required field (" + what + ")");
    return i;
}

std::int32_t offset_for_lon(double lon_deg) {
    return static_cast<std::int32_t>(std::lround(lon_deg / 15.0)) * 3600;
}

// ---- Layers ----

std::vector<Region> load_regions(const std::string& path) {
    Reader r(path);
    require_polygon_layer(r);
    const int f_id = r.field_index_any({"region_id", "id", "iso_3166_2", "code"});
    const int f_name = r.field_index_any({"name_en", "name"});
    if (f_id < 0 && f_name < 0) throw InputError(path, "", "region_id", "missing required field (region_id or name_en)");
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_kind = r.field_index("kind"), f_off = r.field_index("utc_offset");
    const int f_cap = r.field_index("capital_city_id");
    std::vector<Region> out;
    while (r.next()) {
        Region g;
        g.region_id = trim(r.text(f_id >= 0 ? f_id : f_name));
        g.name_en = trim(r.text(f_name >= 0 ? f_name : f_id));
        if (g.region_id.empty()) fail(r, f_id >= 0 ? f_id : f_name, "empty region id");
        g.name_kk = trim(r.text(f_kk));
        g.name_ru = trim(r.text(f_ru));
        g.kind = trim(r.text(f_kind));
        if (g.kind.empty()) g.kind = "region";
        g.capital_city_id = trim(r.text(f_cap));
        g.polygons_deg = read_polygons(r);
        const std::string off = trim(r.text(f_off));
        if (!off.empty()) {
            auto o = parse_utc_offset(off);
            if (!o) {  // a number of hours ("6", "5.0") is accepted too
                char* end = nullptr;
                const double h = std::strtod(off.c_str(), &end);
                if (end == off.c_str() || *end != '\0' || std::abs(h) > 14)
                    fail(r, f_off, "'" + off + "' is not a UTC offset (expected +06:00)");
                o = static_cast<std::int32_t>(std::lround(h * 3600));
            }
            g.utc_offset_s = *o;
        } else {
            const Vec2 c = label_point(g.polygons_deg);
            g.utc_offset_s = offset_for_lon(c.x);
        }
        out.push_back(std::move(g));
    }
    if (out.empty()) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<City> load_cities(const std::string& path) {
    Reader r(path);
    const int f_id = require_field(r, {"city_id", "id"}, "city id");
    const int f_name = require_field(r, {"name_en", "name"}, "city name");
    const PointColumns pc = point_columns(r);
    if (!layer_may_have_points(r) && (pc.lon < 0 || pc.lat < 0))
        throw InputError(path, "", "latitude", "missing required field (latitude and longitude, or point geometry)");
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_admin1 = r.field_index("admin1"), f_region = r.field_index("region_id");
    const int f_pop = r.field_index("population"), f_cap = r.field_index("is_capital");
    const int f_src = r.field_index("source");
    std::vector<City> out;
    while (r.next()) {
        City c;
        c.city_id = trim(r.text(f_id));
        if (c.city_id.empty()) fail(r, f_id, "empty city id");
        c.name_en = trim(r.text(f_name));
        if (c.name_en.empty()) fail(r, f_name, "empty name");
        c.name_kk = trim(r.text(f_kk));
        c.name_ru = trim(r.text(f_ru));
        c.admin1 = trim(r.text(f_admin1));
        c.region_id = trim(r.text(f_region));
        c.population = read_count(r, f_pop).value_or(0);
        c.is_capital = f_cap >= 0 && read_bool(r, f_cap);
        c.source = r.text(f_src);
        if (!read_point(r, pc, c.lon_deg, c.lat_deg))
            throw InputError(path, r.where(), pc.lat_name, "missing coordinates");
        for (const City& other : out)
            if (iequals(other.city_id, c.city_id)) fail(r, f_id, "duplicate city id '" + c.city_id + "'");
        out.push_back(std::move(c));
    }
    if (out.empty()) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<ContextFeature> load_context(const std::string& path) {
    Reader r(path);
    require_polygon_layer(r);
    const int f_en = r.field_index_any({"name_en", "name", "NAME", "admin"});
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_iso = r.field_index_any({"iso_a3", "adm0_a3"});
    std::vector<ContextFeature> out;
    while (r.next()) {
        ContextFeature c;
        c.name_en = trim(r.text(f_en));
        c.name_kk = trim(r.text(f_kk));
        c.name_ru = trim(r.text(f_ru));
        c.iso_a3 = trim(r.text(f_iso));
        c.polygons_m = read_polygons(r);  // lon/lat until projected
        out.push_back(std::move(c));
    }
    if (out.empty()) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<TallyEntry> load_tally(const std::string& path) {
    Reader r(path);
    const int f_id = r.field_index("tally_id");
    const int f_at = require_field(r, {"announced_at"}, "announcement time");
    const int f_scope = r.field_index("scope");
    struct CountField {
        const char* name;
        Count TallyEntry::*member;
    };
    static constexpr CountField kCounts[] = {
        {"killed", &TallyEntry::killed},
        {"security_killed", &TallyEntry::security_killed},
        {"injured", &TallyEntry::injured},
        {"security_injured", &TallyEntry::security_injured},
        {"hospitalised", &TallyEntry::hospitalised},
        {"intensive_care", &TallyEntry::intensive_care},
        {"detained", &TallyEntry::detained},
        {"vehicles_burned", &TallyEntry::vehicles_burned},
        {"facilities_damaged", &TallyEntry::facilities_damaged},
    };
    int count_idx[std::size(kCounts)];
    for (std::size_t k = 0; k < std::size(kCounts); ++k) count_idx[k] = r.field_index(kCounts[k].name);
    const int f_by = r.field_index("announced_by"), f_status = r.field_index("status");
    const int f_keys = r.field_index("source_keys"), f_src = r.field_index("source"), f_note = r.field_index("note");
    std::vector<TallyEntry> out;
    while (r.next()) {
        TallyEntry t;
        t.tally_id = trim(r.text(f_id));
        if (t.tally_id.empty()) t.tally_id = "T" + std::to_string(r.ordinal());
        const std::string at = trim(r.text(f_at));
        auto when = parse_iso8601(at, 6 * 3600);
        if (!when) fail(r, f_at, "'" + at + "' is not an ISO 8601 time");
        t.announced_at = *when;
        t.scope = trim(r.text(f_scope));
        if (t.scope.empty()) t.scope = "national";
        for (std::size_t k = 0; k < std::size(kCounts); ++k) t.*(kCounts[k].member) = read_count(r, count_idx[k]);
        t.announced_by = r.text(f_by);
        t.status = trim(r.text(f_status));
        t.source_keys = r.text(f_keys);
        t.source = r.text(f_src);
        t.note = r.text(f_note);
        out.push_back(std::move(t));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TallyEntry& a, const TallyEntry& b) { return a.announced_at.utc_s < b.announced_at.utc_s; });
    return out;
}

// ---- Events ----

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

bool is_nationwide_place(const Event& e) {
    if (!e.admin1.empty()) return false;
    const std::string loc = lower(trim(e.location));
    return loc.empty() || loc == "nationwide" || loc == lower(e.country) || loc == "kazakhstan" ||
           loc.find("nationwide") != std::string::npos;
}

class EventLoader {
public:
    EventLoader(const LoadOptions& o, const Dataset& d) : opt_(o), data_(d) {}

    void load(const std::string& path, std::vector<Event>& out, std::vector<Skipped>& skipped) {
        Reader r(path);
        EventColumns c = columns(r);
        while (true) {
            try {
                if (!r.next()) break;
                out.push_back(read(r, c));
            } catch (const InputError& e) {
                if (!opt_.skip_invalid) throw;
                std::string reason = e.what();
                if (reason.rfind(e.file() + ": ", 0) == 0) reason.erase(0, e.file().size() + 2);
                skipped.push_back({e.file(), e.where(), e.field(), reason});
            }
        }
        if (out.empty() && skipped.empty()) throw InputError(path, "", "", "the layer has no features");
        if (out.empty()) throw InputError(path, "", "", "no valid events (" + std::to_string(skipped.size()) + " invalid); the first: " + skipped.front().reason);
    }

private:
    EventColumns columns(const Reader& r) const {
        EventColumns c;
        for (std::size_t k = 0; k < std::size(kEventStrings); ++k) c.strings[k] = r.field_index(kEventStrings[k].name);
        for (std::size_t k = 0; k < std::size(kEventCounts); ++k) c.counts[k] = r.field_index(kEventCounts[k].name);
        if (!opt_.time_field.empty()) {
            c.time = r.field_index(opt_.time_field);
            if (c.time < 0)
                throw InputError(r.path(), "", opt_.time_field, "missing required field (given by --time-field)");
        } else {
            c.time = r.field_index_any({"start_time", "event_date"});
            if (c.time < 0)
                throw InputError(r.path(), "", "start_time",
                                 "missing required field (start_time or event_date; or name one with --time-field)");
        }
        if (!opt_.end_field.empty()) {
            c.end = r.field_index(opt_.end_field);
            if (c.end < 0) throw InputError(r.path(), "", opt_.end_field, "missing required field (given by --end-field)");
        } else {
            c.end = r.field_index("end_time");
        }
        c.category = r.field_index("category");
        c.time_precision = r.field_index("time_precision");
        c.geo_precision = r.field_index("geo_precision");
        c.disputed = r.field_index("disputed");
        c.origin_lat = r.field_index("origin_latitude");
        c.origin_lon = r.field_index("origin_longitude");
        c.id_alt = r.field_index_any({"event_id", "data_id", "id", "event_id_no_cnty"});
        c.point = point_columns(r);
        const bool has_city = c.strings[kCityIdField] >= 0;  // city_id
        if (!layer_may_have_points(r) && (c.point.lon < 0 || c.point.lat < 0) && !has_city)
            throw InputError(r.path(), "", "latitude",
                             "missing required field (latitude and longitude, a point geometry, or city_id)");
        // Everything else is kept for export.
        std::vector<bool> known(static_cast<std::size_t>(r.field_count()), false);
        for (int i : c.strings) if (i >= 0) known[i] = true;
        for (int i : c.counts) if (i >= 0) known[i] = true;
        for (int i : {c.time, c.end, c.category, c.time_precision, c.geo_precision, c.disputed, c.origin_lat,
                      c.origin_lon, c.point.lon, c.point.lat})
            if (i >= 0) known[i] = true;
        for (int i = 0; i < r.field_count(); ++i)
            if (!known[i]) c.extra.push_back(i);
        return c;
    }

    int read_int(const Reader& r, int field) const {
        const Count v = read_count(r, field);
        return v ? static_cast<int>(std::min<std::int64_t>(*v, 1000000)) : 0;
    }

    Event read(const Reader& r, const EventColumns& c) const {
        Event e;
        for (std::size_t k = 0; k < std::size(kEventStrings); ++k)
            if (c.strings[k] >= 0) e.*(kEventStrings[k].member) = r.text(c.strings[k]);
        e.city_id = trim(e.city_id);
        e.event_id_cnty = trim(e.event_id_cnty);
        if (e.event_id_cnty.empty()) e.event_id_cnty = trim(r.text(c.id_alt));
        if (e.event_id_cnty.empty())
            e.event_id_cnty = fs::path(r.path()).stem().string() + "-" + std::to_string(r.ordinal());
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

        // Place: the city, then the coordinates (or the city's), then the region.
        if (!e.city_id.empty()) {
            e.city_index = city_by_id(e.city_id);
            if (e.city_index < 0)
                fail(r, c.strings[kCityIdField], "unknown city '" + e.city_id + "' (not in the cities file)");
        }
        const bool has_point = read_point(r, c.point, e.lon_deg, e.lat_deg);
        if (!has_point) {
            if (e.city_index < 0)
                throw InputError(r.path(), r.where(), c.point.lat_name, "no coordinates and no city_id");
            e.lon_deg = data_.cities[e.city_index].lon_deg;
            e.lat_deg = data_.cities[e.city_index].lat_deg;
        }
        if (e.city_index < 0 && !e.location.empty()) {
            // ACLED files name the place: take the city of that name if it is close by.
            const int ci = data_.find_city(trim(e.location));
            if (ci >= 0 && std::abs(data_.cities[ci].lon_deg - e.lon_deg) < 0.5 &&
                std::abs(data_.cities[ci].lat_deg - e.lat_deg) < 0.5) {
                e.city_index = ci;
                e.city_id = data_.cities[ci].city_id;
            }
        }
        if (e.city_index >= 0) e.region_index = data_.cities[e.city_index].region_index;
        if (e.region_index < 0 && !e.admin1.empty()) e.region_index = data_.find_region(trim(e.admin1));
        if (e.region_index < 0 && !(e.city_index < 0 && is_nationwide_place(e))) e.region_index = region_at(e.lon_deg, e.lat_deg);

        // Time: start in the place's offset when the text has none.
        std::int32_t offset = offset_for_lon(e.lon_deg);
        if (e.region_index >= 0) offset = data_.regions[e.region_index].utc_offset_s;
        const std::string start_text = trim(r.text(c.time));
        if (start_text.empty()) fail(r, c.time, "no date");
        bool day_only = false;
        auto start = parse_iso8601(start_text, offset);
        if (start && start_text.find_first_of("Tt ") == std::string::npos) day_only = true;
        if (!start) {
            start = parse_acled_date(start_text, offset);
            day_only = true;
        }
        if (!start)
            fail(r, c.time, "'" + start_text + "' is not a date (expected 2022-01-05T01:30+06:00, 2022-01-05 or 05 January 2022)");
        e.start = *start;
        if (e.event_date.empty()) e.event_date = start_text;
        const std::string end_text = trim(r.text(c.end));
        if (!end_text.empty()) {
            auto end = parse_iso8601(end_text, offset);
            if (!end) end = parse_acled_date(end_text, offset);
            if (!end) fail(r, c.end, "'" + end_text + "' is not a date");
            if (end->utc_s < e.start.utc_s) fail(r, c.end, "ends before it starts");
            e.end = *end;
        } else if (day_only) {
            e.end = LocalTime{e.start.utc_s + kSecondsPerDay, e.start.offset_s};  // the whole day
        }
        if (e.hour_precision.empty() && day_only) e.hour_precision = "day";

        // The other end of a troop movement.
        if (c.origin_lat >= 0 && c.origin_lon >= 0) {
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
        for (int i : c.extra) e.extra.emplace_back(r.field_name(i), r.text(i));
        return e;
    }

    int city_by_id(const std::string& id) const {
        for (std::size_t i = 0; i < data_.cities.size(); ++i)
            if (iequals(data_.cities[i].city_id, id)) return static_cast<int>(i);
        return -1;
    }

    int region_at(double lon, double lat) const {
        for (std::size_t i = 0; i < data_.regions.size(); ++i)
            if (contains(data_.regions[i].polygons_deg, Vec2{lon, lat})) return static_cast<int>(i);
        return -1;
    }

    const LoadOptions& opt_;
    const Dataset& data_;
};

// Projects every ring; a point PROJ cannot project is an error naming the layer.
std::vector<Polygon> project_polygons(const Projector& p, const std::vector<Polygon>& in, const std::string& file) {
    std::vector<Polygon> out;
    out.reserve(in.size());
    for (const Polygon& poly : in) {
        Polygon q;
        for (const auto& ring : poly.rings) {
            std::vector<Vec2> pts;
            pts.reserve(ring.size());
            for (const Vec2& v : ring) {
                Vec2 m;
                if (!p.forward(v.x, v.y, m))
                    throw InputError(file, "", "geometry", "--crs '" + p.crs() + "' cannot project this layer");
                pts.push_back(m);
            }
            q.rings.push_back(std::move(pts));
        }
        out.push_back(std::move(q));
    }
    return out;
}

void project_point(const Projector& p, double lon, double lat, Vec2& out, const std::string& file, const std::string& what) {
    if (!p.forward(lon, lat, out))
        throw InputError(file, what, "", "--crs '" + p.crs() + "' cannot project this point (" + std::to_string(lon) +
                                             ", " + std::to_string(lat) + ")");
}

// By start, then id. Events are large: sort indices, then move each event once.
void sort_events(std::vector<Event>& events) {
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Event& x = events[a];
        const Event& y = events[b];
        return x.start.utc_s != y.start.utc_s ? x.start.utc_s < y.start.utc_s : x.event_id_cnty < y.event_id_cnty;
    });
    std::vector<Event> sorted;
    sorted.reserve(events.size());
    for (std::size_t i : order) sorted.push_back(std::move(events[i]));
    events = std::move(sorted);
}

std::string exe_dir() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.parent_path().string();
}

}  // namespace

std::string find_geodata_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("QANTAR_GEODATA"); env && *env) candidates.emplace_back(env);
    if (const std::string dir = exe_dir(); !dir.empty()) {
        candidates.push_back(dir + "/../geodata");
        candidates.push_back(dir + "/geodata");
    }
    candidates.emplace_back("geodata");
    candidates.emplace_back("/usr/local/share/qantar/geodata");
    candidates.emplace_back("/usr/share/qantar/geodata");
    std::error_code ec;
    for (const std::string& c : candidates)
        if (fs::exists(fs::path(c) / "events.csv", ec)) return fs::path(c).lexically_normal().string();
    throw InputError(candidates.front() + "/events.csv", "", "",
                     "no such file (set QANTAR_GEODATA or pass --geodata to the bundled data directory)");
}

Dataset load_dataset(const LoadOptions& options) {
    Dataset data;
    const bool all_given = !options.events_path.empty() && !options.cities_path.empty() && !options.regions_path.empty();
    std::string dir = options.geodata_dir;
    if (dir.empty() && !all_given) dir = find_geodata_dir();
    auto in_dir = [&](const char* name) { return (fs::path(dir) / name).string(); };
    const std::string events_path = options.events_path.empty() ? in_dir("events.csv") : options.events_path;
    const std::string cities_path = options.cities_path.empty() ? in_dir("cities.csv") : options.cities_path;
    const std::string regions_path = options.regions_path.empty() ? in_dir("regions.geojson") : options.regions_path;

    // Bad --crs is a usage error: find out before reading anything.
    const Projector projector(options.crs.empty() ? std::string(kDefaultCrs) : options.crs);
    data.crs = projector.crs();

    data.regions = load_regions(regions_path);
    data.input_files.push_back(regions_path);
    data.cities = load_cities(cities_path);
    data.input_files.push_back(cities_path);

    // Cities → regions: the named region, else admin1, else the polygon that holds them.
    for (City& c : data.cities) {
        c.region_index = data.find_region(c.region_id);
        if (c.region_index < 0) c.region_index = data.find_region(c.admin1);
        if (c.region_index < 0)
            for (std::size_t i = 0; i < data.regions.size(); ++i)
                if (contains(data.regions[i].polygons_deg, Vec2{c.lon_deg, c.lat_deg})) {
                    c.region_index = static_cast<int>(i);
                    break;
                }
        if (c.region_index >= 0 && c.region_id.empty()) c.region_id = data.regions[c.region_index].region_id;
    }
    for (Region& g : data.regions) g.capital_city_index = data.find_city(g.capital_city_id);

    EventLoader(options, data).load(events_path, data.events, data.skipped);
    data.input_files.push_back(events_path);
    sort_events(data.events);

    std::string tally_path = options.tally_path;
    if (tally_path.empty() && options.events_path.empty()) {
        tally_path = in_dir("tally.csv");
        if (!fs::exists(tally_path)) tally_path.clear();  // the tally is optional
    }
    if (!tally_path.empty()) {
        data.tally = load_tally(tally_path);
        data.input_files.push_back(tally_path);
    }

    if (options.context && !dir.empty()) {
        // Context layers are drawn, not analysed: a missing file means no context, not an error.
        if (const std::string p = in_dir("kazakhstan.geojson"); fs::exists(p)) {
            auto layer = load_context(p);
            data.national_outline = std::move(layer.front());
            for (std::size_t i = 1; i < layer.size(); ++i)
                data.national_outline.polygons_m.insert(data.national_outline.polygons_m.end(),
                                                        layer[i].polygons_m.begin(), layer[i].polygons_m.end());
            data.input_files.push_back(p);
        }
        if (const std::string p = in_dir("countries.geojson"); fs::exists(p)) {
            data.countries = load_context(p);
            data.input_files.push_back(p);
        }
        if (const std::string p = in_dir("water.geojson"); fs::exists(p)) {
            data.water = load_context(p);
            data.input_files.push_back(p);
        }
    }

    // Project everything once, and triangulate the fills once.
    for (Region& g : data.regions) {
        g.polygons_m = project_polygons(projector, g.polygons_deg, regions_path);
        g.triangles_m = triangulate(g.polygons_m);
        g.label_m = label_point(g.polygons_m);
    }
    for (City& c : data.cities) project_point(projector, c.lon_deg, c.lat_deg, c.pos_m, cities_path, "city " + c.city_id);
    for (Event& e : data.events) {
        project_point(projector, e.lon_deg, e.lat_deg, e.pos_m, events_path, "event " + e.event_id_cnty);
        if (e.origin_lon_deg && e.origin_lat_deg) {
            Vec2 m;
            project_point(projector, *e.origin_lon_deg, *e.origin_lat_deg, m, events_path, "event " + e.event_id_cnty);
            e.origin_m = m;
        }
    }
    auto finish_context = [&](ContextFeature& c, const std::string& file) {
        if (c.polygons_m.empty()) return;
        c.polygons_m = project_polygons(projector, c.polygons_m, file);
        c.triangles_m = triangulate(c.polygons_m);
        c.label_m = label_point(c.polygons_m);
    };
    finish_context(data.national_outline, in_dir("kazakhstan.geojson"));
    for (ContextFeature& c : data.countries) finish_context(c, in_dir("countries.geojson"));
    for (ContextFeature& c : data.water) finish_context(c, in_dir("water.geojson"));
    return data;
}

}  // namespace qantar
