// Rendering with OpenGL: golden images, the shader fallback, play vs seek. Tagged [display]: they
// need an X display (scripts/test.sh runs them under xvfb-run) and pass with a warning without one.
//
// QANTAR_UPDATE_GOLDEN=1 rewrites tests/golden/*.png instead of comparing (scripts/update-golden.sh).
#include "render/playback.hpp"
#include "render/panel.hpp"
#include "render/renderer.hpp"
#include "render/warm_up.hpp"

#include "io/load.hpp"
#include "story_categories.hpp"
#include "core/timeline.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"

#include <SFML/Graphics.hpp>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

using namespace qantar;
using namespace qantar::render;

namespace {

constexpr unsigned kW = 960, kH = 540;

using qantar::test::have_display;

struct Fixture {
    Dataset data;
    std::unique_ptr<Timeline> timeline;
    sf::RenderTexture rt;
    Fixture() {
        LoadOptions o = test::bundled_options();
        data = load_dataset(o);
        timeline = std::make_unique<Timeline>(data);
        sf::ContextSettings cs;
        cs.antialiasingLevel = 0;  // as the window, stills and video (feathered geometry)
        REQUIRE(rt.create(kW, kH, cs));
    }
    std::unique_ptr<Renderer> renderer(bool shaders) {
        RendererConfig c = renderer_config_from_env();  // as the shells: QANTAR_NO_SHADERS applies
        c.shader_dir = QANTAR_SOURCE_DIR "/shaders";
        c.allow_shaders = shaders && c.allow_shaders;
        return std::make_unique<Renderer>(*timeline, c);
    }
    sf::Image frame(Renderer& r, double t) {
        FrameParams p;
        p.t_utc_s = t;
        p.size = {kW, kH};
        p.camera = r.home_camera(p.size);
        r.draw(rt, p);
        rt.display();
        return rt.getTexture().copyToImage();
    }
};

struct Diff {
    double mean_abs = 0;        // over all channels, 0..255
    double differing_pct = 0;   // pixels with any channel off by more than 24
};

Diff compare(const sf::Image& a, const sf::Image& b) {
    Diff d;
    if (a.getSize() != b.getSize()) return {255, 100};
    const sf::Uint8* pa = a.getPixelsPtr();
    const sf::Uint8* pb = b.getPixelsPtr();
    std::size_t n = std::size_t{a.getSize().x} * a.getSize().y;
    double sum = 0;
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            int v = std::abs(int{pa[i * 4 + c]} - int{pb[i * 4 + c]});
            sum += v;
            worst = std::max(worst, v);
        }
        if (worst > 24) ++bad;
    }
    d.mean_abs = sum / (3.0 * static_cast<double>(n));
    d.differing_pct = 100.0 * static_cast<double>(bad) / static_cast<double>(n);
    return d;
}

// One dataset and one offscreen target for every test (fewer OpenGL contexts and X connections).
Fixture& fixture() {
    static Fixture f;
    return f;
}

double at(const char* iso) {
    return static_cast<double>(parse_iso8601(iso)->utc_s);
}

// A frame drawn into the fixture's target and read back.
sf::Image shot(Renderer& r, Fixture& f, const FrameParams& p) {
    r.draw(f.rt, p);
    f.rt.display();
    return f.rt.getTexture().copyToImage();
}

// Home, zoomed in 6x, zoomed out 4x, home again: the strips built ahead, rebuilt larger, more of
// them, and built ahead again.
std::vector<Camera> zoom_cameras(const Camera& home) {
    std::vector<Camera> cameras{home, home, home, home};
    cameras[1].px_per_m *= 6;
    cameras[2].px_per_m *= 0.25;
    return cameras;
}

}  // namespace

TEST_CASE("frames match the golden images", "[display][golden]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto r = f.renderer(true);
    REQUIRE(r->shaders_active());
    const bool update = std::getenv("QANTAR_UPDATE_GOLDEN") != nullptr;
    for (const char* moment : {"2022-01-02T12:00+06:00", "2022-01-05T18:00+06:00", "2022-01-10T12:00+06:00"}) {
        INFO(moment);
        sf::Image img = f.frame(*r, at(moment));
        std::string name = std::string(QANTAR_SOURCE_DIR "/tests/golden/frame-") + std::string(moment).substr(0, 13) + ".png";
        if (update) {
            REQUIRE(img.saveToFile(name));
            continue;
        }
        sf::Image golden;
        REQUIRE(golden.loadFromFile(name));
        Diff d = compare(img, golden);
        INFO("mean abs diff " << d.mean_abs << ", differing pixels " << d.differing_pct << "%");
        if (d.mean_abs >= 1.0 || d.differing_pct >= 0.5)
            img.saveToFile(std::string(QANTAR_BINARY_DIR "/failed-") + std::string(moment).substr(0, 13) + ".png");
        CHECK(d.mean_abs < 1.0);
        CHECK(d.differing_pct < 0.5);
    }
}

TEST_CASE("the same moment renders the same pixels twice", "[display]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto r = f.renderer(true);
    double t = at("2022-01-05T18:00+06:00");
    sf::Image a = f.frame(*r, t);
    f.frame(*r, at("2022-01-10T12:00+06:00"));  // something else in between
    sf::Image b = f.frame(*r, t);
    CHECK(compare(a, b).mean_abs == 0);
}

TEST_CASE("the cached base map draws the same pixels as drawing it every frame", "[display]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto cached = f.renderer(true);
    RendererConfig c;
    c.shader_dir = QANTAR_SOURCE_DIR "/shaders";
    c.cache_base_map = false;
    Renderer direct(*f.timeline, c);
    // Moments with different region tints and the shutdown's grey, in an order that reuses and
    // invalidates the cache.
    for (const char* m : {"2022-01-02T12:00+06:00", "2022-01-05T18:00+06:00", "2022-01-05T18:30+06:00",
                          "2022-01-10T12:00+06:00", "2022-01-02T12:00+06:00"}) {
        INFO(m);
        sf::Image a = f.frame(*cached, at(m));
        sf::Image b = f.frame(direct, at(m));
        Diff d = compare(a, b);
        CHECK(d.mean_abs == 0);
        CHECK(d.differing_pct == 0);
    }
    // A zoomed camera too (the cache is keyed by the camera).
    FrameParams p;
    p.t_utc_s = at("2022-01-05T18:00+06:00");
    p.size = {kW, kH};
    p.camera = cached->home_camera(p.size);
    p.camera.px_per_m *= 3;
    sf::Image a = shot(*cached, f, p), b = shot(direct, f, p);
    CHECK(compare(a, b).mean_abs == 0);
}

TEST_CASE("hour by hour, tints changing in a few regions at a time: the cache gives the pixels of drawing every frame", "[display][issue11]") {
    // A change of tints alone redraws the retinted regions' rectangles of the cache (clipped to
    // each): every pixel must be that of the whole map drawn again.
    if (!have_display()) return;
    Fixture& f = fixture();
    RendererConfig c;
    c.shader_dir = QANTAR_SOURCE_DIR "/shaders";
    c.cache_base_map = false;
    Renderer direct(*f.timeline, c);
    c.cache_base_map = true;
    c.direct_first_frame = false;  // as a video: through the cache from the first frame
    Renderer cached(*f.timeline, c);
    const double from = at("2022-01-03T18:00+06:00");
    for (int h = 0; h <= 48; h += 2) {
        INFO("hour " << h);
        const double t = from + h * 3600.0;
        sf::Image a = f.frame(cached, t);
        sf::Image b = f.frame(direct, t);
        Diff d = compare(a, b);
        CHECK(d.mean_abs == 0);
        CHECK(d.differing_pct == 0);
    }
}

TEST_CASE("geometry prepared ahead, the first frame drawn directly and the culled base map give the same pixels", "[display]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    RendererConfig c;
    c.shader_dir = QANTAR_SOURCE_DIR "/shaders";
    c.cache_base_map = false;
    c.cull_base_map = false;
    Renderer every_triangle(*f.timeline, c);  // the reference: nothing prepared, cached or culled
    RendererConfig fast = c;
    fast.cache_base_map = true;
    fast.cull_base_map = true;
    Renderer prepared(*f.timeline, fast, prepare_render(f.timeline->data(), ScreenSize{kW, kH}), make_render_resources(fast));
    FrameParams p;
    p.t_utc_s = at("2022-01-05T18:00+06:00");
    p.size = {kW, kH};
    const Camera home = prepared.home_camera(p.size);
    // The home view (the strips built ahead), zoomed in at a corner of the country (most of the map
    // off screen: the culling at work), zoomed out (all of it on screen), and home again.
    std::vector<Camera> cameras = zoom_cameras(home);
    cameras[1].centre_m.x += 400 / home.px_per_m;
    cameras[1].centre_m.y -= 150 / home.px_per_m;
    for (std::size_t k = 0; k < cameras.size(); ++k) {
        INFO("camera " << k);
        p.camera = cameras[k];
        const sf::Image want = shot(every_triangle, f, p);
        for (int pass = 0; pass < 2; ++pass) {  // drawn directly, then from the cache
            INFO("pass " << pass);
            const Diff d = compare(shot(prepared, f, p), want);
            CHECK(d.mean_abs == 0);
            CHECK(d.differing_pct == 0);
        }
    }
}

TEST_CASE("the warm-up and the storage made ahead leave every frame's pixels as they were", "[display]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    RendererConfig c;
    c.shader_dir = QANTAR_SOURCE_DIR "/shaders";
    Renderer plain(*f.timeline, c, prepare_render(f.timeline->data(), ScreenSize{kW, kH}), make_render_resources(c));
    // As the window, a still and a video do while the data loads: the states compiled on the same
    // target (with its fonts' copies), a vertex buffer large enough for the strips, one too small
    // for anything but the water, and the cache's two render textures.
    std::unique_ptr<RenderResources> res = make_render_resources(c);
    warm_up(f.rt, *res, ScreenSize{kW, kH});
    CHECK(reserve_vertex_buffer(*res, 2'000'000));
    CHECK(reserve_vertex_buffer(*res, 5'000));
    CHECK(reserve_render_texture(*res, ScreenSize{kW, kH}));
    CHECK(reserve_render_texture(*res, ScreenSize{kW, kH}));
    CHECK(res->spares.buffers.size() == 2);
    CHECK(res->spares.targets.size() == 2);
    Renderer warmed(*f.timeline, c, prepare_render(f.timeline->data(), ScreenSize{kW, kH}), std::move(res));
    FrameParams p;
    p.size = {kW, kH};
    // Home (the strips built ahead, copied into the spare), zoomed in (strips rebuilt into the same
    // storage), zoomed out (more strips), home again; each drawn directly, then from the cache.
    const std::vector<Camera> cameras = zoom_cameras(plain.home_camera(p.size));
    const std::vector<const char*> moments{"2022-01-02T12:00+06:00", "2022-01-05T18:00+06:00", "2022-01-10T12:00+06:00"};
    for (std::size_t k = 0; k < cameras.size(); ++k) {
        p.camera = cameras[k];
        p.t_utc_s = at(moments[k % moments.size()]);
        for (int pass = 0; pass < 2; ++pass) {
            INFO("camera " << k << ", pass " << pass);
            const sf::Image got = shot(warmed, f, p);  // first: drawn over what the warm-up left in the target
            const Diff d = compare(got, shot(plain, f, p));
            CHECK(d.mean_abs == 0);
            CHECK(d.differing_pct == 0);
        }
    }
}

TEST_CASE("a frame reached by playing equals the frame reached by seeking", "[display]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto r = f.renderer(true);
    Playback play;
    play.start_utc_s = r->start_utc_s();
    play.end_utc_s = r->end_utc_s();
    play.seconds_per_day = 3;
    play.seek(at("2022-01-05T06:00+06:00"));
    // 1.5 s of real time in uneven steps = 12 story hours, drawing as the window does.
    double steps[] = {0.016, 0.017, 0.2, 0.5, 0.033, 0.234, 0.5};
    for (double dt : steps) {
        play.advance(dt);
        f.frame(*r, play.t_utc_s);
    }
    sf::Image played = f.frame(*r, play.t_utc_s);
    auto fresh = f.renderer(true);
    sf::Image sought = f.frame(*fresh, at("2022-01-05T18:00+06:00"));
    Diff d = compare(played, sought);
    CHECK(d.mean_abs == 0);
}

TEST_CASE("without shaders the map draws plain markers", "[display][fallback]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto plain = f.renderer(false);
    CHECK_FALSE(plain->shaders_active());
    CHECK_FALSE(plain->fallback_reason().empty());
    double t = at("2022-01-05T18:00+06:00");
    sf::Image a = f.frame(*plain, t);
    // The markers are there: the frame differs from one with no events drawn at all.
    plain->set_event_marks({});
    sf::Image none = f.frame(*plain, t);
    CHECK(compare(a, none).mean_abs > 0.01);

    setenv("QANTAR_NO_SHADERS", "1", 1);
    auto forced = f.renderer(true);
    unsetenv("QANTAR_NO_SHADERS");
    CHECK_FALSE(forced->shaders_active());
    sf::Image b = f.frame(*forced, t);
    CHECK(compare(a, b).mean_abs == 0);
}

TEST_CASE("a place with thousands of events lists the 200 nearest the moment", "[display][issue11]") {
    if (!have_display()) return;
    Fixture& f = fixture();
    auto r = f.renderer(true);
    // n identical rows, half of them past: the panel lists 200 of them whatever n is, with a line
    // for the earlier and the later ones it leaves out.
    auto details = [](std::size_t n) {
        Details d;
        d.selection = {Selection::Kind::City, 0};
        d.name_en = "Somewhere";
        for (std::size_t i = 0; i < n; ++i) {
            DetailsEvent e;
            e.event = i;
            e.past = i < n / 2;
            e.when_local = "5 Jan 2022 16:37";
            e.utc_offset = "UTC+6";
            e.category_label = "Protest";
            e.description = "A crowd gathered in the main square and marched to the town hall, where speakers "
                            "called for the price of fuel to be brought back down.";
            e.source = "Outlet";
            d.events.push_back(e);
        }
        d.past_count = n / 2;
        d.moment_local = "5 Jan 2022 18:00";
        d.moment_offset = "UTC+6";
        return d;
    };
    const ScreenSize size{kW, kH};
    const PanelLayout a = draw_panel(f.rt, details(9000), r->font(), r->bold_font(), size, 0);
    const PanelLayout b = draw_panel(f.rt, details(10000), r->font(), r->bold_font(), size, 0);
    CHECK(a.content_px > 0);
    CHECK(b.content_px == a.content_px);  // the same 200 rows and two lines ("4,400 earlier", "4,900 earlier")
    CHECK(b.now_y_px == a.now_y_px);
    // Fewer than 200: all of them, no line left out, and shorter.
    const PanelLayout c = draw_panel(f.rt, details(150), r->font(), r->bold_font(), size, 0);
    CHECK(c.content_px < a.content_px);
    // Scrolled to the end and beyond: clamped, drawn.
    const PanelLayout e = draw_panel(f.rt, details(10000), r->font(), r->bold_font(), size, 1e9);
    CHECK(e.scroll_px == e.max_scroll_px);
    CHECK(e.max_scroll_px > 0);
}
