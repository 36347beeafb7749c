// The layers of a frame, drawn in this order by Renderer::draw. Each draws one thing from the
// scene and the layout and decides nothing the window needs afterwards (except the panel layer,
// which lays the panel out as it draws it).
#pragma once

#include "draw_context.hpp"

#include "render/panel.hpp"

#include <vector>

namespace qantar::render {

// Neighbouring countries and seas, named (countries only where clear of the HUD).
void draw_context_labels(const DrawContext& ctx);
// The spread between cities and the foreign troops' arcs.
void draw_spread_arcs(const DrawContext& ctx);
void draw_troop_arcs(const DrawContext& ctx);
// City markers, their labels, the troops' origin labels and the count badges (events visible per
// city, from the event layer).
void draw_cities(const DrawContext& ctx, const std::vector<int>& per_city);
// The internet shutdown's grey veil over the map.
void draw_veil(const DrawContext& ctx);
// HUD: the date block (top left), the national figures (top right), the shutdown banner.
void draw_date_block(const DrawContext& ctx);
void draw_figures(const DrawContext& ctx);
void draw_banner(const DrawContext& ctx);
// The timeline bar: per-day histogram stacked by category, the window, the playhead.
void draw_histogram(const DrawContext& ctx);
// The legend above the bar and the playback line at its right.
void draw_legend(const DrawContext& ctx);
// The presenter's caption card at the bottom.
void draw_caption(const DrawContext& ctx);
// The keyboard focus ring, the selected city's ring or the selected region's outline.
void draw_selection_marks(const DrawContext& ctx, const Vec2& map_origin);
// The details panel (returns how it was laid out) and the hover tooltip.
PanelLayout draw_panel_and_tooltip(const DrawContext& ctx);
// A one-line notice near the top; the key help.
void draw_notice(const DrawContext& ctx);
void draw_help(const DrawContext& ctx);

}  // namespace qantar::render
