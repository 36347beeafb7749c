// Timeline queries at the edges, on hand-made data, and the spread tree on the bundled data.
#include "core/info.hpp"
#include "io/load.hpp"
#include "story_categories.hpp"
#include "core/timeline.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <limits>

using namespace qantar;
namespace Category = qantar::test::Category;

namespace {

constexpr std::int32_t kUtc5 = 5 * 3600, kUtc6 = 6 * 3600;

LocalTime at(const char* iso) {
    auto t = parse_iso8601(iso);
    REQUIRE(t);
    return *t;
}
double t_of(const char* iso) { return static_cast<double>(at(iso).utc_s); }

// Two regions (west at UTC+5, east at UTC+6) and three cities.
Dataset make_dataset() {
    Dataset d;
    d.categories = qantar::test::story_categories();
    Region west;
    west.region_id = "W";
    west.utc_offset_s = kUtc5;
    Region east;
    east.region_id = "E";
    east.utc_offset_s = kUtc6;
    d.regions = {west, east};
    auto city = [](const char* id, double lon, double lat, int region) {
        City c;
        c.city_id = id;
        c.name_en = id;
        c.lon_deg = lon;
        c.lat_deg = lat;
        c.region_index = region;
        return c;
    };
    d.cities = {city("zhanaozen", 52.8596, 43.3414, 0), city("aktau", 51.1722, 43.6481, 0),
                city("almaty", 76.9458, 43.2389, 1), city("nur-sultan", 71.4491, 51.1694, 1)};
    return d;
}

Event make_event(const char* id, int c, const char* start, int city, int region,
                 std::optional<const char*> end = std::nullopt) {
    Event e;
    e.event_id_cnty = id;
    e.category = c;
    e.start = at(start);
    if (end) e.end = at(*end);
    e.city_index = city;
    e.region_index = region;
    return e;
}

void sort_events(Dataset& d) {
    d.events.sort_by_time();  // by start, then id
}

}  // namespace

TEST_CASE("an event is active from its start, up to but not at its end", "[timeline]") {
    Dataset d = make_dataset();
    d.events.push_back(make_event("A", Category::PeacefulProtest, "2022-01-02T09:00+05:00", 0, 0,
                                  "2022-01-02T17:00+05:00"));
    const Timeline tl(d);
    const double start = t_of("2022-01-02T09:00+05:00"), end = t_of("2022-01-02T17:00+05:00");
    CHECK_FALSE(tl.is_active(0, start - 1));
    CHECK(tl.is_active(0, start));
    CHECK(tl.is_active(0, end - 0.001));
    CHECK_FALSE(tl.is_active(0, end));
    CHECK(tl.end_of(0) == static_cast<std::int64_t>(end));
    CHECK(tl.count_started(start - 1) == 0);
    CHECK(tl.count_started(start) == 1);
    CHECK(tl.city_state(0, start - 1) == PlaceState::Calm);
    CHECK(tl.city_state(0, start) == PlaceState::Protest);
    CHECK(tl.city_state(0, end) == PlaceState::Calm);
}

TEST_CASE("events without an end last their category's default", "[timeline]") {
    Dataset d = make_dataset();
    d.events.push_back(make_event("P", Category::PeacefulProtest, "2022-01-02T09:00+05:00", 0, 0));
    d.events.push_back(make_event("D", Category::PoliticalDecision, "2022-01-02T11:00+06:00", -1, -1));
    d.events.push_back(make_event("S", Category::StateOfEmergency, "2022-01-05T01:30+06:00", -1, 1));
    d.events.push_back(make_event("T", Category::ForeignTroops, "2022-01-06T18:00+06:00", -1, 1,
                                  "2022-01-19T12:00+06:00"));
    sort_events(d);
    const Timeline tl(d);
    CHECK(tl.end_of(0) - d.events[0].start().utc_s == 12 * 3600);
    CHECK(tl.end_of(1) - d.events[1].start().utc_s == 6 * 3600);
    // A state of emergency without an end lasts until the end of the data.
    CHECK(tl.end_utc_s() == at("2022-01-19T12:00+06:00").utc_s);
    CHECK(tl.end_of(2) == tl.end_utc_s());
    CHECK(tl.start_utc_s() == d.events[0].start().utc_s);
    CHECK(d.categories[Category::Riot].default_duration_s == 12 * 3600);
    CHECK(d.categories[Category::InternetShutdown].default_duration_s == 24 * 3600);
}

TEST_CASE("moving window versus cumulative", "[timeline]") {
    Dataset d = make_dataset();
    // 09:00-21:00 (+05:00) on 2 January by default.
    d.events.push_back(make_event("A", Category::PeacefulProtest, "2022-01-02T09:00+05:00", 0, 0));
    d.events.push_back(make_event("B", Category::Riot, "2022-01-04T19:00+06:00", 2, 1));
    const Timeline tl(d);
    const TimeSettings window{TimeMode::Window, 24.0};
    const TimeSettings cumulative{TimeMode::Cumulative, 24.0};
    const double a_end = static_cast<double>(tl.end_of(0));

    // Just before A starts: nothing, in either mode.
    CHECK(tl.visible_events(t_of("2022-01-02T08:59+05:00"), window).empty());
    CHECK(tl.visible_events(t_of("2022-01-02T08:59+05:00"), cumulative).empty());
    // Exactly at A's start it is visible in both.
    CHECK(tl.visible_events(t_of("2022-01-02T09:00+05:00"), window) == std::vector<std::size_t>{0});
    // The window still holds A until 24 h after it ended; at exactly 24 h it is gone.
    CHECK(tl.is_visible(0, a_end + 24 * 3600 - 1, window));
    CHECK_FALSE(tl.is_visible(0, a_end + 24 * 3600, window));
    CHECK(tl.is_visible(0, a_end + 24 * 3600, cumulative));
    CHECK(tl.is_visible(0, a_end + 24 * 3600, TimeSettings{TimeMode::Window, 48.0}));
    // At B's start: the window shows only B, cumulative shows both.
    const double b = t_of("2022-01-04T19:00+06:00");
    CHECK(tl.visible_events(b, window) == std::vector<std::size_t>{1});
    CHECK(tl.visible_events(b, cumulative) == std::vector<std::size_t>{0, 1});
    // Defaults: a 24 h window.
    const TimeSettings defaults;
    CHECK(defaults.mode == TimeMode::Window);
    CHECK(defaults.window_h == 24.0);
}

TEST_CASE("times across the UTC+5 / UTC+6 boundary order by the instant", "[timeline]") {
    Dataset d = make_dataset();
    // 00:30 local on 5 January in the west is 19:30Z on the 4th; in the east it is 18:30Z: earlier.
    d.events.push_back(make_event("W", Category::PeacefulProtest, "2022-01-05T00:30+05:00", 0, 0));
    d.events.push_back(make_event("E", Category::PeacefulProtest, "2022-01-05T00:30+06:00", 2, 1));
    // 23:30 on the 4th in the west is 00:30 on the 5th at UTC+6.
    d.events.push_back(make_event("L", Category::PeacefulProtest, "2022-01-04T23:30+05:00", 1, 0));
    d.events.push_back(make_event("F", Category::PeacefulProtest, "2022-01-04T12:00+06:00", 3, 1));
    sort_events(d);
    CHECK(d.events[0].event_id_cnty() == "F");
    CHECK(d.events[1].event_id_cnty() == "E");
    CHECK(d.events[2].event_id_cnty() == "L");
    CHECK(d.events[3].event_id_cnty() == "W");
    CHECK(d.events[3].start().utc_s == 1641324600);  // `date -u -d 2022-01-04T19:30Z +%s`
    const Timeline tl(d);
    CHECK(tl.display_offset_s() == kUtc6);  // tie between +5 and +6: the larger
    REQUIRE(tl.days().size() == 2);
    CHECK(format_iso8601(tl.days()[0].day_start) == "2022-01-04T00:00:00+06:00");
    CHECK(tl.days()[0].count == 1);
    CHECK(tl.days()[1].count == 3);  // E, L and W all fall on 5 January at UTC+6
    CHECK(tl.days()[1].count_by_category[Category::PeacefulProtest] == 3);
    // The west's event is active at its own start and the east's is not yet over.
    const double w = t_of("2022-01-05T00:30+05:00");
    CHECK(tl.city_state(0, w) == PlaceState::Protest);
    CHECK(tl.city_state(2, w) == PlaceState::Protest);
    CHECK(tl.city_state(0, w - 1) == PlaceState::Calm);
    // Day 1 is the root's local day (4 January at UTC+6).
    CHECK(tl.unrest_day(t_of("2022-01-03T23:59+06:00")) == 0);
    CHECK(tl.unrest_day(t_of("2022-01-04T00:00+06:00")) == 1);
    CHECK(tl.unrest_day(t_of("2022-01-04T23:59+06:00")) == 1);
    CHECK(tl.unrest_day(t_of("2022-01-05T00:00+06:00")) == 2);
}

TEST_CASE("the display offset of moments no int64 holds: the zone's, without undefined behaviour", "[timeline]") {
    // The export fuzzer asked for the moment 0x7fffffffffffff3a s: as a double it rounds up to 2^63,
    // which no int64 holds (UBSan: "outside the range of representable values").
    Dataset d = make_dataset();
    d.events.push_back(make_event("E", Category::PeacefulProtest, "2022-01-05T00:30+06:00", 0, 1));
    const Timeline tl(d);
    CHECK(tl.display_offset_at(static_cast<double>(std::int64_t{0x7fffffffffffff3a})) == tl.display_offset_s());
    CHECK(tl.display_offset_at(1e300) == tl.display_offset_s());
    CHECK(tl.display_offset_at(-1e300) == tl.display_offset_s());
    CHECK(tl.display_offset_at(std::numeric_limits<double>::infinity()) == tl.display_offset_s());
    CHECK(tl.display_offset_at(std::numeric_limits<double>::quiet_NaN()) == tl.display_offset_s());
}

TEST_CASE("place states: violence over protest over emergency over calm", "[timeline]") {
    Dataset d = make_dataset();
    d.events.push_back(make_event("P", Category::PeacefulProtest, "2022-01-04T10:00+06:00", 2, 1,
                                  "2022-01-05T10:00+06:00"));
    d.events.push_back(make_event("R", Category::Riot, "2022-01-04T19:00+06:00", 2, 1, "2022-01-04T23:00+06:00"));
    d.events.push_back(make_event("S", Category::StateOfEmergency, "2022-01-05T01:30+06:00", 2, 1,
                                  "2022-01-10T00:00+06:00"));
    d.events.push_back(make_event("N", Category::StateOfEmergency, "2022-01-05T16:00+06:00", -1, -1,
                                  "2022-01-19T00:00+06:00"));
    sort_events(d);
    const Timeline tl(d);
    CHECK(tl.city_state(2, t_of("2022-01-04T09:59+06:00")) == PlaceState::Calm);
    CHECK(tl.city_state(2, t_of("2022-01-04T12:00+06:00")) == PlaceState::Protest);
    CHECK(tl.city_state(2, t_of("2022-01-04T19:00+06:00")) == PlaceState::Violence);
    CHECK(tl.region_state(1, t_of("2022-01-04T19:00+06:00")) == PlaceState::Violence);
    CHECK(tl.city_state(2, t_of("2022-01-04T23:00+06:00")) == PlaceState::Protest);
    CHECK(tl.city_state(2, t_of("2022-01-05T10:00+06:00")) == PlaceState::Emergency);
    // Nur-Sultan (same region) is under the regional emergency too; the west is calm until the
    // nationwide one.
    CHECK(tl.city_state(3, t_of("2022-01-05T12:00+06:00")) == PlaceState::Emergency);
    CHECK(tl.city_state(0, t_of("2022-01-05T12:00+06:00")) == PlaceState::Calm);
    CHECK(tl.region_state(0, t_of("2022-01-05T12:00+06:00")) == PlaceState::Calm);
    CHECK(tl.city_state(0, t_of("2022-01-05T16:00+06:00")) == PlaceState::Emergency);
    CHECK(tl.region_state(0, t_of("2022-01-05T16:00+06:00")) == PlaceState::Emergency);
    CHECK(tl.city_state(0, t_of("2022-01-19T00:00+06:00")) == PlaceState::Calm);
    CHECK(place_state_id(PlaceState::Emergency) == "state_of_emergency");
    CHECK(place_state_label(PlaceState::Violence) == "Violence");
}

TEST_CASE("figures sum known values only", "[timeline]") {
    Dataset d = make_dataset();
    Event a = make_event("A", Category::Riot, "2022-01-04T19:00+06:00", 2, 1);
    a.fatalities = 4;
    a.injured = 10;
    Event b = make_event("B", Category::Riot, "2022-01-05T19:00+06:00", 2, 1);
    b.fatalities = 3;
    d.events = {a, b};
    const Timeline tl(d);
    const Figures before = tl.city_figures(2, t_of("2022-01-04T18:00+06:00"));
    CHECK_FALSE(before.killed);
    const Figures one = tl.city_figures(2, t_of("2022-01-04T19:00+06:00"));
    CHECK(one.killed == 4);
    CHECK(one.injured == 10);
    const Figures both = tl.region_figures(1, t_of("2022-01-06T00:00+06:00"));
    CHECK(both.killed == 7);
    CHECK(both.injured == 10);
    CHECK_FALSE(both.detained);
}

TEST_CASE("the spread tree links each city to the nearest strictly earlier one", "[timeline]") {
    Dataset d = make_dataset();
    d.events.push_back(make_event("Z", Category::PeacefulProtest, "2022-01-02T09:00+05:00", 0, 0));
    d.events.push_back(make_event("Zr", Category::Riot, "2022-01-04T09:00+05:00", 0, 0));  // not a first
    d.events.push_back(make_event("A", Category::PeacefulProtest, "2022-01-02T12:00+05:00", 1, 0));
    // Nur-Sultan's first event is a decision (not unrest); its unrest comes later.
    d.events.push_back(make_event("Nd", Category::PoliticalDecision, "2022-01-03T12:00+06:00", 3, 1));
    d.events.push_back(make_event("N", Category::PeacefulProtest, "2022-01-04T19:00+06:00", 3, 1));
    // Almaty at the same instant as Nur-Sultan: it may not link to Nur-Sultan.
    d.events.push_back(make_event("L", Category::Riot, "2022-01-04T19:00+06:00", 2, 1));
    sort_events(d);
    const Timeline tl(d);
    const auto& s = tl.spread();
    REQUIRE(s.size() == 4);
    CHECK(d.cities[s[0].city].city_id == "zhanaozen");
    CHECK(s[0].from_city == -1);
    CHECK(s[0].delay_h == 0);
    CHECK(d.cities[s[1].city].city_id == "aktau");
    CHECK(s[1].from_city == 0);
    CHECK(s[1].delay_h == Approx(3.0));
    CHECK(s[1].distance_km == Approx(140.3187).margin(0.01));
    // Almaty and Nur-Sultan, same instant: both from the nearer of the west's two (Zhanaozen).
    for (int k : {2, 3}) {
        CHECK(s[k].from_city == 0);
        CHECK(s[k].after_root_h == Approx(2 * 24 + 9));
        CHECK(s[k].delay_h == Approx(2 * 24 + 9));
    }
    CHECK(d.events[s[3].first_event].event_id_cnty() == "N");
    REQUIRE(tl.spread_link(3));
    CHECK(tl.spread_link(3)->first_utc_s == at("2022-01-04T19:00+06:00").utc_s);
    CHECK(tl.city_first_unrest(3) == s[3].first_event);
    CHECK(great_circle_km(76.9458, 43.2389, 71.4491, 51.1694) == Approx(974.036).margin(0.01));
    CHECK(great_circle_km(0, 0, 1, 0) == Approx(111.195).margin(0.001));
}

TEST_CASE("the tally is the latest official national figure at or before t", "[timeline]") {
    Dataset d = make_dataset();
    auto entry = [](const char* when, const char* scope, const char* status, Count killed, Count detained) {
        TallyEntry e;
        e.announced_at = *parse_iso8601(when);
        e.scope = scope;
        e.status = status;
        e.killed = killed;
        e.detained = detained;
        return e;
    };
    d.tally = {entry("2022-01-06T10:00+06:00", "national", "official", std::nullopt, 2298),
               entry("2022-01-08T10:00+06:00", "national", "official", 26, 4404),
               entry("2022-01-09T10:00+06:00", "national", "withdrawn", 164, std::nullopt),
               entry("2022-01-10T10:00+06:00", "almaty", "official", 103, std::nullopt),
               entry("2022-01-15T10:00+06:00", "national", "official", 225, std::nullopt)};
    const Timeline tl(d);
    const TallyAt none = tl.tally_at(t_of("2022-01-06T09:59+06:00"));
    CHECK(none.latest_entry == -1);
    CHECK_FALSE(none.detained);
    const TallyAt first = tl.tally_at(t_of("2022-01-06T10:00+06:00"));  // at the announcement
    CHECK(first.detained == 2298);
    CHECK_FALSE(first.killed);
    CHECK(first.latest_entry == 0);
    const TallyAt later = tl.tally_at(t_of("2022-01-12T00:00+06:00"));
    CHECK(later.killed == 26);  // not the withdrawn 164, not Almaty's 103
    CHECK(later.detained == 4404);
    CHECK(later.latest_entry == 1);
    const TallyAt last = tl.tally_at(t_of("2022-01-20T00:00+06:00"));
    CHECK(last.killed == 225);
    CHECK(last.detained == 4404);  // the latest that gave it
    CHECK(last.latest_entry == 4);
}

TEST_CASE("an empty dataset gives an empty timeline", "[timeline]") {
    const Dataset d = make_dataset();
    const Timeline tl(d);
    CHECK(tl.spread().empty());
    CHECK(tl.days().empty());
    CHECK(tl.unrest_day(0) == 0);
    CHECK(tl.visible_events(0, TimeSettings{}).empty());
    CHECK(info_json(tl)["events"] == 0);
}

TEST_CASE("delays read as people write them", "[timeline]") {
    CHECK(format_delay_h(0) == "0 h");
    CHECK(format_delay_h(3) == "3 h");
    CHECK(format_delay_h(0.5) == "30 min");
    CHECK(format_delay_h(57) == "2 d 9 h");
    CHECK(format_delay_h(48) == "2 d 0 h");
}

TEST_CASE("the bundled story: spread from Zhanaozen, Almaty on 4 January", "[timeline][bundled]") {
    const char* env = std::getenv("QANTAR_GEODATA");
    if (!env || !std::filesystem::exists(std::filesystem::path(env) / "bundled-story")) {
        WARN("QANTAR_GEODATA not set or without bundled-story: skipped");
        return;
    }
    LoadOptions o;
    apply_story(read_story_manifest(bundled_story_manifest(env)), o);
    const Dataset d = load_dataset(o);
    const Timeline tl(d);
    CHECK(d.cities.size() >= 19);
    CHECK(d.regions.size() == 16);
    CHECK(d.events.size() >= 60);
    REQUIRE_FALSE(tl.spread().empty());
    CHECK(d.cities[tl.spread().front().city].name_en == "Zhanaozen");
    CHECK(tl.spread().size() >= 10);
    for (std::size_t k = 1; k < tl.spread().size(); ++k) {
        const SpreadLink& s = tl.spread()[k];
        INFO(d.cities[s.city].name_en);
        CHECK(s.first_utc_s >= tl.spread()[k - 1].first_utc_s);
        if (s.first_utc_s > tl.spread().front().first_utc_s) {
            CHECK(s.from_city >= 0);
            CHECK(s.delay_h > 0);
        }
    }
    const int almaty = d.find_city("almaty");
    REQUIRE(almaty >= 0);
    const auto first = tl.city_first_unrest(almaty);
    REQUIRE(first);
    CHECK(format_iso8601(d.events[*first].start()).substr(0, 10) == "2022-01-04");
    CHECK(d.events[*first].start().offset_s == kUtc6);
    // Violence in Almaty on the evening of 5 January.
    CHECK(tl.city_state(almaty, t_of("2022-01-05T18:00+06:00")) == PlaceState::Violence);
    CHECK(format_iso8601(LocalTime{tl.start_utc_s(), kUtc6}).substr(0, 10) == "2022-01-01");
    CHECK(format_iso8601(LocalTime{tl.end_utc_s(), kUtc6}).substr(0, 10) == "2022-01-19");
    const auto j = info_json(tl);
    CHECK(j["spread_root"] == "Zhanaozen");
    CHECK(j["skipped"] == 0);
    CHECK(tl.tally_at(static_cast<double>(tl.end_utc_s())).killed.has_value());
}

TEST_CASE("per-day counts given by the source replace the loaded events' and widen the days", "[timeline]") {
    Dataset d = make_dataset();
    // The loaded window: one event on 5 January at UTC+6.
    d.events.push_back(make_event("E", Category::PeacefulProtest, "2022-01-05T12:00+06:00", 2, 1));
    d.display_zone = std::make_shared<FixedOffsetZone>(kUtc6);
    const std::int64_t jan3 = 18995;  // 2022-01-03 is day 18995 since 1970-01-01 (`date -d 2022-01-03 +%s` / 86400)
    d.day_counts = {{jan3, Category::PeacefulProtest, 4}, {jan3, Category::Riot, 2},
                    {jan3 + 2, Category::PeacefulProtest, 7}, {jan3 + 4, Category::Riot, 1}};
    const Timeline tl(d);
    REQUIRE(tl.days().size() == 5);  // 3 to 7 January, the empty days included
    CHECK(format_iso8601(tl.days()[0].day_start) == "2022-01-03T00:00:00+06:00");
    CHECK(tl.days()[0].count == 6);
    CHECK(tl.days()[0].count_by_category[Category::PeacefulProtest] == 4);
    CHECK(tl.days()[0].count_by_category[Category::Riot] == 2);
    CHECK(tl.days()[1].count == 0);
    CHECK(tl.days()[2].count == 7);  // the server's 7, not the 1 loaded event of that day
    CHECK(tl.days()[4].count == 1);
    CHECK(format_iso8601(tl.days()[4].day_start) == "2022-01-07T00:00:00+06:00");
    // The events themselves are still the loaded ones.
    CHECK(tl.visible_events(t_of("2022-01-05T13:00+06:00"), TimeSettings{}).size() == 1);
}
