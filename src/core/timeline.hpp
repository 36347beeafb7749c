// The timeline: what is visible and active at a moment, the state of each city and region, the
// spread tree, events per day and the running national tally. Pure logic over a loaded Dataset:
// time is always passed in (seconds since the epoch, UTC, as double for smooth animation);
// nothing here reads a clock.
#pragma once

#include "model.hpp"
#include "tally.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <memory>
#include <vector>

namespace qantar {

enum class TimeMode : std::uint8_t { Window, Cumulative };

struct TimeSettings {
    TimeMode mode = TimeMode::Window;
    double window_h = 24.0;  // moving-window length, hours (Window mode only)
};

// calm < emergency < protest < violence: the state shown is the most severe that applies.
enum class PlaceState : std::uint8_t { Calm, Emergency, Protest, Violence };
static_assert(static_cast<int>(PlaceState::Emergency) == static_cast<int>(PlaceEffect::Emergency) &&
              static_cast<int>(PlaceState::Violence) == static_cast<int>(PlaceEffect::Violence), "PlaceEffect mirrors PlaceState");
std::string_view place_state_id(PlaceState s);     // "calm", "state_of_emergency", "protest", "violence"
std::string_view place_state_label(PlaceState s);  // "Calm", "State of emergency", ...

// Sums of the figures of a set of events (unknown figures count as nothing; a sum is empty only
// when no event had the figure).
struct Figures {
    Count participants, injured, killed, detained, vehicles_burned, buildings_burned;
    void add(const EventRef& e);
};

// One link of the spread tree: the city's first unrest event, linked to the nearest city (great
// circle) whose first unrest event was strictly earlier.
struct SpreadLink {
    int city = -1;          // Dataset::cities index
    int from_city = -1;     // -1 for the root
    std::size_t first_event = 0;   // Dataset::events index
    std::int64_t first_utc_s = 0;
    double delay_h = 0;       // after from_city's first event (0 for the root)
    double distance_km = 0;   // to from_city (0 for the root)
    double after_root_h = 0;  // after the root's first event
};

// A spread link says only which place was the nearest one already active, and since when; it is
// not a cause. Its arc is drawn only within these limits, beyond which the data says nothing
// useful about nearness (documented in README.md, "Spread arcs").
inline constexpr double kSpreadArcMaxKm = 800.0;
inline constexpr double kSpreadArcMaxDelayH = 48.0;
inline bool spread_arc_supported(const SpreadLink& l) {
    return l.from_city >= 0 && l.distance_km <= kSpreadArcMaxKm && l.delay_h <= kSpreadArcMaxDelayH;
}

struct DayBin {
    LocalTime day_start;  // local midnight, in the timeline's display offset
    int count = 0;        // events starting that day
    std::vector<int> count_by_category;  // per Dataset::categories
};

class Timeline {
public:
    // Keeps a reference: the dataset must outlive the timeline. Events must be sorted (load does it).
    explicit Timeline(const Dataset& data);

    const Dataset& data() const { return data_; }

    // First start and last start or end, UTC seconds.
    std::int64_t start_utc_s() const { return start_utc_s_; }
    std::int64_t end_utc_s() const { return end_utc_s_; }
    // The display zone: the days of the histogram and the day counter, the date shown on screen.
    // Dataset::display_zone (--tz, the story's zone, else the most common zone of the events'
    // places), else the most common offset among the events as a fixed zone.
    const ZoneRules& display_zone() const { return *display_zone_; }
    // Its offset at the first event (UTC+6 for the bundled data), and at any instant.
    std::int32_t display_offset_s() const { return display_offset_s_; }
    std::int32_t display_offset_at(double t_utc_s) const;

    // An event without an end lasts its category's default_duration_s, or until the end of the
    // data when the category says until_end (at least a day).
    std::int64_t end_of(std::size_t event) const { return effective_end_[event]; }

    // Active: start <= t < end.
    bool is_active(std::size_t event, double t_utc_s) const;
    // Visible: Window mode: [start, end) overlaps (t - window, t]; Cumulative: start <= t.
    bool is_visible(std::size_t event, double t_utc_s, const TimeSettings& s) const;
    // Indices of the visible events, in time order.
    std::vector<std::size_t> visible_events(double t_utc_s, const TimeSettings& s) const;
    // Number of events with start <= t (they are the prefix [0, n) of data().events).
    std::size_t count_started(double t_utc_s) const;

    // Events at a city / in a region (a region's own events and those of its cities), in time order.
    const std::vector<std::size_t>& city_events(int city) const { return city_events_[city]; }
    const std::vector<std::size_t>& region_events(int region) const { return region_events_[region]; }

    PlaceState city_state(int city, double t_utc_s) const;
    PlaceState region_state(int region, double t_utc_s) const;
    // Figures of the city's / region's events that started by t.
    Figures city_figures(int city, double t_utc_s) const;
    Figures region_figures(int region, double t_utc_s) const;
    // The first event of a city whose category spreads, if any.
    std::optional<std::size_t> city_first_unrest(int city) const;

    // The spread tree, in the order the unrest reached the cities; [0] is the root.
    const std::vector<SpreadLink>& spread() const { return spread_; }
    // The link for a city, or nullptr if unrest never reached it.
    const SpreadLink* spread_link(int city) const;

    // Events per local day (display offset), from the day of the first event to the last; or the
    // counts the source gave (Dataset::day_counts), over their days.
    const std::vector<DayBin>& days() const { return days_; }
    // Day number of the unrest at t: 1 on the local day of the root's first unrest event;
    // 0 before it.
    int unrest_day(double t_utc_s) const;

    TallyAt tally_at(double t_utc_s) const;

    // Whether a state of emergency for the region (or a nationwide one) is active at t; region -1
    // asks about nationwide ones only.
    bool emergency_for_region(int region, double t_utc_s) const;

private:
    const Dataset& data_;
    std::int64_t start_utc_s_ = 0, end_utc_s_ = 0;
    std::int32_t display_offset_s_ = 0;
    std::shared_ptr<const ZoneRules> display_zone_;
    std::vector<std::int64_t> effective_end_;
    std::int64_t max_duration_s_ = 0;
    std::vector<std::vector<std::size_t>> city_events_, region_events_;
    std::vector<SpreadLink> spread_;
    std::vector<int> spread_of_city_;
    std::vector<DayBin> days_;
    std::vector<std::size_t> emergencies_;  // events whose category sets Emergency, in time order
};

// The display offset when no zone is given: the most common among the events' start offsets
// (ties: the larger offset).
std::int32_t most_common_offset(const EventStore& events);

// The animation's speed when none is given: the story's (Dataset::seconds_per_day), else such that
// the whole span plays in about kDefaultAnimationSeconds, rounded to two significant digits.
double animation_seconds_per_day(const Timeline& timeline);

// Great-circle distance on the WGS 84 mean sphere (R = 6371.0088 km).
double great_circle_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg);

}  // namespace qantar
