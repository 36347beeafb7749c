// The timeline over a loaded dataset (see timeline.hpp). Pure logic: no clock, no I/O.
#include "timeline.hpp"

#include "limits.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace qantar {

namespace {

void add_count(Count& sum, const Count& v) {
    if (!v) return;
    sum = sum.value_or(0) + *v;
}

bool is_nationwide(const EventStore& ev, std::size_t i) { return ev.region_index(i) < 0 && ev.city_index(i) < 0; }

}  // namespace

std::string_view place_state_id(PlaceState s) {
    switch (s) {
        case PlaceState::Calm: return "calm";
        case PlaceState::Emergency: return "state_of_emergency";
        case PlaceState::Protest: return "protest";
        case PlaceState::Violence: return "violence";
    }
    return "calm";
}

std::string_view place_state_label(PlaceState s) {
    switch (s) {
        case PlaceState::Calm: return "Calm";
        case PlaceState::Emergency: return "State of emergency";
        case PlaceState::Protest: return "Protest";
        case PlaceState::Violence: return "Violence";
    }
    return "Calm";
}

void Figures::add(const EventRef& e) {
    add_count(participants, e.participants());
    add_count(injured, e.injured());
    add_count(killed, e.fatalities());
    add_count(detained, e.detained());
    add_count(vehicles_burned, e.vehicles_burned());
    add_count(buildings_burned, e.buildings_burned());
}

double great_circle_km(double lon1_deg, double lat1_deg, double lon2_deg, double lat2_deg) {
    constexpr double kRadiusKm = 6371.0088;
    constexpr double kRad = std::numbers::pi / 180.0;
    const double p1 = lat1_deg * kRad, p2 = lat2_deg * kRad;
    const double dp = p2 - p1, dl = (lon2_deg - lon1_deg) * kRad;
    // Haversine: well conditioned for the short distances that matter here.
    const double a = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::int32_t most_common_offset(const EventStore& events) {
    std::map<std::int32_t, int> offsets;
    for (std::size_t i = 0; i < events.size(); ++i) ++offsets[events.start(i).offset_s];
    int best = -1;
    std::int32_t offset = 0;
    for (const auto& [off, count] : offsets)
        if (count >= best) {
            best = count;
            offset = off;
        }
    return offset;
}

namespace {

struct FirstUnrest {
    int city;
    std::size_t event;
};

// The spread tree: each city in the order unrest reached it, linked to the nearest city reached
// strictly earlier.
std::vector<SpreadLink> link_spread(const Dataset& data, std::vector<FirstUnrest> firsts) {
    const auto& events = data.events;
    std::sort(firsts.begin(), firsts.end(), [&](const FirstUnrest& a, const FirstUnrest& b) {
        const auto ta = events.start_s(a.event), tb = events.start_s(b.event);
        return ta != tb ? ta < tb : a.event < b.event;
    });
    std::vector<SpreadLink> spread;
    for (std::size_t k = 0; k < firsts.size(); ++k) {
        const City& city = data.cities[firsts[k].city];
        SpreadLink link;
        link.city = firsts[k].city;
        link.first_event = firsts[k].event;
        link.first_utc_s = events.start_s(firsts[k].event);
        double best_km = 0;
        for (std::size_t j = 0; j < k; ++j) {
            if (spread[j].first_utc_s >= link.first_utc_s) continue;  // strictly earlier only
            const City& other = data.cities[spread[j].city];
            const double km = great_circle_km(city.lon_deg, city.lat_deg, other.lon_deg, other.lat_deg);
            if (link.from_city < 0 || km < best_km) {
                best_km = km;
                link.from_city = spread[j].city;
                link.delay_h = static_cast<double>(link.first_utc_s - spread[j].first_utc_s) / 3600.0;
                link.distance_km = km;
            }
        }
        link.after_root_h = spread.empty() ? 0.0
                                           : static_cast<double>(link.first_utc_s - spread.front().first_utc_s) / 3600.0;
        spread.push_back(link);
    }
    return spread;
}

// Events per local day (in the display zone), from the first event's day to the last's. A day
// starts at local midnight (or, where midnight falls in a daylight-saving gap, the first instant
// after it: ZoneRules::utc_of_local).
// Counts given by the data's source (Dataset::day_counts) replace the loaded events' and widen
// the days to theirs.
std::vector<DayBin> count_days(const EventStore& events, const std::vector<DayCount>& given,
                               std::size_t n_categories, std::int64_t start_utc_s, const ZoneRules& zone) {
    std::vector<DayBin> days;
    if (events.empty() && given.empty()) return days;
    const auto day_of = [&](std::int64_t utc_s) { return floor_div(utc_s + zone.offset_at(utc_s), kSecondsPerDay); };
    std::int64_t first_day = events.empty() ? given.front().local_day : day_of(start_utc_s);
    std::int64_t last_day = first_day;
    for (std::int64_t s : events.start_column()) last_day = std::max(last_day, day_of(s));
    for (const DayCount& c : given) {
        first_day = std::min(first_day, c.local_day);
        last_day = std::max(last_day, c.local_day);
    }
    days.resize(static_cast<std::size_t>(last_day - first_day + 1));
    for (std::size_t d = 0; d < days.size(); ++d) {
        const std::int64_t utc = zone.utc_of_local((first_day + static_cast<std::int64_t>(d)) * kSecondsPerDay);
        days[d].day_start = in_zone(utc, zone);
        days[d].count_by_category.assign(n_categories, 0);
    }
    if (!given.empty()) {
        for (const DayCount& c : given) {
            DayBin& b = days[static_cast<std::size_t>(c.local_day - first_day)];
            const auto n = static_cast<int>(c.count);
            b.count += n;
            if (c.category >= 0 && static_cast<std::size_t>(c.category) < n_categories)
                b.count_by_category[static_cast<std::size_t>(c.category)] += n;
        }
        return days;
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto d = static_cast<std::size_t>(day_of(events.start_s(i)) - first_day);
        ++days[d].count;
        ++days[d].count_by_category[static_cast<std::size_t>(events.category(i))];
    }
    return days;
}

}  // namespace

Timeline::Timeline(const Dataset& data) : data_(data) {
    const auto& events = data_.events;
    const std::size_t n = events.size();

    // Extent: first start, last start or explicit end.
    if (n > 0) {
        start_utc_s_ = events.start_s(0);
        end_utc_s_ = start_utc_s_;
        for (std::size_t i = 0; i < n; ++i) {
            start_utc_s_ = std::min(start_utc_s_, events.start_s(i));
            end_utc_s_ = std::max(end_utc_s_, events.start_s(i));
            if (const auto end = events.end(i)) end_utc_s_ = std::max(end_utc_s_, end->utc_s);
        }
    }
    display_zone_ = data_.display_zone ? data_.display_zone
                                       : std::make_shared<FixedOffsetZone>(most_common_offset(events));
    display_offset_s_ = display_zone_->offset_at(start_utc_s_);

    effective_end_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t start = events.start_s(i);
        const auto given = events.end(i);
        const CategoryDef& cat = data_.category_of_event(i);
        std::int64_t end = 0;
        if (given && given->utc_s > start) end = given->utc_s;
        else if (cat.until_end)
            end = std::max(end_utc_s_, start + kSecondsPerDay);
        else end = start + cat.default_duration_s;
        effective_end_[i] = end;
        max_duration_s_ = std::max(max_duration_s_, end - start);
    }

    city_events_.assign(data_.cities.size(), {});
    region_events_.assign(data_.regions.size(), {});
    for (std::size_t i = 0; i < n; ++i) {
        const int city = events.city_index(i), region = events.region_index(i);
        if (city >= 0 && static_cast<std::size_t>(city) < city_events_.size()) city_events_[city].push_back(i);
        if (region >= 0 && static_cast<std::size_t>(region) < region_events_.size()) region_events_[region].push_back(i);
        if (data_.category_of_event(i).effect == PlaceEffect::Emergency) emergencies_.push_back(i);
    }

    std::vector<FirstUnrest> firsts;
    for (std::size_t c = 0; c < data_.cities.size(); ++c)
        if (auto f = city_first_unrest(static_cast<int>(c))) firsts.push_back({static_cast<int>(c), *f});
    spread_ = link_spread(data_, std::move(firsts));
    spread_of_city_.assign(data_.cities.size(), -1);
    for (std::size_t k = 0; k < spread_.size(); ++k) spread_of_city_[spread_[k].city] = static_cast<int>(k);

    days_ = count_days(events, data_.day_counts, data_.categories.size(), start_utc_s_, *display_zone_);
}

bool Timeline::is_active(std::size_t event, double t_utc_s) const {
    return static_cast<double>(data_.events.start_s(event)) <= t_utc_s &&
           t_utc_s < static_cast<double>(effective_end_[event]);
}

bool Timeline::is_visible(std::size_t event, double t_utc_s, const TimeSettings& s) const {
    const auto start = static_cast<double>(data_.events.start_s(event));
    if (start > t_utc_s) return false;
    if (s.mode == TimeMode::Cumulative) return true;
    return static_cast<double>(effective_end_[event]) > t_utc_s - s.window_h * 3600.0;
}

std::size_t Timeline::count_started(double t_utc_s) const {
    const auto& ev = data_.events.start_column();
    auto it = std::upper_bound(ev.begin(), ev.end(), t_utc_s,
                               [](double t, std::int64_t s) { return t < static_cast<double>(s); });
    return static_cast<std::size_t>(it - ev.begin());
}

std::vector<std::size_t> Timeline::visible_events(double t_utc_s, const TimeSettings& s) const {
    const std::size_t end = count_started(t_utc_s);
    std::size_t begin = 0;
    if (s.mode == TimeMode::Window) {
        // No event starting before this can still overlap the window.
        const double earliest = t_utc_s - s.window_h * 3600.0 - static_cast<double>(max_duration_s_);
        const auto& ev = data_.events.start_column();
        begin = static_cast<std::size_t>(
            std::lower_bound(ev.begin(), ev.begin() + static_cast<std::ptrdiff_t>(end), earliest,
                             [](std::int64_t start, double t) { return static_cast<double>(start) < t; }) -
            ev.begin());
    }
    std::vector<std::size_t> out;
    for (std::size_t i = begin; i < end; ++i)
        if (is_visible(i, t_utc_s, s)) out.push_back(i);
    return out;
}

namespace {

PlaceState state_of(const Timeline& tl, const std::vector<std::size_t>& own, double t) {
    PlaceState st = PlaceState::Calm;
    for (std::size_t i : own) {
        if (!tl.is_active(i, t)) continue;
        const CategoryDef& c = tl.data().category_of_event(i);
        if (c.effect == PlaceEffect::Violence || c.violent) return PlaceState::Violence;
        if (c.effect == PlaceEffect::Protest) st = PlaceState::Protest;
        else if (c.effect == PlaceEffect::Emergency && st == PlaceState::Calm) st = PlaceState::Emergency;
    }
    return st;
}

}  // namespace

bool Timeline::emergency_for_region(int region, double t_utc_s) const {
    for (std::size_t i : emergencies_) {
        if ((is_nationwide(data_.events, i) || (region >= 0 && data_.events.region_index(i) == region)) &&
            is_active(i, t_utc_s))
            return true;
    }
    return false;
}

PlaceState Timeline::city_state(int city, double t_utc_s) const {
    PlaceState st = state_of(*this, city_events_[city], t_utc_s);
    if (st == PlaceState::Calm && emergency_for_region(data_.cities[city].region_index, t_utc_s))
        st = PlaceState::Emergency;
    return st;
}

PlaceState Timeline::region_state(int region, double t_utc_s) const {
    PlaceState st = state_of(*this, region_events_[region], t_utc_s);
    if (st == PlaceState::Calm && emergency_for_region(region, t_utc_s)) st = PlaceState::Emergency;
    return st;
}

Figures Timeline::city_figures(int city, double t_utc_s) const {
    Figures f;
    for (std::size_t i : city_events_[city])
        if (static_cast<double>(data_.events.start_s(i)) <= t_utc_s) f.add(data_.events[i]);
    return f;
}

Figures Timeline::region_figures(int region, double t_utc_s) const {
    Figures f;
    for (std::size_t i : region_events_[region])
        if (static_cast<double>(data_.events.start_s(i)) <= t_utc_s) f.add(data_.events[i]);
    return f;
}

std::optional<std::size_t> Timeline::city_first_unrest(int city) const {
    for (std::size_t i : city_events_[city])
        if (data_.category_of_event(i).spreads) return i;
    return std::nullopt;
}

std::int32_t Timeline::display_offset_at(double t_utc_s) const {
    // A moment beyond what int64 seconds hold (an export asked for 9.2e18 s; found by the export
    // fuzzer), or NaN: the offset at the nearest representable moment, not an undefined conversion.
    constexpr double kLimit = 9.0e18;
    const double t = std::isnan(t_utc_s) ? 0.0 : std::clamp(t_utc_s, -kLimit, kLimit);
    return display_zone_->offset_at(static_cast<std::int64_t>(std::floor(t)));
}

const SpreadLink* Timeline::spread_link(int city) const {
    if (city < 0 || static_cast<std::size_t>(city) >= spread_of_city_.size()) return nullptr;
    const int k = spread_of_city_[city];
    return k < 0 ? nullptr : &spread_[k];
}

int Timeline::unrest_day(double t_utc_s) const {
    if (spread_.empty()) return 0;
    const std::int64_t root_utc = spread_.front().first_utc_s;
    const std::int64_t root_day = floor_div(root_utc + display_zone_->offset_at(root_utc), kSecondsPerDay);
    const auto t_day = static_cast<std::int64_t>(
        std::floor((t_utc_s + display_offset_at(t_utc_s)) / static_cast<double>(kSecondsPerDay)));
    return t_day < root_day ? 0 : static_cast<int>(t_day - root_day + 1);
}

TallyAt Timeline::tally_at(double t_utc_s) const {
    TallyAt out;
    const auto& tally = data_.tally;
    for (std::size_t i = 0; i < tally.size(); ++i) {
        const TallyEntry& e = tally[i];
        if (static_cast<double>(e.announced_at.utc_s) > t_utc_s) continue;
        if (!iequals(e.scope, "national")) continue;
        if (!e.status.empty() && !iequals(e.status, "official")) continue;
        bool used = false;
        for (const TallyColumn& col : kTallyColumns) {
            if (!(e.*col.announced)) continue;
            out.*col.running = e.*col.announced;
            used = true;
            if (col.source_entry) out.*col.source_entry = static_cast<int>(i);
        }
        if (used) out.latest_entry = static_cast<int>(i);
    }
    return out;
}

double animation_seconds_per_day(const Timeline& tl) {
    if (tl.data().seconds_per_day > 0) return tl.data().seconds_per_day;
    const double days = std::max(1.0 / 24, static_cast<double>(tl.end_utc_s() - tl.start_utc_s()) / kSecondsPerDay);
    const double raw = std::clamp(kDefaultAnimationSeconds / days, 1e-4, kMaxSecondsPerDay);
    const double scale = std::pow(10.0, std::floor(std::log10(raw)) - 1);  // two significant digits
    return std::clamp(std::round(raw / scale) * scale, 1e-4, kMaxSecondsPerDay);
}

}  // namespace qantar
