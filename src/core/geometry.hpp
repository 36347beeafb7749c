// Plane geometry on the model's polygons, for lon/lat degrees and projected metres alike. Pure C++.
#pragma once

#include "model.hpp"

#include <vector>

namespace qantar {

// Even-odd point-in-polygon over rings (holes included).
bool contains(const Polygon& polygon, const Vec2& p);
bool contains(const std::vector<Polygon>& polygons, const Vec2& p);

// The unsigned area of a ring (closed or not), by the shoelace formula.
double ring_area(const std::vector<Vec2>& ring);

// Region `index`'s projected polygons as drawn (label_m set): a hole that holds no other region (a
// leased territory, like a lease area cut out of its region) is filled, so that it shows neither
// as an unlabelled ring nor as an untinted disc; holes other regions fill (a city inside its
// province) stay. The data itself (polygons_deg, polygons_m, picking, export) keeps every hole.
std::vector<Polygon> drawn_polygons(const std::vector<Region>& regions, std::size_t index);

}  // namespace qantar
