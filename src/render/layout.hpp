// The layout of a frame: where the HUD, the banner, the timeline bar, the city markers and
// labels, the troops' origin labels and the details panel go on the screen. Computed before
// drawing from the scene, the frame parameters and text measurements (no drawing, no GL), so that
// the window hit-tests clicks, hover and timeline scrubs with the same value the frame was drawn
// from, and tests can check it at any size without a display.
#pragma once

#include "camera.hpp"
#include "frame.hpp"
#include "labels.hpp"
#include "text_measure.hpp"
#include "time_axis.hpp"

#include "core/clock.hpp"
#include "core/scene.hpp"
#include "core/timeline.hpp"

#include <SFML/Graphics/Color.hpp>
#include <SFML/System/Vector2.hpp>  // float screen points, as the arcs are drawn

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace qantar::render {

// HUD scale for a target size (1.0 at 1920x1080, never below 0.62).
double ui_scale(const ScreenSize& size);

// The timeline bar at the bottom of the screen: where it is and how x maps to time.
struct TimelineBar {
    Box box;               // the histogram area, screen pixels
    double t0_utc_s = 0;   // time at box.left
    double t1_utc_s = 0;   // time at box.right()
    double x_of(double t_utc_s) const;
    double t_of(double x_px) const;  // clamped to [t0, t1]
    bool contains(double x_px, double y_px) const;  // with a few pixels of slack
};

// The animation's range on the bar: from the first day's start to the last day's end.
double animation_start_utc_s(const Timeline& timeline);
double animation_end_utc_s(const Timeline& timeline);

TimelineBar timeline_bar(const ScreenSize& size, double hud_scale, double t0_utc_s, double t1_utc_s);
// Screen margins the fitted map leaves for the HUD.
Insets map_insets(const ScreenSize& size);
// Screen boxes the HUD covers (labels keep clear of them): legend and bar, date block, figures.
std::vector<Box> hud_obstacles(const ScreenSize& size, double hud_scale);
// The box in which a troop arc's origin is named (between the HUD bands).
Box troop_label_area(const ScreenSize& size, double u, const TimelineBar& bar);

// A quadratic Bezier arc in screen pixels (float, as drawn).
struct ArcCurve {
    sf::Vector2f a, c, b;
    sf::Vector2f at(float s) const;
};
ArcCurve spread_curve(sf::Vector2f from, sf::Vector2f to);  // bows to the left
ArcCurve troop_curve(sf::Vector2f from, sf::Vector2f to);   // bows to the right

// The details panel as drawn (filled in by the panel layer).
struct PanelLayout {
    bool open = false;
    Box box;                    // the panel on screen
    Box viewport;               // the scrolled content area on screen
    double content_px = 0;      // height of the whole content
    double max_scroll_px = 0;   // content_px - viewport height, >= 0
    double scroll_px = 0;       // as drawn (clamped)
    double now_y_px = 0;        // content y of the "now" line (the first later event), or the end
    bool contains(double x_px, double y_px) const {
        return open && x_px >= box.left && x_px <= box.right() && y_px >= box.top && y_px <= box.bottom();
    }
};

struct CityOnScreen {
    int city = -1;
    Vec2 center_px;
    double radius_px = 0;
    bool hot = false;          // protest or violence: brighter, larger, bold label
    std::optional<Box> label;  // when labels are on and it found a place
    std::string label_text;    // the name in the frame's language
    std::optional<Box> badge;  // the count badge (Scene::city_event_counts >= 2), placed before labels
    int badge_count = 0;
};

// A country or sea name, placed after every other label: dropped where it would collide.
struct ContextLabel {
    std::string text;
    Box box;
    bool water = false;
};

// One legend entry: a category's dot or a region state's swatch, then its label.
struct LegendEntry {
    std::string label;
    Box box;                   // swatch and label
    double label_dx = 16;      // from box.left to the label
    int category = -1;         // a Dataset::categories index, or -1
    std::string id;            // the category's id ("" for region swatches and the spread line)
    int state = -1;            // a PlaceState (region swatch), or -1
    bool spread = false;       // the spread arcs' line (shown while they are on)
};

// A foreign-troop origin named where its arc enters the map area.
struct EdgeLabel {
    std::size_t troop = 0;  // index into Scene::troops
    std::string text;
    Box box;
};

// The national figures at the top right of the HUD, as drawn: the heading, then one row per
// headline figure announced (value, label, who announced it and when), or "none announced yet".
struct FigureRow {
    std::string value, label, source;  // source: "" when the figure names no announcement
    sf::Color colour;
};
struct FiguresBlock {
    bool shown = false;           // the story shows figures (Dataset::tally_columns)
    std::string heading;          // the story's tally heading in the frame's language
    std::vector<FigureRow> rows;  // empty: none announced yet
    std::string none;             // "none announced yet" in the frame's language
    double right_px = 0;          // the texts' right edge
    Box box;                      // the backdrop: labels keep clear of it
};
TextStyle figure_heading_style();
TextStyle figure_value_style();
TextStyle figure_label_style();
TextStyle figure_source_style();
FiguresBlock lay_out_figures(const Dataset& data, const Scene& scene, const ScreenSize& size, double u,
                             const TextMeasure& measure, const Language& words, std::string_view lang);

struct FrameLayout {
    ScreenSize size;
    double u = 1;                 // ui_scale(size) * hud_scale
    std::vector<Box> hud_boxes;
    bool hud = true;              // params.overlays.hud
    std::vector<Box> obstacles;   // fixed boxes from outside the map: a caption card, the panel
    TimelineBar bar;
    TimeAxis axis;                // the labels under the bar (empty when the bar is hidden)
    // The HUD clock: the local time of what is in view (core/clock.hpp), and the offsets it shows.
    std::string clock_text;
    std::vector<std::int32_t> clock_offsets;
    std::vector<ZoneInView> clock_zones;  // what the clock was computed from (zones_in_view)
    std::int64_t clock_t_utc_s = 0;       // and at which second
    std::int32_t clock_fallback_offset_s = 0;  // the display zone's, shown when no zone is in view
    Box banner;                   // the banner (Scene::banner: its text comes from the data)
    std::string banner_text;
    bool show_banner = false;
    std::vector<CityOnScreen> cities;  // one per Dataset::cities, in order
    std::vector<EdgeLabel> edge_labels;
    std::vector<ContextLabel> context_labels;
    std::vector<LegendEntry> legend;  // when the HUD is on; wraps onto a second row when narrow
    std::string playback_text;        // the playback line right of the legend
    Box playback;
    PanelLayout panel;            // open == false until the panel layer has drawn it
    FiguresBlock figures;         // the national figures (its box is in hud_boxes too)
};

// The legend's entries: the categories the data has (Dataset::categories indexes, in table
// order), then the region tints its categories can set.
std::vector<int> legend_categories(const Dataset& data);
std::vector<PlaceState> legend_states(const Dataset& data);
std::string region_state_legend_label(PlaceState state, const Language& words = english());

// Every text box of a frame with its kind ("city", "badge", "origin", "context", "banner",
// "legend", "playback", "hud", "obstacle", "panel"), for the sweep's checks (--layout-json).
struct LaidOutText {
    std::string kind, text;
    Box box;
};
std::vector<LaidOutText> laid_out_texts(const FrameLayout& layout);
// A colour the frame drew, with the legend entry that must explain it (the sweep's legend check).
struct DrawnColour {
    std::string what;  // "marker", "histogram", "arc", "region", "banner" (the banner names itself)
    std::string key;   // as legend_key: a category id, "region:<state id>", "spread"; "banner"
    sf::Color colour;
};
// The colours drawn at the frame's moment, from the same functions the layers draw with: event
// markers and histogram bars (category colours), troop arcs, spread arcs, region tints, the banner.
std::vector<DrawnColour> drawn_colours(const Timeline& timeline, const Scene& scene, const FrameParams& params);
// A legend entry's key ("riot", "region:protest", "spread") and its swatch's colour, as drawn.
std::string legend_key(const LegendEntry& entry);
sf::Color legend_swatch_colour(const Dataset& data, const LegendEntry& entry);
// The layout as one JSON object: size, text boxes (kind, text, x, y, w, h), the zones texts keep
// out of, the legend (key, label, colour), the colours drawn, and the HUD clock (its text, offsets,
// the moment and the zones in view with their weights and offsets). The sweep checks it.
std::string layout_json(const Dataset& data, const FrameLayout& layout, const std::vector<DrawnColour>& drawn);

// The text styles the layout measures (and the layers draw with).
TextStyle city_label_style(bool hot);
TextStyle edge_label_style();
TextStyle banner_style();
TextStyle badge_style();
TextStyle country_label_style();
TextStyle water_label_style();
TextStyle legend_style();
TextStyle axis_label_style();

// The zones of the regions on screen, each weighted by the on-screen area of its box (regions
// without a zone are left out).
std::vector<ZoneInView> zones_in_view(const Dataset& data, const FrameParams& params);

// Everything but the panel (which the panel layer lays out while drawing it).
// One placement pass, in priority order: HUD zones, banner, caption card and panel (fixed), then
// city markers and count badges, city labels, the troops' origin labels, the legend, then country
// and sea names. No text box overlaps another or leaves the screen: what finds no place is dropped.
// plain_markers: the shader fallback is in use (the playback line says so).
FrameLayout build_layout(const Timeline& timeline, const Scene& scene, const FrameParams& params,
                         const TextMeasure& measure, bool plain_markers = false);
// The playback line ("3 s per day · last 24 h"), as the layout measures it and the legend draws it.
std::string playback_text(const FrameParams& params, const Scene& scene, bool plain_markers);

}  // namespace qantar::render
