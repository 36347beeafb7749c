// What lies over the map and the HUD: the caption, the selection, the details panel and tooltip,
// the notice and the key help.
#include "layers.hpp"

#include "base_map.hpp"

#include "render/aa_geometry.hpp"
#include "render/palette.hpp"

#include <algorithm>
#include <iterator>

namespace qantar::render {

namespace {

// A line of text on a card centred across the screen, its top at top_px, padded by pad_x and
// pad_y; corner radius `radius_px`, or a pill when it is negative.
void draw_card(const DrawContext& ctx, const std::string& text, double size, double pad_x, double pad_y,
               double top_px, double radius_px) {
    sf::Text c = ctx.text.make(text, size, kText);
    double w = c.getLocalBounds().width + pad_x * 2, h = c.getLocalBounds().height + pad_y * 2;
    Box b{(ctx.params.size.width_px - w) / 2, top_px, w, h};
    rounded_rect(ctx.target, b, kPanel, static_cast<float>(radius_px < 0 ? h / 2 : radius_px));
    place(c, b.left + pad_x, b.top + pad_y);
    ctx.target.draw(c);
}

}  // namespace

void draw_caption(const DrawContext& ctx) {
    const std::string& caption = ctx.params.overlays.caption;
    if (caption.empty()) return;
    const double u = ctx.u();
    draw_card(ctx, caption, 22, 20 * u, 14 * u, ctx.params.size.height_px - 260 * u, 10 * u);
}

void draw_selection_marks(const DrawContext& ctx, const Vec2& map_origin) {
    const Overlays& o = ctx.params.overlays;
    const double u = ctx.u();
    const auto& cities = ctx.layout.cities;
    auto on_screen = [&](int c) -> const CityOnScreen* {
        return c >= 0 && static_cast<std::size_t>(c) < cities.size() ? &cities[static_cast<std::size_t>(c)] : nullptr;
    };
    if (const CityOnScreen* f = on_screen(o.focus_city); f && o.focus_city != o.selected_city)
        draw_selection_ring(ctx.target, f->center_px, f->radius_px, u, true);
    if (const CityOnScreen* s = on_screen(o.selected_city)) draw_selection_ring(ctx.target, s->center_px, s->radius_px, u, false);
    const auto& regions = ctx.data().regions;
    if (o.selected_region < 0 || static_cast<std::size_t>(o.selected_region) >= regions.size()) return;
    std::vector<sf::Vertex> v;  // the selected region's outline, in the accent colour
    for (const auto& ring : rings_of(regions[static_cast<std::size_t>(o.selected_region)].polygons_m, map_origin)) {
        std::vector<sf::Vector2f> pts;
        for (const auto& q : ring) pts.push_back(ctx.map_states.transform.transformPoint(q));
        append_aa_polyline(v, pts, static_cast<float>(2.4 * u), 1.f, kAccent, true);
    }
    if (!v.empty()) ctx.target.draw(v.data(), v.size(), sf::Triangles);
}

PanelLayout draw_panel_and_tooltip(const DrawContext& ctx) {
    const Overlays& o = ctx.params.overlays;
    const Scene& scene = ctx.scene;
    PanelLayout panel;
    if (scene.details)
        panel = draw_panel(ctx.target, *scene.details, ctx.text.regular, ctx.text.bold, ctx.params.size, o.panel_scroll_px,
                           ctx.params.language());
    if (!scene.tooltip.empty()) {  // the panel already tells all about the selection
        std::vector<std::string> lines = scene.tooltip;
        // The place's name in the frame's language (the scene names it in English).
        const Dataset& data = ctx.data();
        if (o.hover_city >= 0) {
            const City& c = data.cities[static_cast<std::size_t>(o.hover_city)];
            lines.front() = pick_name(ctx.params.lang, c.name_en, c.name_kk, c.name_ru);
        } else if (o.hover_region >= 0) {
            const Region& r = data.regions[static_cast<std::size_t>(o.hover_region)];
            lines.front() = pick_name(ctx.params.lang, r.name_en, r.name_kk, r.name_ru);
        }
        draw_tooltip(ctx.target, lines, ctx.text.regular, ctx.text.bold, ctx.params.size, o.hover_px,
                     panel.open ? &panel.box : nullptr);
    }
    return panel;
}

void draw_notice(const DrawContext& ctx) {
    const std::string& notice = ctx.params.overlays.notice;
    if (notice.empty()) return;
    const double u = ctx.u();
    draw_card(ctx, notice, 16, 15 * u, 10 * u, 90 * u, -1);
}

void draw_help(const DrawContext& ctx) {
    if (!ctx.params.overlays.help) return;
    static const char* const kKeys[][2] = {
        {N_("Space"), N_("play / pause")},
        {N_("Left / Right"), N_("one day back / forward")},
        {N_("Shift + Left / Right"), N_("one hour back / forward")},
        {N_("Home / End"), N_("start / end")},
        {N_("+ / -"), N_("faster / slower")},
        {N_("Click or drag the timeline"), N_("go to that moment")},
        {N_("Mouse wheel"), N_("zoom at the cursor")},
        {N_("Drag the map"), N_("pan")},
        {"R", N_("reset the view")},
        {N_("F or F11"), N_("full screen")},
        {"L", N_("city labels on / off")},
        {"M", N_("moving window / cumulative")},
        {"S", N_("spread arcs (nearest place already active) on / off")},
        {N_("Click a city or region"), N_("its details, with sources")},
        {N_("Tab / Shift+Tab, Enter"), N_("cycle cities in spread order, open")},
        {"C", N_("copy the details with their sources")},
        {"E", N_("export this moment (GeoPackage)")},
        {N_("H or ?"), N_("this help")},
        {N_("Esc"), N_("close the help or panel (or quit)")},
    };
    const double u = ctx.u();
    const Language& words = ctx.params.language();
    const ScreenSize& size = ctx.params.size;
    // Rows tighten so the whole list fits a short window.
    double w = 560 * u, n_keys = static_cast<double>(std::size(kKeys));
    double row = std::clamp((size.height_px - 40 * u - 90 * u) / n_keys, 18 * u, 30 * u);
    double h = 90 * u + row * n_keys;
    Box b{(size.width_px - w) / 2, (size.height_px - h) / 2, w, h};
    rounded_rect(ctx.target, b, kHelpFill, static_cast<float>(14 * u));
    sf::Text title = ctx.text.make(words.tr("Keys"), 22, kText, true);
    place(title, b.left + 30 * u, b.top + 26 * u);
    ctx.target.draw(title);
    double y = b.top + 72 * u;
    for (const auto& k : kKeys) {
        sf::Text a = ctx.text.make(words.tr(k[0]), 15, kAccent, true), d = ctx.text.make(words.tr(k[1]), 15, kText);
        place(a, b.left + 30 * u, y);
        place(d, b.left + 290 * u, y);
        ctx.target.draw(a);
        ctx.target.draw(d);
        y += row;
    }
}

}  // namespace qantar::render
