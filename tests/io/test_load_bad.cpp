// Loading through GDAL, bad input: missing files, wrong geometry, missing fields, rows that do not
// parse, non-UTF-8 text, an unknown --crs, and what --skip-invalid reports.
#include "core/error.hpp"
#include "io/load.hpp"

#include <catch2/catch.hpp>
#include "load_fixture.hpp"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace qantar;
using test::fixture_options;
using test::require_input_error;
using test::write_file;
namespace fs = std::filesystem;

TEST_CASE("bad input: missing and unreadable files", "[load][bad]") {
    const fs::path dir = test::load_dir("files");
    require_input_error(fixture_options((dir / "missing.csv").string()), {"missing.csv", "no such file"});
    require_input_error(fixture_options(write_file(dir / "garbage.bin", std::string("\x01\x02\x03 not a vector file", 22))),
                        {"garbage.bin", "GDAL cannot open"});
    require_input_error(fixture_options(write_file(dir / "empty.csv", "")), {"empty.csv", "empty"});
    require_input_error(fixture_options(write_file(dir / "header.csv", "event_id_cnty,category,start_time,city_id\n")),
                        {"header.csv", "no features"});
    LoadOptions o = fixture_options();
    o.cities_path = (dir / "nocities.csv").string();
    require_input_error(o, {"nocities.csv", "no such file"});
}

TEST_CASE("bad input: wrong geometry type", "[load][bad]") {
    const fs::path dir = test::load_dir("geom");
    LoadOptions o = fixture_options();
    o.regions_path = write_file(dir / "points.geojson",
                                R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":"A"},)"
                                R"("geometry":{"type":"Point","coordinates":[50,45]}}]})");
    require_input_error(o, {"points.geojson", "expected polygons", "geometry"});
    // Events must be points: the second feature is a polygon.
    const std::string ev = write_file(
        dir / "events.geojson",
        R"({"type":"FeatureCollection","features":[)"
        R"({"type":"Feature","properties":{"category":"riot","start_time":"2022-01-04T19:00+06:00"},"geometry":{"type":"Point","coordinates":[76.9,43.2]}},)"
        R"({"type":"Feature","properties":{"category":"riot","start_time":"2022-01-04T19:00+06:00"},"geometry":{"type":"Polygon","coordinates":[[[76,43],[77,43],[77,44],[76,43]]]}}]})");
    require_input_error(fixture_options(ev), {"events.geojson", "feature 2", "'geometry'", "expected a point"});
}

TEST_CASE("bad input: missing required fields", "[load][bad]") {
    const fs::path dir = test::load_dir("fields-missing");
    require_input_error(fixture_options(write_file(dir / "notime.csv", "event_id_cnty,category,city_id\nA,riot,almaty\n")),
                        {"notime.csv", "'start_time'", "no time field"});
    require_input_error(fixture_options(write_file(dir / "noplace.csv", "event_id_cnty,category,start_time\nA,riot,2022-01-04\n")),
                        {"noplace.csv", "'latitude'", "missing required field"});
    LoadOptions o = fixture_options();
    o.cities_path = write_file(dir / "cities.csv", "city_id,name_en,latitude\nalmaty,Almaty,43.2\n");
    require_input_error(o, {"cities.csv", "'latitude'", "missing required field"});
    o.cities_path = write_file(dir / "cities2.csv", "name_en,latitude,longitude\nAlmaty,43.2,76.9\n");
    require_input_error(o, {"cities2.csv", "'city_id'", "missing required field"});
}

TEST_CASE("bad input: rows that do not parse name line and field", "[load][bad]") {
    const fs::path dir = test::load_dir("rows");
    const std::string head = "event_id_cnty,category,start_time,city_id,latitude,longitude\n";
    const std::string good = "A,riot,2022-01-04T19:00+06:00,almaty,43.2,76.9\n";
    struct Case {
        std::string row;
        std::vector<std::string> parts;
    };
    const std::vector<Case> cases{
        {"B,riot,5th of January,almaty,43.2,76.9\n", {"line 3", "'start_time'", "not a time"}},
        {"B,riot,2022-02-30T10:00+06:00,almaty,43.2,76.9\n", {"line 3", "'start_time'", "not a time"}},
        {"B,riot,2022-01-04T19:00+06:00,,95.5,76.9\n", {"line 3", "'latitude'", "beyond ±90"}},
        {"B,riot,2022-01-04T19:00+06:00,,-90.5,76.9\n", {"line 3", "'latitude'", "beyond ±90"}},
        {"B,riot,2022-01-04T19:00+06:00,,43.2,180.5\n", {"line 3", "'longitude'", "beyond ±180"}},
        {"B,riot,2022-01-04T19:00+06:00,,abc,76.9\n", {"line 3", "'latitude'", "'abc' is not a number"}},
        {"B,riot,2022-01-04T19:00+06:00,atlantis,,\n", {"line 3", "'city_id'", "unknown city 'atlantis'"}},
        {"B,uprising,2022-01-04T19:00+06:00,almaty,,\n", {"line 3", "'category'", "unknown category"}},
        {"B,riot,2022-01-04T19:00+06:00,,,\n", {"line 3", "no coordinates and no city_id"}},
    };
    int n = 0;
    for (const Case& c : cases) {
        INFO(c.row);
        const std::string name = "rows" + std::to_string(++n) + ".csv";
        const std::string path = write_file(dir / name, head + good + c.row);
        std::vector<std::string> parts = c.parts;
        parts.push_back(name);
        require_input_error(fixture_options(path), parts);

        // With skip_invalid the good row loads and the bad one is reported.
        LoadOptions skip = fixture_options(path);
        skip.skip_invalid = true;
        const Dataset d = load_dataset(skip);
        CHECK(d.events.size() == 1);
        REQUIRE(d.skipped.size() == 1);
        CHECK(d.skipped[0].where == "line 3");
        CHECK(d.skipped[0].reason.find(c.parts[1]) != std::string::npos);
    }
}

TEST_CASE("bad input: non-UTF-8 text names line and field", "[load][bad]") {
    const fs::path dir = test::load_dir("latin1");
    const std::string path = write_file(dir / "latin1.csv",
                                        "event_id_cnty,category,start_time,city_id,notes\n"
                                        "A,riot,2022-01-04T19:00+06:00,almaty,ok\n"
                                        "B,riot,2022-01-04T20:00+06:00,almaty,caf\xe9\n");
    require_input_error(fixture_options(path), {"latin1.csv", "line 3", "'notes'", "UTF-8"});
}

TEST_CASE("bad input: an unknown --crs is a usage error", "[load][bad]") {
    LoadOptions o = fixture_options();
    o.crs = "EPSG:12345678";
    CHECK_THROWS_AS(load_dataset(o), UsageError);
    o.crs = "EPSG:3857";
    const Dataset d = load_dataset(o);
    CHECK(d.crs == "EPSG:3857");
}

TEST_CASE("skip_invalid reports every skipped row, in order", "[load][bad]") {
    const fs::path dir = test::load_dir("skip");
    std::string text = "event_id_cnty,category,start_time,city_id\n";
    for (int i = 0; i < 20; ++i)
        text += "E" + std::to_string(i) + ",riot," + (i % 4 == 1 ? "never" : "2022-01-04T19:00+06:00") + ",almaty\n";
    LoadOptions o = fixture_options(write_file(dir / "many.csv", text));
    o.skip_invalid = true;
    const Dataset d = load_dataset(o);
    CHECK(d.events.size() == 15);
    REQUIRE(d.skipped.size() == 5);
    CHECK(d.skipped[0].where == "line 3");
    CHECK(d.skipped[4].where == "line 19");
    CHECK(d.skipped[0].field == "start_time");
    // All rows bad: an error, not an empty map.
    o.events_path = write_file(dir / "allbad.csv", "event_id_cnty,category,start_time,city_id\nA,riot,never,almaty\n");
    CHECK_THROWS_AS(load_dataset(o), InputError);
}

TEST_CASE("rows handed to the store's thread in batches keep their order, notes and errors", "[load][bad][issue11]") {
    // 30,000 rows: many batches of 2,048 and ~7.5 MB of notes (two prose chunks, compressed while
    // they load); bad rows in the first batch, on a batch boundary and in the last.
    const fs::path dir = test::load_dir("batches");
    auto note = [](int i) { return "Note " + std::to_string(i) + ": " + std::string(static_cast<std::size_t>(200 + i % 97), static_cast<char>('a' + i % 26)); };
    std::string text = "event_id_cnty,category,start_time,city_id,notes\n";
    const std::set<int> bad{3, 2048, 2049, 29999};
    for (int i = 0; i < 30000; ++i) {
        const int minute = 59 - i % 60;  // out of time order: the store sorts
        text += "E" + std::to_string(100000 + i) + ",riot," +
                (bad.count(i) ? std::string("never") : "2022-01-04T19:" + std::string(minute < 10 ? "0" : "") +
                                                             std::to_string(minute) + "+06:00") +
                ",almaty," + note(i) + "\n";
    }
    LoadOptions o = fixture_options(write_file(dir / "batches.csv", text));
    require_input_error(o, {"batches.csv", "line 5", "'start_time'"});  // the first bad row, not a later one
    o.skip_invalid = true;
    const Dataset d = load_dataset(o);
    REQUIRE(d.events.size() == 30000 - bad.size());
    REQUIRE(d.skipped.size() == bad.size());
    std::vector<std::string> where;
    for (const Skipped& s : d.skipped) where.push_back(s.where);
    CHECK(where == std::vector<std::string>{"line 5", "line 2050", "line 2051", "line 30001"});
    // Every row's note came back, and rows of one moment keep their id order.
    for (std::size_t k = 0; k < d.events.size(); ++k) {
        const EventRef e = d.events[k];
        const int i = std::stoi(std::string(e.event_id_cnty().substr(1))) - 100000;
        if (e.notes() != note(i)) FAIL_CHECK("row " << i << ": notes differ");
        if (k > 0 && d.events.start_s(k - 1) == e.start_s())
            CHECK(d.events[k - 1].event_id_cnty() < e.event_id_cnty());
    }
}

