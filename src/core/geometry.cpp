// Point-in-polygon and ring area (see geometry.hpp).
#include "geometry.hpp"

#include <cmath>

namespace qantar {

bool contains(const Polygon& polygon, const Vec2& p) {
    bool inside = false;
    for (const auto& ring : polygon.rings) {
        for (std::size_t i = 0, j = ring.empty() ? 0 : ring.size() - 1; i < ring.size(); j = i++) {
            const Vec2& a = ring[i];
            const Vec2& b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                inside = !inside;
        }
    }
    return inside;
}

bool contains(const std::vector<Polygon>& polygons, const Vec2& p) {
    for (const Polygon& poly : polygons)
        if (contains(poly, p)) return true;
    return false;
}

double ring_area(const std::vector<Vec2>& r) {
    double a = 0;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].x * r[i].y - r[i].x * r[j].y);
    return std::abs(a) / 2;
}

}  // namespace qantar
