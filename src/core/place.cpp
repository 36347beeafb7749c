// Place and time rules for loaded events (see place.hpp).
#include "place.hpp"

#include "geometry.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace qantar {

std::int32_t offset_for_lon(double lon_deg) {
    return static_cast<std::int32_t>(std::lround(lon_deg / 15.0)) * 3600;
}

bool is_nationwide_place(const Event& e) {
    if (!e.admin1.empty()) return false;
    const std::string loc = lower(trim(e.location));
    return loc.empty() || loc == "nationwide" || loc == lower(e.country) ||
           loc.find("nationwide") != std::string::npos;
}

bool says_nationwide(const Event& e) { return icontains(e.location, "nationwide"); }
bool says_nationwide(const EventRef& e) { return icontains(e.location(), "nationwide"); }

int city_by_id(const Dataset& data, std::string_view id) {
    for (std::size_t i = 0; i < data.cities.size(); ++i)
        if (iequals(data.cities[i].city_id, id)) return static_cast<int>(i);
    return -1;
}

int region_at(const Dataset& data, double lon_deg, double lat_deg) {
    for (std::size_t i = 0; i < data.regions.size(); ++i)
        if (contains(data.regions[i].polygons_deg, Vec2{lon_deg, lat_deg})) return static_cast<int>(i);
    return -1;
}

RegionLocator::RegionLocator(const std::vector<Region>& regions) {
    for (std::size_t i = 0; i < regions.size(); ++i) {
        bool any = false;
        Entry e{static_cast<int>(i), 0, 0, 0, 0, PolygonsIndex(regions[i].polygons_deg)};
        for (const Polygon& poly : regions[i].polygons_deg)
            for (const auto& ring : poly.rings)
                for (const Vec2& v : ring) {
                    if (!any) e.x0 = e.x1 = v.x, e.y0 = e.y1 = v.y, any = true;
                    e.x0 = std::min(e.x0, v.x), e.x1 = std::max(e.x1, v.x);
                    e.y0 = std::min(e.y0, v.y), e.y1 = std::max(e.y1, v.y);
                }
        if (any) entries_.push_back(std::move(e));  // no vertex: contains() is false everywhere
    }
}

int RegionLocator::region_at(double lon_deg, double lat_deg) const {
    const Vec2 p{lon_deg, lat_deg};
    for (const Entry& e : entries_) {
        if (!(p.y >= e.y0 && p.y <= e.y1 && p.x >= e.x0 && p.x <= e.x1)) continue;
        if (e.index.contains(p)) return e.region;
    }
    return -1;
}

void link_cities_to_regions(Dataset& data) {
    for (City& c : data.cities) {
        c.region_index = data.find_region(c.region_id);
        if (c.region_index < 0) c.region_index = data.find_region(c.admin1);
        if (c.region_index < 0) c.region_index = region_at(data, c.lon_deg, c.lat_deg);
        if (c.region_index >= 0 && c.region_id.empty()) c.region_id = data.regions[c.region_index].region_id;
    }
    for (Region& g : data.regions) g.capital_city_index = data.find_city(g.capital_city_id);
}

void resolve_event_place(const Dataset& data, Event& e, const RegionLocator* locator) {
    if (e.city_index < 0 && !e.location.empty()) {
        // ACLED files name the place: take the city of that name if it is close by.
        const int ci = data.find_city(trim(e.location));
        if (ci >= 0 && std::abs(data.cities[ci].lon_deg - e.lon_deg) < 0.5 &&
            std::abs(data.cities[ci].lat_deg - e.lat_deg) < 0.5) {
            e.city_index = ci;
            e.city_id = data.cities[ci].city_id;
        }
    }
    if (e.city_index >= 0) e.region_index = data.cities[e.city_index].region_index;
    if (e.region_index < 0 && !e.admin1.empty()) e.region_index = data.find_region(trim(e.admin1));
    if (e.region_index < 0 && !(e.city_index < 0 && is_nationwide_place(e)))
        e.region_index = locator ? locator->region_at(e.lon_deg, e.lat_deg) : region_at(data, e.lon_deg, e.lat_deg);
}

const ZoneRules* event_zone(const Dataset& data, const Event& e, const ZoneRules* fallback) {
    if (e.city_index >= 0 && data.cities[e.city_index].zone) return data.cities[e.city_index].zone.get();
    if (e.region_index >= 0 && data.regions[e.region_index].zone) return data.regions[e.region_index].zone.get();
    return fallback;
}

std::vector<ZonePoint> zone_points(const Dataset& data) {
    std::vector<ZonePoint> out;
    for (const Region& g : data.regions) {
        if (!g.zone || g.polygons_deg.empty()) continue;
        // The centre of its exterior rings' box: near enough to pick the nearest zone.
        double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
        for (const Polygon& poly : g.polygons_deg)
            if (!poly.rings.empty())
                for (const Vec2& v : poly.rings.front()) {
                    x0 = std::min(x0, v.x), x1 = std::max(x1, v.x);
                    y0 = std::min(y0, v.y), y1 = std::max(y1, v.y);
                }
        if (x0 > x1) continue;
        out.push_back({(x0 + x1) / 2, (y0 + y1) / 2, g.zone.get()});
    }
    return out;
}

const ZoneRules* nearest_zone(const std::vector<ZonePoint>& points, double lon_deg, double lat_deg) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const ZoneRules* best = nullptr;
    double best_h = 2;
    for (const ZonePoint& p : points) {
        // Haversine without the arcsine: monotonic in the distance.
        const double s1 = std::sin((p.lat_deg - lat_deg) * kRad / 2), s2 = std::sin((p.lon_deg - lon_deg) * kRad / 2);
        const double h = s1 * s1 + std::cos(lat_deg * kRad) * std::cos(p.lat_deg * kRad) * s2 * s2;
        if (h < best_h) {
            best_h = h;
            best = p.zone;
        }
    }
    return best;
}

std::optional<ParsedTime> parse_event_time(std::string_view text, const ZoneRules& zone) {
    return parse_time(text, zone);
}

}  // namespace qantar
