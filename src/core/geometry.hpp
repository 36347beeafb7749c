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

}  // namespace qantar
