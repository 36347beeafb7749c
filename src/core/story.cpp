// Extents for a story's camera (see story.hpp).
#include "story.hpp"

#include <algorithm>

namespace qantar {

namespace {

void grow(ExtentM& e, bool& any, const Vec2& p) {
    if (!any) {
        e.min_m = e.max_m = p;
        any = true;
        return;
    }
    e.min_m.x = std::min(e.min_m.x, p.x);
    e.min_m.y = std::min(e.min_m.y, p.y);
    e.max_m.x = std::max(e.max_m.x, p.x);
    e.max_m.y = std::max(e.max_m.y, p.y);
}

void grow(ExtentM& e, bool& any, const std::vector<Polygon>& polygons) {
    for (const Polygon& poly : polygons)
        if (!poly.rings.empty())
            for (const Vec2& p : poly.rings.front()) grow(e, any, p);
}

}  // namespace

ExtentM country_extent_m(const Dataset& data) {
    ExtentM e;
    bool any = false;
    // A map of any place (or --bbox): zoom 1 shows the framing of the events.
    if (data.frame_on_data && data.framing_max_m.x > data.framing_min_m.x && data.framing_max_m.y > data.framing_min_m.y)
        return {data.framing_min_m, data.framing_max_m};
    grow(e, any, data.national_outline.polygons_m);
    if (!any)
        for (const Region& r : data.regions) grow(e, any, r.polygons_m);
    if (!any)
        for (const City& c : data.cities) grow(e, any, c.pos_m);
    if (!any || e.width_m() <= 0 || e.height_m() <= 0) {
        // Nothing to measure: a rough 3,000 by 1,800 km extent around the projection's origin.
        e.min_m = {-1'500'000, -900'000};
        e.max_m = {1'500'000, 900'000};
    }
    return e;
}

ExtentM extent_of(const std::vector<Vec2>& points_m) {
    ExtentM e;
    bool any = false;
    for (const Vec2& p : points_m) grow(e, any, p);
    return e;
}

ExtentM extent_of(const std::vector<Polygon>& polygons_m) {
    ExtentM e;
    bool any = false;
    grow(e, any, polygons_m);
    return e;
}

}  // namespace qantar
