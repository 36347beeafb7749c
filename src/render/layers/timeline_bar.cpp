// The bottom of the HUD: the timeline histogram, the legend and the playback line.
#include "layers.hpp"

#include "base_map.hpp"

#include "render/aa_geometry.hpp"
#include "render/event_style.hpp"
#include "render/palette.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qantar::render {

namespace {

// One column (a day, or the days of a bin ending at end_utc_s), stacked by category, appended to
// hv; `gap` pixels are left free on each side.
void draw_day(const DrawContext& ctx, const DayBin& d, std::int64_t end_utc_s, double gap, int max_count,
              std::vector<sf::Vertex>& hv) {
    const TimelineBar& bar = ctx.layout.bar;
    const double t = ctx.scene.t_utc_s, u = ctx.u();
    double dx0 = bar.x_of(static_cast<double>(d.day_start.utc_s)) + gap;
    double dx1 = bar.x_of(static_cast<double>(end_utc_s)) - gap;
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

}  // namespace

void draw_histogram(const DrawContext& ctx) {
    const TimelineBar& bar = ctx.layout.bar;
    const double u = ctx.u(), t = ctx.scene.t_utc_s, window_s = ctx.scene.window_s;
    const bool show_bar = ctx.params.overlays.timeline;  // hidden: only the legend stays, lower down
    if (!show_bar) return;
    // Days narrower than 3 px (a span of years, the whole of a database's table) would leave no bar
    // between their gaps: they are summed into bins of whole days at least 6 px wide.
    const auto& all_days = ctx.timeline.days();
    const double day_px = bar.box.width * kSecondsPerDay / std::max(1.0, bar.t1_utc_s - bar.t0_utc_s);
    const std::size_t per_bin = day_px > 3 * u ? 1 : static_cast<std::size_t>(std::ceil(6 * u / day_px));
    std::vector<DayBin> binned;
    std::vector<std::int64_t> ends;
    for (std::size_t i = 0; per_bin > 1 && i < all_days.size(); i += per_bin) {
        const std::size_t last = std::min(all_days.size(), i + per_bin) - 1;
        DayBin b = all_days[i];
        for (std::size_t k = i + 1; k <= last; ++k) {
            b.count += all_days[k].count;
            for (std::size_t c = 0; c < b.count_by_category.size(); ++c) b.count_by_category[c] += all_days[k].count_by_category[c];
        }
        binned.push_back(std::move(b));
        ends.push_back(all_days[last].day_start.utc_s + kSecondsPerDay);
    }
    if (per_bin == 1)
        for (const DayBin& d : all_days) ends.push_back(d.day_start.utc_s + kSecondsPerDay);
    const auto& days = per_bin == 1 ? all_days : binned;
    const double gap = per_bin == 1 ? 1.5 * u : 1.0 * u;
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
    for (std::size_t i = 0; i < days.size(); ++i) draw_day(ctx, days[i], ends[i], gap, max_count, hv);
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

// The legend and the playback line where the layout put them, on a backdrop of their own so that
// a tinted region below never makes them unreadable.
void draw_legend(const DrawContext& ctx) {
    const FrameLayout& L = ctx.layout;
    const double u = ctx.u();
    if (L.legend.empty()) return;
    Box back = L.playback;
    for (const LegendEntry& e : L.legend) {
        const double r = std::max(back.right(), e.box.right()), b = std::max(back.bottom(), e.box.bottom());
        back.left = std::min(back.left, e.box.left);
        back.top = std::min(back.top, e.box.top);
        back.width = r - back.left;
        back.height = b - back.top;
    }
    rounded_rect(ctx.target, {back.left - 10 * u, back.top - 5 * u, back.width + 20 * u, back.height + 10 * u},
                 kHudBackdrop, static_cast<float>(6 * u));
    std::vector<sf::Vertex> dots;
    for (const LegendEntry& e : L.legend) {
        const double lx = e.box.left, ly = e.box.top;
        if (e.category >= 0) {
            auto cx = static_cast<float>(lx + 6 * u), cy = static_cast<float>(ly + 8 * u), r = static_cast<float>(5 * u);
            append_aa_disc(dots, {cx, cy}, r, legend_swatch_colour(ctx.data(), e), 1.f, -1, 20);
        } else if (e.spread) {
            append_aa_polyline(dots, {{static_cast<float>(lx), static_cast<float>(ly + 11 * u)},
                                      {static_cast<float>(lx + 16 * u), static_cast<float>(ly + 5 * u)}},
                               static_cast<float>(std::max(1.0, 1.8 * u)), 1.f, legend_swatch_colour(ctx.data(), e), false, false);
        } else {
            sf::RectangleShape sw({static_cast<float>(16 * u), static_cast<float>(12 * u)});
            sw.setPosition(static_cast<float>(lx), static_cast<float>(ly + 2 * u));
            sw.setFillColor(legend_swatch_colour(ctx.data(), e));  // the very tint the regions are drawn with
            sw.setOutlineColor(kRegionLine);
            sw.setOutlineThickness(static_cast<float>(u));
            ctx.target.draw(sw);
        }
        sf::Text lab = ctx.text.make(e.label, legend_style(), kTextDim);
        place(lab, lx + e.label_dx, ly + 8 * u - lab.getLocalBounds().height / 2 - 1 * u);
        ctx.target.draw(lab);
    }
    if (!dots.empty()) ctx.target.draw(dots.data(), dots.size(), sf::Triangles);
    sf::Text st = ctx.text.make(L.playback_text, legend_style(), kTextFaint);
    place(st, L.playback.left, L.playback.top + 8 * u - st.getLocalBounds().height / 2 - 1 * u);
    ctx.target.draw(st);
}

}  // namespace qantar::render
