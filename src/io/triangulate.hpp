// Polygon fill triangulation and label points. Used once at load; the renderer draws the triangles
// as they are. GEOS checks (and repairs) each polygon; core's ear clipping triangulates it, and
// GEOS's constrained Delaunay takes what ear clipping refuses. Pulls in libgeos_c (in
// triangulate.cpp only).
#pragma once

#include "core/model.hpp"

#include <vector>

namespace qantar {

// Triangles covering the polygons (3 vertices per triangle, in the polygons' coordinates), each
// point of a polygon in exactly one: ear clipping (core/ear_clip), else a constrained Delaunay
// triangulation keeping only triangles whose centroid lies inside (so holes stay empty). Invalid
// rings are repaired first (GEOSMakeValid).
std::vector<Vec2> triangulate(const std::vector<Polygon>& polygons);

// Polygons to triangulate and where their triangles go.
struct TriangulationJob {
    const std::vector<Polygon>* polygons;
    std::vector<Vec2>* triangles;
};
// Each job's triangles, exactly as triangulate(*job.polygons) gives them, the jobs spread over up
// to `threads` threads (the largest first, each to the least loaded thread).
void triangulate_all(const std::vector<TriangulationJob>& jobs, unsigned threads);

// A point guaranteed inside the largest polygon (GEOSPointOnSurface), for a label; {0,0} if none.
Vec2 label_point(const std::vector<Polygon>& polygons);

}  // namespace qantar
