// Context labels, arcs and cities: the layers drawn over the base map.
#include "layers.hpp"

#include "render/aa_geometry.hpp"
#include "render/event_style.hpp"
#include "render/palette.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

// Country and sea names where the layout placed them (it drops those that would collide).
void draw_context_labels(const DrawContext& ctx) {
    for (const ContextLabel& l : ctx.layout.context_labels) {
        sf::Text tx = l.water ? ctx.text.make(l.text, water_label_style(), kWaterLabel)
                              : ctx.text.make(l.text, country_label_style(), desaturate(kTextFaint, ctx.desat));
        place(tx, l.box.left, l.box.top);
        ctx.target.draw(tx);
    }
}

void draw_spread_arcs(const DrawContext& ctx) {
    const Dataset& data = ctx.data();
    const double u = ctx.u();
    std::vector<sf::Vertex> v;
    for (const SpreadArc& arc : ctx.scene.spread) {
        const double s = arc.progress;
        ArcCurve curve = spread_curve(ctx.to_screen(data.cities[static_cast<std::size_t>(arc.from_city)].pos_m),
                                      ctx.to_screen(data.cities[static_cast<std::size_t>(arc.to_city)].pos_m));
        constexpr int kSeg = 40;
        int segs = std::max(1, static_cast<int>(std::ceil(kSeg * s)));
        std::vector<sf::Vector2f> pts;
        for (int i = 0; i <= segs; ++i) pts.push_back(curve.at(static_cast<float>(s * i / segs)));
        double alpha = s < 1 ? 0.95 : 0.32;
        sf::Color col = desaturate(with_alpha(kSpread, alpha), ctx.desat * 0.5);
        append_aa_polyline(v, pts, static_cast<float>(std::max(1.0, (s < 1 ? 2.4 : 1.5) * u)), 1.f, col);
        if (s < 1)  // the travelling head
            append_aa_disc(v, pts.back(), static_cast<float>(5 * u) * 0.5f, desaturate(kSpreadHead, ctx.desat));
    }
    if (!v.empty()) ctx.target.draw(v.data(), v.size(), sf::Triangles);
}

void draw_troop_arcs(const DrawContext& ctx) {
    const Dataset& data = ctx.data();
    const double u = ctx.u();
    std::vector<sf::Vertex> v;
    for (const TroopArc& arc : ctx.scene.troops) {
        const EventRef e = data.events[arc.event];
        const sf::Color tc = category_color(data.category_of(e));
        const double s = arc.progress;
        Vec2 dest_m = e.city_index() >= 0 ? data.cities[static_cast<std::size_t>(e.city_index())].pos_m : e.pos_m();
        ArcCurve curve = troop_curve(ctx.to_screen(*e.origin_m()), ctx.to_screen(dest_m));
        constexpr int kSeg = 60;
        std::vector<sf::Vector2f> pts;
        double from = arc.withdrawal ? 1.0 - s : 0.0, to = arc.withdrawal ? 1.0 : s;
        for (int k = 0; k <= kSeg; ++k) pts.push_back(curve.at(static_cast<float>(from + (to - from) * k / kSeg)));
        double alpha = (s < 1 ? 0.95 : 0.22) * arc.fade;
        append_aa_polyline(v, pts, static_cast<float>(std::max(1.0, (s < 1 ? 2.4 : 1.4) * u)), 1.f,
                           desaturate(with_alpha(tc, alpha), ctx.desat * 0.5));
        // The travelling head, never over the HUD (an origin beyond the map edge can put it there).
        const sf::Vector2f head = arc.withdrawal ? pts.front() : pts.back();
        const Box hb{head.x - 3 * u, head.y - 3 * u, 6 * u, 6 * u};
        const bool under_hud = ctx.params.overlays.hud &&
                               std::any_of(ctx.layout.hud_boxes.begin(), ctx.layout.hud_boxes.end(),
                                           [&](const Box& h) { return overlaps(h, hb); });
        if (s < 1 && !under_hud) append_aa_disc(v, head, static_cast<float>(6 * u) * 0.5f, kTroopHead);
    }
    if (!v.empty()) ctx.target.draw(v.data(), v.size(), sf::Triangles);
}

namespace {

void draw_city_labels(const DrawContext& ctx) {
    const FrameParams& p = ctx.params;
    for (const CityOnScreen& cs : ctx.layout.cities) {
        if (!cs.label) continue;
        const City& c = ctx.data().cities[static_cast<std::size_t>(cs.city)];
        sf::Text tx = ctx.text.make(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru), city_label_style(cs.hot),
                                    cs.hot ? kText : kTextDim);
        tx.setOutlineColor(kLabelOutline);
        place(tx, cs.label->left, cs.label->top);
        ctx.target.draw(tx);
    }
}

void draw_edge_labels(const DrawContext& ctx) {
    for (const EdgeLabel& l : ctx.layout.edge_labels) {
        const TroopArc& arc = ctx.scene.troops[l.troop];
        const sf::Color tc = category_color(ctx.data().category_of(ctx.data().events[arc.event]));
        sf::Text tx = ctx.text.make(l.text, edge_label_style(),
                                    with_alpha(tc, std::max(0.0, arc.fade) * (arc.progress < 1 ? 1.0 : 0.6)));
        tx.setOutlineColor(kBackground);
        place(tx, l.box.left, l.box.top);
        ctx.target.draw(tx);
    }
}

// The count badges where the layout placed them; per_city zero: none (the events are a density field).
void draw_badges(const DrawContext& ctx, const std::vector<int>& per_city) {
    for (std::size_t ci = 0; ci < per_city.size() && ci < ctx.layout.cities.size(); ++ci) {
        const CityOnScreen& cs = ctx.layout.cities[ci];
        if (per_city[ci] < 2 || !cs.badge) continue;
        sf::Text tx = ctx.text.make(std::to_string(cs.badge_count), badge_style(), kBadgeText);
        sf::FloatRect b = tx.getLocalBounds();
        const Box& bx = *cs.badge;
        rounded_rect(ctx.target, bx, desaturate(kBadgeFill, ctx.desat), static_cast<float>(bx.height / 2));
        place(tx, bx.left + (bx.width - b.width) / 2, bx.top + (bx.height - b.height) / 2);
        ctx.target.draw(tx);
    }
}

}  // namespace

void draw_cities(const DrawContext& ctx, const std::vector<int>& per_city) {
    const double u = ctx.u();
    std::vector<sf::Vertex> v;
    for (const CityOnScreen& cs : ctx.layout.cities) {
        const City& c = ctx.data().cities[static_cast<std::size_t>(cs.city)];
        const sf::Vector2f s(static_cast<float>(cs.center_px.x), static_cast<float>(cs.center_px.y));
        const double r = cs.radius_px;
        auto disc = [&](float rr, sf::Color col) { append_aa_disc(v, s, rr, col, 1.f, -1, 20); };
        disc(static_cast<float>(r + 1.3 * u), kCityRim);  // a dark rim, then the disc
        disc(static_cast<float>(r), desaturate(cs.hot ? kCityHot : kCityCalm, ctx.desat));
        if (c.is_capital) disc(static_cast<float>(r * 0.45), kCapitalDot);
    }
    ctx.target.draw(v.data(), v.size(), sf::Triangles);
    draw_city_labels(ctx);
    draw_edge_labels(ctx);
    draw_badges(ctx, per_city);
}

}  // namespace qantar::render
