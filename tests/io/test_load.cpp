// Loading through GDAL: every format, ACLED's own layout, and every kind of bad input.
#include "core/error.hpp"
#include "io/load.hpp"
#include "core/geometry.hpp"
#include "core/text.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"
#include "story_categories.hpp"
#include <gdal_utils.h>
#include <gdal_priv.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

using namespace qantar;
namespace Category = qantar::test::Category;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(QANTAR_SOURCE_DIR) + "/tests/data";

// A fresh directory for one test case.
fs::path temp_dir(const std::string& name) { return qantar::test::scratch_dir("load", name); }

std::string write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ogr2ogr through GDAL's C API: the CSV's longitude/latitude become point geometry.
void convert(const std::string& src, const std::string& dst, const std::string& driver) {
    GDALAllRegister();
    const char* open_options[] = {"X_POSSIBLE_NAMES=longitude", "Y_POSSIBLE_NAMES=latitude", "KEEP_GEOM_COLUMNS=NO",
                                  "AUTODETECT_TYPE=NO", nullptr};
    GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, open_options, nullptr);
    REQUIRE(in != nullptr);
    std::vector<std::string> args{"-f", driver, "-a_srs", "EPSG:4326", "-nln", "events"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    int usage_error = 0;
    CPLPushErrorHandler(CPLQuietErrorHandler);  // the Shapefile driver's notes on field names
    GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &in, opts, &usage_error);
    CPLPopErrorHandler();
    GDALVectorTranslateOptionsFree(opts);
    REQUIRE(out != nullptr);
    GDALClose(out);
    GDALClose(in);
}

LoadOptions fixture_options(const std::string& events = kData + "/events.csv") {
    LoadOptions o;
    o.events_path = events;
    o.cities_path = kData + "/cities.csv";
    o.regions_path = kData + "/regions.geojson";
    o.categories = test::story_categories();  // the fixtures use the bundled story's category ids
    return o;
}

// The same files as a plain events file: categories come from the data.
LoadOptions plain_options(const std::string& events) {
    LoadOptions o = fixture_options(events);
    o.categories.clear();
    return o;
}

Event by_id(const Dataset& d, const std::string& id) {
    for (const EventRef e : d.events)
        if (e.event_id_cnty() == id) return e.materialise();
    FAIL("no event " << id);
    throw std::logic_error("unreachable");
}

// Loading must fail with an InputError whose one-line message names all of `parts`.
void require_input_error(const LoadOptions& o, const std::vector<std::string>& parts) {
    try {
        load_dataset(o);
        FAIL("no error; expected one naming " << parts.front());
    } catch (const InputError& e) {
        const std::string msg = e.what();
        INFO(msg);
        CHECK(msg.find('\n') == std::string::npos);
        for (const std::string& p : parts) CHECK(msg.find(p) != std::string::npos);
    }
}

double triangles_area(const std::vector<Vec2>& t) {
    double a = 0;
    for (std::size_t i = 0; i + 2 < t.size(); i += 3)
        a += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) - (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) / 2;
    return a;
}

double rings_area(const Polygon& p) {
    double total = 0;
    for (std::size_t k = 0; k < p.rings.size(); ++k) {
        const auto& r = p.rings[k];
        double a = 0;
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += r[j].x * r[i].y - r[i].x * r[j].y;
        total += (k == 0 ? 1 : -1) * std::abs(a) / 2;
    }
    return total;
}

}  // namespace

TEST_CASE("qantar's own CSV loads, resolves places and sorts", "[load]") {
    LoadOptions o = fixture_options();
    o.tally_path = kData + "/tally.csv";
    const Dataset d = load_dataset(o);
    REQUIRE(d.events.size() == 6);
    CHECK(d.cities.size() == 4);
    CHECK(d.regions.size() == 3);
    CHECK(d.tally.size() == 5);
    for (std::size_t i = 1; i < d.events.size(); ++i) CHECK_FALSE(d.events[i].start() < d.events[i - 1].start());
    CHECK(d.events.front().event_id_cnty() == "T1");

    const Event t1 = by_id(d, "T1");
    CHECK(t1.category == Category::PeacefulProtest);
    CHECK(format_iso8601(t1.start) == "2022-01-02T09:00:00+05:00");
    CHECK_FALSE(t1.end);
    CHECK(t1.participants == 1000);
    CHECK(t1.disputed);
    CHECK(t1.disputed_note == "Crowd size disputed");
    CHECK(d.cities[t1.city_index].city_id == "zhanaozen");
    CHECK(d.regions[t1.region_index].region_id == "KZ-MAN");
    REQUIRE(t1.extra.size() == 1);
    CHECK(t1.extra[0] == std::pair<std::string, std::string>{"custom_col", "a"});

    const Event t2 = by_id(d, "T2");  // no coordinates: the city's
    CHECK(t2.lat_deg == Approx(43.6481));
    REQUIRE(t2.end);
    CHECK(format_iso8601(*t2.end) == "2022-01-03T08:00:00+05:00");

    const Event t3 = by_id(d, "T3");
    CHECK(t3.fatalities == 4);
    CHECK(t3.injured == 10);
    CHECK(t3.detained == 5);

    CHECK(by_id(d, "T4").region_index == -1);  // nationwide
    CHECK(by_id(d, "T4").city_index == -1);
    const Event t5 = by_id(d, "T5");  // an airport: no city, region by admin1
    CHECK(t5.city_index == -1);
    CHECK(d.regions[t5.region_index].region_id == "KZ-ALA");
    REQUIRE(t5.origin_lon_deg);
    CHECK(*t5.origin_lat_deg == Approx(55.7558));
    CHECK(t5.origin_m);
    CHECK(t5.movement == "arrival");
    // Taraz has no region_id: it is found by its point inside Jambyl's multipolygon.
    const int taraz = d.find_city("Taraz");
    REQUIRE(taraz >= 0);
    CHECK(d.regions[d.cities[taraz].region_index].region_id == "KZ-ZHA");
    CHECK(d.find_city("Алматы") == d.find_city("almaty"));
    CHECK(d.find_region("mangystau") == 0);

    // Projected once: Zhanaozen sits far west of the projection's centre.
    CHECK(d.cities[d.find_city("zhanaozen")].pos_m.x == Approx(-1139627.5315).margin(0.001));
    CHECK(d.input_files.size() == 4);
}

TEST_CASE("region fills are triangulated once; only holes another region fills stay empty", "[load]") {
    const Dataset d = load_dataset(fixture_options());
    for (std::size_t r = 0; r < d.regions.size(); ++r) {
        const Region& g = d.regions[r];
        INFO(g.region_id);
        REQUIRE_FALSE(g.triangles_m.empty());
        CHECK(g.triangles_m.size() % 3 == 0);
        double area = 0;
        for (const Polygon& p : drawn_polygons(d.regions, r)) area += rings_area(p);
        CHECK(triangles_area(g.triangles_m) == Approx(area).epsilon(1e-6));
    }
    // Jambyl's hole holds no other region (like a leased territory): drawn filled, kept in the data.
    const auto zha = static_cast<std::size_t>(d.find_region("KZ-ZHA"));
    std::size_t rings = 0, drawn = 0;
    for (const Polygon& p : d.regions[zha].polygons_m) rings += p.rings.size();
    for (const Polygon& p : drawn_polygons(d.regions, zha)) drawn += p.rings.size();
    CHECK(drawn < rings);
    // The label point lies inside Jambyl but not in its hole.
    const Region& jambyl = d.regions[d.find_region("KZ-ZHA")];
    const Vec2 l = jambyl.label_m;
    CHECK((l.x != 0 || l.y != 0));
}

TEST_CASE("the geometry-ready callback sees the data projected and triangulated, once", "[load][issue11]") {
    // A database's per-day counts are waited for after it, so that the base map's preparation
    // overlaps the server's counting: by then everything but those counts must be in place.
    int calls = 0;
    std::vector<std::vector<Vec2>> triangles;
    std::string crs;
    const Dataset d = load_dataset(fixture_options(), [&](const Dataset& seen) {
        ++calls;
        crs = seen.crs;
        for (const Region& g : seen.regions) triangles.push_back(g.triangles_m);
        CHECK(seen.events.size() > 0);
        CHECK(seen.framing_max_m.x > seen.framing_min_m.x);
    });
    CHECK(calls == 1);
    CHECK(crs == d.crs);
    REQUIRE(triangles.size() == d.regions.size());
    for (std::size_t r = 0; r < d.regions.size(); ++r) {
        CHECK_FALSE(triangles[r].empty());
        CHECK(triangles[r] == d.regions[r].triangles_m);
    }
}

TEST_CASE("every GDAL format loads the same events", "[load]") {
    const Dataset csv = load_dataset(fixture_options());
    const fs::path dir = temp_dir("formats");
    for (const auto& [driver, name] : std::vector<std::pair<std::string, std::string>>{
             {"GeoJSON", "events.geojson"}, {"GPKG", "events.gpkg"}, {"ESRI Shapefile", "events.shp"},
             {"FlatGeobuf", "events.fgb"}}) {
        INFO(driver);
        const std::string path = (dir / name).string();
        convert(kData + "/events.csv", path, driver);
        const Dataset d = load_dataset(fixture_options(path));
        // FlatGeobuf cannot store a feature without geometry: ogr2ogr drops T2 (no coordinates).
        std::vector<const Event*> expected;
        const std::vector<Event> csv_rows = csv.events.materialise_all();
        for (const Event& e : csv_rows)
            if (driver != "FlatGeobuf" || e.event_id_cnty != "T2") expected.push_back(&e);
        REQUIRE(d.events.size() == expected.size());
        for (std::size_t i = 0; i < d.events.size(); ++i) {
            CHECK(d.events[i].start() == expected[i]->start);
            CHECK(d.events[i].category() == expected[i]->category);
            CHECK(d.events[i].city_index() == expected[i]->city_index);
            CHECK(d.events[i].region_index() == expected[i]->region_index);
            CHECK(d.events[i].lon_deg() == Approx(expected[i]->lon_deg));
            CHECK(d.events[i].notes() == expected[i]->notes);
        }
    }
}

TEST_CASE("a real ACLED export loads as it is", "[load]") {
    const Dataset d = load_dataset(plain_options(kData + "/acled.csv"));
    REQUIRE(d.events.size() == 3);
    // ACLED's own six types, as ACLED writes them (never mapped onto a story's categories).
    REQUIRE(d.categories.size() == 6);
    CHECK(d.categories[0].id == "Protests");
    CHECK(d.categories[0].rgb == 0xE69F00);
    const Event a = by_id(d, "KAZ1001");
    CHECK(d.category_of(a).label() == "Protests");
    CHECK(d.category_of(a).spreads);
    // Local midnight in Mangystau (UTC+5), lasting the day.
    CHECK(format_iso8601(a.start) == "2022-01-02T00:00:00+05:00");
    REQUIRE(a.end);
    CHECK(a.end->utc_s - a.start.utc_s == 24 * 3600);
    CHECK(a.notes == "On 2 January 2022, drivers protested, \"peacefully\".");
    CHECK(a.source == "Reuters");
    CHECK(a.fatalities == 0);
    CHECK(a.time_precision == 1);
    CHECK(a.tags == "crowd size=about 1000");
    CHECK(d.cities[a.city_index].city_id == "zhanaozen");  // by its location name

    const Event b = by_id(d, "KAZ1002");  // "05 January 2022"
    CHECK(d.category_of(b).label() == "Riots");
    CHECK(d.category_of(b).violent);
    CHECK(format_iso8601(b.start) == "2022-01-05T00:00:00+06:00");
    CHECK(b.fatalities == 8);
    CHECK(b.event_date == "05 January 2022");

    const Event c = by_id(d, "KAZ1003");  // "6 January 2022", a battle in Jambyl, no city
    CHECK(d.category_of(c).label() == "Battles");
    CHECK(c.city_index == -1);
    CHECK(d.regions[c.region_index].region_id == "KZ-ZHA");
    CHECK(c.geo_precision == 2);
}

TEST_CASE("upper-case ACLED headers load", "[load]") {
    std::string text = read_file(kData + "/acled.csv");
    const auto eol = text.find('\n');
    for (std::size_t i = 0; i < eol; ++i) text[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    const fs::path dir = temp_dir("upper");
    const Dataset d = load_dataset(plain_options(write_file(dir / "ACLED.csv", text)));
    REQUIRE(d.events.size() == 3);
    CHECK(by_id(d, "KAZ1002").fatalities == 8);
}

TEST_CASE("a CSV with a byte-order mark and CRLF line ends loads", "[load]") {
    LoadOptions o = fixture_options(kData + "/events_bom_crlf.csv");
    o.cities_path = kData + "/cities_bom_crlf.csv";
    const Dataset d = load_dataset(o);
    REQUIRE(d.events.size() == 2);
    CHECK(d.events[0].event_id_cnty() == "B1");  // the first column's name survived the BOM
    CHECK(d.events[0].notes() == "with a, comma");
    CHECK(d.events[1].notes() == "plain");  // no stray '\r'
    CHECK(d.cities[0].city_id == "zhanaozen");
    CHECK(d.cities[1].lon_deg == Approx(76.9458));
}

TEST_CASE("LoadOptions time_field and end_field name other columns", "[load]") {
    const fs::path dir = temp_dir("fields");
    LoadOptions o = fixture_options(write_file(dir / "e.csv",
                                               "id,kind,began,finished,city_id\n"
                                               "A,riot,2022-01-04T19:00+06:00,2022-01-05T03:00+06:00,almaty\n"));
    o.time_field = "began";
    o.end_field = "finished";
    o.category_field = "kind";  // a story's [fields] category
    const Dataset d = load_dataset(o);
    REQUIRE(d.events.size() == 1);
    CHECK(d.events[0].event_id_cnty() == "A");
    CHECK(d.category_of(d.events[0]).id == "riot");
    CHECK(d.category_field == "kind");
    REQUIRE(d.events[0].end());
    CHECK(d.events[0].end()->utc_s - d.events[0].start().utc_s == 8 * 3600);
    o.time_field = "nope";
    require_input_error(o, {"e.csv", "'nope'", "missing required field"});
}

TEST_CASE("bad input: missing and unreadable files", "[load][bad]") {
    const fs::path dir = temp_dir("files");
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
    const fs::path dir = temp_dir("geom");
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
    const fs::path dir = temp_dir("fields-missing");
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
    const fs::path dir = temp_dir("rows");
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
    const fs::path dir = temp_dir("latin1");
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
    const fs::path dir = temp_dir("skip");
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
    const fs::path dir = temp_dir("batches");
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

TEST_CASE("the bundled data loads", "[load][bundled]") {
    const char* env = std::getenv("QANTAR_GEODATA");
    if (!env || !fs::exists(fs::path(env) / "bundled-story")) {
        WARN("QANTAR_GEODATA not set or without bundled-story: skipped");
        return;
    }
    LoadOptions o;
    apply_story(read_story_manifest(bundled_story_manifest(env)), o);
    const Dataset d = load_dataset(o);
    CHECK(d.categories.size() == 7);
    CHECK(d.title == "Kazakhstan \xC2\xB7 January 2022");
    CHECK(d.events.size() >= 60);
    CHECK(d.cities.size() >= 19);
    CHECK(d.regions.size() == 16);
    CHECK(d.skipped.empty());
    CHECK_FALSE(d.tally.empty());
    CHECK_FALSE(d.national_outline.triangles_m.empty());
    CHECK_FALSE(d.countries.empty());
    CHECK_FALSE(d.water.empty());
    for (const City& c : d.cities) {
        INFO(c.city_id);
        CHECK(c.region_index >= 0);
    }
    for (const Event& e : d.events.materialise_all()) {
        INFO(e.event_id_cnty);
        CHECK(e.start.utc_s >= 1640973600);  // 2022-01-01T00:00+06:00
        CHECK(e.start.utc_s < 1642615200);   // 2022-01-20T00:00+06:00
        // Inside Kazakhstan, the local time of the region (UTC+5 in the west, UTC+6 elsewhere).
        if (e.region_index >= 0) CHECK(e.start.offset_s == d.regions[e.region_index].utc_offset_s);
    }
}

TEST_CASE("the sources table loads through GDAL and turns keys into citations", "[load][sources][issue12]") {
    const fs::path dir = temp_dir("sources");
    LoadOptions o = fixture_options();
    o.sources_path = write_file(dir / "sources.csv",
                                "key,short,outlet,date,title,url\n"
                                "R1,\"HRW, 26 Jan 2022\",Human Rights Watch,2022-01-26,Killings,\n"
                                "R4,,TASS,,Item 1384597,\n");
    const Dataset d = load_dataset(o);
    REQUIRE(d.sources.size() == 2);
    CHECK(d.find_source("R1")->outlet == "Human Rights Watch");
    CHECK(d.find_source("R1")->date == "2022-01-26");
    CHECK(d.find_source("R9") == nullptr);
    // Short citation, else the outlet; keys the table lacks are left out, repeats once.
    const std::vector<std::string> c = d.citations("R1; R9;R4;R1");
    REQUIRE(c.size() == 2);
    CHECK(c[0] == "HRW, 26 Jan 2022");
    CHECK(c[1] == "TASS");

    o.sources_path = write_file(dir / "dup.csv", "key,short\nR1,A\nR1,B\n");
    require_input_error(o, {"dup.csv", "key", "duplicate"});
    o.sources_path = write_file(dir / "date.csv", "key,short,date\nR1,A,26 January\n");
    require_input_error(o, {"date.csv", "date", "ISO 8601"});
}

TEST_CASE("the bundled sources table covers every key the bundled data and story cite", "[load][sources][issue12]") {
    // The manifest names the table (story.toml, [files] sources).
    const Dataset d = load_dataset(test::bundled_options());
    REQUIRE_FALSE(d.sources.empty());
    for (const Event& e : d.events.materialise_all())
        for (const std::string& k : split(e.source_keys, ';')) {
            INFO(e.event_id_cnty << " " << k);
            const SourceRef* s = d.find_source(trim(k));
            REQUIRE(s != nullptr);
            CHECK_FALSE(s->short_citation.empty());
        }
}
