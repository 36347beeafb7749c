// Loading the dataset: each layer through GDAL (load_layers.hpp), then projecting once through
// PROJ (projection.hpp) and triangulating polygons once (triangulate.hpp: GEOS checks and
// repairs, core's ear clipping triangulates).
#include "load.hpp"

#include "time_zone.hpp"

#include "basemap.hpp"
#include "data_dirs.hpp"
#include "load_layers.hpp"
#include "pg_source.hpp"
#include "projection.hpp"
#include "triangulate.hpp"

#include "core/categories.hpp"
#include "core/error.hpp"
#include "core/framing.hpp"
#include "core/geometry.hpp"
#include "core/place.hpp"
#include "core/story.hpp"
#include "core/text.hpp"
#include "core/timeline.hpp"
#include "core/title.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <thread>

namespace qantar {

namespace fs = std::filesystem;

namespace {

using loading::PushedDown;

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

// By start, then id: the columns permuted once.
void sort_events(EventStore& events) { events.sort_by_time(); }

// Every event's position (and a movement's origin) in metres.
void project_events(const Projector& projector, const std::string& file, EventStore& events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        const EventRef e = events[i];
        Vec2 m;
        project_point(projector, e.lon_deg(), e.lat_deg(), m, file, "event " + std::string(e.event_id_cnty()));
        events.set_pos_m(i, m);
        const auto lon = e.origin_lon_deg(), lat = e.origin_lat_deg();
        if (lon && lat) {
            project_point(projector, *lon, *lat, m, file, "event " + std::string(e.event_id_cnty()));
            events.set_origin_m(i, m);
        }
    }
}

// The files one load reads: given, else in the geodata directory.
struct Paths {
    std::string dir, events, cities, regions, tally, outline, countries, water, sources;
    std::string in_dir(const char* name) const { return (fs::path(dir) / name).string(); }
};

Paths resolve_paths(const LoadOptions& options) {
    Paths p;
    const bool all_given = !options.events_path.empty() && !options.cities_path.empty() && !options.regions_path.empty();
    p.dir = options.geodata_dir;
    if (p.dir.empty() && !all_given) p.dir = find_geodata_dir();
    p.events = options.events_path.empty() ? p.in_dir("events.csv") : options.events_path;
    p.cities = options.cities_path.empty() ? p.in_dir("cities.csv") : options.cities_path;
    p.regions = options.regions_path.empty() ? p.in_dir("regions.geojson") : options.regions_path;
    p.outline = options.outline_path.empty() ? p.in_dir("outline.geojson") : options.outline_path;
    p.countries = options.countries_path.empty() ? p.in_dir("countries.geojson") : options.countries_path;
    p.water = options.water_path.empty() ? p.in_dir("water.geojson") : options.water_path;
    p.tally = options.tally_path;
    if (p.tally.empty() && options.events_path.empty()) {
        p.tally = p.in_dir("tally.csv");
        if (!fs::exists(p.tally)) p.tally.clear();  // the tally is optional
    }
    p.sources = options.sources_path;
    if (p.sources.empty() && options.events_path.empty() && !p.dir.empty()) {
        p.sources = p.in_dir("sources.csv");
        if (!fs::exists(p.sources)) p.sources.clear();  // so is the sources table
    }
    return p;
}

// Context layers are drawn, not analysed: a missing file means no context, not an error.
void read_context(const Paths& paths, Dataset& data) {
    if (const std::string& p = paths.outline; fs::exists(p)) {
        auto layer = loading::load_context(p);
        data.national_outline = std::move(layer.front());
        auto& outline = data.national_outline.polygons_deg;
        for (std::size_t i = 1; i < layer.size(); ++i)
            outline.insert(outline.end(), layer[i].polygons_deg.begin(), layer[i].polygons_deg.end());
        data.input_files.push_back(p);
    }
    if (const std::string& p = paths.countries; fs::exists(p)) {
        data.countries = loading::load_context(p);
        data.input_files.push_back(p);
    }
    if (const std::string& p = paths.water; fs::exists(p)) {
        data.water = loading::load_context(p);
        data.input_files.push_back(p);
    }
}

// Per-day tables grow with the span: a stray year 5412 must not cost gigabytes.
void check_events_span(const EventStore& events, const std::string& path, double max_years) {
    if (events.empty()) return;
    std::size_t last = 0;
    std::int64_t last_utc_s = events.start_s(0);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto end = events.end(i);
        const std::int64_t t = end ? std::max(events.start_s(i), end->utc_s) : events.start_s(i);
        if (t > last_utc_s) last_utc_s = t, last = i;
    }
    check_time_span(path, events.start_s(0), "event " + std::string(events[0].event_id_cnty()), last_utc_s,
                    "event " + std::string(events[last].event_id_cnty()), max_years);
}

// The events, sorted, their span checked, their times read in their places' zones (or --tz), and
// the display zone: --tz, else the most common zone of the events' places, else none (Timeline
// falls back to the most common offset). Returns what a database did not send (EventTimes::pushed_down).
PushedDown read_events(const LoadOptions& options, const Paths& paths, io::ConnectionAhead& ahead, Dataset& data) {
    std::shared_ptr<const ZoneRules> tz;
    if (!options.time_zone.empty()) tz = qantar::tz::require_zone(options.time_zone);
    loading::EventTimes times;
    loading::load_events(options, data, paths.events, data.events, data.skipped, data.categories, data.category_field,
                         tz.get(), &ahead, times);
    sort_events(data.events);
    check_events_span(data.events, paths.events, options.max_span_years);
    data.time_field = times.field;
    data.time_format = times.format;
    if (times.read_as_utc > 0)
        data.time_zone_warning = std::to_string(times.read_as_utc) + " of " + std::to_string(data.events.size()) +
                                 " times without an offset had no zone (no region with a tz or utc_offset, no --tz): read as UTC";
    if (tz) {
        data.display_zone = tz;
        data.time_zone = tz->name();
        return times.pushed_down;
    }
    std::string best;
    int best_n = 0;
    for (const auto& [name, n] : times.zones)
        if (n > best_n) best = name, best_n = n;
    auto shared = [&](const std::string& name) -> std::shared_ptr<const ZoneRules> {
        for (const Region& g : data.regions) if (g.zone && g.zone->name() == name) return g.zone;
        for (const City& c : data.cities) if (c.zone && c.zone->name() == name) return c.zone;
        return nullptr;
    };
    if (!best.empty()) data.display_zone = shared(best);
    data.time_zone = times.zones.size() > 1 ? "per place" : best;
    return times.pushed_down;
}

// A database read through a window: the histogram's days come from the server's counts over all
// of its rows (io::server_day_counts), in the display zone, each value counted in the category
// its rows get (a value the window did not hold: "Other"; one the story does not know: left out).
void count_days_on_server(const LoadOptions& options, io::ConnectionAhead& ahead, const PushedDown& pushed_down,
                          Dataset& data) {
    if (pushed_down.where.empty()) return;
    // The zone the timeline would fall back to, made explicit so that the server counts in it.
    if (!data.display_zone) data.display_zone = std::make_shared<FixedOffsetZone>(most_common_offset(data.events));
    const bool by_value = !data.category_field.empty();  // else one category for every event
    const auto rows = pushed_down.days.valid()
                          ? pushed_down.days.get()
                          : io::server_day_counts(options, &ahead, data.time_field, by_value ? data.category_field : std::string(),
                                                  *data.display_zone);
    if (rows.empty()) return;
    std::int64_t first = rows.front().local_day, last = first;
    for (const auto& r : rows) first = std::min(first, r.local_day), last = std::max(last, r.local_day);
    const std::string shown = io::source_display_name(options.events_path);
    check_time_span(shown, first * kSecondsPerDay, "its first day", last * kSecondsPerDay, "its last day",
                    options.max_span_years);
    std::map<std::string, int> index;
    data.day_counts.clear();
    for (const auto& r : rows) {
        const std::string value = trim(r.value);
        auto [it, fresh] = index.emplace(value, 0);
        if (fresh) {
            it->second = by_value && !value.empty() ? find_category(data.categories, value) : by_value ? -1 : 0;
            if (it->second < 0 && options.categories.empty()) {
                it->second = find_category(data.categories, other_category().id);
                if (it->second < 0) {
                    data.categories.push_back(other_category());
                    it->second = static_cast<int>(data.categories.size()) - 1;
                }
            }
        }
        if (it->second >= 0) data.day_counts.push_back({r.local_day, it->second, r.count});
    }
}

// Every layer in lon/lat, linked: cities to regions, events to cities and regions. Returns
// what read_events says a database did not send.
PushedDown read_layers(const LoadOptions& options, const Paths& paths, io::ConnectionAhead& ahead, Dataset& data) {
    // The context layers (most of a story's geometry, GeoJSON as often as not) are read on a thread
    // of their own meanwhile; they join the data last, as when they were read last.
    std::future<Dataset> context;
    if (options.context && (!paths.dir.empty() || !options.outline_path.empty()))
        context = std::async(std::launch::async, [&paths] {
            Dataset c;
            read_context(paths, c);
            return c;
        });
    data.regions = loading::load_regions(paths.regions);
    data.input_files.push_back(paths.regions);
    // Cities are optional: a data directory without cities.csv has none (a file given must exist).
    if (!options.cities_path.empty() || fs::exists(paths.cities)) {
        data.cities = loading::load_cities(paths.cities);
        data.input_files.push_back(paths.cities);
    }
    link_cities_to_regions(data);

    PushedDown pushed_down = read_events(options, paths, ahead, data);
    data.input_files.push_back(io::source_display_name(paths.events));  // no password in any output

    if (!paths.tally.empty()) {
        data.tally = loading::load_tally(paths.tally);
        data.input_files.push_back(paths.tally);
    }
    if (!paths.sources.empty()) {
        data.sources = loading::load_sources(paths.sources);
        data.input_files.push_back(paths.sources);
    }
    if (context.valid()) {
        Dataset c = context.get();
        data.national_outline = std::move(c.national_outline);
        data.countries = std::move(c.countries);
        data.water = std::move(c.water);
        data.input_files.insert(data.input_files.end(), c.input_files.begin(), c.input_files.end());
    }
    return pushed_down;
}

// Projects everything once, and with `fill` triangulates the fills once (on two threads or more).
// tolerant_context: a context feature the projection cannot take (the far side of the world) is
// left out instead of failing.
void project_layers(const Projector& projector, const Paths& paths, Dataset& data, bool fill,
                    bool tolerant_context = false) {
    for (Region& g : data.regions) {
        g.polygons_m = project_polygons(projector, g.polygons_deg, paths.regions);
        g.label_m = label_point(g.polygons_m);
        const ExtentM box = extent_of(g.polygons_m);
        g.box_min_m = box.min_m;
        g.box_max_m = box.max_m;
    }
    std::vector<TriangulationJob> jobs;
    // A hole that no other region fills (a leased territory) is drawn as part of its region, so
    // that it shows neither as a bare ring nor as a dark disc inside a tinted region.
    std::vector<std::vector<Polygon>> drawn(data.regions.size());
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
        drawn[r] = drawn_polygons(data.regions, r);
        jobs.push_back({&drawn[r], &data.regions[r].triangles_m});
    }
    for (City& c : data.cities)
        project_point(projector, c.lon_deg, c.lat_deg, c.pos_m, paths.cities, "city " + c.city_id);
    project_events(projector, paths.events, data.events);
    auto finish_context = [&](ContextFeature& c, const std::string& file) {
        if (c.polygons_deg.empty()) return;
        try {
            c.polygons_m = project_polygons(projector, c.polygons_deg, file);
        } catch (const InputError&) {
            if (!tolerant_context) throw;
            c.polygons_deg.clear();
            return;
        }
        jobs.push_back({&c.polygons_m, &c.triangles_m});
        c.label_m = label_point(c.polygons_m);
    };
    finish_context(data.national_outline, paths.outline);
    for (ContextFeature& c : data.countries) finish_context(c, paths.countries);
    for (ContextFeature& c : data.water) finish_context(c, paths.water);
    if (fill) triangulate_all(jobs, std::max(2u, std::min(8u, std::thread::hardware_concurrency())));
}

// The framing: --bbox, else the bulk of the events; the events outside it counted.
// `whole`: points of the whole source when only a window of it was loaded (a database's sample):
// the bulk is theirs, so that every window of the source gets the same map.
void frame_events(const std::optional<LonLatBox>& bbox, Dataset& data, const std::vector<Vec2>& whole = {}) {
    std::vector<Vec2> lon_lat;
    lon_lat.reserve(data.events.size());
    for (std::size_t i = 0; i < data.events.size(); ++i) lon_lat.push_back({data.events.lon_deg(i), data.events.lat_deg(i)});
    if (bbox) {
        data.framing_deg = *bbox;
        data.outside_extent = count_outside(*bbox, lon_lat);
    } else if (!whole.empty()) {
        data.framing_deg = robust_framing(whole).box;
        data.outside_extent = count_outside(data.framing_deg, lon_lat);
    } else {
        const Framing f = robust_framing(lon_lat);
        data.framing_deg = f.box;
        data.outside_extent = f.outside;
    }
}

// The framing box in metres: its edges sampled, since a lon/lat box is curved on a conic.
void project_framing(const Projector& projector, Dataset& data) {
    const LonLatBox& b = data.framing_deg;
    std::vector<Vec2> pts;
    constexpr int kSteps = 24;
    for (int i = 0; i <= kSteps; ++i) {
        const double s = static_cast<double>(i) / kSteps;
        const double lon = b.lon_min_deg + s * b.width_deg(), lat = b.lat_min_deg + s * b.height_deg();
        for (const Vec2& ll : {Vec2{lon, b.lat_min_deg}, Vec2{lon, b.lat_max_deg}, Vec2{b.lon_min_deg, lat}, Vec2{b.lon_max_deg, lat}}) {
            Vec2 m;
            if (projector.forward(ll.x > 180 ? ll.x - 360 : ll.x, std::clamp(ll.y, -89.5, 89.5), m)) pts.push_back(m);
        }
    }
    if (pts.empty()) return;
    Vec2 lo = pts.front(), hi = pts.front();
    for (const Vec2& p : pts) {
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
    }
    data.framing_min_m = lo;
    data.framing_max_m = hi;
}

void set_titles(const LoadOptions& options, bool derive, Dataset& data) {
    data.title = options.title;
    data.subtitle = options.subtitle;
    if (!derive) return;
    if (data.title.empty()) data.title = title_from_events(data, is_world_extent(data.framing_deg));
    if (data.subtitle.empty()) data.subtitle = subtitle_from_events(data);
}

// A map of any place reads the events before it knows their places, so times written without an
// offset were read in the --tz zone, the nearest zone or as UTC. Once each event has its region,
// the same wall-clock time is read again in the region's zone, and the display zone is the most
// common zone of the events' places.
void localise_times(const LoadOptions& options, Dataset& data) {
    std::map<std::string, int> zones;
    std::map<std::string, std::shared_ptr<const ZoneRules>> rules;
    bool moved = false;
    std::int64_t unplaced = 0;
    EventStore& ev = data.events;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const int region = ev.region_index(i);
        const auto& zone = region >= 0 ? data.regions[static_cast<std::size_t>(region)].zone : nullptr;
        if (!zone) {
            if (ev.local_time(i)) ++unplaced;
            continue;
        }
        ++zones[zone->name()];
        rules.emplace(zone->name(), zone);
        if (!ev.local_time(i)) continue;
        const auto relocal = [&](const LocalTime& t) { return in_zone(zone->utc_of_local(t.utc_s + t.offset_s), *zone); };
        std::optional<LocalTime> end = ev.end(i);
        if (end) end = relocal(*end);
        ev.set_times(i, relocal(ev.start(i)), end);
        moved = true;
    }
    if (moved) sort_events(data.events);
    if (unplaced == 0) data.time_zone_warning.clear();
    if (!options.time_zone.empty() || zones.empty()) return;
    if (is_world_extent(data.framing_deg)) {  // days and the date line in UTC; each event keeps its own
        data.time_zone = zones.size() > 1 ? "per place" : zones.begin()->first;
        return;
    }
    std::string best;
    int best_n = 0;
    for (const auto& [name, n] : zones)
        if (n > best_n) best = name, best_n = n;
    data.display_zone = rules[best];
    data.time_zone = zones.size() > 1 ? "per place" : best;
}

// A map of any place: the events first, then the world base map around them, projected for them.
Dataset load_world(const LoadOptions& options, const std::optional<LonLatBox>& bbox, const GeometryReady& projected) {
    std::optional<Projector> given;
    if (!options.crs.empty()) given.emplace(options.crs);  // a bad --crs: before reading anything
    const std::string dir = options.world_dir.empty() ? find_world_dir() : options.world_dir;
    if (dir.empty())
        throw InputError("geodata/world/countries.fgb", "", "",
                         "no such file (the world base map; set QANTAR_WORLD to its directory, or give --regions "
                         "or --geodata)");
    Dataset data;
    Paths paths;
    paths.dir = dir;
    paths.events = options.events_path;
    paths.regions = paths.in_dir("admin1.fgb");
    paths.cities = options.cities_path.empty() ? paths.in_dir("cities.csv") : options.cities_path;
    // While the events are read: the world's countries, and for a window of a database (framed on
    // a sample of the whole table, about 20,000 points) the sample, on a connection of its own. A
    // table too small for a window is read whole and framed on its rows: its sample goes unused.
    auto countries = std::async(std::launch::async, [&dir] { return read_world_countries(dir); });
    std::future<std::vector<Vec2>> sample;
    if (io::is_pg_source(options.events_path) && !bbox && (options.pushdown_from_utc_s || options.pushdown_to_utc_s))
        sample = std::async(std::launch::async, [&options] { return io::server_sample_points(options, 20000); });
    io::ConnectionAhead days_connection(options);  // opened while the table's columns are looked up
    const PushedDown pushed_down = read_events(options, paths, days_connection, data);
    data.input_files.push_back(options.events_path);
    std::vector<Vec2> whole;
    if (sample.valid() && !pushed_down.where.empty()) whole = sample.get();
    frame_events(bbox, data, whole);
    data.frame_on_data = true;
    load_world_basemap(dir, countries.get(), options.context, options.cities_path, data);
    localise_times(options, data);
    if (!options.tally_path.empty()) {
        data.tally = loading::load_tally(options.tally_path);
        data.input_files.push_back(options.tally_path);
    }
    const Projector projector = given ? std::move(*given) : Projector(projection_for(data.framing_deg));
    data.crs = projector.crs();
    project_layers(projector, paths, data, options.context, true);
    project_framing(projector, data);
    set_titles(options, true, data);
    if (projected) projected(data);
    count_days_on_server(options, days_connection, pushed_down, data);  // last: the server counted meanwhile
    return data;
}

}  // namespace

bool uses_world_basemap(const LoadOptions& options, bool geodata_env_set) {
    if (!options.world_dir.empty()) return true;
    return !options.events_path.empty() && options.regions_path.empty() && options.geodata_dir.empty() &&
           !geodata_env_set;
}

Dataset load_dataset(const LoadOptions& options, const GeometryReady& projected) {
    // Bad --bbox and --crs are usage errors: find out before reading anything.
    std::optional<LonLatBox> bbox;
    if (!options.bbox.empty()) bbox = parse_bbox(options.bbox);
    const char* env = std::getenv("QANTAR_GEODATA");
    if (uses_world_basemap(options, env && *env)) return load_world(options, bbox, projected);

    const Paths paths = resolve_paths(options);
    io::ConnectionAhead days_connection(options);  // a database's per-day counts: opened while the layers are read
    // The projection is made (PROJ opens its database, and looks the operation up in it unless the
    // CRS is a projection of WGS 84: io/projection's direct_pipeline) while the layers are
    // read; a bad --crs is still reported before anything the files hold.
    auto making = std::async(std::launch::async,
                             [&options] { return Projector(options.crs.empty() ? std::string(kDefaultCrs) : options.crs); });
    Dataset data;
    data.title = options.title;
    data.subtitle = options.subtitle;
    if (options.story) {
        const StoryConfig& s = *options.story;
        data.window_title = s.window_title;
        if (!s.city_region_label.empty()) data.city_region_label = s.city_region_label;
        data.data_note = s.data_note;
        data.seconds_per_day = s.seconds_per_day;
        data.hud_header = s.hud.header;
        data.day_counter = s.hud.day_counter;
        data.day_before = s.hud.day_before;
        data.tally_heading = s.hud.tally_heading;
        data.tally_columns = s.hud.tally_columns;
    }
    PushedDown pushed_down;
    try {
        pushed_down = read_layers(options, paths, days_connection, data);
    } catch (...) {
        making.get();  // a usage error first
        throw;
    }
    const Projector projector = making.get();
    data.crs = projector.crs();
    project_layers(projector, paths, data, options.context);
    // The story's own framing is its country; --bbox replaces it.
    frame_events(bbox, data);
    data.frame_on_data = bbox.has_value();
    project_framing(projector, data);
    set_titles(options, false, data);
    if (projected) projected(data);
    count_days_on_server(options, days_connection, pushed_down, data);  // last: the server counted meanwhile
    return data;
}

}  // namespace qantar
