// What the window's keys do, without a window (src/app/view_keys.cpp).
#include "app/view_keys.hpp"

#include <catch2/catch.hpp>

using namespace qantar;
using namespace qantar::app;
using Key = sf::Keyboard::Key;

namespace {

ViewState paused_at_start() {
    ViewState s;
    s.play.start_utc_s = 0;
    s.play.end_utc_s = 10 * 86400.0;
    s.play.t_utc_s = 0;
    s.play.playing = false;
    s.play.seconds_per_day = 3;
    s.params.time.window_h = 24;
    return s;
}

const render::PanelLayout kNoPanel{};

}  // namespace

TEST_CASE("space plays and pauses, at the end it starts over", "[app][keys]") {
    ViewState s = paused_at_start();
    handle_key(s, Key::Space, false, kNoPanel);
    CHECK(s.play.playing);
    handle_key(s, Key::Space, false, kNoPanel);
    CHECK_FALSE(s.play.playing);
    handle_key(s, Key::End, false, kNoPanel);
    CHECK(s.play.t_utc_s == s.play.end_utc_s);
    handle_key(s, Key::Space, false, kNoPanel);
    CHECK(s.play.playing);
    CHECK(s.play.t_utc_s == s.play.start_utc_s);
}

TEST_CASE("arrows step a day, with shift an hour, Home goes to the start", "[app][keys]") {
    ViewState s = paused_at_start();
    handle_key(s, Key::Right, false, kNoPanel);
    CHECK(s.play.t_utc_s == 86400.0);
    handle_key(s, Key::Right, true, kNoPanel);
    CHECK(s.play.t_utc_s == 90000.0);
    handle_key(s, Key::Left, true, kNoPanel);
    handle_key(s, Key::Left, false, kNoPanel);
    CHECK(s.play.t_utc_s == 0);
    handle_key(s, Key::Left, false, kNoPanel);  // clamped
    CHECK(s.play.t_utc_s == 0);
    handle_key(s, Key::Right, false, kNoPanel);
    handle_key(s, Key::Home, false, kNoPanel);
    CHECK(s.play.t_utc_s == 0);
}

TEST_CASE("speed keys change the speed and say so", "[app][keys]") {
    ViewState s = paused_at_start();
    KeyResult r = handle_key(s, Key::Add, false, kNoPanel);
    CHECK(s.play.seconds_per_day == 1.5);
    CHECK(r.notice == "Speed: 1.5 s per day");
    r = handle_key(s, Key::Hyphen, false, kNoPanel);
    CHECK(s.play.seconds_per_day == 3);
    CHECK(r.notice == "Speed: 3 s per day");
}

TEST_CASE("M toggles window and cumulative, L labels, H and ? help", "[app][keys]") {
    ViewState s = paused_at_start();
    KeyResult r = handle_key(s, Key::M, false, kNoPanel);
    CHECK(s.params.time.mode == TimeMode::Cumulative);
    CHECK(r.notice == "Cumulative: every event so far");
    r = handle_key(s, Key::M, false, kNoPanel);
    CHECK(r.notice == "Moving window: the last 24 hours");
    handle_key(s, Key::L, false, kNoPanel);
    CHECK_FALSE(s.params.overlays.labels);
    handle_key(s, Key::H, false, kNoPanel);
    CHECK(s.params.overlays.help);
    handle_key(s, Key::Slash, false, kNoPanel);  // '/' alone is not '?'
    CHECK(s.params.overlays.help);
    handle_key(s, Key::Slash, true, kNoPanel);
    CHECK_FALSE(s.params.overlays.help);
    // S hides and shows the spread arcs, and says what they are.
    REQUIRE(s.params.overlays.spread);
    r = handle_key(s, Key::S, false, kNoPanel);
    CHECK_FALSE(s.params.overlays.spread);
    CHECK(r.notice == "Spread arcs hidden");
    r = handle_key(s, Key::S, false, kNoPanel);
    CHECK(s.params.overlays.spread);
    CHECK(r.notice.find("nearest place already active") != std::string::npos);
}

TEST_CASE("Tab cycles the focus both ways, Enter selects it", "[app][keys]") {
    ViewState s = paused_at_start();
    CHECK(handle_key(s, Key::Tab, false, kNoPanel).effect == KeyEffect::None);  // nothing to focus
    CHECK(handle_key(s, Key::Enter, false, kNoPanel).effect == KeyEffect::None);
    s.focus_order = {7, 3, 5};
    CHECK(handle_key(s, Key::Tab, true, kNoPanel).effect == KeyEffect::FocusMoved);
    CHECK(s.params.overlays.focus_city == 5);
    handle_key(s, Key::Tab, false, kNoPanel);
    CHECK(s.params.overlays.focus_city == 7);
    handle_key(s, Key::Tab, false, kNoPanel);
    CHECK(s.params.overlays.focus_city == 3);
    CHECK(handle_key(s, Key::Enter, false, kNoPanel).effect == KeyEffect::SelectFocused);
}

TEST_CASE("Esc closes one thing at a time, the window last", "[app][keys]") {
    ViewState s = paused_at_start();
    s.params.overlays.help = true;
    s.has_selection = true;
    s.focus_order = {1};
    s.focus_at = 0;
    s.params.overlays.focus_city = 1;
    s.params.overlays.notice = "hello";
    s.fullscreen = true;
    CHECK(handle_key(s, Key::Escape, false, kNoPanel).effect == KeyEffect::None);
    CHECK_FALSE(s.params.overlays.help);
    CHECK(handle_key(s, Key::Escape, false, kNoPanel).effect == KeyEffect::ClearSelection);
    s.has_selection = false;  // the window cleared it
    handle_key(s, Key::Escape, false, kNoPanel);
    CHECK(s.params.overlays.focus_city == -1);
    CHECK(s.focus_at == -1);
    handle_key(s, Key::Escape, false, kNoPanel);
    CHECK(s.params.overlays.notice.empty());
    CHECK(handle_key(s, Key::Escape, false, kNoPanel).effect == KeyEffect::LeaveFullscreen);
    s.fullscreen = false;
    CHECK(handle_key(s, Key::Escape, false, kNoPanel).effect == KeyEffect::Close);
}

TEST_CASE("the panel scrolls by lines and pages, clamped, C copies only with a selection", "[app][keys]") {
    ViewState s = paused_at_start();
    render::PanelLayout panel;
    panel.open = true;
    panel.viewport = {0, 0, 300, 400};
    panel.max_scroll_px = 500;
    handle_key(s, Key::Down, false, panel);
    CHECK(s.params.overlays.panel_scroll_px == 40);
    panel.scroll_px = 40;
    handle_key(s, Key::PageDown, false, panel);
    CHECK(s.params.overlays.panel_scroll_px == Approx(380));
    panel.scroll_px = 480;
    handle_key(s, Key::PageDown, false, panel);
    CHECK(s.params.overlays.panel_scroll_px == 500);
    panel.scroll_px = 10;
    handle_key(s, Key::Up, false, panel);
    CHECK(s.params.overlays.panel_scroll_px == 0);
    CHECK(handle_key(s, Key::C, false, panel).effect == KeyEffect::None);
    s.has_selection = true;
    CHECK(handle_key(s, Key::C, false, panel).effect == KeyEffect::CopyDetails);
    CHECK(handle_key(s, Key::E, false, panel).effect == KeyEffect::ExportMoment);
    CHECK(handle_key(s, Key::R, false, panel).effect == KeyEffect::ResetView);
    CHECK(handle_key(s, Key::F11, false, panel).effect == KeyEffect::ToggleFullscreen);
    CHECK(handle_key(s, Key::Q, false, panel).effect == KeyEffect::Close);
}
