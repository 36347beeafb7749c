// Place and time rules for loaded events (see place.hpp).
#include "place.hpp"

#include "geometry.hpp"
#include "text.hpp"

#include <cmath>
#include <string>

namespace qantar {

std::int32_t offset_for_lon(double lon_deg) {
    return static_cast<std::int32_t>(std::lround(lon_deg / 15.0)) * 3600;
}

bool is_nationwide_place(const Event& e) {
    if (!e.admin1.empty()) return false;
    const std::string loc = lower(trim(e.location));
    return loc.empty() || loc == "nationwide" || loc == lower(e.country) || loc == "kazakhstan" ||
           loc.find("nationwide") != std::string::npos;
}

bool says_nationwide(const Event& e) { return icontains(e.location, "nationwide"); }

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

void link_cities_to_regions(Dataset& data) {
    for (City& c : data.cities) {
        c.region_index = data.find_region(c.region_id);
        if (c.region_index < 0) c.region_index = data.find_region(c.admin1);
        if (c.region_index < 0) c.region_index = region_at(data, c.lon_deg, c.lat_deg);
        if (c.region_index >= 0 && c.region_id.empty()) c.region_id = data.regions[c.region_index].region_id;
    }
    for (Region& g : data.regions) g.capital_city_index = data.find_city(g.capital_city_id);
}

void resolve_event_place(const Dataset& data, Event& e) {
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
        e.region_index = region_at(data, e.lon_deg, e.lat_deg);
}

std::int32_t event_offset_s(const Dataset& data, const Event& e) {
    if (e.region_index >= 0) return data.regions[e.region_index].utc_offset_s;
    return offset_for_lon(e.lon_deg);
}

std::optional<LocalTime> parse_event_time(std::string_view text, std::int32_t offset_s, bool& day_only) {
    day_only = false;
    auto t = parse_iso8601(text, offset_s);
    if (t && text.find_first_of("Tt ") == std::string_view::npos) day_only = true;
    if (!t) {
        t = parse_acled_date(text, offset_s);
        day_only = true;
    }
    return t;
}

}  // namespace qantar
