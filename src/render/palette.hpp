// Every colour of the map, the HUD, the details panel and the presenter's card, and the colour
// arithmetic they share. Where two parts of the screen use different shades of one role (the
// panel's dim text is lighter than the HUD's), each has its own name.
#pragma once

#include <SFML/Graphics/Color.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qantar::render {

// A colour given as 0xRRGGBB (a category's, from the story's table), opaque.
inline sf::Color from_rgb(std::uint32_t rgb) {
    return {static_cast<sf::Uint8>(rgb >> 16 & 0xFF), static_cast<sf::Uint8>(rgb >> 8 & 0xFF), static_cast<sf::Uint8>(rgb & 0xFF)};
}

// Body text and the one accent colour (the date's day count, the panel's "now" rule).
inline const sf::Color kText(226, 231, 238);
inline const sf::Color kAccent(255, 184, 64);

// The base map: a dark, quiet base so that the events carry the colour.
inline const sf::Color kBackground(9, 13, 21);
inline const sf::Color kCountryFill(22, 27, 36);
inline const sf::Color kWaterFill(12, 24, 40);
inline const sf::Color kRegionFill(31, 39, 53);
inline const sf::Color kCountryLine(48, 56, 70);
inline const sf::Color kWaterLine(30, 52, 78);
inline const sf::Color kRegionLine(72, 84, 104);
inline const sf::Color kOutline(214, 222, 235);
inline const sf::Color kOutlineGlow(120, 150, 210, 45);
inline const sf::Color kWaterLabel(70, 100, 140);
// Region tints mix kRegionFill towards these.
inline const sf::Color kEmergencyTint(120, 90, 200);
inline const sf::Color kProtestTint(255, 170, 60);
inline const sf::Color kViolenceTint(235, 55, 45);

// Map text and HUD text.
inline const sf::Color kTextDim(140, 150, 168);
inline const sf::Color kTextFaint(88, 98, 118);
inline const sf::Color kLabelOutline(8, 11, 18, 230);

// Arcs.
inline const sf::Color kSpread(255, 196, 96);
inline const sf::Color kSpreadHead(255, 230, 170);
inline const sf::Color kTroopHead(200, 255, 245);

// City markers and count badges.
inline const sf::Color kCityHot(250, 246, 236);
inline const sf::Color kCityCalm(178, 188, 204);
inline const sf::Color kCityRim(8, 10, 16, 220);
inline const sf::Color kCapitalDot(8, 10, 16);
inline const sf::Color kBadgeFill(255, 214, 140, 235);
inline const sf::Color kBadgeText(20, 16, 10);

// A banner category in force (e.g. a shutdown): the veil over the map and the banner.
inline const sf::Color kVeil(40, 44, 52, 70);
inline const sf::Color kBannerFill(150, 40, 40, 220);
inline const sf::Color kBannerText(255, 235, 230);

// Figures (HUD and panel).
inline const sf::Color kKilled(255, 110, 96);
inline const sf::Color kSecurityKilled(255, 140, 120);
inline const sf::Color kInjured(255, 190, 110);
inline const sf::Color kDetained(150, 170, 255);
inline const sf::Color kParticipants(255, 200, 120);

// The timeline bar.
inline const sf::Color kBarFill(18, 23, 33, 235);
inline const sf::Color kBarWindow(255, 255, 255, 22);
inline const sf::Color kBarFuture(30, 36, 48);  // later days are mixed towards it

// Cards over the map: caption, notice, help.
inline const sf::Color kPanel(12, 16, 25, 215);
// Behind the HUD's own texts (date block, legend) so that a tinted region never shows through.
inline const sf::Color kHudBackdrop(12, 16, 25, 235);
inline const sf::Color kHelpFill(12, 16, 25, 240);

// The details panel and the tooltip (its dim and faint text are lighter than the HUD's).
inline const sf::Color kPanelFill(12, 16, 25, 250);
inline const sf::Color kPanelEdge(60, 72, 94, 255);
inline const sf::Color kPanelTextDim(150, 160, 178);
inline const sf::Color kPanelTextFaint(98, 108, 128);
inline const sf::Color kDisputed(255, 150, 70);
inline const sf::Color kRule(44, 52, 68);
inline const sf::Color kPanelBase(12, 16, 25);  // what later events and tints are dimmed towards
inline const sf::Color kPanelFadeClear(12, 16, 25, 0);     // the "more below" fade, top and bottom
inline const sf::Color kPanelFadeOpaque(12, 16, 25, 235);
inline const sf::Color kPillText(14, 16, 22);
inline const sf::Color kLaterPill(40, 48, 64);
inline const sf::Color kScrollTrack(40, 48, 64, 200);
inline const sf::Color kScrollThumb(150, 160, 178, 220);
inline const sf::Color kEventText(210, 216, 226);
inline const sf::Color kEventFigures(255, 206, 140);
inline const sf::Color kDisputedText(20, 12, 6);
inline const sf::Color kDisputedNote(255, 196, 150);
inline const sf::Color kTooltipFill(18, 23, 34, 242);
inline const sf::Color kSelectionGlow(255, 184, 64, 70);
inline const sf::Color kFocusRing(255, 255, 255, 235);

// The presenter's caption card.
inline const sf::Color kCardFill(12, 16, 25, 228);
inline const sf::Color kCardEdge(255, 184, 64);
inline const sf::Color kCardText(232, 236, 242);
inline const sf::Color kCardDim(140, 150, 168);

// a moved towards b by s (0: a, 1: b), alpha included.
inline sf::Color mix(sf::Color a, sf::Color b, double s) {
    auto m = [s](sf::Uint8 x, sf::Uint8 y) { return static_cast<sf::Uint8>(std::lround(x + (y - x) * s)); };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), m(a.a, b.a)};
}

// c moved towards its own grey (luma) by s.
inline sf::Color desaturate(sf::Color c, double s) {
    auto l = static_cast<sf::Uint8>(std::lround(0.299 * c.r + 0.587 * c.g + 0.114 * c.b));
    return mix(c, sf::Color(l, l, l, c.a), s);
}

// c with alpha a (0..1, clamped).
inline sf::Color with_alpha(sf::Color c, double a) {
    c.a = static_cast<sf::Uint8>(std::clamp(a, 0.0, 1.0) * 255);
    return c;
}

}  // namespace qantar::render
