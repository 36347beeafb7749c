// The camera: which part of the projected map a frame shows, and the map <-> screen transforms.
// Pure value type and pure functions, no SFML and no GL, so that picking (issue 4), presenter
// fly-to (issue 5) and tests can use them without a display. Screen y grows downwards; map y
// (northing) grows upwards.
#pragma once

#include "core/model.hpp"

namespace qantar::render {

struct ScreenSize {
    double width_px = 0, height_px = 0;
    friend bool operator==(const ScreenSize&, const ScreenSize&) = default;
};

struct MapBounds {
    Vec2 min_m{1e300, 1e300}, max_m{-1e300, -1e300};
    bool empty() const { return min_m.x > max_m.x; }
    void add(const Vec2& p);
};

// Screen margins left free for the HUD when the map is fitted.
struct Insets {
    double left_px = 0, top_px = 0, right_px = 0, bottom_px = 0;
};

// Copied by value. centre_m is the map point at the centre of the screen.
struct Camera {
    Vec2 centre_m;
    double px_per_m = 1e-4;
    friend bool operator==(const Camera&, const Camera&) = default;
};

Vec2 map_to_screen(const Camera& cam, const ScreenSize& size, const Vec2& map_m);
Vec2 screen_to_map(const Camera& cam, const ScreenSize& size, const Vec2& screen_px);

// The camera that shows `bounds` whole inside the screen less the insets.
Camera fit_camera(const MapBounds& bounds, const ScreenSize& size, const Insets& insets = {});
// Zoom by `factor` (>1 zooms in) keeping the map point under `anchor_px` where it is.
Camera zoom_at(const Camera& cam, const ScreenSize& size, const Vec2& anchor_px, double factor);
// Move the map by a screen-space drag of (dx, dy) pixels.
Camera pan_by(const Camera& cam, double dx_px, double dy_px);
// Interpolate two cameras (presenter fly-to): centre linearly, scale geometrically. s in [0, 1].
Camera lerp_camera(const Camera& a, const Camera& b, double s);

}  // namespace qantar::render
