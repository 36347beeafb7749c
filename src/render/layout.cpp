#include "layout.hpp"

#include "panel.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

double ui_scale(const ScreenSize& s) {
    return std::max(0.62, std::min(s.width_px / 1920.0, s.height_px / 1080.0));
}

double TimelineBar::x_of(double t) const {
    if (t1_utc_s <= t0_utc_s) return box.left;
    return box.left + (t - t0_utc_s) / (t1_utc_s - t0_utc_s) * box.width;
}
double TimelineBar::t_of(double x) const {
    double s = box.width > 0 ? std::clamp((x - box.left) / box.width, 0.0, 1.0) : 0.0;
    return t0_utc_s + s * (t1_utc_s - t0_utc_s);
}
bool TimelineBar::contains(double x, double y) const {
    return x >= box.left - 6 && x <= box.right() + 6 && y >= box.top - 10 && y <= box.bottom() + 24;
}

double animation_start_utc_s(const Timeline& tl) {
    const auto& d = tl.days();
    return d.empty() ? static_cast<double>(tl.start_utc_s()) : static_cast<double>(d.front().day_start.utc_s);
}
double animation_end_utc_s(const Timeline& tl) {
    const auto& d = tl.days();
    return d.empty() ? static_cast<double>(tl.end_utc_s()) : static_cast<double>(d.back().day_start.utc_s + kSecondsPerDay);
}

TimelineBar timeline_bar(const ScreenSize& size, double hud_scale, double t0, double t1) {
    double u = ui_scale(size) * hud_scale;
    TimelineBar bar;
    double h = 54 * u;
    bar.box = {40 * u, size.height_px - 36 * u - h, size.width_px - 80 * u, h};
    bar.t0_utc_s = t0;
    bar.t1_utc_s = t1;
    return bar;
}

Insets map_insets(const ScreenSize& size) {
    double u = ui_scale(size);
    return {40 * u, 150 * u, 40 * u, 190 * u};
}

std::vector<Box> hud_obstacles(const ScreenSize& size, double hud_scale) {
    double u = ui_scale(size) * hud_scale;
    TimelineBar bar = timeline_bar(size, hud_scale, 0, 0);
    return {{0, bar.box.top - 44 * u, size.width_px, size.height_px},  // legend + bar
            {0, 0, 460 * u, 150 * u},                                 // date block
            {size.width_px - 360 * u, 0, 360 * u, 190 * u}};          // figures
}

Box troop_label_area(const ScreenSize& size, double u, const TimelineBar& bar) {
    return {20 * u, 150 * u, size.width_px - 40 * u, bar.box.top - 60 * u - 150 * u};
}

sf::Vector2f ArcCurve::at(float s) const {
    float r = 1 - s;
    return a * (r * r) + c * (2 * r * s) + b * (s * s);
}
ArcCurve spread_curve(sf::Vector2f a, sf::Vector2f b) {
    sf::Vector2f d = b - a, n(-d.y * 0.18f, d.x * 0.18f);
    return {a, (a + b) * 0.5f + n, b};
}
ArcCurve troop_curve(sf::Vector2f o, sf::Vector2f d) {
    sf::Vector2f dd = d - o, n(dd.y * 0.12f, -dd.x * 0.12f);
    return {o, (o + d) * 0.5f + n, d};
}

TextStyle city_label_style(bool hot) { return {hot ? 15.5 : 14, hot, false, 1.f, 2.0}; }
TextStyle edge_label_style() { return {13, true, false, 1.f, 2}; }
TextStyle banner_style() { return {15, true, false, 1.5f, 0}; }

namespace {

sf::Vector2f screen_of(const FrameParams& p, const Vec2& m) {
    Vec2 s = map_to_screen(p.camera, p.size, m);
    return {static_cast<float>(s.x), static_cast<float>(s.y)};
}

double marker_radius_px(const City& c, double u) {
    return (1.6 + 1.1 * std::log10(static_cast<double>(std::max<std::int64_t>(c.population, 10000)) / 10000.0)) * u;
}

// City markers (always) and their labels (when on), placed by priority clear of `obstacles`;
// markers and placed labels are added to `obstacles`.
void lay_out_cities(const Timeline& tl, const Scene& scene, const FrameParams& p, const TextMeasure& measure,
                    FrameLayout& L, std::vector<Box>& obstacles) {
    const Dataset& data = tl.data();
    const double u = L.u;
    std::vector<LabelRequest> req;
    for (std::size_t ci = 0; ci < data.cities.size(); ++ci) {
        const City& c = data.cities[ci];
        sf::Vector2f s = screen_of(p, c.pos_m);
        double r = marker_radius_px(c, u);
        PlaceState st = scene.city_states[ci];
        CityOnScreen cs;
        cs.city = static_cast<int>(ci);
        cs.center_px = {s.x, s.y};
        cs.radius_px = r;
        cs.hot = st == PlaceState::Protest || st == PlaceState::Violence;
        L.cities.push_back(cs);
        obstacles.push_back({s.x - r, s.y - r, 2 * r, 2 * r});
        if (!p.overlays.labels) continue;
        TextBounds b = measure.measure(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru), city_label_style(cs.hot));
        LabelRequest q;
        q.anchor_x_px = s.x;
        q.anchor_y_px = s.y;
        q.width_px = b.width;
        q.height_px = b.height;
        q.offset_px = r + 4 * u;
        q.priority = static_cast<double>(c.population) + (cs.hot ? 1e8 : 0) + (c.is_capital ? 5e7 : 0) +
                     (static_cast<int>(ci) == p.overlays.selected_city ? 1e9 : 0);
        req.push_back(q);
    }
    if (!p.overlays.labels) return;
    Box bounds{4, 4, p.size.width_px - 8, p.size.height_px - 8};
    auto placed = place_labels(req, obstacles, bounds, 3 * u);
    for (std::size_t k = 0; k < placed.size(); ++k) {
        if (!placed[k].placed) continue;
        L.cities[k].label = placed[k].box;
        obstacles.push_back(placed[k].box);
    }
}

// The troops' origins (one label per origin), clear of the city labels and of each other.
void lay_out_edge_labels(const Timeline& tl, const Scene& scene, const FrameParams& p, const TextMeasure& measure,
                         FrameLayout& L, std::vector<Box>& obstacles) {
    const Dataset& data = tl.data();
    const double u = L.u;
    constexpr int kSeg = 60;
    const Box area = troop_label_area(p.size, u, L.bar);
    std::vector<const std::string*> names;
    std::vector<LabelRequest> ereq;
    for (std::size_t k = 0; k < scene.troops.size(); ++k) {
        const Event& e = data.events[scene.troops[k].event];
        Vec2 dest_m = e.city_index >= 0 ? data.cities[static_cast<std::size_t>(e.city_index)].pos_m : e.pos_m;
        ArcCurve arc = troop_curve(screen_of(p, *e.origin_m), screen_of(p, dest_m));
        sf::Vector2f at = arc.a;
        for (int i = 0; i <= kSeg; ++i) {
            sf::Vector2f q = arc.at(static_cast<float>(i) / kSeg);
            if (q.x >= area.left && q.y >= area.top && q.x <= area.right() && q.y <= area.bottom()) { at = q; break; }
        }
        if (std::any_of(names.begin(), names.end(), [&](const std::string* n) { return *n == e.origin_name; })) continue;
        names.push_back(&e.origin_name);
        std::string name = e.origin_name.empty() ? "abroad" : e.origin_name;
        EdgeLabel l{k, (scene.troops[k].withdrawal ? "back to " : "from ") + name, {}};
        TextBounds b = measure.measure(l.text, edge_label_style());
        ereq.push_back({at.x, at.y, b.width, b.height, 6 * u, 0});
        L.edge_labels.push_back(std::move(l));
    }
    auto eplaced = place_labels(ereq, obstacles, Box{4, 4, p.size.width_px - 8, p.size.height_px - 8}, 3 * u);
    for (std::size_t k = 0; k < eplaced.size(); ++k) {
        Box b = eplaced[k].box;
        if (!eplaced[k].placed) {
            // Crowded edge: stack it below its anchor, clear of what is placed.
            const LabelRequest& q = ereq[k];
            b = {q.anchor_x_px + q.offset_px, q.anchor_y_px, q.width_px, q.height_px};
            b.left = std::min(b.left, p.size.width_px - b.width - 8);
            for (int step = 0; step < 12 && std::any_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return overlaps(o, b, 2); }); ++step)
                b.top += q.height_px + 5 * u;
        }
        obstacles.push_back(b);
        L.edge_labels[k].box = b;
    }
}

}  // namespace

TextStyle axis_label_style() { return {11.5, false, false, 1.f, 0}; }

std::vector<ZoneInView> zones_in_view(const Dataset& data, const FrameParams& p) {
    std::vector<ZoneInView> out;
    const double w = p.size.width_px, h = p.size.height_px;
    for (const Region& g : data.regions) {
        if (!g.zone) continue;
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (const Polygon& poly : g.polygons_m)
            if (!poly.rings.empty())
                for (const Vec2& v : poly.rings.front()) {
                    x0 = std::min(x0, v.x), x1 = std::max(x1, v.x);
                    y0 = std::min(y0, v.y), y1 = std::max(y1, v.y);
                }
        if (x0 > x1) continue;
        const Vec2 a = map_to_screen(p.camera, p.size, {x0, y0}), b = map_to_screen(p.camera, p.size, {x1, y1});
        const double sx0 = std::max(0.0, std::min(a.x, b.x)), sx1 = std::min(w, std::max(a.x, b.x));
        const double sy0 = std::max(0.0, std::min(a.y, b.y)), sy1 = std::min(h, std::max(a.y, b.y));
        if (sx1 > sx0 && sy1 > sy0) out.push_back({g.zone.get(), (sx1 - sx0) * (sy1 - sy0)});
    }
    return out;
}

FrameLayout build_layout(const Timeline& tl, const Scene& scene, const FrameParams& p, const TextMeasure& measure) {
    FrameLayout L;
    L.size = p.size;
    L.u = ui_scale(p.size) * p.hud_scale;
    L.hud_boxes = hud_obstacles(p.size, p.hud_scale);
    L.bar = timeline_bar(p.size, p.hud_scale, p.range_from_utc_s.value_or(animation_start_utc_s(tl)),
                         p.range_to_utc_s.value_or(animation_end_utc_s(tl)));
    {
        const auto zones = zones_in_view(tl.data(), p);
        const auto t = static_cast<std::int64_t>(std::floor(scene.t_utc_s));
        L.clock_text = hud_clock_text(zones, t, tl.display_zone());
        L.clock_offsets = hud_clock_offsets(zones, t, tl.display_zone());
    }
    if (p.overlays.timeline)
        L.axis = time_axis(L.bar.t0_utc_s, L.bar.t1_utc_s, L.bar.box.left, L.bar.box.width, tl.display_zone(), measure,
                           axis_label_style(), 6 * L.u, 20 * L.u);
    const double banner_w = measure.measure(scene.banner, banner_style()).width + 36 * L.u, banner_h = 34 * L.u;
    L.banner = {(p.size.width_px - banner_w) / 2, 30 * L.u, banner_w, banner_h};
    L.show_banner = scene.shutdown && p.overlays.hud;

    std::vector<Box> obstacles;
    if (p.overlays.hud) obstacles = L.hud_boxes;
    if (L.show_banner) obstacles.push_back(L.banner);
    obstacles.insert(obstacles.end(), p.overlays.obstacles.begin(), p.overlays.obstacles.end());
    if (p.overlays.selected_city >= 0 || p.overlays.selected_region >= 0) obstacles.push_back(panel_box(p.size));
    lay_out_cities(tl, scene, p, measure, L, obstacles);
    lay_out_edge_labels(tl, scene, p, measure, L, obstacles);
    return L;
}

}  // namespace qantar::render
