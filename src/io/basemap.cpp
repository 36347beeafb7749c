// The world base map (see basemap.hpp): countries by point-in-polygon, regions and cities through
// GDAL attribute filters, context by bounding box.
#include "basemap.hpp"

#include "load_layers.hpp"
#include "time_zone.hpp"

#include "core/framing.hpp"
#include "core/geometry.hpp"
#include "core/place.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <thread>
#include <cstdlib>
#include <filesystem>
#include <map>


namespace qantar {

namespace fs = std::filesystem;

namespace {

// The largest places in view (labels are placed by population): a regional map, the world.
constexpr std::size_t kMaxCities = 250, kMaxWorldCities = 120;

// A lon/lat bounding box of polygons, for cheap rejection before point-in-polygon.
struct Bounds {
    double lon_min = 1e9, lat_min = 1e9, lon_max = -1e9, lat_max = -1e9;
    bool holds(double lon, double lat) const { return lon >= lon_min && lon <= lon_max && lat >= lat_min && lat <= lat_max; }
};

Bounds bounds_of(const std::vector<Polygon>& polygons) {
    Bounds b;
    for (const Polygon& p : polygons)
        if (!p.rings.empty())
            for (const Vec2& v : p.rings.front()) {
                b.lon_min = std::min(b.lon_min, v.x);
                b.lon_max = std::max(b.lon_max, v.x);
                b.lat_min = std::min(b.lat_min, v.y);
                b.lat_max = std::max(b.lat_max, v.y);
            }
    return b;
}

// Does the box (lon in [-180, 180]) meet the framing box (which may cross the antimeridian)?
bool meets(const Bounds& b, const LonLatBox& f) {
    if (b.lat_max < f.lat_min_deg || b.lat_min > f.lat_max_deg) return false;
    if (f.width_deg() >= 360) return true;
    for (double shift : {-360.0, 0.0, 360.0})
        if (b.lon_max + shift >= f.lon_min_deg && b.lon_min + shift <= f.lon_max_deg) return true;
    return false;
}

// The framing grown on every side by `share` of its size (at least `min_deg`), for what is in view
// beside it: the window is rarely the shape of the data.
LonLatBox around(const LonLatBox& f, double share, double min_deg) {
    const double dx = std::max(min_deg, f.width_deg() * share), dy = std::max(min_deg, f.height_deg() * share);
    LonLatBox b{f.lon_min_deg - dx, std::max(-90.0, f.lat_min_deg - dy), f.lon_max_deg + dx,
                std::min(90.0, f.lat_max_deg + dy)};
    if (b.width_deg() >= 360) b.lon_min_deg = -180, b.lon_max_deg = 180;
    return b;
}

struct Country {
    ContextFeature feature;
    Bounds bounds;
    int events_in_view = 0;
};

// fn(i) for every i in [0, n), split in contiguous parts over the machine's cores. fn writes only
// its own i's results, so the outcome does not depend on the number of threads.
template <class Fn>
void parallel_for(std::size_t n, Fn fn) {
    const std::size_t threads =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, n / 4096));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (std::size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) fn(i);
        });
    for (std::thread& th : pool) th.join();
}

// Each event's country (the first polygon holding it); counts the events inside the framing.
// Point-in-polygon in parallel; the names and counts after, in event order.
void name_event_countries(std::vector<Country>& countries, Dataset& data) {
    EventStore& ev = data.events;
    std::vector<std::int32_t> country(ev.size(), -1);
    // Indexes only for the countries whose box meets an event (a 1-degree grid of the cells used).
    std::vector<std::uint8_t> used(360 * 180, 0);
    auto cell = [](double lon, double lat) {
        const int x = std::clamp(static_cast<int>(std::floor(lon + 180)), 0, 359);
        const int y = std::clamp(static_cast<int>(std::floor(lat + 90)), 0, 179);
        return static_cast<std::size_t>(y * 360 + x);
    };
    for (std::size_t i = 0; i < ev.size(); ++i) used[cell(ev.lon_deg(i), ev.lat_deg(i))] = 1;
    std::vector<std::optional<PolygonsIndex>> index(countries.size());
    for (std::size_t k = 0; k < countries.size(); ++k) {
        const Bounds& b = countries[k].bounds;
        const std::size_t c0 = cell(b.lon_min, b.lat_min), c1 = cell(b.lon_max, b.lat_max);
        bool any = false;
        for (std::size_t y = c0 / 360; y <= c1 / 360 && !any; ++y)
            for (std::size_t x = c0 % 360; x <= c1 % 360 && !any; ++x) any = used[y * 360 + x] != 0;
        if (any) index[k].emplace(countries[k].feature.polygons_deg);
    }
    parallel_for(ev.size(), [&](std::size_t i) {
        const double lon = ev.lon_deg(i), lat = ev.lat_deg(i);
        for (std::size_t k = 0; k < countries.size(); ++k) {
            const Country& c = countries[k];
            if (!c.bounds.holds(lon, lat) || !index[k]->contains({lon, lat})) continue;
            country[i] = static_cast<std::int32_t>(k);
            break;
        }
    });
    for (std::size_t i = 0; i < ev.size(); ++i) {
        if (country[i] < 0) continue;
        Country& c = countries[static_cast<std::size_t>(country[i])];
        if (ev.text(EventText::country, i).empty()) ev.set_text(EventText::country, i, c.feature.name_en);
        if (data.framing_deg.contains(ev.lon_deg(i), ev.lat_deg(i))) ++c.events_in_view;
    }
}

// The admin-1 units of the countries with events in view; on a world map the countries themselves.
void read_regions(const std::string& dir, const std::vector<Country>& countries, bool world, Dataset& data) {
    std::vector<const Country*> with_events;
    for (const Country& c : countries)
        if (c.events_in_view > 0) with_events.push_back(&c);
    std::vector<std::string> isos;
    for (const Country* c : with_events) isos.push_back(c->feature.iso_a3);
    const std::string admin1 = (fs::path(dir) / "admin1.fgb").string();
    if (!world && !isos.empty() && fs::exists(admin1)) {
        data.regions = loading::load_regions(admin1, "iso_a3 IN (" + sql_literal_list(isos) + ")", true);
        data.input_files.push_back(admin1);
    }
    // A country the admin-1 layer lacks (or every country, on a world map) is one region.
    for (const Country* c : with_events) {
        const bool covered = std::any_of(data.regions.begin(), data.regions.end(), [&](const Region& g) {
            return !g.iso_a3.empty() && g.iso_a3 == c->feature.iso_a3;
        });
        if (covered && !world) continue;
        Region g;
        g.region_id = c->feature.iso_a3.empty() ? c->feature.name_en : c->feature.iso_a3;
        g.name_en = c->feature.name_en;
        g.name_kk = c->feature.name_kk;
        g.name_ru = c->feature.name_ru;
        g.kind = "country";
        g.iso_a3 = c->feature.iso_a3;
        // A country as one region (a world map): its times in the zone of its capital.
        g.time_zone = c->feature.time_zone;
        if (!g.time_zone.empty()) g.zone = tz::find_zone(g.time_zone);
        g.polygons_deg = c->feature.polygons_deg;
        data.regions.push_back(std::move(g));
    }
    for (Region& g : data.regions)
        drop_parts_across_seam(g.polygons_deg, data.framing_deg.centre_lon_deg(), world ? 180.0 : 150.0);
    std::erase_if(data.regions, [](const Region& g) { return g.polygons_deg.empty(); });
}

// The larger cities in and around the framing, at most kMaxCities, the most populous first.
void read_cities(const std::string& dir, const std::vector<std::string>& isos, const LonLatBox& view, Dataset& data) {
    const std::string path = (fs::path(dir) / "cities.csv").string();
    if (!fs::exists(path) || isos.empty()) return;
    const std::int64_t min_pop = city_population_threshold(data.framing_deg);
    std::string filter = "iso_a3 IN (" + sql_literal_list(isos) + ")";
    if (min_pop > 0) filter += " AND CAST(population AS INTEGER) >= " + std::to_string(min_pop);
    std::vector<City> cities = loading::load_cities(path, filter, true);
    data.input_files.push_back(path);
    std::erase_if(cities, [&](const City& c) { return !view.contains(c.lon_deg, c.lat_deg); });
    std::stable_sort(cities.begin(), cities.end(), [](const City& a, const City& b) { return a.population > b.population; });
    const std::size_t most = is_world_extent(data.framing_deg) ? kMaxWorldCities : kMaxCities;
    if (cities.size() > most) cities.resize(most);
    data.cities = std::move(cities);
}

// The region under each event, bounding boxes first (millions of events, hundreds of regions; each
// region's edges bucketed by band, so a point meets only the few its ray can cross).
void place_events_in_regions(Dataset& data) {
    std::vector<Bounds> boxes;
    std::vector<PolygonsIndex> index;
    boxes.reserve(data.regions.size());
    index.reserve(data.regions.size());
    for (const Region& g : data.regions) {
        boxes.push_back(bounds_of(g.polygons_deg));
        index.emplace_back(g.polygons_deg);
    }
    EventStore& ev = data.events;
    parallel_for(ev.size(), [&](std::size_t k) {  // each k writes only its own row
        const double lon = ev.lon_deg(k), lat = ev.lat_deg(k);
        int region = -1;
        for (std::size_t i = 0; i < data.regions.size(); ++i)
            if (boxes[i].holds(lon, lat) && index[i].contains({lon, lat})) {
                region = static_cast<int>(i);
                break;
            }
        ev.set_region_index(k, region);
    });
}

}  // namespace

std::vector<ContextFeature> read_world_countries(const std::string& dir) {
    return loading::load_context((fs::path(dir) / "countries.fgb").string());
}

void load_world_basemap(const std::string& dir, std::vector<ContextFeature> features, bool context,
                        const std::string& cities_path, Dataset& data) {
    std::vector<Country> countries;
    for (ContextFeature& f : features) {
        Country c;
        c.bounds = bounds_of(f.polygons_deg);
        c.feature = std::move(f);
        countries.push_back(std::move(c));
    }
    data.input_files.push_back((fs::path(dir) / "countries.fgb").string());
    name_event_countries(countries, data);
    const bool world = is_world_extent(data.framing_deg);
    read_regions(dir, countries, world, data);

    // Context: the countries in and around the view (on a world map, all of them).
    const LonLatBox view = world ? LonLatBox{-180, -90, 180, 90} : around(data.framing_deg, 0.6, 4.0);
    std::vector<std::string> isos_in_view;
    for (Country& c : countries) {
        if (!meets(c.bounds, view)) continue;
        isos_in_view.push_back(c.feature.iso_a3);
        if (!context) continue;
        drop_parts_across_seam(c.feature.polygons_deg, data.framing_deg.centre_lon_deg(), world ? 180.0 : 150.0);
        if (!c.feature.polygons_deg.empty()) data.countries.push_back(std::move(c.feature));
    }
    if (cities_path.empty()) {
        read_cities(dir, isos_in_view, view, data);
    } else {
        data.cities = loading::load_cities(cities_path);
        data.input_files.push_back(cities_path);
    }
    link_cities_to_regions(data);
    place_events_in_regions(data);
}

}  // namespace qantar
