// Plane geometry on the model's polygons, for lon/lat degrees and projected metres alike. Pure C++.
#pragma once

#include "model.hpp"

#include <cstdint>
#include <vector>

namespace qantar {

// Even-odd point-in-polygon over rings (holes included).
bool contains(const Polygon& polygon, const Vec2& p);
bool contains(const std::vector<Polygon>& polygons, const Vec2& p);

// The same test, fast for many points against large polygons: each polygon's edges bucketed by
// horizontal band (at most bands_max, about one for four edges: a small island gets a few), so a
// point meets only the edges of its band (the ones its ray can cross). The answer is the one
// `contains` gives, bit for bit: the same edges, in the same orientation.
class PolygonsIndex {
public:
    explicit PolygonsIndex(const std::vector<Polygon>& polygons, std::size_t bands_max = 256);
    bool contains(const Vec2& p) const;

private:
    struct Edge {
        Vec2 a, b;
    };
    struct One {
        double y0 = 0, band_h = 1;
        std::size_t bands = 0;
        std::vector<std::uint32_t> first;  // bands + 1 offsets into edges
        std::vector<Edge> edges;
        double x0 = 0, x1 = 0, y1 = 0;
    };
    std::vector<One> polygons_;
};

// The unsigned area of a ring (closed or not), by the shoelace formula.
double ring_area(const std::vector<Vec2>& ring);

// Region `index`'s projected polygons as drawn (label_m set): a hole that holds no other region (a
// leased territory, like a lease area cut out of its region) is filled, so that it shows neither
// as an unlabelled ring nor as an untinted disc; holes other regions fill (a city inside its
// province) stay. The data itself (polygons_deg, polygons_m, picking, export) keeps every hole.
std::vector<Polygon> drawn_polygons(const std::vector<Region>& regions, std::size_t index);

}  // namespace qantar
