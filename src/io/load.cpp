// Loading the dataset: each layer through GDAL (load_layers.hpp), then projecting once through
// PROJ (projection.hpp) and triangulating polygons once through GEOS (triangulate.hpp).
#include "load.hpp"

#include "load_layers.hpp"
#include "projection.hpp"
#include "triangulate.hpp"

#include "core/error.hpp"
#include "core/geometry.hpp"
#include "core/place.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

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
    std::string dir, events, cities, regions, tally, sources;
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
    if (const std::string p = paths.in_dir("kazakhstan.geojson"); fs::exists(p)) {
        auto layer = loading::load_context(p);
        data.national_outline = std::move(layer.front());
        auto& outline = data.national_outline.polygons_deg;
        for (std::size_t i = 1; i < layer.size(); ++i)
            outline.insert(outline.end(), layer[i].polygons_deg.begin(), layer[i].polygons_deg.end());
        data.input_files.push_back(p);
    }
    if (const std::string p = paths.in_dir("countries.geojson"); fs::exists(p)) {
        data.countries = loading::load_context(p);
        data.input_files.push_back(p);
    }
    if (const std::string p = paths.in_dir("water.geojson"); fs::exists(p)) {
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

// Every layer in lon/lat, linked: cities to regions, events to cities and regions.
void read_layers(const LoadOptions& options, const Paths& paths, Dataset& data) {
    data.regions = loading::load_regions(paths.regions);
    data.input_files.push_back(paths.regions);
    data.cities = loading::load_cities(paths.cities);
    data.input_files.push_back(paths.cities);
    link_cities_to_regions(data);

    loading::load_events(options, data, paths.events, data.events, data.skipped);
    data.input_files.push_back(paths.events);
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
    if (options.context && !paths.dir.empty()) read_context(paths, data);
}

// Projects everything once, and triangulates the fills once.
void project_layers(const Projector& projector, const Paths& paths, Dataset& data) {
    for (Region& g : data.regions) {
        g.polygons_m = project_polygons(projector, g.polygons_deg, paths.regions);
        g.label_m = label_point(g.polygons_m);
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
        c.polygons_m = project_polygons(projector, c.polygons_deg, file);
        c.triangles_m = triangulate(c.polygons_m);
        c.label_m = label_point(c.polygons_m);
    };
    finish_context(data.national_outline, paths.in_dir("kazakhstan.geojson"));
    for (ContextFeature& c : data.countries) finish_context(c, paths.in_dir("countries.geojson"));
    for (ContextFeature& c : data.water) finish_context(c, paths.in_dir("water.geojson"));
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
    const Paths paths = resolve_paths(options);
    // Bad --crs is a usage error: find out before reading anything.
    const Projector projector(options.crs.empty() ? std::string(kDefaultCrs) : options.crs);
    Dataset data;
    data.crs = projector.crs();
    read_layers(options, paths, data);
    project_layers(projector, paths, data);
    return data;
}

}  // namespace qantar
