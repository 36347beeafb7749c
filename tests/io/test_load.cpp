// Loading through GDAL: every format, ACLED's own layout, the bundled data and its sources (bad
// input: test_load_bad.cpp).
#include "core/error.hpp"
#include "io/load.hpp"
#include "core/geometry.hpp"
#include "core/text.hpp"

#include <catch2/catch.hpp>
#include "load_fixture.hpp"
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
using test::fixture_options;
using test::read_file;
using test::require_input_error;
using test::write_file;
namespace fs = std::filesystem;

namespace {

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
    o.tally_path = test::kTestData + "/tally.csv";
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

TEST_CASE("region fills are triangulated once, only holes another region fills stay empty", "[load]") {
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
    const fs::path dir = test::load_dir("formats");
    for (const auto& [driver, name] : std::vector<std::pair<std::string, std::string>>{
             {"GeoJSON", "events.geojson"}, {"GPKG", "events.gpkg"}, {"ESRI Shapefile", "events.shp"},
             {"FlatGeobuf", "events.fgb"}}) {
        INFO(driver);
        const std::string path = (dir / name).string();
        convert(test::kTestData + "/events.csv", path, driver);
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
    const Dataset d = load_dataset(plain_options(test::kTestData + "/acled.csv"));
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
    std::string text = read_file(test::kTestData + "/acled.csv");
    const auto eol = text.find('\n');
    for (std::size_t i = 0; i < eol; ++i) text[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    const fs::path dir = test::load_dir("upper");
    const Dataset d = load_dataset(plain_options(write_file(dir / "ACLED.csv", text)));
    REQUIRE(d.events.size() == 3);
    CHECK(by_id(d, "KAZ1002").fatalities == 8);
}

TEST_CASE("a CSV with a byte-order mark and CRLF line ends loads", "[load]") {
    LoadOptions o = fixture_options(test::kTestData + "/events_bom_crlf.csv");
    o.cities_path = test::kTestData + "/cities_bom_crlf.csv";
    const Dataset d = load_dataset(o);
    REQUIRE(d.events.size() == 2);
    CHECK(d.events[0].event_id_cnty() == "B1");  // the first column's name survived the BOM
    CHECK(d.events[0].notes() == "with a, comma");
    CHECK(d.events[1].notes() == "plain");  // no stray '\r'
    CHECK(d.cities[0].city_id == "zhanaozen");
    CHECK(d.cities[1].lon_deg == Approx(76.9458));
}

TEST_CASE("LoadOptions time_field and end_field name other columns", "[load]") {
    const fs::path dir = test::load_dir("fields");
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
    const fs::path dir = test::load_dir("sources");
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
