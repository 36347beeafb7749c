// The bottom of the HUD: the timeline histogram, the legend and the playback line.
#include "layers.hpp"

#include "base_map.hpp"

#include "render/aa_geometry.hpp"
#include "render/event_style.hpp"
#include "render/palette.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <cstdio>

namespace qantar::render {

namespace {

// One day's column, stacked by category, appended to hv.
void draw_day(const DrawContext& ctx, const DayBin& d, int max_count, std::vector<sf::Vertex>& hv) {
    const TimelineBar& bar = ctx.layout.bar;
    const double u = ctx.u(), t = ctx.scene.t_utc_s;
    double dx0 = bar.x_of(static_cast<double>(d.day_start.utc_s)) + 1.5 * u;
    double dx1 = bar.x_of(static_cast<double>(d.day_start.utc_s + kSecondsPerDay)) - 1.5 * u;
    // --from/--to may cut the data's days: only what falls on the bar.
    dx0 = std::max(dx0, bar.box.left);
    dx1 = std::min(dx1, bar.box.right());
    if (dx1 <= dx0) return;
    bool past = static_cast<double>(d.day_start.utc_s) <= t;
    double yb = bar.box.bottom();
    for (std::size_t c = 0; c < d.count_by_category.size(); ++c) {
        int n = d.count_by_category[c];
        if (n <= 0) continue;
        double h = (bar.box.height - 6 * u) * n / max_count;
        sf::Color col = category_color(ctx.data().categories[c]);
        col = past ? col : mix(col, kBarFuture, 0.7);
        auto X0 = static_cast<float>(dx0), X1 = static_cast<float>(dx1);
        auto Y0 = static_cast<float>(yb - h), Y1 = static_cast<float>(yb);
        hv.insert(hv.end(), {{{X0, Y0}, col}, {{X1, Y0}, col}, {{X0, Y1}, col},
                             {{X1, Y0}, col}, {{X1, Y1}, col}, {{X0, Y1}, col}});
        yb -= h;
    }
}

// The time axis's labels under the bar (layout.axis: hours to years, never overlapping); those of
// the past brighter.
void draw_axis_labels(const DrawContext& ctx) {
    const TimelineBar& bar = ctx.layout.bar;
    const double u = ctx.u(), t = ctx.scene.t_utc_s;
    const TextStyle style = axis_label_style();
    for (const AxisTick& k : ctx.layout.axis.ticks) {
        const bool past = k.start_utc_s <= t;
        sf::Text lab = ctx.text.make(k.text, style.size, past ? kTextDim : kTextFaint);
        // Centred where the layout put it (an end label slid inward keeps its place).
        place(lab, k.left_px + k.width_px / 2 - lab.getLocalBounds().width / 2, bar.box.bottom() + 6 * u);
        ctx.target.draw(lab);
    }
}

// A row of legend entries from x: a swatch drawn by `swatch`, then the label. Returns the x after.
template <class Swatch>
double legend_entry(const DrawContext& ctx, double lx, double ly, double label_dx, const std::string& label, Swatch swatch) {
    const double u = ctx.u();
    swatch(lx);
    sf::Text lab = ctx.text.make(label, 13, kTextDim);
    place(lab, lx + label_dx, ly + 8 * u - lab.getLocalBounds().height / 2 - 1 * u);
    ctx.target.draw(lab);
    return lx + label_dx + lab.getLocalBounds().width + 22 * u;
}

std::string playback_line(const DrawContext& ctx) {
    const FrameParams& p = ctx.params;
    const double window_s = ctx.scene.window_s;
    char sp[96];
    std::snprintf(sp, sizeof sp, "%s  \xC2\xB7  %g s per day  \xC2\xB7  %s", p.playing ? "Playing" : "Paused",
                  p.seconds_per_day,
                  window_s > 0 ? ("last " + std::to_string(static_cast<int>(p.time.window_h)) + " h").c_str() : "cumulative");
    std::string state = sp;
    if (!p.overlays.controls) state = state.substr(state.find("  \xC2\xB7  ") + 6);  // no play state
    if (ctx.plain_markers) state += "  \xC2\xB7  plain markers";
    if (p.overlays.controls) state += "  \xC2\xB7  H: help";
    return state;
}

}  // namespace

void draw_histogram(const DrawContext& ctx) {
    const TimelineBar& bar = ctx.layout.bar;
    const double u = ctx.u(), t = ctx.scene.t_utc_s, window_s = ctx.scene.window_s;
    const bool show_bar = ctx.params.overlays.timeline;  // hidden: only the legend stays, lower down
    if (!show_bar) return;
    const auto& days = ctx.timeline.days();
    int max_count = 1;
    for (const auto& d : days) max_count = std::max(max_count, d.count);
    sf::RectangleShape bg({static_cast<float>(bar.box.width), static_cast<float>(bar.box.height)});
    bg.setPosition(static_cast<float>(bar.box.left), static_cast<float>(bar.box.top));
    bg.setFillColor(kBarFill);
    ctx.target.draw(bg);
    if (window_s > 0) {
        double x0 = std::max(bar.box.left, bar.x_of(t - window_s)), x1 = bar.x_of(t);
        sf::RectangleShape w({static_cast<float>(std::max(0.0, x1 - x0)), static_cast<float>(bar.box.height)});
        w.setPosition(static_cast<float>(x0), static_cast<float>(bar.box.top));
        w.setFillColor(kBarWindow);
        ctx.target.draw(w);
    }
    std::vector<sf::Vertex> hv;
    for (const auto& d : days) draw_day(ctx, d, max_count, hv);
    if (!hv.empty()) ctx.target.draw(hv.data(), hv.size(), sf::Triangles);
    draw_axis_labels(ctx);
    // The playhead, feathered so that it moves smoothly between pixels.
    const double px = bar.x_of(t);
    std::vector<sf::Vertex> head;
    append_aa_polyline(head, {{static_cast<float>(px), static_cast<float>(bar.box.top - 5 * u)},
                              {static_cast<float>(px), static_cast<float>(bar.box.bottom() + 5 * u)}},
                       static_cast<float>(2 * u), 1.f, sf::Color::White, false, false);
    ctx.target.draw(head.data(), head.size(), sf::Triangles);
}

void draw_legend(const DrawContext& ctx) {
    const TimelineBar& bar = ctx.layout.bar;
    const double u = ctx.u();
    double lx = bar.box.left, ly = ctx.params.overlays.timeline ? bar.box.top - 34 * u : bar.box.bottom() - 16 * u;
    std::vector<sf::Vertex> dots;
    // One entry per colour drawn as a marker: the marker categories the data has, in table order.
    const Dataset& data = ctx.data();
    std::vector<bool> present(data.categories.size(), false);
    for (const Event& e : data.events) present[static_cast<std::size_t>(e.category)] = true;
    for (std::size_t k = 0; k < data.categories.size(); ++k) {
        const CategoryDef& c = data.categories[k];
        if (!c.marker || !present[k]) continue;
        lx = legend_entry(ctx, lx, ly, 16 * u, c.label(), [&](double x) {
            auto cx = static_cast<float>(x + 6 * u), cy = static_cast<float>(ly + 8 * u), r = static_cast<float>(5 * u);
            append_aa_disc(dots, {cx, cy}, r, category_color(c), 1.f, -1, 20);
        });
    }
    ctx.target.draw(dots.data(), dots.size(), sf::Triangles);
    lx += 14 * u;
    // The region tints the data can show: the states its categories set.
    bool tint[4] = {};
    for (std::size_t k = 0; k < data.categories.size(); ++k)
        if (present[k]) {
            const CategoryDef& c = data.categories[k];
            tint[static_cast<int>(c.violent ? PlaceEffect::Violence : c.effect)] = true;
        }
    for (PlaceState st : {PlaceState::Protest, PlaceState::Violence, PlaceState::Emergency}) {
        if (!tint[static_cast<int>(st)]) continue;
        std::string label = st == PlaceState::Emergency ? "State of emergency" : st == PlaceState::Violence ? "Region: violence" : "Region: protest";
        lx = legend_entry(ctx, lx, ly, 22 * u, label, [&](double x) {
            sf::RectangleShape sw({static_cast<float>(16 * u), static_cast<float>(12 * u)});
            sw.setPosition(static_cast<float>(x), static_cast<float>(ly + 2 * u));
            sw.setFillColor(mix(state_tint(st), sf::Color::White, 0.08));
            sw.setOutlineColor(kRegionLine);
            sw.setOutlineThickness(static_cast<float>(u));
            ctx.target.draw(sw);
        });
    }
    sf::Text st = ctx.text.make(playback_line(ctx), 13, kTextFaint);
    place(st, bar.box.right() - st.getLocalBounds().width, ly + 8 * u - st.getLocalBounds().height / 2 - 1 * u);
    ctx.target.draw(st);
}

}  // namespace qantar::render
