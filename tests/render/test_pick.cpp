// Picking as a pure function of the view and a screen point, at several zooms, pans and sizes;
// the map sliding aside for the panel; and (tagged [display]) the panel drawn at several sizes.
#include "render/panel.hpp"
#include "render/pick.hpp"
#include "render/renderer.hpp"

#include "io/load.hpp"
#include "story_categories.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"

#include <cmath>
#include <cstdlib>
#include <memory>

using namespace qantar;
using namespace qantar::render;

namespace {

struct Bundled {
    Dataset data;
    std::unique_ptr<Timeline> timeline;
    MapBounds bounds;
    Bundled() {
        LoadOptions o = test::bundled_options();
        data = load_dataset(o);
        timeline = std::make_unique<Timeline>(data);
        for (const auto& r : data.regions)
            for (const auto& p : r.polygons_m)
                for (const auto& v : p.rings.front()) bounds.add(v);
    }
};

const Bundled& bundled() {
    static const Bundled b;
    return b;
}

bool on_screen(const Vec2& s, const ScreenSize& size) {
    return s.x >= 0 && s.y >= 0 && s.x < size.width_px && s.y < size.height_px;
}

}  // namespace

TEST_CASE("a click on a marker picks that city at every zoom, pan and size", "[pick]") {
    const auto& b = bundled();
    for (ScreenSize size : {ScreenSize{640, 480}, ScreenSize{1600, 900}, ScreenSize{3840, 2160}, ScreenSize{900, 1600}}) {
        Camera home = fit_camera(b.bounds, size);
        for (double zoom : {1.0, 3.0, 12.0}) {
            Vec2 anchor = map_to_screen(home, size, b.data.cities[static_cast<std::size_t>(b.data.find_city("almaty"))].pos_m);
            Camera cam = pan_by(zoom_at(home, size, anchor, zoom), -37, 21);
            int checked = 0;
            for (std::size_t c = 0; c < b.data.cities.size(); ++c) {
                Vec2 s = map_to_screen(cam, size, b.data.cities[c].pos_m);
                if (!on_screen(s, size)) {
                    CHECK(pick(b.data, cam, size, s).empty());
                    continue;
                }
                Selection got = pick(b.data, cam, size, s);
                INFO("size " << size.width_px << "x" << size.height_px << " zoom " << zoom << " city " << b.data.cities[c].city_id);
                CHECK(got.kind == Selection::Kind::City);
                CHECK(got.index == static_cast<int>(c));
                ++checked;
            }
            CHECK(checked > 0);
        }
    }
}

TEST_CASE("where markers overlap the nearest wins, labels are hits too", "[pick]") {
    const auto& b = bundled();
    ScreenSize size{800, 600};
    Camera cam = fit_camera(b.bounds, size);
    int aktau = b.data.find_city("aktau"), zh = b.data.find_city("zhanaozen");
    Vec2 a = map_to_screen(cam, size, b.data.cities[static_cast<std::size_t>(aktau)].pos_m);
    Vec2 z = map_to_screen(cam, size, b.data.cities[static_cast<std::size_t>(zh)].pos_m);
    double gap = std::hypot(a.x - z.x, a.y - z.y);
    PickOptions wide;
    wide.radius_px = gap * 1.5;  // both markers within reach
    Vec2 nearer_z{z.x + (a.x - z.x) * 0.3, z.y + (a.y - z.y) * 0.3};
    Vec2 nearer_a{z.x + (a.x - z.x) * 0.7, z.y + (a.y - z.y) * 0.7};
    CHECK(pick(b.data, cam, size, nearer_z, wide).index == zh);
    CHECK(pick(b.data, cam, size, nearer_a, wide).index == aktau);

    // A label box far from its marker.
    PickOptions labels;
    labels.radius_px = 4;
    labels.labels.push_back({zh, Box{z.x + 8, z.y - 6, 70, 14}});
    Selection on_label = pick(b.data, cam, size, {z.x + 50, z.y}, labels);
    CHECK(on_label.kind == Selection::Kind::City);
    CHECK(on_label.index == zh);
}

TEST_CASE("away from markers a region is picked, the sea, other countries and the HUD pick nothing", "[pick]") {
    const auto& b = bundled();
    for (ScreenSize size : {ScreenSize{800, 600}, ScreenSize{1920, 1080}}) {
        Camera cam = fit_camera(b.bounds, size);
        PickOptions tight;
        tight.radius_px = 0.5;
        int regions_checked = 0;
        for (std::size_t r = 0; r < b.data.regions.size(); ++r) {
            Vec2 s = map_to_screen(cam, size, b.data.regions[r].label_m);
            Selection got = pick(b.data, cam, size, s, tight);
            INFO("region " << b.data.regions[r].region_id);
            REQUIRE(got.kind == Selection::Kind::Region);
            CHECK(got.index == static_cast<int>(r));
            ++regions_checked;
        }
        CHECK(regions_checked == static_cast<int>(b.data.regions.size()));
        for (const auto& w : b.data.water) {
            Vec2 s = map_to_screen(cam, size, w.label_m);
            if (on_screen(s, size)) CHECK(pick(b.data, cam, size, s, tight).empty());
        }
        // A corner of the screen beyond the country, off-screen points, and a blocked HUD box.
        CHECK(pick(b.data, cam, size, {-5, 10}).empty());
        CHECK(pick(b.data, cam, size, {size.width_px + 1, 10}).empty());
        int almaty = b.data.find_city("almaty");
        Vec2 a = map_to_screen(cam, size, b.data.cities[static_cast<std::size_t>(almaty)].pos_m);
        PickOptions blocked;
        blocked.blocked.push_back({a.x - 20, a.y - 20, 40, 40});
        CHECK(pick(b.data, cam, size, a, blocked).empty());
    }
}

TEST_CASE("Tab order follows the spread, then the other cities", "[pick]") {
    const auto& b = bundled();
    std::vector<int> order = focus_order(*b.timeline);
    REQUIRE(order.size() == b.data.cities.size());
    CHECK(order.front() == b.data.find_city("zhanaozen"));
    std::vector<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("the map slides aside: the panel never covers what the narrower fit shows", "[pick][panel]") {
    const auto& b = bundled();
    for (ScreenSize size : {ScreenSize{640, 480}, ScreenSize{1280, 720}, ScreenSize{1920, 1080}, ScreenSize{3840, 2160}}) {
        Box panel = panel_box(size);
        CHECK(panel.left >= 0);
        CHECK(panel.top >= 0);
        CHECK(panel.right() <= size.width_px);
        CHECK(panel.bottom() <= size.height_px);
        CHECK(panel.width <= size.width_px * 0.45 + 1);
        double fw = free_width_px(size);
        CHECK(fw <= panel.left);
        Camera narrow = fit_camera(b.bounds, {fw, size.height_px});
        Camera cam = beside_panel(narrow, size, fw);
        for (const City& c : b.data.cities) {
            Vec2 s = map_to_screen(cam, size, c.pos_m);
            INFO(c.city_id << " at " << s.x << " for " << size.width_px);
            CHECK(s.x >= 0);
            CHECK(s.x < panel.left);
            CHECK(map_to_screen(narrow, {fw, size.height_px}, c.pos_m).x == Approx(s.x).margin(1e-6));
        }
    }
}

using qantar::test::have_display;

TEST_CASE("the details panel fits, scrolls and is drawn at every size", "[display][panel]") {
    if (!have_display()) return;
    const auto& b = bundled();
    RendererConfig rc;
    rc.shader_dir = QANTAR_SOURCE_DIR "/shaders";
    for (auto [w, h] : {std::pair{640u, 480u}, std::pair{1280u, 720u}, std::pair{1920u, 1080u}}) {
        sf::RenderTexture rt;
        REQUIRE(rt.create(w, h));
        Renderer r(*b.timeline, rc);
        FrameParams p;
        p.size = {static_cast<double>(w), static_cast<double>(h)};
        p.t_utc_s = static_cast<double>(parse_iso8601("2022-01-05T18:00+06:00")->utc_s);
        p.camera = r.home_camera(p.size);
        CHECK_FALSE(r.draw(rt, p).panel.open);
        rt.display();
        sf::Image plain = rt.getTexture().copyToImage();

        p.overlays.selected_city = b.data.find_city("almaty");
        const PanelLayout first = r.draw(rt, p).panel;
        rt.display();
        REQUIRE(first.open);
        CHECK(first.box.right() <= w);
        CHECK(first.box.bottom() <= h);
        CHECK(first.viewport.left >= first.box.left);
        CHECK(first.viewport.bottom() <= first.box.bottom());
        CHECK(first.content_px > 100);
        CHECK(first.scroll_px == 0);
        sf::Image with = rt.getTexture().copyToImage();
        // Almaty's panel is long: it scrolls, and scrolling past the end is clamped.
        CHECK(first.max_scroll_px > 0);
        p.overlays.panel_scroll_px = 1e9;
        const PanelLayout scrolled = r.draw(rt, p).panel;
        CHECK(scrolled.scroll_px == Approx(first.max_scroll_px));
        CHECK(scrolled.now_y_px > 0);
        // The panel changed the pixels inside its box and drew bright (past, not dimmed) text there.
        int differ = 0, bright = 0;
        for (unsigned y = static_cast<unsigned>(first.viewport.top); y < static_cast<unsigned>(first.viewport.bottom()); y += 2)
            for (unsigned x = static_cast<unsigned>(first.viewport.left); x < static_cast<unsigned>(first.viewport.right()); x += 2) {
                sf::Color a = plain.getPixel(x, y), c = with.getPixel(x, y);
                differ += a != c;
                bright += c.r > 150 && c.g > 150 && c.b > 150;
            }
        CHECK(differ > 100);
        CHECK(bright > 50);
    }
}
