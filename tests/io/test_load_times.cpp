// Times on load (issue 10): the time field found by name, every common form, mixed forms refused,
// IANA zones per place (a region's `tz`), --tz, the display zone and the day an event counts on.
#include "io/load.hpp"

#include "core/error.hpp"
#include "core/timeline.hpp"
#include "load_fixture.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace qantar;
namespace fs = std::filesystem;
using test::write_file;

namespace {

using test::kTestData;

// A square region around Chicago in America/Chicago (no utc_offset column).
std::string chicago_regions(const fs::path& dir) {
    return write_file(dir / "regions.geojson",
                      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                      R"({"region_id":"US-IL","name_en":"Illinois","tz":"America/Chicago"},)"
                      R"("geometry":{"type":"Polygon","coordinates":[[[-91,40],[-87,40],[-87,43],[-91,43],[-91,40]]]}}]})");
}

LoadOptions options(const std::string& events, const std::string& regions = kTestData + "/regions.geojson") {
    LoadOptions o;
    o.events_path = events;
    o.cities_path = kTestData + "/cities.csv";
    o.regions_path = regions;
    return o;
}

}  // namespace

TEST_CASE("times: epoch milliseconds in a timestamp column, read in the region's offset", "[load][time]") {
    const fs::path dir = test::scratch_dir("load-times", "epoch");
    // 2022-01-05T00:00Z and 12:00Z in ms, inside the fixture's Mangystau (+05:00).
    const auto o = options(write_file(dir / "e.csv", "id,timestamp,latitude,longitude\n"
                                                      "A,1641340800000,43.6,51.2\nB,1641384000000,43.6,51.2\n"));
    const Dataset d = load_dataset(o);
    CHECK(d.time_field == "timestamp");
    CHECK(d.time_format == "epoch_ms");
    REQUIRE(d.events.size() == 2);
    CHECK(d.events[0].start().utc_s == 1641340800);
    CHECK(format_iso8601(d.events[0].start()) == "2022-01-05T05:00:00+05:00");
}

TEST_CASE("times: ACLED's event_date wins over its upload timestamp", "[load][time]") {
    const fs::path dir = test::scratch_dir("load-times", "acled");
    const auto o = options(write_file(dir / "e.csv", "event_id_cnty,timestamp,event_date,latitude,longitude\n"
                                                      "A,1795564800,05 January 2022,43.6,51.2\n"));
    const Dataset d = load_dataset(o);
    CHECK(d.time_field == "event_date");
    CHECK(d.time_format == "acled_date");
    REQUIRE(d.events.size() == 1);
    CHECK(format_iso8601(d.events[0].start()) == "2022-01-05T00:00:00+05:00");
}

TEST_CASE("times: mixed forms in one column name the first row that differs", "[load][time][bad]") {
    const fs::path dir = test::scratch_dir("load-times", "mixed");
    const auto o = options(write_file(dir / "mixed.csv", "id,time,latitude,longitude\n"
                                                          "A,1641340800,43.6,51.2\nB,2022-01-05,43.6,51.2\n"
                                                          "C,2022-01-05T10:00+05:00,43.6,51.2\n"));
    const std::string msg = test::load_error(o);
    CHECK(msg.find("mixed.csv: line 3: field 'time': mixed time formats") != std::string::npos);
    CHECK(msg.find("is date but line 2 is epoch_s") != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);
    // Text forms may mix: a day among timed rows.
    const auto ok = options(write_file(dir / "ok.csv", "id,time,latitude,longitude\n"
                                                        "A,2022-01-05,43.6,51.2\nB,2022-01-05T10:00+05:00,43.6,51.2\n"));
    CHECK(load_dataset(ok).time_format == "date+iso8601");
}

TEST_CASE("times: no time field lists the columns that hold times", "[load][time][bad]") {
    const fs::path dir = test::scratch_dir("load-times", "none");
    const auto o = options(write_file(dir / "none.csv", "id,when_utc,count,latitude,longitude\n"
                                                         "A,2022-01-05T10:00Z,3,43.6,51.2\n"));
    const std::string msg = test::load_error(o);
    CHECK(msg.find("none.csv: field 'start_time': no time field") != std::string::npos);
    CHECK(msg.find("--time-field") != std::string::npos);
    CHECK(msg.find("columns that hold times: when_utc") != std::string::npos);
    // Without any time-like column, all of them.
    const auto o2 = options(write_file(dir / "none2.csv", "id,count,latitude,longitude\nA,3,43.6,51.2\n"));
    CHECK(test::load_error(o2).find("columns: id, count, latitude, longitude") != std::string::npos);
    // --time-field names it.
    LoadOptions named = o;
    named.time_field = "when_utc";
    CHECK(load_dataset(named).time_format == "iso8601");
}

TEST_CASE("times: --tz must be an IANA zone", "[load][time][bad]") {
    LoadOptions o = options(kTestData + "/events.csv");
    o.time_zone = "Mars/Olympus";
    CHECK_THROWS_AS(load_dataset(o), UsageError);
    CHECK_THROWS_WITH(load_dataset(o), Catch::Contains("--tz 'Mars/Olympus' is not an IANA time zone"));
}

TEST_CASE("times: a US city in May gets its summer offset from the region's tz", "[load][time][tz]") {
    const fs::path dir = test::scratch_dir("load-times", "chicago");
    const auto o = options(write_file(dir / "e.csv", "id,datetime,latitude,longitude\n"
                                                      "A,2023-05-10 12:00:00,41.88,-87.63\n"
                                                      "B,2023-01-10 12:00:00,41.88,-87.63\n"
                                                      "C,2023-05-10 23:30:00,41.88,-87.63\n"),
                           chicago_regions(dir));
    const Dataset d = load_dataset(o);
    CHECK(d.time_format == "iso8601_local");
    CHECK(d.time_zone == "America/Chicago");
    REQUIRE(d.events.size() == 3);
    CHECK(format_iso8601(d.events[0].start()) == "2023-01-10T12:00:00-06:00");
    CHECK(format_iso8601(d.events[1].start()) == "2023-05-10T12:00:00-05:00");
    CHECK(format_iso8601(d.events[2].start()) == "2023-05-10T23:30:00-05:00");
    // The day an event counts on is its local day in the display zone: C (04:30Z on 11 May) counts on
    // 10 May, with A.
    const Timeline tl(d);
    CHECK(tl.display_zone().name() == "America/Chicago");
    const auto& days = tl.days();
    REQUIRE(days.size() == 121);  // 10 January to 10 May
    CHECK(format_iso8601(days.back().day_start) == "2023-05-10T00:00:00-05:00");
    CHECK(days.back().count == 2);
    CHECK(format_iso8601(days.front().day_start) == "2023-01-10T00:00:00-06:00");
}

TEST_CASE("times: outside every region: --tz first and then the nearest region's zone", "[load][time][tz]") {
    const fs::path dir = test::scratch_dir("load-times", "outside");
    // Santiago, far from the Chicago region.
    const std::string ev = write_file(dir / "e.csv", "id,date,latitude,longitude\nA,2023-09-03,-33.45,-70.66\n");
    LoadOptions o = options(ev, chicago_regions(dir));
    o.time_zone = "America/Santiago";
    Dataset d = load_dataset(o);
    CHECK(d.time_zone == "America/Santiago");
    CHECK(format_iso8601(d.events[0].start()) == "2023-09-03T01:00:00-03:00");  // midnight does not exist
    o.time_zone.clear();
    d = load_dataset(o);
    CHECK(format_iso8601(d.events[0].start()) == "2023-09-03T00:00:00-05:00");  // Chicago's, the nearest
    CHECK(d.time_zone_warning.empty());
}
