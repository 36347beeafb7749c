// Point-in-polygon and ring area (see geometry.hpp).
#include "geometry.hpp"

#include <algorithm>
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

PolygonsIndex::PolygonsIndex(const std::vector<Polygon>& polygons, std::size_t bands_max) {
    for (const Polygon& poly : polygons) {
        One o;
        bool any = false;
        for (const auto& ring : poly.rings)
            for (const Vec2& v : ring) {
                if (!any) o.x0 = o.x1 = v.x, o.y0 = o.y1 = v.y, any = true;
                o.x0 = std::min(o.x0, v.x), o.x1 = std::max(o.x1, v.x);
                o.y0 = std::min(o.y0, v.y), o.y1 = std::max(o.y1, v.y);
            }
        if (!any) continue;
        // As many bands as the polygon has edges to share among them (an island of ten edges needs
        // no 256 bands): a band holds every edge whose span meets it, so the count changes the work,
        // never the answer.
        std::size_t n_edges = 0;
        for (const auto& ring : poly.rings) n_edges += ring.size();
        const std::size_t bands = std::clamp<std::size_t>(n_edges / 4, 1, std::max<std::size_t>(1, bands_max));
        o.bands = bands;
        o.band_h = (o.y1 - o.y0) / static_cast<double>(bands);
        if (!(o.band_h > 0)) o.band_h = 1;
        auto band = [&](double y) {
            const double b = std::floor((y - o.y0) / o.band_h);
            return static_cast<std::size_t>(std::clamp(b, 0.0, static_cast<double>(bands - 1)));
        };
        // Two passes (count, then place): the edges of each band in ring order, as before.
        auto each_edge = [&](auto&& f) {
            for (const auto& ring : poly.rings)
                for (std::size_t i = 0, j = ring.empty() ? 0 : ring.size() - 1; i < ring.size(); j = i++) {
                    const Edge e{ring[i], ring[j]};
                    f(e, band(std::min(e.a.y, e.b.y)), band(std::max(e.a.y, e.b.y)));
                }
        };
        o.first.assign(bands + 1, 0);
        each_edge([&](const Edge&, std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b <= b1; ++b) ++o.first[b + 1];
        });
        for (std::size_t b = 0; b < bands; ++b) o.first[b + 1] += o.first[b];
        o.edges.resize(o.first[bands]);
        std::vector<std::uint32_t> at(o.first.begin(), o.first.end() - 1);
        each_edge([&](const Edge& e, std::size_t b0, std::size_t b1) {
            for (std::size_t b = b0; b <= b1; ++b) o.edges[at[b]++] = e;
        });
        polygons_.push_back(std::move(o));
    }
}

bool PolygonsIndex::contains(const Vec2& p) const {
    for (const One& o : polygons_) {
        if (!(p.y >= o.y0 && p.y <= o.y1 && p.x >= o.x0 && p.x <= o.x1)) continue;  // its ray crosses no edge
        const double bf = std::floor((p.y - o.y0) / o.band_h);
        const auto b = static_cast<std::size_t>(std::clamp(bf, 0.0, static_cast<double>(o.bands - 1)));
        bool inside = false;
        for (std::uint32_t k = o.first[b]; k < o.first[b + 1]; ++k) {
            const Vec2& a = o.edges[k].a;
            const Vec2& c = o.edges[k].b;
            if ((a.y > p.y) != (c.y > p.y) && p.x < (c.x - a.x) * (p.y - a.y) / (c.y - a.y) + a.x) inside = !inside;
        }
        if (inside) return true;
    }
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
