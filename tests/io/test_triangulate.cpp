// Triangulation through GEOS (io/triangulate.hpp), known answers with stated tolerances, and the
// point-in-polygon and label point it relies on.
#include "core/ear_clip.hpp"
#include "core/geometry.hpp"
#include "io/basemap.hpp"
#include "io/triangulate.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace qantar;

namespace {

double triangles_area(const std::vector<Vec2>& t) {
    double a = 0;
    for (std::size_t i = 0; i + 2 < t.size(); i += 3)
        a += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) - (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) / 2;
    return a;
}

Vec2 centroid(const Vec2* v) { return {(v[0].x + v[1].x + v[2].x) / 3, (v[0].y + v[1].y + v[2].y) / 3}; }

}  // namespace

TEST_CASE("a square with a square hole: 8 triangles, area 16 - 4", "[triangulate]") {
    Polygon p;
    p.rings = {{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}};
    const std::vector<Vec2> t = triangulate({p});
    REQUIRE(t.size() % 3 == 0);
    // 8 vertices, 2 rings: a triangulation of a polygon with h holes and n vertices has n + 2h - 2.
    CHECK(t.size() / 3 == 8);
    CHECK(triangles_area(t) == Approx(12.0).epsilon(1e-12));
    Polygon hole;
    hole.rings = {p.rings[1]};
    for (std::size_t i = 0; i < t.size(); i += 3) {
        CHECK(contains(p, centroid(&t[i])));
        CHECK_FALSE(contains(hole, centroid(&t[i])));
    }
}

TEST_CASE("a concave polygon's triangles stay inside it", "[triangulate]") {
    // An L: the square (0,0)-(4,4) without (2,2)-(4,4); open ring (closed by the adapter).
    Polygon l;
    l.rings = {{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}}};
    const std::vector<Vec2> t = triangulate({l});
    REQUIRE(t.size() % 3 == 0);
    CHECK(t.size() / 3 == 4);  // 6 vertices, no hole
    CHECK(triangles_area(t) == Approx(12.0).epsilon(1e-12));
    for (std::size_t i = 0; i < t.size(); i += 3) CHECK(contains(l, centroid(&t[i])));
}

TEST_CASE("degenerate input gives no triangles", "[triangulate]") {
    CHECK(triangulate({}).empty());
    Polygon line;
    line.rings = {{{0, 0}, {1, 1}}};
    CHECK(triangulate({line}).empty());
}

TEST_CASE("label_point lies inside the largest polygon", "[triangulate]") {
    Polygon small, l;
    small.rings = {{{10, 10}, {11, 10}, {11, 11}, {10, 11}, {10, 10}}};
    l.rings = {{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}, {0, 0}}};
    const Vec2 p = label_point({small, l});
    CHECK(contains(l, p));
    CHECK(label_point({}) == Vec2{});
}

TEST_CASE("contains: even-odd over rings, holes excluded", "[geometry]") {
    Polygon p;
    p.rings = {{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}};
    CHECK(contains(p, {0.5, 0.5}));
    CHECK_FALSE(contains(p, {2, 2}));
    CHECK_FALSE(contains(p, {5, 2}));
    CHECK(contains(std::vector<Polygon>{p}, {3.5, 2}));
    CHECK(ring_area(p.rings[0]) == Approx(16.0));
    CHECK(ring_area(p.rings[1]) == Approx(4.0));
}

TEST_CASE("triangulate_all gives each job triangulate's own triangles, on any number of threads", "[triangulate]") {
    // Polygons of different sizes (an L, a square with a hole, a many-sided star, nothing), so that
    // the threads get unequal shares.
    Polygon l, holed, star;
    l.rings = {{{0, 0}, {4, 0}, {4, 2}, {2, 2}, {2, 4}, {0, 4}, {0, 0}}};
    holed.rings = {{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}};
    std::vector<Vec2> ring;
    for (int k = 0; k < 400; ++k) {
        const double a = 2 * 3.14159265358979 * k / 400, r = k % 2 ? 5.0 : 9.0;
        ring.push_back({r * std::cos(a), r * std::sin(a)});
    }
    ring.push_back(ring.front());
    star.rings = {ring};
    const std::vector<std::vector<Polygon>> inputs = {{l}, {holed}, {star}, {}, {l, holed}, {star, l}};
    for (unsigned threads : {1u, 2u, 3u, 16u}) {
        INFO(threads << " threads");
        std::vector<std::vector<Vec2>> out(inputs.size(), std::vector<Vec2>{{-1, -1}});  // overwritten
        std::vector<TriangulationJob> jobs;
        for (std::size_t i = 0; i < inputs.size(); ++i) jobs.push_back({&inputs[i], &out[i]});
        triangulate_all(jobs, threads);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            INFO("job " << i);
            CHECK(out[i] == triangulate(inputs[i]));
        }
    }
    CHECK_FALSE(triangulate({star}).empty());  // the comparison is not between two empty lists
    triangulate_all({}, 2);                     // no jobs: nothing to do
}

TEST_CASE("the shipped world's countries are ear clipped, every one covered exactly once", "[triangulate][issue11]") {
    // Natural Earth's countries as qantar ships them (geodata/world): 241 countries, ~99,000 points,
    // rings of up to 11,573. Ear clipping must take them all (GEOS's constrained Delaunay was ~10x
    // slower), and its triangles must cover each country exactly: their area is the country's, and
    // random points in a country's box lie in one triangle when inside it, in none outside.
    const std::vector<ContextFeature> countries = read_world_countries(QANTAR_SOURCE_DIR "/geodata/world");
    REQUIRE(countries.size() > 200);
    std::size_t clipped = 0, polygons = 0;
    std::mt19937_64 rng(11);
    for (const ContextFeature& c : countries) {
        INFO(c.name_en);
        double want = 0;
        for (const Polygon& p : c.polygons_deg) {
            ++polygons;
            std::vector<Vec2> own;
            if (ear_clip(p, own)) ++clipped;
            for (std::size_t r = 0; r < p.rings.size(); ++r) want += (r == 0 ? 1 : -1) * ring_area(p.rings[r]);
        }
        const std::vector<Vec2> t = triangulate(c.polygons_deg);
        CHECK(triangles_area(t) == Approx(want).epsilon(1e-9));
        // Points: 200 per country in its polygons' box.
        Vec2 lo{1e9, 1e9}, hi{-1e9, -1e9};
        for (const Polygon& p : c.polygons_deg)
            for (const Vec2& v : p.rings[0]) lo = {std::min(lo.x, v.x), std::min(lo.y, v.y)}, hi = {std::max(hi.x, v.x), std::max(hi.y, v.y)};
        std::uniform_real_distribution<double> ux(lo.x, hi.x), uy(lo.y, hi.y);
        int wrong = 0;
        for (int i = 0; i < 200; ++i) {
            const Vec2 q{ux(rng), uy(rng)};
            int hits = 0;
            for (std::size_t k = 0; k + 2 < t.size(); k += 3) {
                const auto side = [&](const Vec2& a, const Vec2& b) { return (b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x); };
                const double s0 = side(t[k], t[k + 1]), s1 = side(t[k + 1], t[k + 2]), s2 = side(t[k + 2], t[k]);
                if ((s0 > 0 && s1 > 0 && s2 > 0) || (s0 < 0 && s1 < 0 && s2 < 0)) ++hits;
            }
            if (hits != (contains(c.polygons_deg, q) ? 1 : 0)) ++wrong;
        }
        CHECK(wrong == 0);
    }
    CHECK(polygons > 1000);
    CHECK(clipped == polygons);
}
