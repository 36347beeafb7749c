// Picking: what is under a screen point. A pure function of the data, the camera, the screen
// size and the point (plus the label boxes of the last frame, when labels are drawn), so that
// tests can check it at any zoom and size without a display.
#pragma once

#include "camera.hpp"
#include "labels.hpp"

#include "core/details.hpp"

#include <vector>

namespace qantar::render {

struct LabelHit {
    int city = -1;
    Box box;  // screen pixels
};

struct PickOptions {
    double radius_px = 14;         // a marker is hit within this distance of its centre
    std::vector<LabelHit> labels;  // city label boxes (Renderer::cities_on_screen)
    std::vector<Box> blocked;      // HUD and panel areas: nothing on the map is picked there
};

// The nearest city marker within radius_px (ties: the larger city), else a city whose label
// contains the point, else the region whose polygon contains it (the smallest, where a city
// region lies inside another), else nothing (sea, neighbouring countries, blocked areas).
Selection pick(const Dataset& data, const Camera& cam, const ScreenSize& size, const Vec2& point_px,
               const PickOptions& options = {});

// Even-odd point in polygon (exterior ring and holes), map metres.
bool polygon_contains(const Polygon& poly, const Vec2& p_m);

// Cities in the order the unrest reached them (Timeline::spread), then the others by population:
// the order of Tab / Shift+Tab.
std::vector<int> focus_order(const Timeline& timeline);

}  // namespace qantar::render
