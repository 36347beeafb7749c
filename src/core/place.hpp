// Where and when an event happened, from plain values: the rules loading applies once a row is
// read (cities to regions, an event's city and region, its local offset, its date text). Pure C++.
#pragma once

#include "geometry.hpp"
#include "model.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace qantar {

// The nominal offset of a longitude: 15 degrees per hour, rounded to the hour.
std::int32_t offset_for_lon(double lon_deg);

// True when an event names no admin1 and its location is empty, "nationwide" or the country.
bool is_nationwide_place(const Event& e);

// True when the event's location says it was nationwide ("Chile (nationwide)"): such an
// event with no city and no region is drawn at the capital. Any other event is drawn where it is.
bool says_nationwide(const Event& e);
bool says_nationwide(const EventRef& e);

// The city whose id is `id` (ASCII case ignored), or -1.
int city_by_id(const Dataset& data, std::string_view id);
// The first region whose lon/lat polygons hold the point, or -1.
int region_at(const Dataset& data, double lon_deg, double lat_deg);

// region_at for many points: each region's polygons indexed once (PolygonsIndex), checked in the
// regions' order behind their boxes. Its answers are region_at's, bit for bit; a load asks it once
// per event that no city or admin1 placed. It copies the edges: the regions need not outlive it.
class RegionLocator {
public:
    explicit RegionLocator(const std::vector<Region>& regions);
    int region_at(double lon_deg, double lat_deg) const;

private:
    struct Entry {
        int region = -1;
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        PolygonsIndex index;
    };
    std::vector<Entry> entries_;
};

// Each city's region (its region_id, else its admin1, else the polygon that holds it; region_id is
// filled in from the region found), and each region's capital city index.
void link_cities_to_regions(Dataset& data);

// An event whose city_index, lon/lat, location and admin1 are read: an ACLED location naming a
// city within half a degree becomes its city; the region is the city's, else admin1's, else the
// polygon under the point (not for a nationwide event with no city), through `locator` when given
// (built from data.regions; the same answer, faster).
void resolve_event_place(const Dataset& data, Event& e, const RegionLocator* locator = nullptr);

// The zone an event's times are read in when their text has no offset: its city's, else its
// region's, else `fallback` (--tz, or the story's zone), else null (see nearest_zone).
const ZoneRules* event_zone(const Dataset& data, const Event& e, const ZoneRules* fallback);

// Regions that carry a zone, as points (their box centre in lon/lat), for nearest_zone.
struct ZonePoint {
    double lon_deg = 0, lat_deg = 0;
    const ZoneRules* zone = nullptr;
};
std::vector<ZonePoint> zone_points(const Dataset& data);
// The zone of the nearest point (great-circle distance), or null when there is none.
const ZoneRules* nearest_zone(const std::vector<ZonePoint>& points, double lon_deg, double lat_deg);

// ISO 8601, an ACLED date ("05 March 2019") or epoch seconds/milliseconds (core/time.hpp
// parse_time), local to `zone` when the text has no offset. nullopt when no form matches.
std::optional<ParsedTime> parse_event_time(std::string_view text, const ZoneRules& zone);

}  // namespace qantar
