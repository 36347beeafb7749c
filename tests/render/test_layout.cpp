// The frame layout without a display: a fixed-width stand-in measures the text. Labels never
// overlap each other, the markers, the HUD or the banner; the panel fits from 640x480 to
// 3840x2160; the timeline bar maps time and x both ways.
#include "render/layout.hpp"
#include "render/panel.hpp"

#include "core/time.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include "bundled.hpp"

using namespace qantar;
using namespace qantar::render;

namespace {

// Every character 0.6 em wide, one em high (UTF-8 continuation bytes take no width).
class FixedMeasure : public TextMeasure {
public:
    explicit FixedMeasure(double u) : u_(u) {}
    TextBounds measure(const std::string& utf8, const TextStyle& style) const override {
        double chars = 0;
        for (unsigned char c : utf8) chars += (c & 0xC0) == 0x80 ? 0 : 1;
        const double px = std::round(style.size * u_);
        return {0, 0, chars * 0.6 * px * style.letter_spacing + 2 * style.outline * u_, px + 2 * style.outline * u_};
    }

private:
    double u_;
};

const ScreenSize kSizes[] = {{640, 480}, {960, 540}, {1280, 720}, {1920, 1080}, {3840, 2160}};

FrameParams params_at(const char* iso, const ScreenSize& size) {
    const Dataset& data = test::bundled_data().data;
    MapBounds b;
    for (const auto& p : data.national_outline.polygons_m)
        for (const auto& r : p.rings)
            for (const auto& v : r) b.add(v);
    FrameParams p;
    p.t_utc_s = static_cast<double>(parse_iso8601(iso)->utc_s);
    p.size = size;
    p.camera = fit_camera(b, size, map_insets(size));
    return p;
}

FrameLayout layout_of(const FrameParams& p) {
    const Timeline& tl = *test::bundled_data().timeline;
    Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
    return build_layout(tl, s, p, FixedMeasure(ui_scale(p.size) * p.hud_scale));
}

bool inside(const Box& b, const ScreenSize& size) {
    return b.left >= 0 && b.top >= 0 && b.right() <= size.width_px && b.bottom() <= size.height_px;
}

}  // namespace

TEST_CASE("city labels overlap nothing placed before them, at every size", "[render][layout]") {
    for (const ScreenSize& size : kSizes)
        for (const char* iso : {"2022-01-04T22:00+06:00", "2022-01-06T12:00+06:00", "2022-01-07T12:00+06:00"}) {
            FrameParams p = params_at(iso, size);
            FrameLayout L = layout_of(p);
            REQUIRE(L.cities.size() == test::bundled_data().data.cities.size());
            std::vector<Box> labels;
            for (const CityOnScreen& c : L.cities)
                if (c.label) labels.push_back(*c.label);
            CHECK(labels.size() > 0);
            for (std::size_t i = 0; i < labels.size(); ++i) {
                CHECK(inside(labels[i], size));
                for (std::size_t j = i + 1; j < labels.size(); ++j) CHECK_FALSE(overlaps(labels[i], labels[j]));
                for (const Box& h : L.hud_boxes) CHECK_FALSE(overlaps(labels[i], h));
                if (L.show_banner) CHECK_FALSE(overlaps(labels[i], L.banner));
                for (const CityOnScreen& c : L.cities) {
                    Box marker{c.center_px.x - c.radius_px, c.center_px.y - c.radius_px, 2 * c.radius_px, 2 * c.radius_px};
                    CHECK_FALSE(overlaps(labels[i], marker));
                }
            }
        }
}

TEST_CASE("labels off: no label boxes, markers still laid out", "[render][layout]") {
    FrameParams p = params_at("2022-01-05T18:00+06:00", {1280, 720});
    p.overlays.labels = false;
    FrameLayout L = layout_of(p);
    for (const CityOnScreen& c : L.cities) {
        CHECK_FALSE(c.label);
        CHECK(c.radius_px > 0);
    }
}

TEST_CASE("the banner shows only during the shutdown and with the HUD", "[render][layout]") {
    FrameParams p = params_at("2022-01-06T12:00+06:00", {1280, 720});
    FrameLayout L = layout_of(p);
    CHECK(L.show_banner);
    CHECK(inside(L.banner, p.size));
    p.overlays.hud = false;
    CHECK_FALSE(layout_of(p).show_banner);
    CHECK_FALSE(layout_of(params_at("2022-01-01T12:00+06:00", {1280, 720})).show_banner);
}

TEST_CASE("the panel box and the timeline bar fit from 640x480 to 3840x2160", "[render][layout][panel]") {
    for (const ScreenSize& size : kSizes) {
        FrameParams p = params_at("2022-01-05T18:00+06:00", size);
        FrameLayout L = layout_of(p);
        const Box panel = panel_box(size);
        CHECK(inside(panel, size));
        CHECK(panel.bottom() <= L.bar.box.top);  // above the legend and the bar
        CHECK(inside(L.bar.box, size));
        CHECK(free_width_px(size) <= panel.left);
        for (const Box& h : L.hud_boxes) CHECK(h.width > 0);
    }
}

TEST_CASE("the timeline bar maps time to x and back", "[render][layout]") {
    const Timeline& tl = *test::bundled_data().timeline;
    TimelineBar bar = timeline_bar({1280, 720}, 1, animation_start_utc_s(tl), animation_end_utc_s(tl));
    CHECK(bar.x_of(bar.t0_utc_s) == Approx(bar.box.left));
    CHECK(bar.x_of(bar.t1_utc_s) == Approx(bar.box.right()));
    const double mid = (bar.t0_utc_s + bar.t1_utc_s) / 2;
    CHECK(bar.t_of(bar.x_of(mid)) == Approx(mid));
    CHECK(bar.t_of(-100) == bar.t0_utc_s);  // clamped
    CHECK(bar.contains(bar.box.left + 1, bar.box.top + 1));
    CHECK_FALSE(bar.contains(bar.box.left + 1, bar.box.top - 50));
}

TEST_CASE("arc curves start and end at their ends and bow to opposite sides", "[render][layout]") {
    ArcCurve s = spread_curve({0, 0}, {100, 0}), t = troop_curve({0, 0}, {100, 0});
    CHECK(s.at(0).x == 0);
    CHECK(s.at(1).x == 100);
    CHECK(s.at(0.5f).y * t.at(0.5f).y < 0);
}

TEST_CASE("the time axis of the bundled story: one label a day, none overlapping, at every size", "[render][layout][axis]") {
    for (const ScreenSize& size : kSizes) {
        INFO(size.width_px << "x" << size.height_px);
        const FrameLayout L = layout_of(params_at("2022-01-05T18:00+06:00", size));
        REQUIRE_FALSE(L.axis.ticks.empty());
        CHECK(axis_labels_clear(L.axis, 6 * L.u));
        for (const AxisTick& k : L.axis.ticks) CHECK(inside({k.left_px, 0, k.width_px, 1}, size));
        if (size.width_px >= 1280) {
            CHECK(L.axis.unit == AxisUnit::Day);
            CHECK(L.axis.step == 1);
            CHECK(L.axis.ticks.front().text == "1 Jan");
            CHECK(L.axis.ticks.size() == test::bundled_data().timeline->days().size());
        }
    }
}

TEST_CASE("the timeline bar spans what --from and --to say", "[render][layout][axis]") {
    FrameParams p = params_at("2022-01-05T18:00+06:00", {1280, 720});
    p.range_from_utc_s = static_cast<double>(parse_iso8601("2022-01-04T00:00+06:00")->utc_s);
    p.range_to_utc_s = static_cast<double>(parse_iso8601("2022-01-07T00:00+06:00")->utc_s);
    const FrameLayout L = layout_of(p);
    CHECK(L.bar.t0_utc_s == *p.range_from_utc_s);
    CHECK(L.bar.t1_utc_s == *p.range_to_utc_s);
    // Three days on 1200 px: hours.
    CHECK(L.axis.unit == AxisUnit::Hour);
    CHECK(L.axis.ticks.front().text == "4 Jan 00:00");
}

TEST_CASE("the HUD clock over the whole country shows both offsets", "[render][layout][clock]") {
    const FrameLayout L = layout_of(params_at("2022-01-02T15:00+05:00", {1280, 720}));
    CHECK(L.clock_offsets == std::vector<std::int32_t>{5 * 3600, 6 * 3600});
    CHECK(L.clock_text.find("15:00 ") == 0);
    CHECK(L.clock_text.find("16:00 Almaty") != std::string::npos);
}
TEST_CASE("one placement: no two texts of any kind overlap, none leaves the screen", "[render][layout][issue12]") {
    for (const ScreenSize& size : {ScreenSize{1280, 720}, ScreenSize{1920, 1080}, ScreenSize{3840, 2160}})
        for (const char* iso : {"2022-01-02T12:00+06:00", "2022-01-04T22:00+06:00", "2022-01-05T18:00+06:00",
                                "2022-01-06T15:00+06:00", "2022-01-14T15:00+06:00", "2022-01-19T12:00+06:00"}) {
            const FrameParams p = params_at(iso, size);
            const FrameLayout L = layout_of(p);
            const std::vector<LaidOutText> texts = laid_out_texts(L);
            REQUIRE_FALSE(texts.empty());
            for (std::size_t i = 0; i < texts.size(); ++i) {
                INFO(size.width_px << "x" << size.height_px << " " << iso << " " << texts[i].kind << " '" << texts[i].text << "'");
                CHECK(inside(texts[i].box, size));
                for (std::size_t j = i + 1; j < texts.size(); ++j) {
                    INFO("and " << texts[j].kind << " '" << texts[j].text << "'");
                    CHECK_FALSE(overlaps(texts[i].box, texts[j].box));
                }
                // Map texts keep out of the HUD's zones (the legend belongs to the bottom one).
                if (texts[i].kind == "city" || texts[i].kind == "badge" || texts[i].kind == "origin" ||
                    texts[i].kind == "context")
                    for (const Box& z : L.hud_boxes) CHECK_FALSE(overlaps(texts[i].box, z));
            }
            // Every event colour the map can draw has its legend entry, and the spread arcs theirs.
            const std::vector<int> marker_categories = legend_categories(test::bundled_data().data);
            CHECK(marker_categories.size() == 7);
            for (int c : marker_categories)
                CHECK(std::any_of(L.legend.begin(), L.legend.end(), [&](const LegendEntry& e) { return e.category == c; }));
            CHECK(std::any_of(L.legend.begin(), L.legend.end(), [](const LegendEntry& e) { return e.spread; }));
        }
}

TEST_CASE("the banner's text is the scene's, and withdrawals read 'to'", "[render][layout][issue12]") {
    const Timeline& tl = *test::bundled_data().timeline;
    const FrameParams p = params_at("2022-01-04T22:00+06:00", {1920, 1080});
    Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
    const FrameLayout L = build_layout(tl, s, p, FixedMeasure(ui_scale(p.size)));
    CHECK(L.show_banner);
    CHECK(L.banner_text == s.banner);
    // 14 January: the contingents going home read "to", those still arriving or staying "from".
    const FrameParams w = params_at("2022-01-14T15:00+06:00", {1920, 1080});
    const Scene ws = build_scene(tl, {w.t_utc_s, w.time, {}, {}});
    const FrameLayout WL = build_layout(tl, ws, w, FixedMeasure(ui_scale(w.size)));
    int going_home = 0;
    for (const EdgeLabel& e : WL.edge_labels) {
        INFO(e.text);
        const bool withdrawal = ws.troops[e.troop].withdrawal;
        CHECK((e.text.rfind("to ", 0) == 0) == withdrawal);
        CHECK((e.text.rfind("from ", 0) == 0) == !withdrawal);
        going_home += withdrawal ? 1 : 0;
    }
    CHECK(going_home >= 3);  // Belarus, Armenia, Tajikistan fly home that day (Kyrgyzstan by road)
}

TEST_CASE("the layout JSON holds every text box, the zones, the legend, the colours drawn and the clock",
          "[render][layout][issue12]") {
    const Timeline& tl = *test::bundled_data().timeline;
    const Dataset& data = test::bundled_data().data;
    const FrameParams p = params_at("2022-01-05T18:00+06:00", {1280, 720});
    const FrameLayout L = layout_of(p);
    const Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
    const std::vector<DrawnColour> drawn = drawn_colours(tl, s, p);
    const std::string j = layout_json(data, L, drawn);
    CHECK(j.rfind("{\"width\":1280,\"height\":720,\"hud\":true,\"texts\":[", 0) == 0);
    std::size_t boxes = 0;
    for (std::size_t at = j.find("\"kind\":"); at != std::string::npos; at = j.find("\"kind\":", at + 1)) ++boxes;
    const auto on_screen = std::count_if(L.cities.begin(), L.cities.end(), [&](const CityOnScreen& c) {
        return c.center_px.x + c.radius_px >= 0 && c.center_px.y + c.radius_px >= 0 &&
               c.center_px.x - c.radius_px <= 1280 && c.center_px.y - c.radius_px <= 720;
    });
    CHECK(on_screen == 19);  // the whole country: every city's marker is listed for the banner check
    CHECK(boxes == laid_out_texts(L).size() + static_cast<std::size_t>(on_screen) + L.hud_boxes.size() + L.obstacles.size());
    // The legend's swatches are the colours the layers draw: the category's own, the region's tint.
    CHECK(j.find("{\"key\":\"peaceful_protest\",\"label\":\"Peaceful protest\",\"colour\":\"#ffb840\"}") !=
          std::string::npos);
    // 5 January, 18:00: riots are drawn as markers, regions are tinted, the banner is up.
    auto has = [&](const std::string& what, const std::string& key) {
        return std::any_of(drawn.begin(), drawn.end(), [&](const DrawnColour& d) { return d.what == what && d.key == key; });
    };
    CHECK(has("marker", "riot"));
    CHECK(has("region", "region:violence"));
    CHECK(has("banner", "banner"));
    CHECK_FALSE(has("marker", "state_of_emergency"));  // drawn as region tints only (marker = false)
    for (const DrawnColour& d : drawn)
        for (const LegendEntry& e : L.legend)
            if (legend_key(e) == d.key) CHECK(legend_swatch_colour(data, e) == d.colour);
    // The clock: its text, the moment and the zones it was computed from.
    CHECK(j.find("\"clock\":{\"text\":" + std::string("\"") ) != std::string::npos);
    CHECK(j.find("\"zone\":\"") != std::string::npos);
    CHECK(j.find(",\"t_utc_s\":" + std::to_string(static_cast<long long>(p.t_utc_s)) + ",") != std::string::npos);
}

TEST_CASE("the national figures' zone holds every row, so labels keep clear of all of it", "[render][layout][issue12]") {
    for (const ScreenSize& size : {ScreenSize{1280, 720}, ScreenSize{1920, 1080}}) {
        const FrameParams p = params_at("2022-01-19T23:00+06:00", size);
        const FrameLayout L = layout_of(p);
        REQUIRE(L.figures.shown);
        CHECK(L.figures.rows.size() == 4);  // killed, security forces killed, injured, detained
        // Four rows with their sources reach lower than the fixed zone (190 at 1920x1080) did.
        CHECK(L.figures.box.bottom() > 190 * L.u);
        const Box& z = L.hud_boxes[2];
        CHECK(z.left <= L.figures.box.left);
        CHECK(z.bottom() >= L.figures.box.bottom());
        CHECK(L.figures.box.right() <= size.width_px);
        for (const LaidOutText& t : laid_out_texts(L)) {
            if (t.kind != "city" && t.kind != "badge" && t.kind != "origin" && t.kind != "context") continue;
            INFO(t.kind << " " << t.text);
            CHECK_FALSE(overlaps(t.box, L.figures.box));
        }
    }
}

TEST_CASE("origin labels stacked at a crowded edge keep clear of the placed ones", "[render][layout][issue12]") {
    // Zoomed in on the destination (the sweep's beat 10): most origins crowd the same edge.
    const Timeline& tl = *test::bundled_data().timeline;
    const Dataset& data = test::bundled_data().data;
    for (const ScreenSize& size : {ScreenSize{1280, 720}, ScreenSize{1920, 1080}}) {
        FrameParams p = params_at("2022-01-07T12:00+06:00", size);
        p.camera.centre_m = data.cities[static_cast<std::size_t>(data.find_city("almaty"))].pos_m;
        p.camera.px_per_m *= 6;
        const Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
        const FrameLayout L = build_layout(tl, s, p, FixedMeasure(ui_scale(p.size)));
        REQUIRE(L.edge_labels.size() >= 2);
        const std::vector<LaidOutText> texts = laid_out_texts(L);
        for (std::size_t i = 0; i < texts.size(); ++i)
            for (std::size_t j = i + 1; j < texts.size(); ++j) {
                INFO(texts[i].text << " / " << texts[j].text);
                CHECK_FALSE(overlaps(texts[i].box, texts[j].box));
            }
    }
}
