#include "view_keys.hpp"

#include <algorithm>
#include <cstdio>

namespace qantar::app {

namespace {

using Key = sf::Keyboard::Key;

void toggle_play(render::Playback& play) {
    if (!play.playing && play.t_utc_s >= play.end_utc_s) play.seek(play.start_utc_s);
    play.playing = !play.playing;
}

KeyResult toggle_mode(render::FrameParams& p) {
    p.time.mode = p.time.mode == TimeMode::Window ? TimeMode::Cumulative : TimeMode::Window;
    return {KeyEffect::None, p.time.mode == TimeMode::Window
                                 ? "Moving window: the last " + std::to_string(static_cast<int>(p.time.window_h)) + " hours"
                                 : "Cumulative: every event so far"};
}

KeyResult cycle_focus(ViewState& s, bool back) {
    if (s.focus_order.empty()) return {};
    int n = static_cast<int>(s.focus_order.size());
    s.focus_at = s.focus_at < 0 ? (back ? n - 1 : 0) : ((s.focus_at + (back ? -1 : 1)) % n + n) % n;
    s.params.overlays.focus_city = s.focus_order[static_cast<std::size_t>(s.focus_at)];
    return {KeyEffect::FocusMoved, ""};
}

void scroll_panel(ViewState& s, Key key, const render::PanelLayout& l) {
    if (!l.open) return;
    const bool page = key == Key::PageDown || key == Key::PageUp;
    const bool down = key == Key::PageDown || key == Key::Down;
    double step = page ? l.viewport.height * 0.85 : 40;
    s.params.overlays.panel_scroll_px = std::clamp(l.scroll_px + (down ? step : -step), 0.0, l.max_scroll_px);
}

// Esc closes one thing at a time: help, panel, focus, notice, full screen, then the window.
KeyResult escape(ViewState& s) {
    render::Overlays& o = s.params.overlays;
    if (o.help) o.help = false;
    else if (s.has_selection) return {KeyEffect::ClearSelection, ""};
    else if (o.focus_city >= 0) { o.focus_city = -1; s.focus_at = -1; }
    else if (!o.notice.empty()) o.notice.clear();
    else if (s.fullscreen) return {KeyEffect::LeaveFullscreen, ""};
    else return {KeyEffect::Close, ""};
    return {};
}

}  // namespace

std::string speed_notice(double seconds_per_day, const Language& words) {
    char b[64];
    std::snprintf(b, sizeof b, "%g", seconds_per_day);
    return words.tr("Speed: {0} s per day", {b});
}

KeyResult handle_key(ViewState& s, Key key, bool shift, const render::PanelLayout& panel) {
    render::Playback& play = s.play;
    render::Overlays& o = s.params.overlays;
    switch (key) {
        case Key::Space: toggle_play(play); return {};
        case Key::Right: play.step(shift ? 3600.0 : 86400.0); return {};
        case Key::Left: play.step(shift ? -3600.0 : -86400.0); return {};
        case Key::Home: play.seek(play.start_utc_s); return {};
        case Key::End: play.seek(play.end_utc_s); play.playing = false; return {};
        case Key::Add:
        case Key::Equal: play.faster(); return {KeyEffect::None, speed_notice(play.seconds_per_day, s.params.language())};
        case Key::Subtract:
        case Key::Hyphen: play.slower(); return {KeyEffect::None, speed_notice(play.seconds_per_day, s.params.language())};
        case Key::R: return {KeyEffect::ResetView, ""};
        case Key::F:
        case Key::F11: return {KeyEffect::ToggleFullscreen, ""};
        case Key::L: o.labels = !o.labels; return {};
        case Key::S:
            o.spread = !o.spread;
            return {KeyEffect::None, s.params.language().tr(o.spread ? N_("Spread arcs: nearest place already active") : N_("Spread arcs hidden"))};
        case Key::M: return toggle_mode(s.params);
        case Key::H: o.help = !o.help; return {};
        case Key::Slash: if (shift) o.help = !o.help; return {};
        case Key::Tab: return cycle_focus(s, shift);
        case Key::Enter: return o.focus_city >= 0 ? KeyResult{KeyEffect::SelectFocused, ""} : KeyResult{};
        case Key::C: return s.has_selection ? KeyResult{KeyEffect::CopyDetails, ""} : KeyResult{};
        case Key::PageDown:
        case Key::PageUp:
        case Key::Down:
        case Key::Up: scroll_panel(s, key, panel); return {};
        case Key::Escape: return escape(s);
        case Key::E: return {KeyEffect::ExportMoment, ""};
        case Key::Q: return {KeyEffect::Close, ""};
        default: return {};
    }
}

}  // namespace qantar::app
