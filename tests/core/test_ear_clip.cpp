// Ear clipping (issue 11: the load's triangulation through GEOS's constrained Delaunay was most of
// the bundled story's load and ~0.6 s of CPU for the world map). What matters is that the
// triangles cover the polygon exactly once: every point inside it lies in exactly one triangle,
// every point outside in none. Checked on random points against `contains`.
#include "core/ear_clip.hpp"
#include "core/geometry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace qantar;

namespace {

std::vector<Vec2> square(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}

double cross(const Vec2& a, const Vec2& b, const Vec2& c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

struct Coverage {
    int inside_once = 0, inside_wrong = 0, outside_wrong = 0;
};

// Random points in the polygon's box: how many the triangles cover as `contains` says.
Coverage coverage(const Polygon& polygon, const std::vector<Vec2>& tris, int samples = 20000) {
    Vec2 lo = polygon.rings[0][0], hi = lo;
    for (const Vec2& v : polygon.rings[0]) {
        lo = {std::min(lo.x, v.x), std::min(lo.y, v.y)};
        hi = {std::max(hi.x, v.x), std::max(hi.y, v.y)};
    }
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> ux(lo.x, hi.x), uy(lo.y, hi.y);
    Coverage c;
    for (int i = 0; i < samples; ++i) {
        const Vec2 p{ux(rng), uy(rng)};
        int hits = 0;
        for (std::size_t t = 0; t < tris.size(); t += 3)
            if (cross(tris[t], tris[t + 1], p) > 0 && cross(tris[t + 1], tris[t + 2], p) > 0 &&
                cross(tris[t + 2], tris[t], p) > 0)
                ++hits;
        if (contains(polygon, p))
            (hits == 1 ? c.inside_once : c.inside_wrong) += 1;
        else if (hits != 0)
            ++c.outside_wrong;
    }
    return c;
}

void check_exact(const Polygon& polygon) {
    std::vector<Vec2> tris{{-1, -1}, {-2, -2}, {-3, -3}};  // what was there stays
    REQUIRE(ear_clip(polygon, tris));
    REQUIRE(tris.size() % 3 == 0);
    CHECK(tris[0] == Vec2{-1, -1});
    tris.erase(tris.begin(), tris.begin() + 3);
    for (std::size_t t = 0; t < tris.size(); t += 3) CHECK(cross(tris[t], tris[t + 1], tris[t + 2]) > 0);
    const Coverage c = coverage(polygon, tris);
    CHECK(c.inside_once > 100);
    CHECK(c.inside_wrong == 0);
    CHECK(c.outside_wrong == 0);
}

// A star: n points at random radii round a centre (simple; very concave).
std::vector<Vec2> star(int n, double cx, double cy, double r, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> radius(0.2 * r, r);
    std::vector<Vec2> ring;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n;
        const double d = radius(rng);
        ring.push_back({cx + d * std::cos(a), cy + d * std::sin(a)});
    }
    return ring;
}

}  // namespace

TEST_CASE("ear clipping covers simple polygons exactly once, either orientation, closed or not", "[ear_clip][issue11]") {
    check_exact(Polygon{{square(0, 0, 10, 10)}});
    std::vector<Vec2> cw = square(0, 0, 10, 10);
    std::reverse(cw.begin(), cw.end());
    check_exact(Polygon{{cw}});
    check_exact(Polygon{{{{0, 0}, {4, 0}, {2, 3}}}});  // open triangle

    // A comb: 20 teeth, every gap a reflex corner.
    std::vector<Vec2> comb{{0, 0}, {40, 0}};
    for (int t = 19; t >= 0; --t) {
        comb.push_back({2.0 * t + 2, 10});
        comb.push_back({2.0 * t + 1, 10});
        comb.push_back({2.0 * t + 1, 2});
        comb.push_back({2.0 * t, 2});
    }
    comb.back() = {0, 10};
    check_exact(Polygon{{comb}});

    // Stars small (plain search) and large (the z-order index, from 81 points).
    check_exact(Polygon{{star(40, 5, 5, 4, 1)}});
    check_exact(Polygon{{star(2000, 0, 0, 100, 2)}});
    // A spiral: long thin corridors.
    std::vector<Vec2> spiral;
    for (int i = 0; i <= 300; ++i) {
        const double a = 0.1 * i, r = 1 + 0.5 * a;
        spiral.push_back({r * std::cos(a), r * std::sin(a)});
    }
    for (int i = 300; i >= 0; --i) {
        const double a = 0.1 * i, r = 1.6 + 0.5 * a;
        spiral.push_back({r * std::cos(a), r * std::sin(a)});
    }
    check_exact(Polygon{{spiral}});
}

TEST_CASE("ear clipping joins holes, many of them, in either orientation", "[ear_clip][issue11]") {
    check_exact(Polygon{{square(0, 0, 100, 100), square(10, 10, 20, 20), square(60, 60, 80, 80)}});
    // 49 holes in a grid, half of them given counter-clockwise, in a ring of 2000 points.
    Polygon grid{{star(2000, 50, 50, 200, 3)}};
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j) {
            std::vector<Vec2> h = square(30 + 6 * i, 30 + 6 * j, 33 + 6 * i, 34 + 6 * j);
            if ((i + j) % 2) std::reverse(h.begin(), h.end());
            grid.rings.push_back(h);
        }
    grid.rings[0] = star(2000, 50, 50, 200, 3);
    for (Vec2& v : grid.rings[0]) {  // the star's inner radius must hold the holes: push it out
        const double dx = v.x - 50, dy = v.y - 50, d = std::hypot(dx, dy);
        const double want = std::max(d, 80.0);
        v = {50 + dx * want / d, 50 + dy * want / d};
    }
    check_exact(grid);
    // Star-shaped holes, beside each other on the same rows (rays from one hit the other).
    check_exact(Polygon{{square(0, 0, 100, 40), star(30, 20, 20, 10, 4), star(300, 50, 20, 12, 5), star(30, 80, 20, 10, 6)}});
}

TEST_CASE("ear clipping is exact far from the origin (projected metres)", "[ear_clip][issue11]") {
    Polygon p{{star(500, 7.3e6, -4.1e6, 300, 8), square(7.3e6 - 20, -4.1e6 - 20, 7.3e6 + 20, -4.1e6 + 20)}};
    check_exact(p);
}

TEST_CASE("ear clipping skips repeated points and fills nothing for a polygon of no area", "[ear_clip][issue11]") {
    check_exact(Polygon{{{{0, 0}, {0, 0}, {5, 0}, {5, 0}, {5, 5}, {0, 5}, {0, 5}, {0, 0}}}});
    std::vector<Vec2> out;
    CHECK(ear_clip(Polygon{{{{0, 0}, {1, 1}}}}, out));
    CHECK(ear_clip(Polygon{{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}}, out));
    CHECK(ear_clip(Polygon{}, out));
    CHECK(out.empty());
}

TEST_CASE("ear clipping refuses what it cannot cover, leaving the output as it was", "[ear_clip][issue11]") {
    const std::vector<Vec2> before{{9, 9}, {8, 8}, {7, 7}};
    // A bow tie: the ring crosses itself.
    std::vector<Vec2> out = before;
    CHECK_FALSE(ear_clip(Polygon{{{{0, 0}, {10, 10}, {10, 0}, {0, 10}}}}, out));
    CHECK(out == before);
    // A figure of eight with unequal lobes.
    out = before;
    CHECK_FALSE(ear_clip(Polygon{{{{0, 0}, {4, 4}, {4, 0}, {0, 4}, {-2, 6}, {-2, -2}}}}, out));
    CHECK(out == before);
    // A "hole" outside the exterior.
    out = before;
    CHECK_FALSE(ear_clip(Polygon{{square(0, 0, 10, 10), square(20, 20, 30, 30)}}, out));
    CHECK(out == before);
}

TEST_CASE("a hole touching the exterior at a point is covered exactly or refused", "[ear_clip][issue11]") {
    // Valid for GEOS (a hole may touch its shell at one point); the caller falls back if refused.
    const Polygon p{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}}, {{0, 5}, {4, 3}, {4, 7}}}};
    std::vector<Vec2> out;
    if (ear_clip(p, out)) {
        const Coverage c = coverage(p, out);
        CHECK(c.inside_wrong == 0);
        CHECK(c.outside_wrong == 0);
    } else {
        CHECK(out.empty());
    }
}
