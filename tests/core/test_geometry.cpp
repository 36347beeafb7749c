// Geometry on the model's polygons: which holes a region is drawn with (issue 12: a leased
// territory cut out of its region showed as a bare ring, then a dark disc once the region was tinted).
#include "core/geometry.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qantar;

namespace {

std::vector<Vec2> square(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

}  // namespace

TEST_CASE("a region is drawn with the holes other regions fill, not the empty ones", "[geometry][issue12]") {
    std::vector<Region> regions(2);
    // A province 0..100 with two holes: 10..20 holds nothing (a lease area), 60..80 holds region 1.
    regions[0].polygons_m = {Polygon{{square(0, 0, 100, 100), square(10, 10, 20, 20), square(60, 60, 80, 80)}}};
    regions[0].label_m = {50, 30};
    // The city fills its hole exactly: shared border vertices, as in real data.
    regions[1].polygons_m = {Polygon{{square(60, 60, 80, 80)}}};
    regions[1].label_m = {70, 70};

    const std::vector<Polygon> drawn = drawn_polygons(regions, 0);
    REQUIRE(drawn.size() == 1);
    REQUIRE(drawn[0].rings.size() == 2);
    CHECK(drawn[0].rings[0] == regions[0].polygons_m[0].rings[0]);
    CHECK(drawn[0].rings[1] == regions[0].polygons_m[0].rings[2]);  // the city's hole stays
    CHECK(contains(drawn, Vec2{15, 15}));        // the lease area is drawn as the province
    CHECK_FALSE(contains(drawn, Vec2{70, 70}));  // the city is not
    // The data keeps every hole; the other region is unchanged.
    CHECK(regions[0].polygons_m[0].rings.size() == 3);
    CHECK(drawn_polygons(regions, 1)[0].rings.size() == 1);
}

TEST_CASE("the banded polygon index answers as contains does, point for point", "[geometry][issue11]") {
    // A jagged star with a hole, and a second polygon: many edges across many bands.
    std::vector<Vec2> star;
    for (int k = 0; k <= 720; ++k) {
        const double a = k * 3.14159265358979 / 360, r = k % 2 ? 10.0 : 4.0 + (k % 7);
        star.push_back({50 + r * std::cos(a), 40 + r * std::sin(a)});
    }
    std::vector<Polygon> polys{Polygon{{star, square(48, 38, 52, 42)}}, Polygon{{square(70, 30, 80, 35)}}};
    // Any number of bands (the square gets one band of its own whatever the limit) gives the same answers.
    for (std::size_t bands : {std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{256}}) {
        INFO("at most " << bands << " bands");
        const PolygonsIndex index(polys, bands);
        std::uint64_t x = 88172645463325252ull;  // xorshift: the same points every run
        auto next = [&] {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            return static_cast<double>(x % 1000000) / 1000000.0;
        };
        int inside = 0;
        for (int k = 0; k < 200000; ++k) {
            Vec2 p{35 + 50 * next(), 25 + 30 * next()};
            if (k % 10 == 0) p.y = star[static_cast<std::size_t>(k / 10) % star.size()].y;  // on a vertex's line
            const bool want = contains(polys, p);
            inside += want;
            if (index.contains(p) != want) FAIL_CHECK("differs at " << p.x << "," << p.y);
        }
        CHECK(inside > 10000);  // the test is not all outside
        CHECK(index.contains({75, 32}));
        CHECK(!index.contains({50, 40}));  // in the hole
    }
}
