// Loading the dataset: each layer through GDAL (load_layers.hpp), then projecting once through
// PROJ (projection.hpp) and triangulating polygons once through GEOS (triangulate.hpp).
#include "load.hpp"

#include "time_zone.hpp"

#include "basemap.hpp"
#include "load_layers.hpp"
#include "pg_source.hpp"
#include "projection.hpp"
#include "triangulate.hpp"

#include "core/error.hpp"
#include "core/framing.hpp"
#include "core/geometry.hpp"
#include "core/place.hpp"
#include "core/story.hpp"
#include "core/title.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#ifndef QANTAR_INSTALL_DATADIR
#define QANTAR_INSTALL_DATADIR ""
#endif

namespace qantar {

namespace fs = std::filesystem;

namespace {

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
void check_events_span(const std::vector<Event>& events, const std::string& path, double max_years) {
    if (events.empty()) return;
    const Event* last = &events.front();
    std::int64_t last_utc_s = last->start.utc_s;
    for (const Event& e : events) {
        const std::int64_t t = e.end ? std::max(e.start.utc_s, e.end->utc_s) : e.start.utc_s;
        if (t > last_utc_s) last_utc_s = t, last = &e;
    }
    check_time_span(path, events.front().start.utc_s, "event " + events.front().event_id_cnty, last_utc_s,
                    "event " + last->event_id_cnty, max_years);
}

// The events, their times read in their places' zones (or --tz), and the display zone: --tz, else
// the most common zone of the events' places, else none (Timeline falls back to the most common
// offset).
void read_events(const LoadOptions& options, const Paths& paths, Dataset& data) {
    std::shared_ptr<const ZoneRules> tz;
    if (!options.time_zone.empty()) tz = qantar::tz::require_zone(options.time_zone);
    loading::EventTimes times;
    loading::load_events(options, data, paths.events, data.events, data.skipped, data.categories, data.category_field,
                         tz.get(), times);
    data.time_field = times.field;
    data.time_format = times.format;
    if (times.read_as_utc > 0)
        data.time_zone_warning = std::to_string(times.read_as_utc) + " of " + std::to_string(data.events.size()) +
                                 " times without an offset had no zone (no region with a tz or utc_offset, no --tz): read as UTC";
    if (tz) {
        data.display_zone = tz;
        data.time_zone = tz->name();
        return;
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
}

// Every layer in lon/lat, linked: cities to regions, events to cities and regions.
void read_layers(const LoadOptions& options, const Paths& paths, Dataset& data) {
    data.regions = loading::load_regions(paths.regions);
    data.input_files.push_back(paths.regions);
    // Cities are optional: a data directory without cities.csv has none (a file given must exist).
    if (!options.cities_path.empty() || fs::exists(paths.cities)) {
        data.cities = loading::load_cities(paths.cities);
        data.input_files.push_back(paths.cities);
    }
    link_cities_to_regions(data);

    read_events(options, paths, data);
    data.input_files.push_back(io::source_display_name(paths.events));  // no password in any output
    sort_events(data.events);
    check_events_span(data.events, paths.events, options.max_span_years);

    if (!paths.tally.empty()) {
        data.tally = loading::load_tally(paths.tally);
        data.input_files.push_back(paths.tally);
    }
    if (!paths.sources.empty()) {
        data.sources = loading::load_sources(paths.sources);
        data.input_files.push_back(paths.sources);
    }
    if (options.context && (!paths.dir.empty() || !options.outline_path.empty())) read_context(paths, data);
}

// Projects everything once, and triangulates the fills once. tolerant_context: a context feature
// the projection cannot take (the far side of the world) is left out instead of failing.
void project_layers(const Projector& projector, const Paths& paths, Dataset& data, bool tolerant_context = false) {
    for (Region& g : data.regions) {
        g.polygons_m = project_polygons(projector, g.polygons_deg, paths.regions);
        g.label_m = label_point(g.polygons_m);
        const ExtentM box = extent_of(g.polygons_m);
        g.box_min_m = box.min_m;
        g.box_max_m = box.max_m;
    }
    // A hole that no other region fills (a leased territory) is drawn as part of its region, so
    // that it shows neither as a bare ring nor as a dark disc inside a tinted region.
    for (std::size_t r = 0; r < data.regions.size(); ++r)
        data.regions[r].triangles_m = triangulate(drawn_polygons(data.regions, r));
    for (City& c : data.cities)
        project_point(projector, c.lon_deg, c.lat_deg, c.pos_m, paths.cities, "city " + c.city_id);
    for (Event& e : data.events) {
        project_point(projector, e.lon_deg, e.lat_deg, e.pos_m, paths.events, "event " + e.event_id_cnty);
        if (e.origin_lon_deg && e.origin_lat_deg) {
            Vec2 m;
            project_point(projector, *e.origin_lon_deg, *e.origin_lat_deg, m, paths.events, "event " + e.event_id_cnty);
            e.origin_m = m;
        }
    }
    auto finish_context = [&](ContextFeature& c, const std::string& file) {
        if (c.polygons_deg.empty()) return;
        try {
            c.polygons_m = project_polygons(projector, c.polygons_deg, file);
        } catch (const InputError&) {
            if (!tolerant_context) throw;
            c.polygons_deg.clear();
            return;
        }
        c.triangles_m = triangulate(c.polygons_m);
        c.label_m = label_point(c.polygons_m);
    };
    finish_context(data.national_outline, paths.outline);
    for (ContextFeature& c : data.countries) finish_context(c, paths.countries);
    for (ContextFeature& c : data.water) finish_context(c, paths.water);
}


// The framing: --bbox, else the bulk of the events; the events outside it counted.
void frame_events(const std::optional<LonLatBox>& bbox, Dataset& data) {
    std::vector<Vec2> lon_lat;
    lon_lat.reserve(data.events.size());
    for (const Event& e : data.events) lon_lat.push_back({e.lon_deg, e.lat_deg});
    if (bbox) {
        data.framing_deg = *bbox;
        data.outside_extent = count_outside(*bbox, lon_lat);
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
    for (Event& e : data.events) {
        const auto& zone = e.region_index >= 0 ? data.regions[static_cast<std::size_t>(e.region_index)].zone : nullptr;
        if (!zone) {
            if (e.local_time) ++unplaced;
            continue;
        }
        ++zones[zone->name()];
        rules.emplace(zone->name(), zone);
        if (!e.local_time) continue;
        const auto relocal = [&](const LocalTime& t) { return in_zone(zone->utc_of_local(t.utc_s + t.offset_s), *zone); };
        e.start = relocal(e.start);
        if (e.end) e.end = relocal(*e.end);
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
Dataset load_world(const LoadOptions& options, const std::optional<LonLatBox>& bbox) {
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
    read_events(options, paths, data);
    data.input_files.push_back(options.events_path);
    sort_events(data.events);
    check_events_span(data.events, options.events_path, options.max_span_years);
    frame_events(bbox, data);
    data.frame_on_data = true;
    load_world_basemap(dir, options.context, options.cities_path, data);
    localise_times(options, data);
    if (!options.tally_path.empty()) {
        data.tally = loading::load_tally(options.tally_path);
        data.input_files.push_back(options.tally_path);
    }
    const Projector projector = given ? std::move(*given) : Projector(projection_for(data.framing_deg));
    data.crs = projector.crs();
    project_layers(projector, paths, data, true);
    project_framing(projector, data);
    set_titles(options, true, data);
    return data;
}

}  // namespace

bool uses_world_basemap(const LoadOptions& options, bool geodata_env_set) {
    if (!options.world_dir.empty()) return true;
    return !options.events_path.empty() && options.regions_path.empty() && options.geodata_dir.empty() &&
           !geodata_env_set;
}

std::string find_geodata_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("QANTAR_GEODATA"); env && *env) candidates.emplace_back(env);
    if (const std::string dir = exe_dir(); !dir.empty()) {
        candidates.push_back(dir + "/../geodata");
        candidates.push_back(dir + "/geodata");
    }
    if (const std::string dir = exe_dir(); !dir.empty()) candidates.push_back(dir + "/../share/qantar/geodata");
    if (*QANTAR_INSTALL_DATADIR) candidates.push_back(std::string(QANTAR_INSTALL_DATADIR) + "/geodata");
    candidates.emplace_back("geodata");
    candidates.emplace_back("/usr/local/share/qantar/geodata");
    candidates.emplace_back("/usr/share/qantar/geodata");
    std::error_code ec;
    for (const std::string& c : candidates)
        if (fs::exists(fs::path(c) / "bundled-story", ec)) return fs::path(c).lexically_normal().string();
    throw InputError(candidates.front() + "/bundled-story", "", "",
                     "no such file (set QANTAR_GEODATA or pass --geodata to the bundled data directory)");
}

Dataset load_dataset(const LoadOptions& options) {
    // Bad --bbox and --crs are usage errors: find out before reading anything.
    std::optional<LonLatBox> bbox;
    if (!options.bbox.empty()) bbox = parse_bbox(options.bbox);
    const char* env = std::getenv("QANTAR_GEODATA");
    if (uses_world_basemap(options, env && *env)) return load_world(options, bbox);

    const Paths paths = resolve_paths(options);
    const Projector projector(options.crs.empty() ? std::string(kDefaultCrs) : options.crs);
    Dataset data;
    data.crs = projector.crs();
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
    read_layers(options, paths, data);
    project_layers(projector, paths, data);
    // The story's own framing is its country; --bbox replaces it.
    frame_events(bbox, data);
    data.frame_on_data = bbox.has_value();
    project_framing(projector, data);
    set_titles(options, false, data);
    return data;
}

}  // namespace qantar
