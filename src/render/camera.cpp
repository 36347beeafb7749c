#include "camera.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

void MapBounds::add(const Vec2& p) {
    min_m.x = std::min(min_m.x, p.x);
    min_m.y = std::min(min_m.y, p.y);
    max_m.x = std::max(max_m.x, p.x);
    max_m.y = std::max(max_m.y, p.y);
}

Vec2 map_to_screen(const Camera& cam, const ScreenSize& size, const Vec2& m) {
    return {size.width_px / 2 + (m.x - cam.centre_m.x) * cam.px_per_m,
            size.height_px / 2 - (m.y - cam.centre_m.y) * cam.px_per_m};
}

Vec2 screen_to_map(const Camera& cam, const ScreenSize& size, const Vec2& s) {
    return {cam.centre_m.x + (s.x - size.width_px / 2) / cam.px_per_m,
            cam.centre_m.y - (s.y - size.height_px / 2) / cam.px_per_m};
}

Camera fit_camera(const MapBounds& b, const ScreenSize& size, const Insets& in) {
    Camera cam;
    if (b.empty() || size.width_px <= 0 || size.height_px <= 0) return cam;
    double avail_w = std::max(1.0, size.width_px - in.left_px - in.right_px);
    double avail_h = std::max(1.0, size.height_px - in.top_px - in.bottom_px);
    double w_m = std::max(1.0, b.max_m.x - b.min_m.x);
    double h_m = std::max(1.0, b.max_m.y - b.min_m.y);
    cam.px_per_m = std::min(avail_w / w_m, avail_h / h_m);
    // Centre of the free area, in screen pixels, mapped back to the bounds' centre.
    double cx_px = in.left_px + avail_w / 2, cy_px = in.top_px + avail_h / 2;
    Vec2 mid{(b.min_m.x + b.max_m.x) / 2, (b.min_m.y + b.max_m.y) / 2};
    cam.centre_m = {mid.x - (cx_px - size.width_px / 2) / cam.px_per_m,
                    mid.y + (cy_px - size.height_px / 2) / cam.px_per_m};
    return cam;
}

Camera zoom_at(const Camera& cam, const ScreenSize& size, const Vec2& anchor_px, double factor) {
    Vec2 anchor_m = screen_to_map(cam, size, anchor_px);
    Camera out = cam;
    out.px_per_m = std::clamp(cam.px_per_m * factor, 1e-7, 1.0);
    Vec2 moved = screen_to_map(out, size, anchor_px);
    out.centre_m.x += anchor_m.x - moved.x;
    out.centre_m.y += anchor_m.y - moved.y;
    return out;
}

Camera pan_by(const Camera& cam, double dx_px, double dy_px) {
    Camera out = cam;
    out.centre_m.x -= dx_px / cam.px_per_m;
    out.centre_m.y += dy_px / cam.px_per_m;
    return out;
}

Camera lerp_camera(const Camera& a, const Camera& b, double s) {
    s = std::clamp(s, 0.0, 1.0);
    Camera out;
    out.centre_m = {a.centre_m.x + (b.centre_m.x - a.centre_m.x) * s,
                    a.centre_m.y + (b.centre_m.y - a.centre_m.y) * s};
    out.px_per_m = std::exp(std::log(a.px_per_m) + (std::log(b.px_per_m) - std::log(a.px_per_m)) * s);
    return out;
}

}  // namespace qantar::render
