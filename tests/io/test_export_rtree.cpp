// The packed spatial index of a large GeoPackage export (io/export_rtree): SQLite's node format by
// known answers, and a written file checked by SQLite's own rtreecheck(), by spatial queries
// against a scan, and by GDAL's own index of the same layer (the same triggers, the same
// gpkg_extensions row), a feature added afterwards included.
#include "io/export.hpp"
#include "io/export_rtree.hpp"

#include <catch2/catch.hpp>
#include <gdal.h>
#include <ogr_api.h>

#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace qantar;
namespace fs = std::filesystem;

namespace {

std::uint64_t be(const std::string& s, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

float be_float(const std::string& s, std::size_t at) {
    const auto bits = static_cast<std::uint32_t>(be(s, at, 4));
    float f = 0;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// A table of n points on a jittered grid (deterministic), with an id and a text field.
ExportTable points_table(int n) {
    ExportTable t;
    t.name = "events";
    t.geometry = ExportGeometryKind::Point;
    t.fields = {{"event_id", ExportFieldKind::String}, {"k", ExportFieldKind::Integer}};
    for (int i = 0; i < n; ++i) {
        ExportFeature f;
        const double x = -170.0 + std::fmod(i * 7.31, 340.0), y = -80.0 + std::fmod(i * 3.17, 160.0);
        f.points_deg.push_back({std::round(x * 1e6) / 1e6, std::round(y * 1e6) / 1e6});
        f.values = {std::string("E") + std::to_string(i), std::int64_t{i}};
        t.features.push_back(std::move(f));
    }
    return t;
}

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& name) {
        static std::atomic<int> n{0};
        path = fs::temp_directory_path() / ("qantar-rtree-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(n++) + "-" + name);
        fs::remove(path);
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove(path, ec);
    }
};

std::string sql_value(GDALDatasetH ds, const std::string& sql) {
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    REQUIRE(result);
    std::string value;
    if (OGRFeatureH f = OGR_L_GetNextFeature(result)) {
        value = OGR_F_GetFieldAsString(f, 0);
        OGR_F_Destroy(f);
    }
    GDALDatasetReleaseResultSet(ds, result);
    return value;
}

// Features whose point lies in the box, through the layer's spatial filter (the R-tree) and by a
// scan of every feature.
std::pair<int, int> count_in(OGRLayerH layer, double x0, double y0, double x1, double y1) {
    OGR_L_SetSpatialFilterRect(layer, x0, y0, x1, y1);
    int indexed = 0;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        ++indexed;
        OGR_F_Destroy(f);
    }
    OGR_L_SetSpatialFilter(layer, nullptr);
    int scanned = 0;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        const double x = OGR_G_GetX(g, 0), y = OGR_G_GetY(g, 0);
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) ++scanned;
        OGR_F_Destroy(f);
    }
    return {indexed, scanned};
}

}  // namespace

TEST_CASE("export rtree: nodes in SQLite's format, packed bottom up with the root first", "[export][rtree]") {
    // Nodes of two cells (4 + 2 * 24 bytes): three entries make two leaves under a root.
    const std::size_t bytes = 4 + 2 * 24;
    const io::PackedRTree t = io::pack_rtree({{7, 1.0, 2.0, 3.0, 4.0}, {8, 1.5, 1.5, 3.5, 3.5}, {9, 100.0, 100.0, 50.0, 50.0}}, bytes);
    REQUIRE(t.nodes.size() == 3);
    for (const auto& n : t.nodes) CHECK(n.size() == bytes);
    const std::string& root = t.nodes[0];
    CHECK(be(root, 0, 2) == 1);  // depth: leaves under the root
    CHECK(be(root, 2, 2) == 2);  // two children: nodes 2 and 3
    CHECK(be(root, 4, 8) == 2);
    CHECK(be(root, 28, 8) == 3);
    // The first leaf holds 7 and 8 (neighbours on the curve); its box in the root is their union.
    CHECK(be_float(root, 12) == 1.0f);
    CHECK(be_float(root, 16) == 2.0f);
    CHECK(be_float(root, 20) == 3.0f);
    CHECK(be_float(root, 24) == 4.0f);
    const std::string& leaf = t.nodes[1];
    CHECK(be(leaf, 0, 2) == 0);
    CHECK(be(leaf, 2, 2) == 2);
    CHECK(be(leaf, 4, 8) == 7);
    CHECK(be(leaf, 12, 4) == 0x3F800000u);  // 1.0f, big-endian
    CHECK(be(leaf, 16, 4) == 0x40000000u);  // 2.0f
    CHECK(be(t.nodes[2], 2, 2) == 1);
    CHECK(be(t.nodes[2], 4, 8) == 9);
    CHECK(t.parents == std::vector<std::pair<std::int64_t, std::int64_t>>{{2, 1}, {3, 1}});
    CHECK(t.rowids == std::vector<std::pair<std::int64_t, std::int64_t>>{{7, 2}, {8, 2}, {9, 3}});

    // A coordinate that no float holds: the minimum is rounded down, the maximum up.
    const io::PackedRTree r = io::pack_rtree({{1, 0.1, 0.1, -0.1, -0.1}}, bytes);
    REQUIRE(r.nodes.size() == 1);
    CHECK(be(r.nodes[0], 0, 2) == 0);
    CHECK(static_cast<double>(be_float(r.nodes[0], 12)) < 0.1);
    CHECK(static_cast<double>(be_float(r.nodes[0], 16)) > 0.1);
    CHECK(static_cast<double>(be_float(r.nodes[0], 20)) < -0.1);
    CHECK(static_cast<double>(be_float(r.nodes[0], 24)) > -0.1);

    // Nothing: one empty root.
    const io::PackedRTree e = io::pack_rtree({}, bytes);
    REQUIRE(e.nodes.size() == 1);
    CHECK(be(e.nodes[0], 2, 2) == 0);
    CHECK(e.rowids.empty());
}

TEST_CASE("export rtree: a large GeoPackage's packed index passes rtreecheck and answers like GDAL's",
          "[export][rtree]") {
    const int n = 23456;  // batched (>= 10,000 rows): the packed index
    TempFile big("big.gpkg"), small("small.gpkg");
    encode_export_file({points_table(n)}, ExportFormat::GeoPackage, big.path.string());
    encode_export_file({points_table(100)}, ExportFormat::GeoPackage, small.path.string());  // GDAL's own index

    GDALDatasetH ds = GDALOpenEx(big.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    GDALDatasetH ref = GDALOpenEx(small.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ref);
    CHECK(sql_value(ds, "SELECT rtreecheck('rtree_events_geom')") == "ok");
    CHECK(sql_value(ds, "SELECT count(*) FROM rtree_events_geom") == std::to_string(n));
    // The same schema as GDAL's index: the R-tree, its six triggers, the extension row.
    const std::string schema =
        "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE name LIKE 'rtree_events_geom%' ORDER BY name)";
    CHECK(sql_value(ds, schema) == sql_value(ref, schema));
    CHECK_FALSE(sql_value(ds, schema).empty());
    const std::string ext = "SELECT group_concat(table_name || column_name || extension_name || scope) FROM gpkg_extensions";
    CHECK(sql_value(ds, ext) == sql_value(ref, ext));

    OGRLayerH layer = GDALDatasetGetLayerByName(ds, "events");
    REQUIRE(layer);
    CHECK(OGR_L_GetFeatureCount(layer, TRUE) == n);
    for (const auto& box : {std::array<double, 4>{-10, -10, 10, 10}, std::array<double, 4>{100, 20, 170, 80},
                            std::array<double, 4>{-180, -90, 180, 90}, std::array<double, 4>{-170, -80, -169.9, 80}}) {
        const auto [indexed, scanned] = count_in(layer, box[0], box[1], box[2], box[3]);
        INFO(box[0] << " " << box[1] << " " << box[2] << " " << box[3]);
        CHECK(indexed == scanned);
        CHECK(scanned > 0);
    }

    // The insert trigger is back: a feature added afterwards is indexed.
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    OGRGeometryH p = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(p, 0, 179.5, 89.5);
    OGR_F_SetGeometryDirectly(f, p);
    REQUIRE(OGR_L_CreateFeature(layer, f) == OGRERR_NONE);
    OGR_F_Destroy(f);
    CHECK(count_in(layer, 179, 89, 180, 90) == std::pair<int, int>{1, 1});
    CHECK(sql_value(ds, "SELECT rtreecheck('rtree_events_geom')") == "ok");
    GDALClose(ref);
    GDALClose(ds);
}

TEST_CASE("export rtree: a snapshot's large events layer and the small layers after it each get their index",
          "[export][rtree]") {
    TempFile file("snapshot.gpkg");
    ExportTable cities = points_table(30);
    cities.name = "cities";
    encode_export_file({points_table(12345), cities}, ExportFormat::GeoPackage, file.path.string());
    GDALDatasetH ds = GDALOpenEx(file.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    CHECK(sql_value(ds, "SELECT rtreecheck('rtree_events_geom')") == "ok");
    CHECK(sql_value(ds, "SELECT count(*) FROM rtree_events_geom") == "12345");
    CHECK(sql_value(ds, "SELECT rtreecheck('rtree_cities_geom')") == "ok");
    CHECK(sql_value(ds, "SELECT count(*) FROM rtree_cities_geom") == "30");
    CHECK(sql_value(ds, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_%'") == "12");
    GDALClose(ds);
}
