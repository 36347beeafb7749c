// A GeoPackage read as GDAL's Arrow record batches (gdal::LayerReader::reads_arrow) gives what
// reading it feature by feature gives: each field's text and nulls, the points, the polygons and
// the errors, row for row, across batches.
#include "core/error.hpp"
#include "io/gdal_util.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <vector>

using namespace qantar;

namespace {

// A GeoPackage of `rows` rows: make_fields adds the columns, fill sets row i's fields and geometry.
std::string write_gpkg(const std::string& name, OGRwkbGeometryType type, int rows,
                       const std::function<void(OGRLayer&)>& make_fields,
                       const std::function<void(OGRFeature&, int)>& fill) {
    GDALAllRegister();
    const std::string path = (test::scratch_dir("gdal_arrow", name) / (name + ".gpkg")).string();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(driver != nullptr);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds != nullptr);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    OGRLayer* layer = ds->CreateLayer("events", &wgs84, type, nullptr);
    REQUIRE(layer != nullptr);
    make_fields(*layer);
    REQUIRE(layer->StartTransaction() == OGRERR_NONE);
    for (int i = 0; i < rows; ++i) {
        OGRFeature f(layer->GetLayerDefn());
        fill(f, i);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    REQUIRE(layer->CommitTransaction() == OGRERR_NONE);
    GDALClose(ds);
    return path;
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, OGRFieldSubType sub = OFSTNone) {
    OGRFieldDefn d(name, type);
    d.SetSubType(sub);
    REQUIRE(layer.CreateField(&d) == OGRERR_NONE);
}

// Every row as one line of text: each field's text or "null", then the point or the error.
std::vector<std::string> read_rows(const std::string& path, bool& arrow, bool polygons = false,
                                   const std::string& filter = "") {
    gdal::LayerReader r(path);
    if (!filter.empty()) r.set_attribute_filter(filter);
    std::vector<std::string> out;
    while (true) {
        std::string line;
        try {
            if (!r.next()) break;
        } catch (const InputError& e) {
            out.push_back(std::string("next: ") + e.what());
            break;
        }
        line = r.where();
        for (int i = 0; i < r.field_count(); ++i) {
            try {
                line += " | " + (r.is_null(i) ? std::string("null") : r.text(i));
            } catch (const InputError& e) {
                line += std::string(" | error: ") + e.what();
            }
        }
        try {
            if (polygons) {
                for (const Polygon& p : r.polygons())
                    for (const auto& ring : p.rings)
                        for (const Vec2& v : ring) line += " " + std::to_string(v.x) + "," + std::to_string(v.y);
            } else if (const auto p = r.point()) {
                line += " | point " + std::to_string(p->x) + " " + std::to_string(p->y);
            } else {
                line += " | no point";
            }
        } catch (const InputError& e) {
            line += std::string(" | error: ") + e.what();
        }
        out.push_back(line);
    }
    try {
        if (r.next()) out.push_back("a row after the end");
    } catch (const InputError& e) {
        out.push_back(std::string("after the end: ") + e.what());
    }
    arrow = r.reads_arrow();
    return out;
}

// The rows read both ways: the same, and the Arrow way taken where `arrow_expected`.
void require_same_both_ways(const std::string& path, bool arrow_expected, bool polygons = false,
                            const std::string& filter = "") {
    bool by_feature_arrow = true, arrow = false;
    std::vector<std::string> by_feature, by_arrow;
    {
        const test::ScopedEnv off("QANTAR_GDAL_ARROW", "0");
        by_feature = read_rows(path, by_feature_arrow, polygons, filter);
    }
    by_arrow = read_rows(path, arrow, polygons, filter);
    CHECK_FALSE(by_feature_arrow);
    CHECK(arrow == arrow_expected);
    REQUIRE(by_arrow.size() == by_feature.size());
    for (std::size_t i = 0; i < by_feature.size(); ++i) {
        INFO("row " << i);
        REQUIRE(by_arrow[i] == by_feature[i]);
    }
}

}  // namespace

TEST_CASE("a GeoPackage as Arrow batches: text, numbers, nulls and points as feature by feature", "[issue11][arrow]") {
    const int rows = 2600;  // three batches of 1,024 rows, the last one short
    const std::string path = write_gpkg(
        "types", wkbUnknown, rows,
        [](OGRLayer& l) {
            add_field(l, "name", OFTString);
            add_field(l, "count", OFTInteger);
            add_field(l, "big", OFTInteger64);
            add_field(l, "value", OFTReal);
            add_field(l, "small", OFTInteger, OFSTInt16);
            add_field(l, "single", OFTReal, OFSTFloat32);
        },
        [](OGRFeature& f, int i) {
            if (i % 7 != 3) f.SetField("name", i % 5 == 0 ? "Almaty \xD0\x90\xD0\xBB\xD0\xBC\xD0\xB0\xD1\x82\xD1\x8B" : ("row " + std::to_string(i)).c_str());
            if (i % 11 != 5) f.SetField("count", i - 1000);
            f.SetField("big", static_cast<GIntBig>(i) * 1'000'000'007LL);
            static const double values[] = {0.1, 43.3414, -3.25, 1e21, 1.0 / 3.0, 0.0, -0.0, 123456789.123456789};
            if (i % 13 != 6) f.SetField("value", values[i % 8]);
            f.SetField("small", (i % 300) - 150);
            f.SetField("single", 0.1 * i);
            std::unique_ptr<OGRGeometry> g;
            switch (i % 9) {
                case 0: break;  // no geometry
                case 1: g = std::make_unique<OGRPoint>(); break;  // POINT EMPTY
                case 2: g = std::make_unique<OGRPoint>(52.8596, 43.3414, 120.0); break;
                case 3: {
                    auto m = std::make_unique<OGRMultiPoint>();
                    m->addGeometry(std::make_unique<OGRPoint>(76.9458, 43.2389).get());
                    g = std::move(m);
                    break;
                }
                case 4: {
                    auto ls = std::make_unique<OGRLineString>();
                    ls->addPoint(1, 2);
                    ls->addPoint(3, 4);
                    g = std::move(ls);  // not a point: an error naming the feature
                    break;
                }
                default: g = std::make_unique<OGRPoint>(-180 + 0.125 * i, -90 + 0.0625 * i);
            }
            if (g) f.SetGeometry(g.get());
        });
    require_same_both_ways(path, true);
    // --filter: GDAL applies it to the batches too.
    require_same_both_ways(path, true, false, "count > 700 AND name LIKE 'row%'");
    bool arrow = false;
    CHECK(read_rows(path, arrow, false, "count > 700 AND name LIKE 'row%'").size() < 2000);
}

TEST_CASE("a GeoPackage as Arrow batches: text that is not UTF-8 names the same feature and field", "[issue11][arrow]") {
    const std::string path = write_gpkg(
        "utf8", wkbPoint, 2000, [](OGRLayer& l) { add_field(l, "notes", OFTString); },
        [](OGRFeature& f, int i) {
            f.SetField("notes", i == 1500 ? "caf\xE9" : "fine");
            OGRPoint p(10, 20);
            f.SetGeometry(&p);
        });
    require_same_both_ways(path, true);
    bool arrow = false;
    const std::vector<std::string> rows = read_rows(path, arrow);
    REQUIRE(rows.size() == 2000);
    CHECK(rows[1500].find("feature 1501") != std::string::npos);
    CHECK(rows[1500].find("notes") != std::string::npos);
    CHECK(rows[1500].find("not valid UTF-8") != std::string::npos);
}

TEST_CASE("a GeoPackage whose geometry blobs are broken: the same points and errors both ways", "[issue11][arrow][bad]") {
    const std::string path = write_gpkg(
        "broken", wkbPoint, 1500, [](OGRLayer& l) { add_field(l, "name", OFTString); },
        [](OGRFeature& f, int i) {
            f.SetField("name", ("row " + std::to_string(i)).c_str());
            OGRPoint p(10 + 0.01 * i, 20);
            f.SetGeometry(&p);
        });
    {
        // Blobs no writer would make: a GeoPackage header (SRS 4326, no envelope) before a point's
        // WKB cut short, before a WKB of an unknown type, and bytes that are no GeoPackage blob.
        GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
        REQUIRE(ds != nullptr);
        for (const char* sql : {"UPDATE events SET geom = X'47500001E6100000010100000000' WHERE fid = 100",
                                "UPDATE events SET geom = X'47500001E610000001FF0000000000000000000000' WHERE fid = 700",
                                "UPDATE events SET geom = X'DEADBEEF' WHERE fid = 1200"})
            ds->ExecuteSQL(sql, nullptr, nullptr);
        GDALClose(ds);
    }
    // GDAL's features give no geometry for a blob they cannot read, without a word; the Arrow
    // batches give the WKB after a GeoPackage header, which qantar reads and names as broken. Bytes
    // that are no GeoPackage blob are no geometry both ways, and every other row is the same.
    bool arrow = true;
    std::vector<std::string> by_feature;
    {
        const test::ScopedEnv off("QANTAR_GDAL_ARROW", "0");
        by_feature = read_rows(path, arrow);
    }
    CHECK_FALSE(arrow);
    const std::vector<std::string> by_arrow = read_rows(path, arrow);
    CHECK(arrow);
    REQUIRE(by_arrow.size() == by_feature.size());
    for (std::size_t i = 0; i < by_feature.size(); ++i) {
        INFO("row " << i << ": " << by_arrow[i]);
        if (i == 99 || i == 699) {
            CHECK(by_feature[i] == "feature " + std::to_string(i + 1) + " | row " + std::to_string(i) + " | no point");
            CHECK(by_arrow[i].find("feature " + std::to_string(i + 1) + ": field 'geometry': the geometry cannot be read") !=
                  std::string::npos);
        } else {
            REQUIRE(by_arrow[i] == by_feature[i]);
        }
    }
}

TEST_CASE("a GeoPackage of polygons as Arrow batches: the same rings", "[issue11][arrow]") {
    const std::string path = write_gpkg(
        "polygons", wkbMultiPolygon, 40, [](OGRLayer& l) { add_field(l, "name", OFTString); },
        [](OGRFeature& f, int i) {
            f.SetField("name", ("region " + std::to_string(i)).c_str());
            OGRLinearRing ring;
            ring.addPoint(i, 0);
            ring.addPoint(i + 1, 0);
            ring.addPoint(i + 1, 1);
            ring.addPoint(i, 0);
            OGRPolygon poly;
            poly.addRing(&ring);
            OGRMultiPolygon mp;
            mp.addGeometry(&poly);
            f.SetGeometry(&mp);
        });
    require_same_both_ways(path, true, true);
}

TEST_CASE("a GeoPackage with a boolean column is read feature by feature", "[issue11][arrow]") {
    // GDAL 3.6's batches give booleans other values than its features do.
    const std::string path = write_gpkg(
        "boolean", wkbPoint, 20, [](OGRLayer& l) { add_field(l, "flag", OFTInteger, OFSTBoolean); },
        [](OGRFeature& f, int i) {
            f.SetField("flag", i % 2);
            OGRPoint p(76.9, 43.2);
            f.SetGeometry(&p);
        });
    require_same_both_ways(path, false);
}

TEST_CASE("a GeoPackage with a date-time column is read feature by feature (its zones kept)", "[issue11][arrow]") {
    const std::string path = write_gpkg(
        "datetime", wkbPoint, 10, [](OGRLayer& l) { add_field(l, "start_time", OFTDateTime); },
        [](OGRFeature& f, int i) {
            f.SetField("start_time", 2022, 1, 5, 18, i, 0.0f, 100 + 24);  // +06:00
            OGRPoint p(76.9, 43.2);
            f.SetGeometry(&p);
        });
    require_same_both_ways(path, false);
    bool arrow = true;
    const std::vector<std::string> rows = read_rows(path, arrow);
    CHECK(rows.at(3).find("2022-01-05T18:03:00+06:00") != std::string::npos);
}
