// FrameParams: everything a frame depends on besides the data. The frame at given params is a
// pure function of (data, params): the window, the still renderer, tests and (issue 5) video
// export all build one of these and call Renderer::draw.
#pragma once

#include "camera.hpp"
#include "labels.hpp"
#include "core/language.hpp"
#include "core/timeline.hpp"

#include <optional>
#include <string>
#include <vector>

namespace qantar::render {

enum class Lang { En, Kk, Ru };
Lang parse_lang(const std::string& s);  // "en" | "kk" | "ru"; anything else: En
std::string_view lang_code(Lang lang);   // "en", "kk", "ru"
// The name in `lang`; Kazakh falls back to Russian, anything missing to English.
const std::string& pick_name(Lang lang, const std::string& en, const std::string& kk, const std::string& ru);

struct Overlays {
    bool labels = true;        // city labels (key L)
    bool help = false;         // the key help panel (H / ?)
    bool hud = true;           // date, legend, figures, timeline bar
    int selected_city = -1;    // issue 4: highlighted city; its details panel is drawn too
    int selected_region = -1;  // issue 4: a region's details panel (when no city is selected)
    double panel_scroll_px = 0;  // the panel's scroll offset (clamped when drawn)
    int focus_city = -1;       // keyboard focus ring (Tab / Shift+Tab)
    int hover_city = -1, hover_region = -1;  // the hover tooltip's subject, shown at hover_px
    Vec2 hover_px;
    std::string caption;       // issue 5: presenter caption, drawn at the bottom when not empty
    std::string notice;        // a one-line notice shown briefly (e.g. "Speed: 3 s per day")
    bool controls = true;      // the playback line ("Playing · 3 s per day · H: help"); off in stills,
                               // video and the presenter, which show only speed and window
    bool timeline = true;      // the timeline bar (the presenter hides it unless T)
    bool spread = true;        // the spread arcs (nearest place already active; key S, --no-spread)
    std::vector<Box> obstacles;  // more screen boxes city labels keep clear of (a caption card)
};

struct FrameParams {
    double t_utc_s = 0;            // story moment (UTC seconds)
    TimeSettings time;             // window / cumulative
    Camera camera;                 // which part of the map
    ScreenSize size;               // target size in pixels
    Lang lang = Lang::En;
    // The interface's words and date and number formats in `lang` (app/frame_options sets it from
    // io::interface_language); nullptr: English. Long-lived: the languages are loaded once.
    const Language* words = nullptr;
    const Language& language() const { return words ? *words : english(); }
    Overlays overlays;
    bool playing = false;          // shown in the HUD (play/pause glyph)
    double seconds_per_day = 3;    // shown in the HUD
    double hud_scale = 1;          // text and HUD size on top of ui_scale (the presenter: larger)
    // --from/--to: the span of the timeline bar (default: the data's days; Renderer::set_range).
    std::optional<double> range_from_utc_s, range_to_utc_s;
};

}  // namespace qantar::render
