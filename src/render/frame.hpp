// FrameParams: everything a frame depends on besides the data. The frame at given params is a
// pure function of (data, params): the window, the still renderer, tests and (issue 5) video
// export all build one of these and call Renderer::draw.
#pragma once

#include "camera.hpp"
#include "core/timeline.hpp"

#include <optional>
#include <string>

namespace qantar::render {

enum class Lang { En, Kk, Ru };
Lang parse_lang(const std::string& s);  // "en" | "kk" | "ru"; anything else: En

struct Overlays {
    bool labels = true;        // city labels (key L)
    bool help = false;         // the key help panel (H / ?)
    bool hud = true;           // date, legend, figures, timeline bar
    int selected_city = -1;    // issue 4: highlighted city (its panel is drawn by the caller)
    std::string caption;       // issue 5: presenter caption, drawn at the bottom when not empty
    std::string notice;        // a one-line notice shown briefly (e.g. "Speed: 3 s per day")
};

struct FrameParams {
    double t_utc_s = 0;            // story moment (UTC seconds)
    TimeSettings time;             // window / cumulative
    Camera camera;                 // which part of the map
    ScreenSize size;               // target size in pixels
    Lang lang = Lang::En;
    Overlays overlays;
    bool playing = false;          // shown in the HUD (play/pause glyph)
    double seconds_per_day = 3;    // shown in the HUD
};

}  // namespace qantar::render
