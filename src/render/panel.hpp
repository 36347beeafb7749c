// The details panel and the hover tooltip, drawn into any sf::RenderTarget from core Details
// (core/details.hpp). Layout is a function of the content, the fonts, the screen size and the
// scroll offset: the same in the window, in stills and in tests.
#pragma once

#include "camera.hpp"
#include "labels.hpp"
#include "layout.hpp"

#include "core/details.hpp"

#include <SFML/Graphics.hpp>

#include <string>
#include <vector>

namespace qantar::render {

// Where the panel goes on a screen of this size: on the right, from the top to above the legend
// and timeline bar; never wider than 45 % of the screen.
Box panel_box(const ScreenSize& size);
// The panel's and tooltip's scale: the HUD's, but never so small that their text is hard to read.
double panel_scale(const ScreenSize& size);

// The camera that shows what `fitted_to_free` shows on a screen `free_width_px` wide, on the full
// screen with the panel on its right (the map slides aside). `fitted_to_free` is a camera for a
// screen of {free_width_px, size.height_px}.
Camera beside_panel(const Camera& fitted_to_free, const ScreenSize& size, double free_width_px);
// The width the map keeps left of the panel.
double free_width_px(const ScreenSize& size);

// Draws the panel for `d` and returns its layout; scroll_px is clamped to [0, max_scroll_px].
PanelLayout draw_panel(sf::RenderTarget& target, const Details& d, const sf::Font& regular, const sf::Font& bold,
                       const ScreenSize& size, double scroll_px, const Language& words = english());

// A small tooltip near `at_px` (kept on screen and off `avoid`, e.g. the open panel): the first
// line bold, the rest plain.
void draw_tooltip(sf::RenderTarget& target, const std::vector<std::string>& lines, const sf::Font& regular,
                  const sf::Font& bold, const ScreenSize& size, const Vec2& at_px, const Box* avoid = nullptr);

// Rings around the selected city (accent) or the keyboard focus (dashed white).
void draw_selection_ring(sf::RenderTarget& target, const Vec2& center_px, double radius_px, double ui, bool focus_only);

}  // namespace qantar::render
