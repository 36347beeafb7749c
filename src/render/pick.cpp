// Picking (see pick.hpp). Pure.
#include "pick.hpp"

#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

namespace {

bool inside(const Box& b, const Vec2& p) {
    return p.x >= b.left && p.x <= b.right() && p.y >= b.top && p.y <= b.bottom();
}

}  // namespace

Selection pick(const Dataset& data, const Camera& cam, const ScreenSize& size, const Vec2& pt,
               const PickOptions& opt) {
    if (pt.x < 0 || pt.y < 0 || pt.x >= size.width_px || pt.y >= size.height_px) return {};
    for (const Box& b : opt.blocked)
        if (inside(b, pt)) return {};

    int best = -1;
    double best_d = 0;
    for (std::size_t i = 0; i < data.cities.size(); ++i) {
        Vec2 s = map_to_screen(cam, size, data.cities[i].pos_m);
        double d = std::hypot(s.x - pt.x, s.y - pt.y);
        if (d > opt.radius_px) continue;
        bool tie = best >= 0 && std::abs(d - best_d) <= 1e-9;
        if (best < 0 || (!tie && d < best_d) ||
            (tie && data.cities[i].population > data.cities[static_cast<std::size_t>(best)].population)) {
            best = static_cast<int>(i);
            best_d = d;
        }
    }
    if (best >= 0) return {Selection::Kind::City, best};

    for (const LabelHit& l : opt.labels)
        if (l.city >= 0 && static_cast<std::size_t>(l.city) < data.cities.size() && inside(l.box, pt))
            return {Selection::Kind::City, l.city};

    Vec2 m = screen_to_map(cam, size, pt);
    int region = -1;
    double region_area = 0;
    for (std::size_t r = 0; r < data.regions.size(); ++r)
        for (const Polygon& poly : data.regions[r].polygons_m) {
            if (poly.rings.empty() || !contains(poly, m)) continue;
            double a = ring_area(poly.rings.front());
            if (region < 0 || a < region_area) {
                region = static_cast<int>(r);
                region_area = a;
            }
        }
    if (region >= 0) return {Selection::Kind::Region, region};
    return {};
}

std::vector<int> focus_order(const Timeline& tl) {
    const Dataset& data = tl.data();
    std::vector<int> order;
    std::vector<bool> seen(data.cities.size(), false);
    for (const SpreadLink& l : tl.spread())
        if (l.city >= 0 && !seen[static_cast<std::size_t>(l.city)]) {
            order.push_back(l.city);
            seen[static_cast<std::size_t>(l.city)] = true;
        }
    std::vector<int> rest;
    for (std::size_t i = 0; i < data.cities.size(); ++i)
        if (!seen[i]) rest.push_back(static_cast<int>(i));
    std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) {
        return data.cities[static_cast<std::size_t>(a)].population > data.cities[static_cast<std::size_t>(b)].population;
    });
    order.insert(order.end(), rest.begin(), rest.end());
    return order;
}

}  // namespace qantar::render
