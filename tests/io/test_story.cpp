// The story file (story.hpp) and the camera path (camera_path.hpp).
#include "core/camera_path.hpp"
#include "core/error.hpp"
#include "io/load.hpp"
#include "story_categories.hpp"
#include "core/story.hpp"
#include "io/story_loader.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace qantar;
namespace fs = std::filesystem;

namespace {

// A small dataset by hand: two cities and one region, positions in metres.
Dataset tiny_dataset() {
    Dataset d;
    City almaty;
    almaty.city_id = "almaty";
    almaty.name_en = "Almaty";
    almaty.pos_m = {800'000, -500'000};
    City zhanaozen;
    zhanaozen.city_id = "zhanaozen";
    zhanaozen.name_en = "Zhanaozen";
    zhanaozen.pos_m = {-1'200'000, -400'000};
    d.cities = {almaty, zhanaozen};
    Region man;
    man.region_id = "KZ-MAN";
    man.name_en = "Mangystau";
    man.label_m = {-1'300'000, -300'000};
    d.regions = {man};
    // The country's extent (zoom 1), roughly Kazakhstan's in the default projection.
    Polygon outline;
    outline.rings = {{{-1.5e6, -0.9e6}, {1.5e6, -0.9e6}, {1.5e6, 0.9e6}, {-1.5e6, 0.9e6}, {-1.5e6, -0.9e6}}};
    d.national_outline.polygons_m = {outline};
    return d;
}

std::string write_story(const std::string& name, const std::string& body) {
    const fs::path dir = fs::temp_directory_path() / ("qantar-test-story-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p) << "beat,at,target,zoom,caption,source_keys,hold_seconds\n" << body;
    return p.string();
}

std::string load_error(const std::string& path, const Dataset& d) {
    try {
        load_story(path, d);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a small story loads and resolves its targets", "[story]") {
    const Dataset d = tiny_dataset();
    const std::string path = write_story("ok.csv",
                                         "a,2022-01-02T09:00+05:00,zhanaozen,6,\"Drivers block a road, then more\",R1;R3,\n"
                                         "b,2022-01-03T09:00+05:00,Mangystau,3,The region,R15,2.5\n"
                                         "c,2022-01-05T15:00+06:00,\"46.5,40.5,87.5,55.5\",,Whole country,R5,\n");
    const Story s = load_story(path, d);
    REQUIRE(s.beats.size() == 3);
    CHECK(s.beats[0].target.kind == CameraTarget::Kind::City);
    CHECK(s.beats[0].centre_m == d.cities[1].pos_m);
    CHECK(s.beats[0].caption.en == "Drivers block a road, then more");
    CHECK(s.beats[0].line == 2);
    CHECK_FALSE(s.beats[0].hold_s);
    CHECK(s.beats[1].target.kind == CameraTarget::Kind::Region);
    CHECK(s.beats[1].centre_m == d.regions[0].label_m);
    CHECK(s.beats[1].hold_s == Approx(2.5));
    CHECK(s.beats[2].target.kind == CameraTarget::Kind::BBox);
    CHECK(s.beats[2].zoom == Approx(1.0).epsilon(0.25));  // the whole country's bbox
    CHECK(s.beats[2].line == 4);
}

TEST_CASE("story errors are one line naming file, line and field", "[story]") {
    const Dataset d = tiny_dataset();
    SECTION("unknown city") {
        const std::string path = write_story("unknown.csv",
                                             "a,2022-01-02T09:00+05:00,zhanaozen,6,One,R1,\n"
                                             "b,2022-01-03T09:00+05:00,Atlantis,6,Two,R1,\n");
        const std::string msg = load_error(path, d);
        CHECK(msg.find(path + ": line 3: field 'target': unknown city or region 'Atlantis'") == 0);
        CHECK(msg.find("almaty") != std::string::npos);
        CHECK(msg.find("KZ-MAN") != std::string::npos);
        CHECK(msg.find('\n') == std::string::npos);
    }
    SECTION("beat out of order") {
        const std::string path = write_story("order.csv",
                                             "a,2022-01-03T09:00+05:00,zhanaozen,6,One,R1,\n"
                                             "b,2022-01-02T09:00+05:00,almaty,6,Two,R1,\n");
        const std::string msg = load_error(path, d);
        CHECK(msg.find(path + ": line 3: field 'at': beat out of order") == 0);
        CHECK(msg.find('\n') == std::string::npos);
    }
    SECTION("missing caption") {
        const std::string path = write_story("caption.csv",
                                             "a,2022-01-02T09:00+05:00,zhanaozen,6,One,R1,\n"
                                             "b,2022-01-03T09:00+05:00,almaty,6,,R1,\n");
        CHECK(load_error(path, d).find(path + ": line 3: field 'caption': missing caption") == 0);
    }
    SECTION("bad time") {
        const std::string path = write_story("time.csv", "a,2022-01-02 morning,zhanaozen,6,One,R1,\n");
        CHECK(load_error(path, d).find(path + ": line 2: field 'at': bad time") == 0);
    }
    SECTION("bad zoom") {
        const std::string path = write_story("zoom.csv", "a,2022-01-02T09:00+05:00,zhanaozen,x2,One,R1,\n");
        CHECK(load_error(path, d).find(path + ": line 2: field 'zoom': bad zoom") == 0);
    }
    SECTION("bad bbox") {
        const std::string path = write_story("bbox.csv", "a,2022-01-02T09:00+05:00,\"60,50,50,55\",,One,R1,\n");
        CHECK(load_error(path, d).find(path + ": line 2: field 'target': bad bbox") == 0);
    }
}

TEST_CASE("the bundled January 2022 story loads against the bundled data", "[story][geodata]") {
    const LoadOptions o = test::bundled_options();
    const Dataset d = load_dataset(o);
    const Story s = load_story(story_beats_path(o), d);
    REQUIRE(s.beats.size() >= 9);
    for (std::size_t i = 0; i < s.beats.size(); ++i) {
        INFO("beat " << s.beats[i].id);
        CHECK_FALSE(s.beats[i].caption.empty());
        CHECK_FALSE(s.beats[i].source_keys.empty());
        CHECK(s.beats[i].caption.en.size() < 400);
        if (i) CHECK(s.beats[i - 1].at.utc_s <= s.beats[i].at.utc_s);
    }
    CHECK(s.beats.front().at.utc_s == parse_iso8601("2022-01-01T00:00+05:00")->utc_s);
}

TEST_CASE("eases go from 0 to 1 monotonically", "[camera]") {
    for (auto ease : {&smoothstep, &ease_in_out_cubic}) {
        CHECK(ease(0) == 0);
        CHECK(ease(1) == 1);
        CHECK(ease(0.5) == Approx(0.5));
        CHECK(ease(-1) == 0);
        CHECK(ease(2) == 1);
        double prev = 0;
        for (int i = 1; i <= 1000; ++i) {
            const double v = ease(i / 1000.0);
            CHECK(v >= prev);
            prev = v;
        }
    }
}

TEST_CASE("camera flights start and end exactly at the views and move one way", "[camera]") {
    const View a{{-1'200'000, -400'000}, 7}, b{{800'000, -500'000}, 10};
    const double W = 3.0e6;
    for (FlightStyle style : {FlightStyle::Direct, FlightStyle::VanWijk}) {
        CHECK(interpolate_view(a, b, 0, W, style).centre_m == a.centre_m);
        CHECK(interpolate_view(a, b, 1, W, style).centre_m == b.centre_m);
        CHECK(interpolate_view(a, b, 1, W, style).zoom == b.zoom);
        const View m1 = interpolate_view(a, b, 1e-9, W, style), m2 = interpolate_view(a, b, 1 - 1e-9, W, style);
        CHECK(m1.centre_m.x == Approx(a.centre_m.x).margin(1));
        CHECK(m2.centre_m.x == Approx(b.centre_m.x).margin(1));
        CHECK(m2.zoom == Approx(b.zoom).epsilon(1e-6));
        double prev_x = a.centre_m.x;
        for (int i = 1; i <= 200; ++i) {
            const View v = interpolate_view(a, b, i / 200.0, W, style);
            CHECK(v.centre_m.x >= prev_x - 1e-6);  // the pan never goes back
            prev_x = v.centre_m.x;
        }
    }
    // Direct: zoom in log space, so halfway is the geometric mean.
    CHECK(interpolate_view(a, b, 0.5, W, FlightStyle::Direct).zoom == Approx(std::sqrt(70.0)));
    // van Wijk: a long hop between two close-ups zooms out on the way.
    CHECK(interpolate_view(a, b, 0.5, W, FlightStyle::VanWijk).zoom < 7);
    // Same place, different zoom: a pure zoom, monotonic.
    double prev = 1;
    for (int i = 1; i <= 100; ++i) {
        const double z = interpolate_view({{0, 0}, 1}, {{0, 0}, 8}, i / 100.0, W).zoom;
        CHECK(z >= prev);
        prev = z;
    }
}

namespace {
Story three_beats() {
    Story s;
    auto beat = [](const char* at, Vec2 c, double zoom) {
        Beat b;
        b.at = *parse_iso8601(at);
        b.centre_m = c;
        b.zoom = zoom;
        b.caption.en = "x";
        return b;
    };
    s.beats = {beat("2022-01-02T00:00+06:00", {0, 0}, 1), beat("2022-01-04T00:00+06:00", {1e6, 0}, 4),
               beat("2022-01-04T01:00+06:00", {1e6, 1e5}, 8)};
    s.beats[2].hold_s = 1.0;
    return s;
}
}  // namespace

TEST_CASE("the story schedule holds at beats and plays time between them", "[camera]") {
    const Story story = three_beats();
    ScheduleOptions o;
    o.seconds_per_day = 3;
    o.hold_s = 4;
    o.min_flight_s = 2;
    o.style = FlightStyle::Direct;
    const StorySchedule s(story, o);
    // hold 4, flight 2 days × 3 s = 6, hold 4, flight max(1/24 × 3, 2) = 2, hold 1.
    CHECK(s.hold_start_s(0) == 0);
    CHECK(s.flight_start_s(0) == 4);
    CHECK(s.hold_start_s(1) == Approx(10));
    CHECK(s.hold_start_s(2) == Approx(16));
    CHECK(s.duration_s() == Approx(17));

    const CameraFrame f0 = s.at(2);
    CHECK(f0.holding);
    CHECK(f0.beat == 0);
    CHECK(f0.t_utc_s == static_cast<double>(story.beats[0].at.utc_s));
    const CameraFrame mid = s.at(7);  // halfway through the first flight: one day of data later
    CHECK_FALSE(mid.holding);
    CHECK(mid.t_utc_s == Approx(static_cast<double>(story.beats[0].at.utc_s) + 86400.0));
    CHECK(mid.centre_m.x == Approx(5e5));  // cubic ease-in-out is symmetric
    const CameraFrame at1 = s.at(10);
    CHECK(at1.holding);
    CHECK(at1.beat == 1);
    CHECK(at1.centre_m == story.beats[1].centre_m);
    CHECK(s.at(100).beat == 2);  // clamped at the end
    CHECK(s.at_looped(17 + 2).beat == 0);

    double prev_t = 0;
    for (int i = 0; i <= 170; ++i) {
        const double t = s.at(i / 10.0).t_utc_s;
        CHECK(t >= prev_t);
        prev_t = t;
    }
}

TEST_CASE("the presenter holds until next, and autoplay advances alone", "[camera]") {
    const Story story = three_beats();
    const StorySchedule s(story, ScheduleOptions{});
    StoryPlayer manual(s, false, false, 100.0);
    CHECK(manual.frame(1000).beat == 0);  // holds forever
    CHECK(manual.frame(1000).holding);
    manual.next(1000);                    // starts the flight to beat 1
    CHECK_FALSE(manual.frame(1001).holding);
    CHECK(manual.frame(5000).beat == 1);  // arrives and holds
    CHECK(manual.frame(5000).holding);
    manual.next(5000);
    manual.next(5000.5);                  // a second press during the flight finishes it
    CHECK(manual.frame(5000.5).beat == 2);
    manual.previous(5001);
    CHECK(manual.frame(5001).beat == 1);
    manual.home(5002);
    CHECK(manual.frame(9999).beat == 0);
    // Right during a flight is not swallowed: it flies on from the beat it was flying to.
    StoryPlayer quick(s, false, false, 0.0);
    quick.next(10);
    REQUIRE_FALSE(quick.frame(10.2).holding);
    quick.next(10.2);
    const CameraFrame on = quick.frame(10.3);
    CHECK_FALSE(on.holding);
    CHECK(on.beat == 1);                   // flying from beat 1 ...
    CHECK(quick.frame(9999).beat == 2);    // ... to beat 2
    CHECK(quick.frame(9999).holding);

    StoryPlayer autoplay(s, true, false, 0.0);
    CHECK(autoplay.frame(s.hold_start_s(1) + 0.1).beat == 1);
    CHECK_FALSE(autoplay.finished(s.duration_s() - 0.1));
    CHECK(autoplay.finished(s.duration_s() + 0.1));
    StoryPlayer looping(s, true, true, 0.0);
    CHECK(looping.frame(s.duration_s() + 1.0).beat == 0);
    CHECK_FALSE(looping.finished(1e6));
}
