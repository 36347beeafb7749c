// The details panel's content for Zhanaozen and Almaty at several moments (what is past, what is
// later), regions, the clipboard text and --select lookup. Bundled data.
#include "core/details.hpp"
#include "core/error.hpp"
#include "bundled.hpp"
#include "io/load.hpp"

#include <catch2/catch.hpp>

#include <memory>

using namespace qantar;
namespace Category = qantar::test::Category;

namespace {

const test::BundledData& bundled() { return test::bundled_data(); }

double t_of(const char* iso) {
    auto t = parse_iso8601(iso);
    REQUIRE(t);
    return static_cast<double>(t->utc_s);
}

std::vector<std::string> ids(const Details& d, bool past) {
    std::vector<std::string> out;
    for (const auto& e : d.events)
        if (e.past == past) out.push_back(std::string(bundled().data.events[e.event].event_id_cnty()));
    return out;
}

}  // namespace

TEST_CASE("Zhanaozen's panel before, during and after its protests", "[details]") {
    const auto& b = bundled();
    int z = b.data.find_city("zhanaozen");
    REQUIRE(z >= 0);

    Details before = city_details(*b.timeline, z, t_of("2022-01-01T12:00+05:00"));
    CHECK(before.name_en == "Zhanaozen");
    CHECK(before.name_kk == "Жаңаөзен");
    CHECK(before.name_ru == "Жанаозен");
    CHECK(before.subtitle == "Mangystau region \xC2\xB7 population 75,600");
    CHECK(before.past_count == 0);
    CHECK(ids(before, false) == std::vector<std::string>{"KAZ2022-0002", "KAZ2022-0004"});
    CHECK_FALSE(before.totals.participants);
    REQUIRE(before.spread);
    CHECK(before.spread->root);
    CHECK_FALSE(before.spread->reached_by_t);

    // 2 Jan 09:00+05:00 exactly: the first event is past (start <= t), the second later.
    Details first = city_details(*b.timeline, z, t_of("2022-01-02T09:00+05:00"));
    CHECK(ids(first, true) == std::vector<std::string>{"KAZ2022-0002"});
    CHECK(ids(first, false) == std::vector<std::string>{"KAZ2022-0004"});
    const DetailsEvent& e = first.events.front();
    CHECK(e.active);
    CHECK(e.when_local == "2 Jan 2022 09:00");
    CHECK(e.utc_offset == "UTC+5");
    CHECK(e.category == Category::PeacefulProtest);
    CHECK(e.disputed);
    CHECK(e.disputed_note.find("10,000") != std::string::npos);
    CHECK(e.source_keys == "R1; R3; R65");
    CHECK(e.source.find("HRW") != std::string::npos);
    CHECK_FALSE(e.description.empty());
    CHECK(first.state == PlaceState::Protest);

    Details later = city_details(*b.timeline, z, t_of("2022-01-03T18:00+05:00"));
    CHECK(later.past_count == 2);
    CHECK(ids(later, false).empty());
    REQUIRE(later.totals.participants);
    CHECK(*later.totals.participants == 1000);
    CHECK(later.events[1].figures == "1,000 participants");
    CHECK(later.events[1].active);
}

TEST_CASE("Almaty's panel on 5 January and after", "[details]") {
    const auto& b = bundled();
    int a = b.data.find_city("Almaty");
    REQUIRE(a >= 0);
    Details d = city_details(*b.timeline, a, t_of("2022-01-05T18:00+06:00"));
    CHECK(d.subtitle == "City of republican significance \xC2\xB7 population 2,030,285");
    CHECK(d.moment_local == "5 Jan 2022 18:00");
    CHECK(d.moment_offset == "UTC+6");
    CHECK(ids(d, true) == std::vector<std::string>{"KAZ2022-0017", "KAZ2022-0019", "KAZ2022-0032", "KAZ2022-0035",
                                                   "KAZ2022-0036"});
    REQUIRE(d.past_count == 5);
    // Later events follow, dimmed, in time order; the airport (19:00) is the first of them.
    CHECK(b.data.events[d.events[5].event].event_id_cnty() == "KAZ2022-0038");
    for (std::size_t i = 1; i < d.events.size(); ++i)
        CHECK(b.data.events.start_s(d.events[i - 1].event) <= b.data.events.start_s(d.events[i].event));
    CHECK(d.state == PlaceState::Violence);
    CHECK(d.emergency);
    REQUIRE(d.spread);
    CHECK_FALSE(d.spread->root);
    CHECK(d.spread->reached_by_t);
    CHECK(d.spread->root_name == "Zhanaozen");
    CHECK(d.spread->when_local == "4 Jan 2022 19:00");
    CHECK(d.spread->after_root_h == Approx(57.0).margin(0.01));
    CHECK_FALSE(d.spread->from_name.empty());
    REQUIRE(d.totals.participants);
    CHECK(*d.totals.participants == 1000);
    REQUIRE(d.totals.injured);
    CHECK(*d.totals.injured == 500);
    CHECK_FALSE(d.totals.killed);
    CHECK(d.events[4].disputed);  // KAZ2022-0036: the 33 vehicles

    // Before the unrest reached it: nothing past, the spread told in the future.
    Details early = city_details(*b.timeline, a, t_of("2022-01-04T12:00+06:00"));
    CHECK(early.past_count == 0);
    REQUIRE(early.spread);
    CHECK_FALSE(early.spread->reached_by_t);
    CHECK(early.state == PlaceState::Calm);

    Details end = city_details(*b.timeline, a, t_of("2022-01-19T23:00+06:00"));
    CHECK(end.past_count == end.events.size());
}

TEST_CASE("the clipboard text carries the past events with their sources and lists later ones", "[details]") {
    const auto& b = bundled();
    Details d = city_details(*b.timeline, b.data.find_city("almaty"), t_of("2022-01-05T18:00+06:00"));
    std::string s = details_text(d);
    CHECK(s.rfind("Almaty (Алматы)", 0) == 0);
    CHECK(s.find("Events so far (5):") != std::string::npos);
    CHECK(s.find("[R15; R63]") != std::string::npos);
    CHECK(s.find("DISPUTED:") != std::string::npos);
    CHECK(s.find("Totals so far: 1,000 participants \xC2\xB7 500 injured") != std::string::npos);
    auto later = s.find("Later (after 5 Jan 2022 18:00):");
    REQUIRE(later != std::string::npos);
    CHECK(s.find("5 Jan 2022 19:00") > later);  // the airport is listed after the "later" heading
}

TEST_CASE("a region's panel lists its cities and the events of all of them", "[details]") {
    const auto& b = bundled();
    int r = b.data.cities[static_cast<std::size_t>(b.data.find_city("zhanaozen"))].region_index;
    REQUIRE(r >= 0);
    Details d = region_details(*b.timeline, r, t_of("2022-01-05T18:00+06:00"));
    CHECK(d.selection.kind == Selection::Kind::Region);
    CHECK(std::find(d.cities.begin(), d.cities.end(), "Zhanaozen") != d.cities.end());
    CHECK(std::find(d.cities.begin(), d.cities.end(), "Aktau") != d.cities.end());
    CHECK(d.past_count >= 2);
    bool has_place = false;
    for (const auto& e : d.events) has_place |= e.place == "Zhanaozen";
    CHECK(has_place);
    auto tip = tooltip_lines(*b.timeline, d.selection, t_of("2022-01-05T18:00+06:00"));
    REQUIRE(tip.size() == 3);
    CHECK(tip[2].find("so far") != std::string::npos);
}

TEST_CASE("select by name finds cities and regions by any name and names the unknown", "[details]") {
    const auto& b = bundled();
    CHECK(find_selection(b.data, "almaty").kind == Selection::Kind::City);
    CHECK(find_selection(b.data, "Жаңаөзен").index == b.data.find_city("zhanaozen"));
    try {
        find_selection(b.data, "Atlantis");
        FAIL("no error");
    } catch (const UsageError& e) {
        std::string m = e.what();
        CHECK(m.find("'Atlantis'") != std::string::npos);
        CHECK(m.find("Almaty") != std::string::npos);
        CHECK(m.find("Zhanaozen") != std::string::npos);
    }
    CHECK(short_utc_offset(19800) == "UTC+5:30");
    CHECK(with_thousands(1234567) == "1,234,567");
}
