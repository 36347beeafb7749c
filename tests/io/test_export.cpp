// Export through GDAL: RFC 7946 rules, validity through ogrinfo, determinism, round trips through
// every format, safety (inputs, unwritable paths), and reading what kepler.gl and QGIS write.
// Fixture: export_fixture.hpp. The tables themselves: tests/core/test_export_table.cpp.
#include "io/export.hpp"
#include "io/load.hpp"
#include "core/timeline.hpp"

#include "export_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <ogr_api.h>
#include <gdal.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace qantar;
using test::utc;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = test::kExportFixtures;

LoadOptions fixture_options() { return test::export_fixture_options(); }

// A fresh directory under the system's temporary directory, removed at the end.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> n{0};
        path = fs::temp_directory_path() /
               ("qantar-test-export-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has_ogrinfo() { return std::system("ogrinfo --version > /dev/null 2>&1") == 0; }

// Signed area (shoelace) of a GeoJSON ring: > 0 is counter-clockwise.
double ring_area2(const nlohmann::json& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
        a += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
             ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    return a;
}

// At most `decimals` digits after the point in the JSON text of each coordinate.
void check_positions(const nlohmann::json& coords, int decimals) {
    if (coords.is_array() && !coords.empty() && coords[0].is_number()) {
        REQUIRE(coords.size() == 2);
        double lon = coords[0].get<double>(), lat = coords[1].get<double>();
        CHECK(lon >= -180.0);
        CHECK(lon <= 180.0);
        CHECK(lat >= -90.0);
        CHECK(lat <= 90.0);
        for (int k = 0; k < 2; ++k) {
            double v = coords[k].get<double>();
            double scaled = v * std::pow(10.0, decimals);
            CHECK(std::abs(scaled - std::round(scaled)) < 1e-6);
        }
        return;
    }
    for (const auto& c : coords) check_positions(c, decimals);
}

// RFC 7946 and qantar's own rules for an exported GeoJSON text.
void check_rfc7946(const std::string& text, int decimals) {
    auto doc = nlohmann::json::parse(text);
    REQUIRE(doc["type"] == "FeatureCollection");
    CHECK_FALSE(doc.contains("crs"));
    static const std::regex iso(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$)");
    for (const auto& f : doc["features"]) {
        REQUIRE(f["type"] == "Feature");
        REQUIRE(f.contains("properties"));
        for (const auto& [k, v] : f["properties"].items()) {
            bool is_time = k == "start_time" || k == "end_time" || k == "at_time" ||
                           k.ends_with("_time") || k == "announced_at";
            if (is_time && v.is_string()) {
                INFO(k << " = " << v.get<std::string>());
                CHECK(std::regex_match(v.get<std::string>(), iso));
            }
        }
        const auto& g = f["geometry"];
        if (g.is_null()) continue;
        check_positions(g["coordinates"], decimals);
        if (g["type"] == "Polygon" || g["type"] == "MultiPolygon") {
            auto polys = g["type"] == "Polygon" ? nlohmann::json::array({g["coordinates"]}) : g["coordinates"];
            for (const auto& poly : polys)
                for (std::size_t r = 0; r < poly.size(); ++r) {
                    CHECK(poly[r].size() >= 4);
                    CHECK(poly[r].front() == poly[r].back());
                    if (r == 0) CHECK(ring_area2(poly[r]) > 0);  // exterior: counter-clockwise
                    else CHECK(ring_area2(poly[r]) < 0);         // holes: clockwise
                }
        }
    }
}

// Opens a written file through GDAL and checks every geometry with OGR_G_IsValid (GEOS): no
// zero-length lines ("Too few points"), no self-intersecting rings. Returns the features read.
int check_valid_through_gdal(const std::string& path) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    int features = 0;
    for (int l = 0; l < GDALDatasetGetLayerCount(ds); ++l) {
        OGRLayerH layer = GDALDatasetGetLayer(ds, l);
        OGR_L_ResetReading(layer);
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            ++features;
            if (OGRGeometryH g = OGR_F_GetGeometryRef(f)) {
                INFO("feature " << OGR_F_GetFID(f));
                CHECK(OGR_G_IsValid(g));
            }
            OGR_F_Destroy(f);
        }
    }
    GDALClose(ds);
    return features;
}

}  // namespace

TEST_CASE("export: GeoJSON follows RFC 7946 and every format passes ogrinfo", "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    TempDir dir;
    for (ExportLayer layer : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Regions,
                              ExportLayer::Spread, ExportLayer::Tally}) {
        ExportRequest req;
        req.layer = layer;
        std::string name(export_layer_id(layer));
        INFO(name);
        std::string gj = dir / (name + ".geojson");
        export_layer(tl, req, gj);
        check_rfc7946(read_bytes(gj), layer == ExportLayer::Regions ? 5 : 6);
        for (const char* ext : {"geojson", "gpkg", "fgb", "csv", "kml"}) {
            std::string out = dir / (name + "." + ext);
            if (std::string(ext) != "geojson") export_layer(tl, req, out);
            REQUIRE(fs::file_size(out) > 0);
            {
                INFO(out);
                CHECK(check_valid_through_gdal(out) > 0);
            }
            if (has_ogrinfo()) {
                INFO(out);
                std::string cmd = "ogrinfo -ro -al -so '" + out + "' > /dev/null 2>&1";
                CHECK(std::system(cmd.c_str()) == 0);
            }
        }
    }
    // A moment before the data: empty layers, with their fields, in every format.
    for (ExportLayer layer : {ExportLayer::Events, ExportLayer::Spread, ExportLayer::Tally}) {
        ExportRequest req;
        req.layer = layer;
        req.at_utc_s = utc("2022-01-01T00:00+06:00");
        for (const char* ext : {"geojson", "gpkg", "fgb", "csv", "kml"}) {
            std::string out = dir / ("empty-" + std::string(export_layer_id(layer)) + "." + ext);
            INFO(out);
            export_layer(tl, req, out);
            REQUIRE(fs::file_size(out) > 0);
            if (has_ogrinfo()) {
                std::string cmd = "ogrinfo -ro -al -so '" + out + "' 2>&1 | grep -q 'Feature Count: 0'";
                CHECK(std::system(cmd.c_str()) == 0);
            }
        }
    }
    // KML plays in Google Earth's time slider: events carry a TimeSpan with ISO times.
    std::string kml = read_bytes(dir / "events.kml");
    CHECK(kml.find("<begin>2022-01-02T09:00:00+05:00</begin>") != std::string::npos);
    CHECK(kml.find("<end>") != std::string::npos);
    CHECK(read_bytes(dir / "tally.kml").find("<when>2022-01-05T10:00:00+06:00</when>") != std::string::npos);
    // No temporary file is left beside the outputs.
    for (const auto& entry : fs::directory_iterator(dir.path))
        CHECK(entry.path().filename().string().find(".qantar-tmp-") == std::string::npos);
}

TEST_CASE("export: the same data and options give byte-identical files", "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    TempDir dir;
    for (const char* ext : {"geojson", "gpkg", "fgb", "csv", "kml"}) {
        for (ExportLayer layer : {ExportLayer::Events, ExportLayer::Regions}) {
            ExportRequest req;
            req.layer = layer;
            req.at_utc_s = utc("2022-01-05T00:00+06:00");
            std::string a = dir / ("a." + std::string(ext)), b = dir / ("b." + std::string(ext));
            export_layer(tl, req, a);
            export_layer(tl, req, b);
            INFO(ext << " " << export_layer_id(layer));
            CHECK(read_bytes(a) == read_bytes(b));
        }
    }
}

TEST_CASE("export: exported files load back as inputs, giving the same events and timeline",
          "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    for (const char* ext : {"geojson", "gpkg", "fgb", "csv"}) {
        INFO(ext);
        TempDir dir;
        LoadOptions back;
        back.events_path = dir / ("events." + std::string(ext));
        back.cities_path = dir / ("cities." + std::string(ext));
        back.regions_path = dir / ("regions." + std::string(ext));
        back.tally_path = kFixtures + "/tally.csv";
        back.context = false;
        back.categories = data.categories;  // the exported category column holds the story's ids
        export_layer(tl, {ExportLayer::Events, {}, {}}, back.events_path);
        export_layer(tl, {ExportLayer::Cities, {}, {}}, back.cities_path);
        export_layer(tl, {ExportLayer::Regions, {}, {}}, back.regions_path);
        Dataset again = load_dataset(back);
        REQUIRE(again.events.size() == data.events.size());
        REQUIRE(again.cities.size() == data.cities.size());
        REQUIRE(again.regions.size() == data.regions.size());
        for (std::size_t i = 0; i < data.events.size(); ++i) {
            const Event a = data.events.materialise(i);
            const Event b = again.events.materialise(i);
            INFO(a.event_id_cnty);
            CHECK(b.event_id_cnty == a.event_id_cnty);
            CHECK(b.event_date == a.event_date);
            CHECK(b.start == a.start);
            CHECK(b.end == a.end);
            CHECK(b.category == a.category);
            CHECK(b.fatalities == a.fatalities);
            CHECK(b.participants == a.participants);
            CHECK(b.injured == a.injured);
            CHECK(b.detained == a.detained);
            CHECK(b.vehicles_burned == a.vehicles_burned);
            CHECK(b.disputed == a.disputed);
            CHECK(b.disputed_note == a.disputed_note);
            CHECK(b.source == a.source);
            CHECK(b.notes == a.notes);
            CHECK(b.source_keys == a.source_keys);
            CHECK(b.city_id == a.city_id);
            CHECK(b.region_index == a.region_index);
            CHECK(b.lon_deg == Approx(a.lon_deg).margin(1e-6));
            CHECK(b.lat_deg == Approx(a.lat_deg).margin(1e-6));
            CHECK(b.origin_lat_deg.has_value() == a.origin_lat_deg.has_value());
            CHECK(b.movement == a.movement);
        }
        for (std::size_t c = 0; c < data.cities.size(); ++c) {
            CHECK(again.cities[c].name_kk == data.cities[c].name_kk);
            CHECK(again.cities[c].population == data.cities[c].population);
            CHECK(again.cities[c].is_capital == data.cities[c].is_capital);
        }
        for (std::size_t r = 0; r < data.regions.size(); ++r) {
            CHECK(again.regions[r].region_id == data.regions[r].region_id);
            CHECK(again.regions[r].utc_offset_s == data.regions[r].utc_offset_s);
        }
        Timeline tl2(again);
        REQUIRE(tl2.spread().size() == tl.spread().size());
        for (std::size_t k = 0; k < tl.spread().size(); ++k) {
            CHECK(tl2.spread()[k].city == tl.spread()[k].city);
            CHECK(tl2.spread()[k].from_city == tl.spread()[k].from_city);
            CHECK(tl2.spread()[k].delay_h == Approx(tl.spread()[k].delay_h));
        }
        CHECK(tl2.start_utc_s() == tl.start_utc_s());
        CHECK(tl2.end_utc_s() == tl.end_utc_s());
        // Exporting what was read back gives the same GeoJSON again.
        std::string again_gj = dir / "again.geojson", first_gj = dir / "first.geojson";
        export_layer(tl, {}, first_gj);
        export_layer(tl2, {}, again_gj);
        CHECK(read_bytes(again_gj) == read_bytes(first_gj));
    }
}

TEST_CASE("export: refuses to write over an input file, which stays untouched", "[export]") {
    TempDir dir;
    for (const char* f : {"events.csv", "cities.csv", "regions.geojson", "tally.csv"})
        fs::copy_file(kFixtures + "/" + f, dir / f);
    LoadOptions o;
    o.events_path = dir / "events.csv";
    o.cities_path = dir / "cities.csv";
    o.regions_path = dir / "regions.geojson";
    o.tally_path = dir / "tally.csv";
    o.context = false;
    Dataset data = load_dataset(o);
    Timeline tl(data);
    const std::string before = read_bytes(dir / "events.csv");
    CHECK_THROWS_AS(export_layer(tl, {}, dir / "events.csv"), ExportError);
    // Another spelling of the same path is still the same file.
    CHECK_THROWS_AS(export_layer(tl, {}, (dir.path / "." / "events.csv").string()), ExportError);
    CHECK_THROWS_AS(export_layer(tl, {ExportLayer::Regions, {}, {}}, dir / "regions.geojson"), ExportError);
    CHECK(read_bytes(dir / "events.csv") == before);
    // A hard link to an input is refused as well.
    fs::create_hard_link(dir / "cities.csv", dir / "link.csv");
    CHECK_THROWS_AS(export_layer(tl, {ExportLayer::Cities, {}, {}}, dir / "link.csv"), ExportError);
}

TEST_CASE("export: an unwritable destination is one clear error and leaves nothing", "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    TempDir dir;
    try {
        export_layer(tl, {}, dir / "no/such/dir/events.geojson");
        FAIL("no error");
    } catch (const ExportError& e) {
        std::string msg = e.what();
        CHECK(msg.find("no/such/dir/events.geojson") != std::string::npos);
        CHECK(msg.find("No such file or directory") != std::string::npos);
        CHECK(msg.find('\n') == std::string::npos);
    }
    CHECK_THROWS_AS(export_layer(tl, {}, dir.path.string()), ExportError);  // no extension
    fs::create_directories(dir / "d.geojson");
    CHECK_THROWS_AS(export_layer(tl, {}, dir / "d.geojson"), ExportError);  // a directory
    CHECK_THROWS_AS(export_layer(tl, {}, dir / "events.shp"), ExportError);  // unknown format
    CHECK_THROWS_AS(export_layer(tl, {}, "/proc/qantar-cannot-write.geojson"), ExportError);
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        (void)entry;
        ++n;
    }
    CHECK(n == 1);  // only d.geojson
}

TEST_CASE("export: a snapshot for key E is one GeoPackage named after the moment", "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    TempDir dir;
    std::string path = export_snapshot(tl, dir.path.string(),
                                       static_cast<double>(utc("2022-01-04T18:30+06:00")), {});
    CHECK(fs::path(path).filename() == "qantar-2022-01-04T1830+0600.gpkg");
    CHECK(fs::file_size(path) > 0);
    if (has_ogrinfo()) {
        std::string cmd = "ogrinfo -ro -q '" + path + "' | grep -c -E 'events|cities|regions' | grep -qx 3";
        CHECK(std::system(cmd.c_str()) == 0);
    }
}

TEST_CASE("export: kepler.gl CSV and QGIS GeoJSON/GeoPackage datetime fields load with --time-field",
          "[export]") {
    LoadOptions o = fixture_options();
    o.tally_path.clear();
    o.events_path = kFixtures + "/kepler.csv";
    o.categories.clear();  // a plain file: its categories come from its event_type
    o.time_field = "datetime";
    o.end_field = "end_datetime";
    Dataset k = load_dataset(o);
    REQUIRE(k.events.size() == 2);
    // No offset in kepler's text: the region's (Alpha, +05:00).
    CHECK(k.events[0].start() == LocalTime{utc("2022-01-05T14:00:00+05:00"), 5 * 3600});
    CHECK(k.events[0].end() == LocalTime{utc("2022-01-05T20:00:00+05:00"), 5 * 3600});
    CHECK(k.events[1].start() == LocalTime{utc("2022-01-05T15:30:00+06:00"), 6 * 3600});

    TempDir dir;
    std::string gpkg = dir / "qgis.gpkg";
    if (has_ogrinfo()) {
        std::string cmd = "ogr2ogr -f GPKG '" + gpkg + "' '" + kFixtures + "/qgis.geojson' > /dev/null 2>&1";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
    for (const std::string& path : {kFixtures + "/qgis.geojson", gpkg}) {
        if (!fs::exists(path)) continue;
        INFO(path);
        o.events_path = path;
        o.time_field = "when";
        o.end_field = "until";
        Dataset q = load_dataset(o);
        REQUIRE(q.events.size() == 2);
        // GDAL reads these as typed DateTime fields; the loader must take them with their offsets.
        CHECK(q.events[0].event_id_cnty() == "Q-1");
        CHECK(q.events[0].start().utc_s == utc("2022-01-05T14:00:00+06:00"));
        CHECK(q.events[0].start().offset_s == 6 * 3600);
        REQUIRE(q.events[0].end());
        CHECK(q.events[0].end()->utc_s == utc("2022-01-05T20:00:00+06:00"));
        CHECK(q.events[1].start().utc_s == utc("2022-01-05T09:30:00Z"));
    }
}
