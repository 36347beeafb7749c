// What the details panel says about a city or a region at a moment: a pure function of the
// timeline, the place and t. The renderer lays it out (render/panel.hpp); the window copies its
// plain-text form to the clipboard. No SFML, no clock.
#pragma once

#include "language.hpp"
#include "text.hpp"

#include "timeline.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar {

// What is selected on the map.
struct Selection {
    enum class Kind { None, City, Region };
    Kind kind = Kind::None;
    int index = -1;  // into Dataset::cities or Dataset::regions
    bool empty() const { return kind == Kind::None || index < 0; }
    friend bool operator==(const Selection&, const Selection&) = default;
};

// `--select NAME`: a city (id or any of its names, case-insensitive), else a region. Throws
// UsageError naming the value and listing the known cities when nothing matches.
Selection find_selection(const Dataset& data, std::string_view name);

struct DetailsEvent {
    std::size_t event = 0;       // Dataset::events index
    bool past = false;           // started at or before t (shown normally; later ones are dimmed)
    bool active = false;         // start <= t < effective end
    std::string when_local;      // "5 Jan 2022 16:37" in the event's own offset
    std::string utc_offset;      // "UTC+6"
    std::string time_note;       // "time approximate", "time of day unknown" or ""
    int category = 0;            // Dataset::categories index
    std::string category_label;  // its legend text
    std::uint32_t category_rgb = 0;  // its colour, 0xRRGGBB
    std::string place;           // the city's name (region panels), else ""
    std::string description;     // the event's notes
    std::string figures;         // "1,000 participants · 3 killed" or ""
    std::string source;          // the source text
    std::string source_keys;     // "R5; R73" (the clipboard's; never on screen)
    std::vector<std::string> citations;  // the keys as short citations (Dataset::citations)
    bool disputed = false;
    std::string disputed_note;
};

struct SpreadInfo {
    bool root = false;             // the unrest started here
    std::string when_local;        // the first unrest event's start, local
    std::string utc_offset;        // "UTC+6"
    double after_root_h = 0;
    std::string root_name;         // "Lyon"
    std::string from_name;         // the nearest place already active ("" for the root): not a cause
    std::string from_since_local;  // when that place became active, local ("3 Jan 2022 14:00")
    double distance_km = 0;
    bool arc_drawn = false;        // within the spread arc's limits (spread_arc_supported)
    bool reached_by_t = false;     // false: it reaches the city later than t
};

struct Details {
    Selection selection;
    std::string name_en, name_kk, name_ru;
    std::string subtitle;              // "Rhone region · population 522,250" / "Region · 3 cities"
    PlaceState state = PlaceState::Calm;
    std::optional<SpreadInfo> spread;  // cities the unrest reached (at any time)
    std::vector<std::string> cities;   // a region's cities, largest first
    bool emergency = false;            // a state of emergency applies at t
    std::vector<DetailsEvent> events;  // time order
    std::size_t past_count = 0;        // events[0, past_count) are past
    Figures totals;                    // of the past events
    std::string moment_local;          // t as "5 Jan 2022 18:00" in the display offset
    std::string moment_offset;         // "UTC+6"
    std::string data_note;             // the data's credit line (Dataset::data_note)
};

Details city_details(const Timeline& timeline, int city, double t_utc_s, const Language& words = english());
Details region_details(const Timeline& timeline, int region, double t_utc_s, const Language& words = english());
Details details_for(const Timeline& timeline, const Selection& s, double t_utc_s, const Language& words = english());

// The one count of a place's events at t: those shown on the map at t (Timeline::is_visible:
// started by t and, in window mode, not ended before the window). A city's badge and its tooltip
// both give this number.
int events_shown(const Timeline& timeline, const std::vector<std::size_t>& events, double t_utc_s,
                 const TimeSettings& time);

// "Nearest place already active: Oral, since 3 Jan 2022 14:00 (412 km)." What a spread link is:
// the nearest place where unrest had already begun, never a cause. Empty for the root.
std::string spread_nearest_text(const SpreadInfo& spread, const Language& words = english());

// The hover tooltip: name, state at t, then the events shown (events_shown, the badge's number)
// and how many started so far and later (one string per line).
std::vector<std::string> tooltip_lines(const Timeline& timeline, const Selection& s, double t_utc_s,
                                       const TimeSettings& time = {}, const Language& words = english());

// The panel as plain text (UTF-8) for the clipboard: names, region, spread, totals, the past
// events with their figures, disputed notes and sources, then the later events listed as later.
std::string details_text(const Details& d, const Language& words = english());

// "1,000 participants · 3 killed" ("" when no figure is known).
std::string figures_text(const Figures& f, const Language& words = english());
// "UTC+6", "UTC+5:30"
std::string short_utc_offset(std::int32_t offset_s);

}  // namespace qantar
