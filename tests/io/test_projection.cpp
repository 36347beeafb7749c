// Known-answer tests for the default projection and --crs handling.
#include "core/error.hpp"
#include "io/projection.hpp"

#include <catch2/catch.hpp>
#include <proj.h>

#include <cmath>
#include <string>
#include <vector>

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

namespace {

// PROJ's own answer through its database: what Projector did for every CRS before direct_pipeline.
struct Reference {
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* pj = nullptr;
    explicit Reference(const std::string& crs) {
        proj_log_level(ctx, PJ_LOG_NONE);
        PJ* raw = proj_create_crs_to_crs(ctx, "EPSG:4326", crs.c_str(), nullptr);
        REQUIRE(raw);
        pj = proj_normalize_for_visualization(ctx, raw);
        proj_destroy(raw);
        REQUIRE(pj);
    }
    ~Reference() {
        proj_destroy(pj);
        proj_context_destroy(ctx);
    }
};

}  // namespace

TEST_CASE("a projection of WGS 84 as a PROJ string goes straight to its pipeline, with PROJ's own results",
          "[projection][issue11]") {
    // qantar's own (kDefaultCrs and core/framing's three kinds) and what users write.
    const std::vector<std::string> direct = {
        kDefaultCrs,
        "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=eqearth +lon_0=150 +datum=WGS84 +units=m +no_defs",
        "+proj=merc +lon_0=-60.5 +datum=WGS84 +units=m +no_defs",
        "+proj=lcc +lat_0=-33.5 +lon_0=-60.25 +lat_1=-36 +lat_2=-31 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=WGS84 +units=m",
        "+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs +type=crs",
        "+proj=utm +zone=19 +south +datum=WGS84",
        "+proj=tmerc +lat_0=0 +lon_0=35 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=km",
        "+proj=robin +lon_0=0 +datum=WGS84",
        "+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=37.5 +lon_0=-96 +x_0=0 +y_0=0 +ellps=WGS84 +units=us-ft",
    };
    for (const std::string& crs : direct) {
        INFO(crs);
        REQUIRE(direct_pipeline(crs).has_value());
        const Projector fast(crs);
        const Reference slow(crs + (crs.find("+type=crs") == std::string::npos ? " +type=crs" : ""));
        int compared = 0, outside = 0;
        for (double lat = -80; lat <= 80; lat += 8)
            for (double lon = -175; lon <= 175; lon += 10) {
                INFO(lon << ", " << lat);
                Vec2 got;
                const bool ok = fast.forward(lon, lat, got);
                const PJ_COORD want = proj_trans(slow.pj, PJ_FWD, proj_coord(lon, lat, 0, 0));
                const bool want_ok = std::isfinite(want.xy.x) && std::isfinite(want.xy.y) && want.xy.x != HUGE_VAL;
                proj_errno_reset(slow.pj);
                REQUIRE(ok == want_ok);
                if (!ok) {
                    ++outside;
                    continue;
                }
                CHECK(got.x == Approx(want.xy.x).margin(1e-6));
                CHECK(got.y == Approx(want.xy.y).margin(1e-6));
                double back_lon = 0, back_lat = 0;
                const PJ_COORD back = proj_trans(slow.pj, PJ_INV, want);
                proj_errno_reset(slow.pj);
                if (fast.inverse(got, back_lon, back_lat) && std::isfinite(back.lp.lam)) {
                    CHECK(back_lon == Approx(back.lp.lam).margin(1e-9));
                    CHECK(back_lat == Approx(back.lp.phi).margin(1e-9));
                }
                ++compared;
            }
        CHECK(compared > 50);
        (void)outside;
    }
    // Through the database: another datum or ellipsoid, a datum shift, grids, axes, a prime
    // meridian, EPSG codes, WKT, geographic CRSs and pipelines.
    for (const std::string crs : {"EPSG:3857", "3857", "+proj=lcc +lat_1=43 +lat_2=53 +lon_0=67 +datum=NAD83",
                                  "+proj=merc +ellps=GRS80", "+proj=merc +datum=WGS84 +towgs84=0,0,0",
                                  "+proj=merc +a=6378137 +b=6378137", "+proj=tmerc +datum=WGS84 +pm=paris",
                                  "+proj=utm +zone=33 +datum=WGS84 +axis=neu", "+proj=longlat +datum=WGS84",
                                  "+proj=pipeline +step +proj=merc +ellps=WGS84", "+proj=merc",
                                  "+proj=merc +datum=WGS84 +nadgrids=@null", "+init=epsg:3857",
                                  "+proj=merc +datum=WGS84 +type=other", "+proj=merc +datum=WGS84 +ellps=WGS84",
                                  "+proj=merc +ellps=WGS84 +R_A", "+proj=eqc +datum=WGS84 +lon_wrap=180",
                                  "+proj=ob_tran +o_proj=longlat +o_lon_p=-162 +o_lat_p=39.25 +lon_0=180 +datum=WGS84",
                                  R"(PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84"]])"}) {
        INFO(crs);
        CHECK_FALSE(direct_pipeline(crs).has_value());
    }
}

TEST_CASE("a rotated pole with geographic output keeps PROJ's own degrees", "[projection][issue11]") {
    // Through the database: crs_to_crs ends this pipeline with a conversion back to degrees, which
    // a bare projection step would not.
    const std::string crs = "+proj=ob_tran +o_proj=longlat +o_lon_p=-162 +o_lat_p=39.25 +lon_0=180 +datum=WGS84";
    const Projector p(crs);
    const Reference ref(crs + " +type=crs");
    Vec2 got;
    REQUIRE(p.forward(10, 50, got));
    const PJ_COORD want = proj_trans(ref.pj, PJ_FWD, proj_coord(10, 50, 0, 0));
    CHECK(got.x == Approx(want.xy.x).margin(1e-9));
    CHECK(got.y == Approx(want.xy.y).margin(1e-9));
    CHECK(std::abs(got.x) <= 180);  // degrees, not radians nor metres
}
