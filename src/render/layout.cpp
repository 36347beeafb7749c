#include "layout.hpp"

#include "panel.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
            {0, 0, 460 * u, 176 * u},                                 // date block and its backdrop
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
TextStyle badge_style() { return {11.5, true, false, 1.f, 0}; }
TextStyle country_label_style() { return {13, false, false, 2.2f, 0}; }
TextStyle water_label_style() { return {13, false, true, 1.f, 0}; }
TextStyle legend_style() { return {13, false, false, 1.f, 0}; }

std::vector<int> legend_categories(const Dataset& data) {
    // One entry per category colour drawn (markers, and every category in the histogram's bars): the
    // categories the data has, in table order.
    std::vector<bool> present(data.categories.size(), false);
    for (const EventRef e : data.events) present[static_cast<std::size_t>(e.category())] = true;
    std::vector<int> out;
    for (std::size_t k = 0; k < data.categories.size(); ++k)
        if (present[k]) out.push_back(static_cast<int>(k));
    return out;
}

std::vector<PlaceState> legend_states(const Dataset& data) {
    // The region tints the data can show: the states its categories set.
    bool tint[4] = {};
    std::vector<bool> present(data.categories.size(), false);
    for (const EventRef e : data.events) present[static_cast<std::size_t>(e.category())] = true;
    for (std::size_t k = 0; k < data.categories.size(); ++k)
        if (present[k]) {
            const CategoryDef& c = data.categories[k];
            tint[static_cast<int>(c.violent ? PlaceEffect::Violence : c.effect)] = true;
        }
    std::vector<PlaceState> out;
    for (PlaceState st : {PlaceState::Protest, PlaceState::Violence, PlaceState::Emergency})
        if (tint[static_cast<int>(st)]) out.push_back(st);
    return out;
}

std::string region_state_legend_label(PlaceState st, const Language& words) {
    return words.tr(st == PlaceState::Emergency ? N_("Region: state of emergency")
                    : st == PlaceState::Violence ? N_("Region: violence") : N_("Region: protest"));
}

std::string playback_text(const FrameParams& p, const Scene& scene, bool plain_markers) {
    const Language& words = p.language();
    const std::string dot = "  \xC2\xB7  ";
    char spd[32];
    std::snprintf(spd, sizeof spd, "%g", p.seconds_per_day);
    std::string state = words.tr("{0} s per day", {spd}) + dot +
                        (scene.window_s > 0 ? words.tr("last {0} h", {std::to_string(static_cast<int>(p.time.window_h))})
                                            : words.tr("cumulative"));
    if (p.overlays.controls) state = words.tr(p.playing ? N_("Playing") : N_("Paused")) + dot + state;  // the play state
    if (plain_markers) state += dot + words.tr("plain markers");
    if (p.overlays.controls) state += dot + words.tr("H: help");
    return state;
}

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
        obstacles.push_back({s.x - r, s.y - r, 2 * r, 2 * r});
        // The count badge, up and to the right of the marker: placed before any label, kept on
        // screen and clear of the other badges (else not shown).
        const int n = ci < scene.city_event_counts.size() ? scene.city_event_counts[ci] : 0;
        if (n >= 2) {
            const TextBounds tb = measure.measure(std::to_string(n), badge_style());
            const double bw = std::max(tb.width + 8 * u, 17 * u), bh = 15 * u;
            const Box badge{s.x + 7 * u, s.y - 7 * u - bh, bw, bh};
            const bool on_screen = badge.left >= 0 && badge.top >= 0 && badge.right() <= p.size.width_px &&
                                   badge.bottom() <= p.size.height_px;
            const bool clear = std::none_of(L.cities.begin(), L.cities.end(), [&](const CityOnScreen& o) {
                return o.badge && overlaps(*o.badge, badge, 1);
            });
            if (on_screen && clear) {
                cs.badge = badge;
                cs.badge_count = n;
                obstacles.push_back(badge);
            }
        }
        L.cities.push_back(cs);
        if (!p.overlays.labels) continue;
        L.cities.back().label_text = pick_name(p.lang, c.name_en, c.name_kk, c.name_ru);
        TextBounds b = measure.measure(L.cities.back().label_text, city_label_style(cs.hot));
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
    std::vector<std::string_view> names;
    std::vector<LabelRequest> ereq;
    for (std::size_t k = 0; k < scene.troops.size(); ++k) {
        const EventRef e = data.events[scene.troops[k].event];
        Vec2 dest_m = e.city_index() >= 0 ? data.cities[static_cast<std::size_t>(e.city_index())].pos_m : e.pos_m();
        ArcCurve arc = troop_curve(screen_of(p, *e.origin_m()), screen_of(p, dest_m));
        sf::Vector2f at = arc.a;
        for (int i = 0; i <= kSeg; ++i) {
            sf::Vector2f q = arc.at(static_cast<float>(i) / kSeg);
            if (q.x >= area.left && q.y >= area.top && q.x <= area.right() && q.y <= area.bottom()) { at = q; break; }
        }
        const Language& words = p.language();
        std::string name = e.origin_name().empty() ? words.tr("abroad")
                                                   : std::string(event_text(e, "origin_name", e.origin_name(), lang_code(p.lang)));
        // Troops going home read "to", arriving ones "from"; one label per origin, and when an
        // arrival is still fading as the withdrawal starts, the withdrawal (the later) wins.
        EdgeLabel l{k, words.tr(scene.troops[k].withdrawal ? N_("to {0}") : N_("from {0}"), {name}), {}};
        TextBounds b = measure.measure(l.text, edge_label_style());
        LabelRequest q{at.x, at.y, b.width, b.height, 6 * u, 0};
        auto same = std::find_if(names.begin(), names.end(), [&](std::string_view n) { return n == e.origin_name(); });
        if (same != names.end()) {
            const auto at_k = static_cast<std::size_t>(same - names.begin());
            ereq[at_k] = q;
            L.edge_labels[at_k] = std::move(l);
            continue;
        }
        names.push_back(e.origin_name());
        ereq.push_back(q);
        L.edge_labels.push_back(std::move(l));
    }
    const Box screen{4, 4, p.size.width_px - 8, p.size.height_px - 8};
    auto eplaced = place_labels(ereq, obstacles, screen, 3 * u);
    std::vector<EdgeLabel> kept;
    auto inside = [&](const Box& b) {
        return b.left >= screen.left && b.top >= screen.top && b.right() <= screen.right() && b.bottom() <= screen.bottom();
    };
    auto is_free = [&](const Box& b) {
        return std::none_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return overlaps(o, b, 2); });
    };
    // The placed ones first, so that a stacked one keeps clear of every one of them.
    for (const LabelPlacement& e : eplaced)
        if (e.placed) obstacles.push_back(e.box);
    for (std::size_t k = 0; k < eplaced.size(); ++k) {
        Box b = eplaced[k].box;
        bool ok = eplaced[k].placed;
        if (!ok) {
            // Crowded edge: stack it below (then above) its anchor, clear of what is placed;
            // where none is free, the label is dropped rather than drawn over another.
            const LabelRequest& q = ereq[k];
            for (int dir : {1, -1}) {
                b = {q.anchor_x_px + q.offset_px, q.anchor_y_px, q.width_px, q.height_px};
                b.left = std::clamp(b.left, screen.left, screen.right() - b.width);
                for (int step = 0; step < 12 && !(ok = inside(b) && is_free(b)); ++step) b.top += dir * (q.height_px + 5 * u);
                if (ok) break;
            }
        }
        if (!ok) continue;
        if (!eplaced[k].placed) obstacles.push_back(b);
        L.edge_labels[k].box = b;
        kept.push_back(std::move(L.edge_labels[k]));
    }
    L.edge_labels = std::move(kept);
}

// The legend row(s) above the bar (or at its place when the bar is hidden), the playback line at
// the right; entries that would run into the playback line wrap onto a row above.
void lay_out_legend(const Dataset& data, bool has_spread_arcs, const Scene& scene, const FrameParams& p,
                    const TextMeasure& measure, bool plain_markers, FrameLayout& L) {
    const double u = L.u;
    const TimelineBar& bar = L.bar;
    const double ly = p.overlays.timeline ? bar.box.top - 34 * u : bar.box.bottom() - 16 * u;
    L.playback_text = playback_text(p, scene, plain_markers);
    const TextBounds pb = measure.measure(L.playback_text, legend_style());
    L.playback = {bar.box.right() - pb.width, ly, pb.width, 16 * u};
    double lx = bar.box.left, y = ly;
    auto add = [&](LegendEntry e, double gap_after) {
        const double w = e.label_dx + measure.measure(e.label, legend_style()).width;
        const double limit = y == ly ? L.playback.left - 16 * u : bar.box.right();
        if (lx > bar.box.left && lx + w > limit) {  // wrap onto the row above
            y -= 24 * u;
            lx = bar.box.left;
        }
        e.box = {lx, y, w, 16 * u};
        lx = e.box.right() + gap_after;
        L.legend.push_back(std::move(e));
    };
    for (int c : legend_categories(data)) {
        LegendEntry e;
        e.label = category_label(data.categories[static_cast<std::size_t>(c)], lang_code(p.lang));
        e.label_dx = 16 * u;
        e.category = c;
        e.id = data.categories[static_cast<std::size_t>(c)].id;
        add(std::move(e), 22 * u);
    }
    lx += 14 * u;
    for (PlaceState st : legend_states(data)) {
        LegendEntry e;
        e.label = region_state_legend_label(st, p.language());
        e.label_dx = 22 * u;
        e.state = static_cast<int>(st);
        add(std::move(e), 22 * u);
    }
    if (p.overlays.spread && has_spread_arcs) {
        LegendEntry e;
        e.label = p.language().tr("Nearest place already active");
        e.label_dx = 22 * u;
        e.spread = true;
        add(std::move(e), 22 * u);
    }
    // A wrapped legend reaches higher: the HUD band that labels keep clear of grows with it.
    if (!L.hud_boxes.empty()) L.hud_boxes.front().top = std::min(L.hud_boxes.front().top, y - 10 * u);
}

// Country and sea names: last, at their label points, dropped where they would collide with
// anything placed or leave the screen.
void lay_out_context_labels(const Timeline& tl, const FrameParams& p, const TextMeasure& measure, FrameLayout& L,
                            std::vector<Box>& obstacles) {
    const Dataset& data = tl.data();
    auto add = [&](const std::string& text, const Vec2& at_m, const TextStyle& style, bool water) {
        if (text.empty()) return;
        const sf::Vector2f s = screen_of(p, at_m);
        const TextBounds b = measure.measure(text, style);
        const Box box{s.x - b.width / 2, s.y - b.height / 2, b.width, b.height};
        if (box.left < 4 || box.top < 4 || box.right() > p.size.width_px - 4 || box.bottom() > p.size.height_px - 4) return;
        if (std::any_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return overlaps(o, box, 3 * L.u); })) return;
        obstacles.push_back(box);
        L.context_labels.push_back({text, box, water});
    };
    for (const auto& w : data.water) add(pick_name(p.lang, w.name_en, w.name_kk, w.name_ru), w.label_m, water_label_style(), true);
    for (const auto& c : data.countries)
        add(p.language().upper(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru)), c.label_m, country_label_style(), false);
}

}  // namespace

TextStyle axis_label_style() { return {11.5, false, false, 1.f, 0}; }

std::vector<ZoneInView> zones_in_view(const Dataset& data, const FrameParams& p) {
    std::vector<ZoneInView> out;
    const double w = p.size.width_px, h = p.size.height_px;
    for (const Region& g : data.regions) {
        if (!g.zone) continue;
        if (g.box_min_m.x >= g.box_max_m.x) continue;  // no polygon
        // The box measured once at load (Region::box_min_m), not every frame.
        const Vec2 a = map_to_screen(p.camera, p.size, g.box_min_m), b = map_to_screen(p.camera, p.size, g.box_max_m);
        const double sx0 = std::max(0.0, std::min(a.x, b.x)), sx1 = std::min(w, std::max(a.x, b.x));
        const double sy0 = std::max(0.0, std::min(a.y, b.y)), sy1 = std::min(h, std::max(a.y, b.y));
        if (sx1 > sx0 && sy1 > sy0) out.push_back({g.zone.get(), (sx1 - sx0) * (sy1 - sy0)});
    }
    return out;
}

// The banner: centred at the top, or moved sideways (the least, in steps of 8u) so that no city
// marker lies under it, within the band between the HUD's date block and its figures.
Box place_banner(const Dataset& data, const FrameParams& p, const TextMeasure& measure, const FrameLayout& L) {
    const double u = L.u;
    const double w = measure.measure(L.banner_text, banner_style()).width + 36 * u, h = 34 * u;
    const Box centred{(p.size.width_px - w) / 2, 30 * u, w, h};
    double lo = 8 * u, hi = p.size.width_px - 8 * u;  // the band the banner may use
    if (p.overlays.hud && L.hud_boxes.size() > 2) {
        lo = std::max(lo, L.hud_boxes[1].right() + 8 * u);
        hi = std::min(hi, L.hud_boxes[2].left - 8 * u);
    }
    std::vector<Box> markers;
    for (const City& c : data.cities) {
        const sf::Vector2f s = screen_of(p, c.pos_m);
        const double r = marker_radius_px(c, u) + 3 * u;
        const Box m{s.x - r, s.y - r, 2 * r, 2 * r};
        if (overlaps(m, {centred.left - w, centred.top, 3 * w, h}, 0)) markers.push_back(m);
    }
    const auto clear = [&](const Box& b) {
        return std::none_of(markers.begin(), markers.end(), [&](const Box& m) { return overlaps(m, b, 0); });
    };
    if (markers.empty() || clear(centred)) return centred;
    for (double d = 8 * u; d <= w; d += 8 * u)
        for (double sign : {-1.0, 1.0}) {
            Box b = centred;
            b.left += sign * d;
            if (b.left >= lo && b.right() <= hi && clear(b)) return b;
        }
    return centred;  // no clear place in the band: centred, as before
}

FrameLayout build_layout(const Timeline& tl, const Scene& scene, const FrameParams& p, const TextMeasure& measure,
                         bool plain_markers) {
    FrameLayout L;
    L.size = p.size;
    L.u = ui_scale(p.size) * p.hud_scale;
    L.hud_boxes = hud_obstacles(p.size, p.hud_scale);
    L.figures = lay_out_figures(tl.data(), scene, p.size, L.u, measure, p.language(), lang_code(p.lang));
    if (L.figures.shown && L.hud_boxes.size() > 2) {  // the figures' zone holds all of its rows
        Box& z = L.hud_boxes[2];
        const double left = std::min(z.left, L.figures.box.left), bottom = std::max(z.bottom(), L.figures.box.bottom());
        z = {left, z.top, z.right() - left, bottom - z.top};
    }
    L.bar = timeline_bar(p.size, p.hud_scale, p.range_from_utc_s.value_or(animation_start_utc_s(tl)),
                         p.range_to_utc_s.value_or(animation_end_utc_s(tl)));
    {
        const auto zones = zones_in_view(tl.data(), p);
        const auto t = static_cast<std::int64_t>(std::floor(scene.t_utc_s));
        L.clock_text = hud_clock_text(zones, t, tl.display_zone(), 0.1, 3, p.language());
        L.clock_offsets = hud_clock_offsets(zones, t, tl.display_zone());
        L.clock_zones = zones;
        L.clock_t_utc_s = t;
        L.clock_fallback_offset_s = tl.display_zone().offset_at(t);
    }
    if (p.overlays.timeline)
        L.axis = time_axis(L.bar.t0_utc_s, L.bar.t1_utc_s, L.bar.box.left, L.bar.box.width, tl.display_zone(), measure,
                           axis_label_style(), 6 * L.u, 20 * L.u, p.language());
    L.banner_text = scene.banner;
    L.show_banner = !scene.banner.empty() && p.overlays.hud;
    if (L.show_banner) L.banner = place_banner(tl.data(), p, measure, L);

    L.hud = p.overlays.hud;
    if (p.overlays.hud) lay_out_legend(tl.data(), std::any_of(tl.spread().begin(), tl.spread().end(), spread_arc_supported), scene, p,
                       measure, plain_markers, L);
    L.obstacles = p.overlays.obstacles;
    if (p.overlays.selected_city >= 0 || p.overlays.selected_region >= 0) L.obstacles.push_back(panel_box(p.size));
    std::vector<Box> obstacles;
    if (p.overlays.hud) obstacles = L.hud_boxes;
    if (L.show_banner) obstacles.push_back(L.banner);
    obstacles.insert(obstacles.end(), L.obstacles.begin(), L.obstacles.end());
    lay_out_cities(tl, scene, p, measure, L, obstacles);
    lay_out_edge_labels(tl, scene, p, measure, L, obstacles);
    lay_out_context_labels(tl, p, measure, L, obstacles);
    return L;
}

std::vector<LaidOutText> laid_out_texts(const FrameLayout& L) {
    std::vector<LaidOutText> out;
    for (const CityOnScreen& c : L.cities) {
        if (c.label) out.push_back({"city", c.label_text, *c.label});
        if (c.badge) out.push_back({"badge", std::to_string(c.badge_count), *c.badge});
    }
    for (const EdgeLabel& e : L.edge_labels) out.push_back({"origin", e.text, e.box});
    for (const ContextLabel& c : L.context_labels) out.push_back({"context", c.text, c.box});
    if (L.show_banner) out.push_back({"banner", L.banner_text, L.banner});
    for (const LegendEntry& e : L.legend) out.push_back({"legend", e.label, e.box});
    if (!L.legend.empty()) out.push_back({"playback", L.playback_text, L.playback});
    return out;
}

}  // namespace qantar::render
