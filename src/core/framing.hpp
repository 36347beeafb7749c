// What a map of any place frames and how it is projected, from the events' lon/lat alone: the
// robust framing box (the bulk of the events, outliers counted, not framed), a `--bbox` parsed,
// and the projection fitted to a box. Pure C++: the PROJ string is only text here.
#pragma once

#include "model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar {

// LonLatBox (model.hpp): its centre and contains() are defined in framing.cpp.

struct FramingRules {
    double low_quantile = 0.02, high_quantile = 0.98;  // the bulk: from the 2nd to the 98th percentile
    double margin = 0.12;                // grown by this share of its size on each side
    double min_height_deg = 1.2;         // one city still shows its surroundings (~130 km)
};

struct Framing {
    LonLatBox box;
    int outside = 0;  // points outside the box
};

// The bulk of the points (lon, lat in degrees as Vec2{x=lon, y=lat}), grown by the margin, at least
// the minimum size (wider by 1/cos(lat) so it looks square), clamped to the poles. Points across the
// antimeridian give a box that crosses it when that box is narrower. No points: the whole world.
Framing robust_framing(const std::vector<Vec2>& lon_lat, const FramingRules& rules = {});

// "lon_min,lat_min,lon_max,lat_max" (lon_min > lon_max crosses the antimeridian). Throws
// UsageError (one line naming --bbox and what is wrong).
LonLatBox parse_bbox(std::string_view text);

// The number of points outside the box.
int count_outside(const LonLatBox& box, const std::vector<Vec2>& lon_lat);

// True for an extent that is a map of the world rather than of a region: more than 120 degrees of
// longitude or 90 of latitude.
bool is_world_extent(const LonLatBox& box);

// A PROJ string fitted to the box: Equal Earth for a world extent (centred on 0, or on the box when
// it crosses the antimeridian); Mercator centred on the box when it straddles the equator (a conic
// cannot have standard parallels on both sides); else a Lambert conformal conic with standard
// parallels one sixth of the latitude span in from each edge and the centre as origin.
std::string projection_for(const LonLatBox& box);

// The smallest population of a city shown on a map of this extent: every place on a city's map,
// 20,000 for a region, 100,000 for a country, 500,000 for a continent, 2,000,000 for the world.
std::int64_t city_population_threshold(const LonLatBox& box);

// Drops the parts of a context layer that a projection centred on lon_0 would tear: a part with a
// vertex more than max_from_centre_deg of longitude away from lon_0, or one crossing the meridian
// opposite lon_0 (it would be drawn as a band across the map). Returns how many were dropped.
int drop_parts_across_seam(std::vector<Polygon>& polygons_deg, double lon_0_deg, double max_from_centre_deg);

}  // namespace qantar
