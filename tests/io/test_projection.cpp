// Known-answer tests for the default projection and --crs handling.
#include "core/error.hpp"
#include "io/projection.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {

constexpr double kToleranceM = 0.001;  // 1 mm

struct Known {
    const char* name;
    double lon_deg, lat_deg, x_m, y_m;
};

// Expected values from PROJ 9.1.1's own tools, e.g.
//   echo "52.8596 43.3414 0" | cct -d 4 +proj=pipeline +step +proj=lcc +lat_0=48 +lon_0=67
//        +lat_1=43 +lat_2=53 +x_0=0 +y_0=0 +ellps=WGS84     (one line; input is lon lat)
// and cross-checked with
//   echo "43.3414 52.8596" | cs2cs -d 4 EPSG:4326 +to <kDefaultCrs>   (EPSG:4326 is lat, lon)
constexpr Known kDefaultKnown[] = {
    {"Zhanaozen", 52.8596, 43.3414, -1139627.5315, -411460.8354},
    {"Almaty", 76.9458, 43.2389, 805318.8865, -475698.0531},
    {"Nur-Sultan", 71.4491, 51.1694, 310282.0514, 360299.5370},
    {"origin", 67.0, 48.0, 0.0, 0.0},
};

}  // namespace

TEST_CASE("default projection matches PROJ's cct", "[projection]") {
    const Projector p;
    CHECK(p.crs() == kDefaultCrs);
    for (const Known& k : kDefaultKnown) {
        INFO(k.name);
        Vec2 m;
        REQUIRE(p.forward(k.lon_deg, k.lat_deg, m));
        CHECK(m.x == Approx(k.x_m).margin(kToleranceM));
        CHECK(m.y == Approx(k.y_m).margin(kToleranceM));
        double lon = 0, lat = 0;
        REQUIRE(p.inverse(m, lon, lat));
        CHECK(lon == Approx(k.lon_deg).margin(1e-9));
        CHECK(lat == Approx(k.lat_deg).margin(1e-9));
    }
}

TEST_CASE("EPSG codes take lon, lat after normalisation", "[projection]") {
    // echo "51.1694 71.4491" | cs2cs -d 4 EPSG:4326 EPSG:3857  ->  7953677.4296 6651313.5009
    for (const char* crs : {"EPSG:3857", "3857"}) {
        INFO(crs);
        const Projector p(crs);
        Vec2 m;
        REQUIRE(p.forward(71.4491, 51.1694, m));
        CHECK(m.x == Approx(7953677.4296).margin(kToleranceM));
        CHECK(m.y == Approx(6651313.5009).margin(kToleranceM));
    }
}

TEST_CASE("an unknown --crs is a usage error naming it", "[projection]") {
    // "foo" would be PROJ's partial name match for "Amersfoort".
    for (const char* crs : {"EPSG:999999", "+proj=nonsense", "not a crs", "foo"}) {
        INFO(crs);
        try {
            Projector p(crs);
            FAIL("no error for " << crs);
        } catch (const UsageError& e) {
            const std::string msg = e.what();
            CHECK(msg.find(std::string("unknown --crs '") + crs + "'") != std::string::npos);
            CHECK(msg.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("a CRS may be named in full", "[projection]") {
    const Projector p("WGS 84 / Pseudo-Mercator");
    Vec2 m;
    REQUIRE(p.forward(71.4491, 51.1694, m));
    CHECK(m.x == Approx(7953677.4296).margin(kToleranceM));
}

TEST_CASE("projectors move", "[projection]") {
    Projector a;
    Projector b(std::move(a));
    Vec2 m;
    REQUIRE(b.forward(67.0, 48.0, m));
    CHECK(m.x == Approx(0).margin(kToleranceM));
}
