#include "core/scene.hpp"

#include "core/text.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cmath>

namespace qantar {

namespace {

constexpr double kSpreadDrawS = 3 * 3600.0;   // an arc grows over the three hours before arrival
constexpr double kTroopFadeS = 6 * 3600.0;    // a troop arc fades over six hours after its end
constexpr double kTroopFlightMaxS = 10 * 3600.0;

LocalClock local_clock(double t, std::int32_t off) {
    auto local = static_cast<std::int64_t>(std::floor(t)) + off;
    std::int64_t day = (local >= 0 ? local : local - 86399) / 86400;
    const CivilDate c = civil_from_days(day);
    std::int64_t sod = local - day * 86400;
    return {static_cast<int>(c.y), static_cast<int>(c.m), static_cast<int>(c.d), weekday_from_days(day),
            static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60), off};
}

void add_arcs(const Timeline& tl, double t, Scene& s) {
    for (const SpreadLink& l : tl.spread()) {
        if (!spread_arc_supported(l)) continue;
        double p = (t - (static_cast<double>(l.first_utc_s) - kSpreadDrawS)) / kSpreadDrawS;
        if (p <= 0) continue;
        s.spread.push_back({l.from_city, l.city, std::min(1.0, p)});
    }
    const Dataset& data = tl.data();
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const EventRef e = data.events[i];
        if (!data.category_of(e).movement || !e.origin_m()) continue;
        double start = static_cast<double>(e.start().utc_s), end = static_cast<double>(tl.end_of(i));
        if (t < start || t > end + kTroopFadeS) continue;
        double fly = std::min(kTroopFlightMaxS, std::max(1.0, end - start));
        TroopArc a;
        a.event = i;
        a.progress = std::clamp((t - start) / fly, 0.0, 1.0);
        a.fade = t > end ? 1 - (t - end) / kTroopFadeS : 1.0;
        a.withdrawal = e.movement() == "withdrawal";
        s.troops.push_back(a);
    }
}

// The text of the latest-started active event with a `banner` field; an active internet shutdown
// without one falls back to its category's label.
std::string banner_at(const Timeline& tl, double t, std::string_view lang) {
    const Dataset& data = tl.data();
    std::string text;
    std::int64_t latest = 0;
    bool found = false;
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const EventRef e = data.events[i];
        if (!tl.is_active(i, t)) continue;
        std::string own;
        for (const auto& [k, v] : e.extra())
            if (k == "banner") own = trim(event_text(e, "banner", v, lang));
        const CategoryDef& c = data.category_of(e);
        if (own.empty() && c.banner) own = lang == "kk" && !c.banner_kk.empty() ? c.banner_kk
                                           : lang == "ru" && !c.banner_ru.empty() ? c.banner_ru : c.banner_en;
        if (own.empty() || (found && e.start().utc_s < latest)) continue;
        text = own;
        latest = e.start().utc_s;
        found = true;
    }
    return text;
}

}  // namespace

Scene build_scene(const Timeline& tl, const SceneInputs& in) {
    const Dataset& data = tl.data();
    const double t = in.t_utc_s;
    Scene s;
    s.t_utc_s = t;
    s.window_s = in.time.mode == TimeMode::Window ? in.time.window_h * 3600.0 : 0.0;
    for (std::size_t i = 0; i < data.events.size(); ++i)
        if (data.category_of(data.events[i]).banner && tl.is_active(i, t)) s.shutdown = true;
    s.banner = banner_at(tl, t, in.words ? in.words->code() : std::string_view("en"));
    for (std::size_t r = 0; r < data.regions.size(); ++r) s.region_states.push_back(tl.region_state(static_cast<int>(r), t));
    for (std::size_t c = 0; c < data.cities.size(); ++c) {
        s.city_states.push_back(tl.city_state(static_cast<int>(c), t));
        s.city_event_counts.push_back(events_shown(tl, tl.city_events(static_cast<int>(c)), t, in.time));
    }
    add_arcs(tl, t, s);
    s.clock = local_clock(t, tl.display_offset_at(t));
    s.unrest_day = tl.unrest_day(t);
    s.tally = tl.tally_at(t);
    s.selected = in.selected;
    s.hover = in.hover;
    const Language& words = in.words ? *in.words : english();
    if (!in.selected.empty()) s.details = details_for(tl, in.selected, t, words);
    if (!in.hover.empty() && in.hover != in.selected) s.tooltip = tooltip_lines(tl, in.hover, t, in.time, words);
    return s;
}

}  // namespace qantar
