// The window's keys as logic without a window: a key changes the playback and the frame
// parameters here, and asks the window (through the returned effect) for what needs it: the
// camera, the window mode, the data, the clipboard, the file system. Unit-tested in
// tests/app/test_view_keys.cpp.
#pragma once

#include "render/frame.hpp"
#include "render/layout.hpp"
#include "render/playback.hpp"

#include <SFML/Window/Keyboard.hpp>  // the key codes only

#include <string>
#include <vector>

namespace qantar::app {

struct ViewState {
    render::Playback play;
    render::FrameParams params;
    std::vector<int> focus_order;  // Tab / Shift+Tab cycle (render::focus_order)
    int focus_at = -1;             // index into focus_order
    bool has_selection = false;    // a city or region is selected (its panel open)
    bool fullscreen = false;
};

enum class KeyEffect {
    None,
    ResetView,         // the fitted camera again
    ToggleFullscreen,
    LeaveFullscreen,
    SelectFocused,     // select params.overlays.focus_city
    ClearSelection,
    CopyDetails,
    ExportMoment,
    FocusMoved,        // a notice naming params.overlays.focus_city
    Close,
};

struct KeyResult {
    KeyEffect effect = KeyEffect::None;
    std::string notice;  // to show briefly ("" : none)
};

// Applies the key (shift held or not); `panel` is the panel as last drawn (for scrolling).
KeyResult handle_key(ViewState& s, sf::Keyboard::Key key, bool shift, const render::PanelLayout& panel);

// "Speed: 3 s per day".
std::string speed_notice(double seconds_per_day, const Language& words = english());

}  // namespace qantar::app
