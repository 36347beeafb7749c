// Renderer logic without a display: label placement, camera transforms, playback, marker look.
#include "render/aa_geometry.hpp"
#include "render/camera.hpp"
#include "render/event_layer.hpp"
#include "render/event_style.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/options.hpp"
#include "render/playback.hpp"
#include "render/presenter_look.hpp"

#include "bundled.hpp"

#include "core/error.hpp"
#include "core/timeline.hpp"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include <random>

using namespace qantar;
using namespace qantar::render;

TEST_CASE("placed labels never overlap each other or obstacles", "[render][labels]") {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> x(0, 800), y(0, 500), w(30, 140);
    std::vector<LabelRequest> req;
    for (int i = 0; i < 300; ++i) req.push_back({x(rng), y(rng), w(rng), 14, 5, static_cast<double>(i % 17)});
    std::vector<Box> obstacles{{0, 0, 200, 80}, {600, 420, 200, 80}};
    Box bounds{0, 0, 800, 500};
    auto out = place_labels(req, obstacles, bounds, 2);
    REQUIRE(out.size() == req.size());
    int placed = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!out[i].placed) continue;
        ++placed;
        const Box& a = out[i].box;
        CHECK(a.left >= 0);
        CHECK(a.right() <= 800);
        for (const Box& o : obstacles) CHECK_FALSE(overlaps(a, o));
        for (std::size_t j = i + 1; j < out.size(); ++j)
            if (out[j].placed) CHECK_FALSE(overlaps(a, out[j].box, 2));
    }
    CHECK(placed > 30);
}

TEST_CASE("the label with the higher priority wins a contested spot", "[render][labels]") {
    // Two anchors so close that only one label fits within the bounds.
    std::vector<LabelRequest> req{{20, 10, 40, 12, 4, 1}, {22, 10, 40, 12, 4, 5}};
    auto out = place_labels(req, {}, Box{0, 0, 100, 20});
    CHECK(out[1].placed);
    CHECK(out[1].box.left == Approx(26));  // to the right of its anchor
    CHECK_FALSE(out[0].placed);
}

TEST_CASE("camera transforms are inverse and fit the bounds", "[render][camera]") {
    MapBounds b;
    b.add({-1'500'000, -800'000});
    b.add({1'500'000, 800'000});
    ScreenSize s{960, 540};
    Camera c = fit_camera(b, s, {10, 20, 30, 40});
    Vec2 lo = map_to_screen(c, s, b.min_m), hi = map_to_screen(c, s, b.max_m);
    CHECK(lo.x >= 10 - 1e-6);
    CHECK(hi.x <= 930 + 1e-6);
    CHECK(hi.y >= 20 - 1e-6);  // north is up: max y is at the top
    CHECK(lo.y <= 500 + 1e-6);
    Vec2 p{123456, -65432};
    Vec2 back = screen_to_map(c, s, map_to_screen(c, s, p));
    CHECK(back.x == Approx(p.x).margin(1e-6));
    CHECK(back.y == Approx(p.y).margin(1e-6));
    // Zooming keeps the point under the cursor in place.
    Vec2 cursor{700, 200};
    Vec2 under = screen_to_map(c, s, cursor);
    Camera z = zoom_at(c, s, cursor, 2.5);
    Vec2 again = map_to_screen(z, s, under);
    CHECK(again.x == Approx(cursor.x).margin(1e-6));
    CHECK(again.y == Approx(cursor.y).margin(1e-6));
    CHECK(z.px_per_m == Approx(c.px_per_m * 2.5));
    Camera m = lerp_camera(c, z, 0.5);
    CHECK(m.px_per_m == Approx(c.px_per_m * std::sqrt(2.5)));
}

TEST_CASE("playing in steps reaches the same frame time as seeking", "[render][playback]") {
    const double t0 = 1641081600;  // 2022-01-02T00:00Z
    Playback played;
    played.start_utc_s = t0;
    played.end_utc_s = t0 + 19 * 86400.0;
    played.t_utc_s = t0;
    played.seconds_per_day = 3;
    for (int i = 0; i < 90; ++i) played.advance(1.0 / 60.0);  // 1.5 s of real time = half a day
    Playback sought = played;
    sought.seek(t0 + 43200);
    CHECK(frame_time(played.t_utc_s) == frame_time(sought.t_utc_s));
    played.advance(1e6);
    CHECK(played.t_utc_s == played.end_utc_s);
    CHECK_FALSE(played.playing);
    played.faster();
    CHECK(played.seconds_per_day == 1.5);
}

TEST_CASE("markers appear at their start, pulse, and fade into a trail", "[render][style]") {
    EventMark m;
    m.start_utc_s = 1000;
    m.end_utc_s = 1000 + 12 * 3600.0;
    CHECK_FALSE(mark_look(m, 999, 86400, 1).visible);
    MarkLook start = mark_look(m, 1000 + 3600, 86400, 1);
    CHECK(start.visible);
    CHECK(start.ring > 0);
    MarkLook late = mark_look(m, m.end_utc_s - 1, 86400, 1);
    CHECK(late.ring < 0);
    CHECK(late.glow < start.glow);
    MarkLook trail = mark_look(m, m.end_utc_s + 20 * 3600.0, 86400, 1);
    CHECK(trail.visible);
    CHECK(trail.core < late.core);
    CHECK_FALSE(mark_look(m, m.end_utc_s + 25 * 3600.0 + 3600, 86400, 1).visible);
    CHECK(mark_look(m, m.end_utc_s + 30 * 86400.0, 0, 1).visible);  // cumulative keeps it
    CHECK(size_level_for(100000, std::nullopt) > size_level_for(100, std::nullopt));
    CHECK(size_level_for(std::nullopt, 10) > size_level_for(std::nullopt, std::nullopt));
}

TEST_CASE("sizes and moments from the command line", "[render][options]") {
    CHECK(parse_size("960x540").width_px == 960);
    CHECK_THROWS_AS(parse_size("960"), UsageError);
    CHECK_THROWS_AS(parse_size("0x10"), UsageError);
    CHECK(parse_moment("2022-01-05T18:00+06:00", 0) == Approx(1641384000));
    CHECK(parse_moment("2022-01-05T18:00", 6 * 3600) == Approx(1641384000));
    CHECK_THROWS_AS(parse_moment("yesterday", 0), UsageError);
}

TEST_CASE("the shader gets the marker curve's constants from event_style.hpp", "[render][style]") {
    const std::string src = event_vertex_shader_source("// comment\n#version 120\nvoid main() {}\n");
    CHECK(src.rfind("// comment\n#version 120\nconst float kPulse = 180.0;\n", 0) == 0);
    CHECK(src.find("const float kExtent = 3.2;\n") != std::string::npos);
    CHECK(src.find("const float kBaseRadius = 6.0;\n") != std::string::npos);
    CHECK(src.find("const float kVisibleMin = 0.003;\n") != std::string::npos);
    CHECK(src.find("void main() {}") > src.find("kVisibleMin"));
    CHECK(kPulseS == 3 * 3600.0);
    CHECK(kShrinkS == 3600.0);
}

TEST_CASE("an event outside every region is drawn where it is, a nationwide one at the capital", "[render][issue10]") {
    Dataset d;
    d.categories.push_back(CategoryDef{});  // one category: every event's index 0
    City capital;
    capital.city_id = "cap";
    capital.name_en = "Capital";
    capital.is_capital = true;
    capital.pos_m = {100, 200};
    d.cities.push_back(capital);
    Event at_sea;
    at_sea.event_id_cnty = "SEA1";
    at_sea.pos_m = {-5000, 7000};
    at_sea.start = {1000, 0};
    Event nationwide = at_sea;
    nationwide.event_id_cnty = "NAT1";
    nationwide.location = "Somewhere (nationwide)";
    d.events = {at_sea, nationwide};
    const Timeline tl(d);
    const std::vector<EventMark> marks = event_marks_for(tl);
    REQUIRE(marks.size() == 2);
    CHECK(marks[0].pos_m == Vec2{-5000, 7000});
    CHECK(marks[0].city == -1);
    CHECK(marks[1].pos_m == Vec2{100, 200});
    CHECK(marks[1].city == 0);
}

TEST_CASE("size-by values size the markers on a log scale", "[render][issue10]") {
    Dataset d;
    d.categories.push_back(CategoryDef{});  // one category: every event's index 0
    for (double v : {1.0, 10.0, 100.0, 1000.0}) {
        Event e;
        e.event_id_cnty = "E" + std::to_string(static_cast<int>(v));
        e.start = {static_cast<std::int64_t>(v), 0};
        e.size_value = v;
        d.events.push_back(e);
    }
    const Timeline tl(d);
    const std::vector<EventMark> marks = event_marks_for(tl);
    REQUIRE(marks.size() == 4);
    CHECK(marks[0].size_level == 8);   // the smallest
    CHECK(marks[3].size_level == 52);  // the largest
    CHECK(marks[1].size_level < marks[2].size_level);
    // Equal steps in log(1 + v): 10 -> (log 11 - log 2) / (log 1001 - log 2) of the way.
    CHECK(marks[1].size_level == static_cast<int>(std::lround(8 + 44 * (std::log1p(10.0) - std::log1p(1.0)) /
                                                                     (std::log1p(1000.0) - std::log1p(1.0)))));
}

TEST_CASE("marker fill: the pixels the quads cover decide between the markers and the density grid", "[render][issue11]") {
    // One mark, lit (an hour into a 6-hour event, its pulse ring still running): its quad is
    // (2 * radius * kGlowExtent)^2 pixels.
    EventMark m;
    m.pos_m = {0, 0};
    m.start_utc_s = 0;
    m.end_utc_s = 6 * 3600;
    m.size_level = 20;
    const double t = 3600, px_scale = 0.5;  // small markers: more of them than kGridFrom fit
    const sf::Vector2f target(1280.f, 720.f);
    const MarkLook k = mark_look(m, t, 86400, px_scale);
    REQUIRE(k.visible);
    const double side = 2 * k.radius_px * kGlowExtent;
    EventLayer one({m}, {0, 0}, nullptr);
    CHECK(one.fill_px(t, 86400, px_scale) == Approx(side * side));
    CHECK_FALSE(one.dense_at(t, 86400, px_scale, target));

    // Up to kFillBudget screens: the markers; one more mark: the grid. Before the first mark
    // starts, nothing is filled.
    const double screen = 1280.0 * 720.0;
    const auto fits = static_cast<std::size_t>(EventLayer::kFillBudget * screen / (side * side));
    REQUIRE(fits > EventLayer::kGridFrom);
    EventLayer under(std::vector<EventMark>(fits, m), {0, 0}, nullptr);
    CHECK(under.fill_px(t, 86400, px_scale) == Approx(static_cast<double>(fits) * side * side));
    CHECK_FALSE(under.dense_at(t, 86400, px_scale, target));
    EventLayer over(std::vector<EventMark>(fits + 1, m), {0, 0}, nullptr);
    CHECK(over.dense_at(t, 86400, px_scale, target));
    CHECK_FALSE(over.dense_at(-10, 86400, px_scale, target));
    // The same marks on a screen twice as large (and markers twice as large): the same choice.
    CHECK(over.dense_at(t, 86400, 2 * px_scale, {2560.f, 1440.f}));
    // Past kDenseThreshold candidates: the grid without measuring.
    EventMark dot = m;
    dot.size_level = 0;
    EventLayer many(std::vector<EventMark>(EventLayer::kDenseThreshold + 1, dot), {0, 0}, nullptr);
    CHECK(many.dense_at(t, 86400, 0.01, target));
}

TEST_CASE("the bundled story's markers never give way to the density grid (its frames stay as they were)", "[render][issue11]") {
    const Timeline& tl = *qantar::test::bundled_data().timeline;
    EventLayer layer(event_marks_for(tl), {0, 0}, nullptr);
    const double t0 = animation_start_utc_s(tl), t1 = animation_end_utc_s(tl);
    int frames = 0;
    double most = 0;
    for (const ScreenSize size : {ScreenSize{1280, 720}, ScreenSize{1920, 1080}, ScreenSize{640, 360}})
        for (double hud : {1.0, kPresenterHudScale})
            for (double window_s : {86400.0, 0.0})
                for (double t = t0; t <= t1; t += 900) {
                    const sf::Vector2f px(static_cast<float>(size.width_px), static_cast<float>(size.height_px));
                    CHECK_FALSE(layer.dense_at(t, window_s, ui_scale(size) * hud, px));
                    most = std::max(most, layer.fill_px(t, window_s, ui_scale(size) * hud) / (px.x * px.y));
                    ++frames;
                }
    CHECK(frames > 1000);
    INFO("the most a frame of the bundled story fills: " << most << " screens");
    CHECK(most < EventLayer::kFillBudget / 2);  // well inside
}

namespace {
float distance_to(sf::Vector2f p, sf::Vector2f a, sf::Vector2f b) {
    const sf::Vector2f ab = b - a, ap = p - a;
    const float len2 = ab.x * ab.x + ab.y * ab.y;
    const float t = len2 > 0 ? std::clamp((ap.x * ab.x + ap.y * ab.y) / len2, 0.0f, 1.0f) : 0.0f;
    const sf::Vector2f d = ap - ab * t;
    return std::hypot(d.x, d.y);
}
}  // namespace

TEST_CASE("borders simplified for the scale: known answers, and no point farther than the tolerance", "[render][issue11]") {
    using qantar::render::Polyline;
    using qantar::render::simplified;
    auto pts = [](const Polyline& l) {
        std::vector<std::pair<float, float>> v;
        for (auto p : l.pts) v.emplace_back(p.x, p.y);
        return v;
    };
    using P = std::vector<std::pair<float, float>>;
    // Open: (1, 0.1) is 0.1 from (0,0)-(2,0); (2, 0) is 1.1 from (0,0)-(3,2): kept.
    const Polyline open{{{0, 0}, {1, 0.1f}, {2, 0}, {3, 2}, {4, 0}}, false};
    CHECK(pts(simplified(open, 0.5f)) == P{{0, 0}, {2, 0}, {3, 2}, {4, 0}});
    CHECK(pts(simplified(open, 0.05f)) == pts(open));  // every point farther than the tolerance
    CHECK(pts(simplified(open, 0)) == pts(open));
    CHECK(pts(simplified(open, 10)) == P{{0, 0}, {4, 0}});  // the ends stay
    // A ring keeps its first point and the one farthest from it; a ring within the tolerance stays whole.
    const Polyline square{{{0, 0}, {5, 0.1f}, {10, 0}, {10, 10}, {0, 10}}, true};
    const Polyline s = simplified(square, 0.5f);
    CHECK(s.closed);
    CHECK(pts(s) == P{{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    const Polyline speck{{{0, 0}, {0.1f, 0}, {0.1f, 0.1f}, {0, 0.1f}}, true};
    CHECK(pts(simplified(speck, 1)) == pts(speck));
    // A random walk: every point left out lies within the tolerance of the simplified line.
    std::mt19937 rng(11);
    std::normal_distribution<float> step(0, 1);
    for (bool closed : {false, true}) {
        Polyline walk;
        walk.closed = closed;
        sf::Vector2f p{0, 0};
        for (int k = 0; k < 2000; ++k) walk.pts.push_back(p += sf::Vector2f(step(rng) + 0.3f, step(rng)));
        for (float tol : {0.25f, 1.0f, 4.0f}) {
            INFO("closed " << closed << ", tolerance " << tol);
            const Polyline r = simplified(walk, tol);
            CHECK(r.pts.size() < walk.pts.size());
            CHECK(r.pts.front() == walk.pts.front());
            if (!closed) CHECK(r.pts.back() == walk.pts.back());
            std::vector<sf::Vector2f> line = r.pts;
            if (closed) line.push_back(line.front());
            float worst = 0;
            for (auto q : walk.pts) {
                float d = 1e30f;
                for (std::size_t k = 0; k + 1 < line.size(); ++k) d = std::min(d, distance_to(q, line[k], line[k + 1]));
                worst = std::max(worst, d);
            }
            CHECK(worst <= tol * 1.0001f);
        }
    }
}

TEST_CASE("unique_segments draws a border two rings share once, and the rest of each ring", "[render][geometry]") {
    // Two unit squares side by side (in metres) share the edge x = 1; a third ring repeats the first.
    const std::vector<sf::Vector2f> left{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    const std::vector<sf::Vector2f> right{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}};
    const std::vector<Polyline> out = unique_segments({left, right, left});
    std::size_t segments = 0;
    for (const auto& l : out) segments += l.closed ? l.pts.size() : l.pts.size() - 1;
    CHECK(segments == 7);  // 4 + 4 - the shared one; the repeated ring adds nothing
    REQUIRE(out.size() == 2);
    CHECK(out[0].closed);  // the first ring whole
    CHECK(out[0].pts.size() == 4);
    CHECK_FALSE(out[1].closed);  // the second without its shared edge: (1,1) -> (1,0) is left out
    REQUIRE(out[1].pts.size() == 4);
    CHECK(out[1].pts.front() == sf::Vector2f(1, 0));
    CHECK(out[1].pts.back() == sf::Vector2f(1, 1));
}
