// Context labels, arcs and cities: the layers drawn over the base map.
#include "layers.hpp"

#include "render/aa_geometry.hpp"
#include "render/event_style.hpp"
#include "render/palette.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

void draw_context_labels(const DrawContext& ctx) {
    const FrameParams& p = ctx.params;
    const ScreenSize& size = p.size;
    const auto& hud_boxes = ctx.layout.hud_boxes;
    for (const auto& c : ctx.data().countries) {
        sf::Vector2f s = ctx.to_screen(c.label_m);
        sf::Text tx = ctx.text.make(upper_ascii(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru)), 13,
                                    desaturate(kTextFaint, ctx.desat));
        tx.setLetterSpacing(2.2f);
        sf::FloatRect b = tx.getLocalBounds();
        Box box{s.x - b.width / 2, s.y - b.height / 2, b.width, b.height};
        if (box.left < 0 || box.top < 0 || box.right() > size.width_px || box.bottom() > size.height_px) continue;
        if (p.overlays.hud && std::any_of(hud_boxes.begin(), hud_boxes.end(), [&](const Box& h) { return overlaps(h, box); }))
            continue;
        place(tx, box.left, box.top);
        ctx.target.draw(tx);
    }
    for (const auto& w : ctx.data().water) {
        sf::Vector2f s = ctx.to_screen(w.label_m);
        sf::Text tx = ctx.text.make(pick_name(p.lang, w.name_en, w.name_kk, w.name_ru), 13, kWaterLabel);
        tx.setStyle(sf::Text::Italic);
        sf::FloatRect b = tx.getLocalBounds();
        place(tx, s.x - b.width / 2, s.y - b.height / 2);
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
        const Event& e = data.events[arc.event];
        const sf::Color tc = category_color(data.category_of(e));
        const double s = arc.progress;
        Vec2 dest_m = e.city_index >= 0 ? data.cities[static_cast<std::size_t>(e.city_index)].pos_m : e.pos_m;
        ArcCurve curve = troop_curve(ctx.to_screen(*e.origin_m), ctx.to_screen(dest_m));
        constexpr int kSeg = 60;
        std::vector<sf::Vector2f> pts;
        double from = arc.withdrawal ? 1.0 - s : 0.0, to = arc.withdrawal ? 1.0 : s;
        for (int k = 0; k <= kSeg; ++k) pts.push_back(curve.at(static_cast<float>(from + (to - from) * k / kSeg)));
        double alpha = (s < 1 ? 0.95 : 0.22) * arc.fade;
        append_aa_polyline(v, pts, static_cast<float>(std::max(1.0, (s < 1 ? 2.4 : 1.4) * u)), 1.f,
                           desaturate(with_alpha(tc, alpha), ctx.desat * 0.5));
        if (s < 1)
            append_aa_disc(v, arc.withdrawal ? pts.front() : pts.back(), static_cast<float>(6 * u) * 0.5f, kTroopHead);
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

void draw_badges(const DrawContext& ctx, const std::vector<int>& per_city) {
    const double u = ctx.u();
    for (std::size_t ci = 0; ci < per_city.size(); ++ci) {
        if (per_city[ci] < 2) continue;
        const CityOnScreen& cs = ctx.layout.cities[ci];
        sf::Text tx = ctx.text.make(std::to_string(per_city[ci]), 11.5, kBadgeText, true);
        sf::FloatRect b = tx.getLocalBounds();
        double w = std::max<double>(b.width + 8 * u, 17 * u), h = 15 * u;
        double x = cs.center_px.x + 7 * u, y = cs.center_px.y - 7 * u - h;
        rounded_rect(ctx.target, {x, y, w, h}, desaturate(kBadgeFill, ctx.desat), static_cast<float>(h / 2));
        place(tx, x + (w - b.width) / 2, y + (h - b.height) / 2);
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
