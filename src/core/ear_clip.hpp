// Fill triangles of a polygon by ear clipping: the fast path of the load's triangulation (the
// fills are drawn as the triangles are; their shapes do not matter, only that they cover the
// polygon exactly once). Pure C++.
#pragma once

#include "model.hpp"

#include <vector>

namespace qantar {

// Triangles covering `polygon` (rings[0] the exterior, the others holes; closed or not, either
// orientation), appended to `out` as 3 vertices each, counter-clockwise. The polygon must be
// valid (rings that neither cross themselves nor each other, holes inside the exterior): the
// caller checks that. Holes are joined to the exterior by bridges, and the ears are found through
// a z-order curve index for rings of more than 80 points.
// Returns false, `out` untouched, when it cannot clip the polygon (it is stuck with no ear left,
// a hole finds no bridge, or the triangles' area is not the polygon's): the caller then falls back
// to a robust method. A polygon of no area gives true and no triangle.
bool ear_clip(const Polygon& polygon, std::vector<Vec2>& out);

}  // namespace qantar
