// Polygon fill triangulation and label points, through GEOS (constrained Delaunay). Used once at
// load; the renderer draws the triangles as they are. Pulls in libgeos_c (in triangulate.cpp only).
#pragma once

#include "core/model.hpp"

#include <vector>

namespace qantar {

// Triangles covering the polygons (3 vertices per triangle, in the polygons' coordinates): a
// constrained Delaunay triangulation of each polygon, keeping only triangles whose centroid lies
// inside it (so holes stay empty). Invalid rings are repaired first (GEOSMakeValid).
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
