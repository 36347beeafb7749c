// The scene at several moments of the bundled data: consistent with the timeline it is built from,
// and the few things it decides itself (arcs, the clock, the shutdown, what the panel shows).
#include "core/scene.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>
#include "bundled.hpp"

using namespace qantar;

namespace {

double at(const char* iso) { return static_cast<double>(parse_iso8601(iso)->utc_s); }

Scene scene_at(const char* iso, TimeSettings time = {}, Selection sel = {}, Selection hover = {}) {
    return build_scene(*test::bundled_data().timeline, {at(iso), time, sel, hover});
}

}  // namespace

TEST_CASE("the scene's states and figures are the timeline's at that moment", "[scene]") {
    const Timeline& tl = *test::bundled_data().timeline;
    for (const char* iso : {"2022-01-01T12:00+06:00", "2022-01-04T22:00+06:00", "2022-01-05T18:00+06:00",
                            "2022-01-07T12:00+06:00", "2022-01-14T12:00+06:00"}) {
        const double t = at(iso);
        Scene s = scene_at(iso);
        REQUIRE(s.region_states.size() == tl.data().regions.size());
        REQUIRE(s.city_states.size() == tl.data().cities.size());
        for (std::size_t r = 0; r < s.region_states.size(); ++r) CHECK(s.region_states[r] == tl.region_state(static_cast<int>(r), t));
        for (std::size_t c = 0; c < s.city_states.size(); ++c) CHECK(s.city_states[c] == tl.city_state(static_cast<int>(c), t));
        CHECK(s.unrest_day == tl.unrest_day(t));
        CHECK(s.tally.killed == tl.tally_at(t).killed);
        CHECK(s.t_utc_s == t);
    }
}

TEST_CASE("spread arcs grow before arrival and stay, troop arcs fly and fade", "[scene]") {
    std::size_t last = 0;
    for (const char* iso : {"2022-01-01T12:00+06:00", "2022-01-03T12:00+06:00", "2022-01-04T22:00+06:00",
                            "2022-01-05T18:00+06:00", "2022-01-07T12:00+06:00", "2022-01-19T12:00+06:00"}) {
        Scene s = scene_at(iso);
        CHECK(s.spread.size() >= last);  // arcs never disappear
        last = s.spread.size();
        for (const SpreadArc& a : s.spread) {
            CHECK(a.progress > 0);
            CHECK(a.progress <= 1);
            CHECK(a.from_city >= 0);
        }
        for (const TroopArc& a : s.troops) {
            CHECK(a.progress >= 0);
            CHECK(a.progress <= 1);
            CHECK(a.fade <= 1);
        }
    }
    CHECK(scene_at("2022-01-01T12:00+06:00").troops.empty());
    Scene end = scene_at("2022-01-19T12:00+06:00");
    CHECK_FALSE(end.spread.empty());
    for (const SpreadArc& a : end.spread) CHECK(a.progress == 1);
}

TEST_CASE("the clock reads the display offset, the window is in seconds", "[scene]") {
    TimeSettings w;
    w.mode = TimeMode::Window;
    w.window_h = 12;
    Scene s = scene_at("2022-01-05T18:07+06:00", w);
    CHECK(s.clock.year == 2022);
    CHECK(s.clock.month == 1);
    CHECK(s.clock.day == 5);
    CHECK(s.clock.weekday == 3);  // a Wednesday
    CHECK(s.clock.hour == 18);
    CHECK(s.clock.minute == 7);
    CHECK(s.window_s == 12 * 3600.0);
    TimeSettings cum;
    cum.mode = TimeMode::Cumulative;
    CHECK(scene_at("2022-01-05T18:07+06:00", cum).window_s == 0);
}

TEST_CASE("the internet shutdown is in force in the middle of the unrest only", "[scene]") {
    CHECK_FALSE(scene_at("2022-01-01T12:00+06:00").shutdown);
    CHECK(scene_at("2022-01-06T12:00+06:00").shutdown);
    // The banner's text is the category's, from the story's manifest.
    CHECK(scene_at("2022-01-06T12:00+06:00").banner == "INTERNET SHUT DOWN NATIONWIDE");
    CHECK_FALSE(scene_at("2022-01-19T12:00+06:00").shutdown);
}

TEST_CASE("the selection's details and the hover's tooltip, never both for one place", "[scene]") {
    const Dataset& data = test::bundled_data().data;
    const Selection almaty{Selection::Kind::City, data.find_city("almaty")};
    const Selection region{Selection::Kind::Region, 0};
    Scene none = scene_at("2022-01-05T18:00+06:00");
    CHECK_FALSE(none.details);
    CHECK(none.tooltip.empty());
    Scene both = scene_at("2022-01-05T18:00+06:00", {}, almaty, region);
    REQUIRE(both.details);
    CHECK(both.details->selection == almaty);
    CHECK_FALSE(both.tooltip.empty());
    Scene same = scene_at("2022-01-05T18:00+06:00", {}, almaty, almaty);
    CHECK(same.details);
    CHECK(same.tooltip.empty());
}

TEST_CASE("the banner says what the active event's data says", "[scene][issue12]") {
    const auto& b = test::bundled_data();
    // Each event's own `banner` field, read from the data, not written here.
    auto banner_of = [&](const char* id) {
        for (const Event& e : b.data.events.materialise_all())
            if (e.event_id_cnty == id)
                for (const auto& [k, v] : e.extra)
                    if (k == "banner") return v;
        return std::string();
    };
    const std::string throttled = banner_of("KAZ2022-0018"), shutdown = banner_of("KAZ2022-0034");
    REQUIRE_FALSE(throttled.empty());
    REQUIRE_FALSE(shutdown.empty());
    CHECK(throttled != shutdown);
    CHECK(scene_at("2022-01-04T20:00+06:00").banner.empty());           // before the throttling
    CHECK(scene_at("2022-01-04T22:00+06:00").banner == throttled);      // throttled, not shut down
    CHECK(scene_at("2022-01-05T18:00+06:00").banner == shutdown);       // the nationwide shutdown
    CHECK(scene_at("2022-01-12T12:00+06:00").banner.empty());           // over
}

TEST_CASE("a city's badge count and its tooltip give one number", "[scene][issue12]") {
    const auto& b = test::bundled_data();
    const Timeline& tl = *b.timeline;
    TimeSettings cumulative;
    cumulative.mode = TimeMode::Cumulative;
    for (const TimeSettings& ts : {TimeSettings{}, cumulative})
        for (const char* iso : {"2022-01-04T22:00+06:00", "2022-01-05T18:00+06:00", "2022-01-06T15:00+06:00",
                                "2022-01-10T12:00+06:00"}) {
            const double t = at(iso);
            Scene s = scene_at(iso, ts);
            REQUIRE(s.city_event_counts.size() == b.data.cities.size());
            for (std::size_t c = 0; c < b.data.cities.size(); ++c) {
                INFO(iso << " " << b.data.cities[c].name_en);
                // Counted independently: started by t and, in a window, not ended before it.
                int expect = 0;
                for (std::size_t i : tl.city_events(static_cast<int>(c))) {
                    const Event e = b.data.events.materialise(i);
                    if (static_cast<double>(e.start.utc_s) > t) continue;
                    if (ts.mode == TimeMode::Window && static_cast<double>(tl.end_of(i)) <= t - ts.window_h * 3600) continue;
                    ++expect;
                }
                CHECK(s.city_event_counts[c] == expect);
                Selection sel{Selection::Kind::City, static_cast<int>(c)};
                auto tip = tooltip_lines(tl, sel, t, ts);
                REQUIRE(tip.size() == 3);
                if (expect > 0) CHECK(tip[2].rfind(std::to_string(expect) + " event", 0) == 0);
            }
        }
}

TEST_CASE("spread arcs stay within the limits the data supports", "[scene][issue12]") {
    const Timeline& tl = *test::bundled_data().timeline;
    Scene end = scene_at("2022-01-19T12:00+06:00");
    std::size_t supported = 0, beyond = 0;
    for (const SpreadLink& l : tl.spread()) {
        if (l.from_city < 0) continue;
        if (spread_arc_supported(l)) ++supported;
        else ++beyond;
    }
    CHECK(end.spread.size() == supported);
    CHECK(beyond > 0);  // the bundled data has far jumps (e.g. west to centre) that get no arc
    for (const SpreadArc& a : end.spread) {
        const SpreadLink* l = tl.spread_link(a.to_city);
        REQUIRE(l);
        CHECK(l->distance_km <= kSpreadArcMaxKm);
        CHECK(l->delay_h <= kSpreadArcMaxDelayH);
    }
    // Its wording: the nearest place already active, and since when; never a cause.
    for (const SpreadLink& l : tl.spread()) {
        if (l.from_city < 0) continue;
        Details d = city_details(tl, l.city, at("2022-01-19T12:00+06:00"));
        REQUIRE(d.spread);
        const std::string txt = spread_nearest_text(*d.spread);
        CHECK(txt.rfind("Nearest place already active: ", 0) == 0);
        CHECK(txt.find(", since ") != std::string::npos);
        CHECK(details_text(d).find("spreading from") == std::string::npos);
    }
}
