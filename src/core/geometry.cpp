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

std::vector<Polygon> drawn_polygons(const std::vector<Region>& regions, std::size_t index) {
    std::vector<Polygon> out = regions[index].polygons_m;
    for (Polygon& p : out) {
        std::vector<std::vector<Vec2>> kept;
        for (std::size_t k = 0; k < p.rings.size(); ++k) {
            bool keep = k == 0;
            if (!keep) {
                Polygon hole{{p.rings[k]}};
                for (std::size_t o = 0; o < regions.size() && !keep; ++o) {
                    if (o == index) continue;
                    // Its label point is inside it (shared border vertices are ambiguous for
                    // point-in-polygon, so any vertex inside also counts: keeping is the safe side).
                    keep = contains(hole, regions[o].label_m);
                    for (const Polygon& q : regions[o].polygons_m)
                        for (const Vec2& v : q.rings.empty() ? std::vector<Vec2>{} : q.rings.front())
                            if (contains(hole, v)) { keep = true; break; }
                }
            }
            if (keep) kept.push_back(std::move(p.rings[k]));
        }
        p.rings = std::move(kept);
    }
    return out;
}

}  // namespace qantar
