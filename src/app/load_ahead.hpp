// The load that runs while a window or an offscreen OpenGL target is made: the data, the base
// map's geometry for the first frame's size (prepared while a database still counts the days),
// then the timeline, on a thread of its own. One home for the window, stills and video.
#pragma once

#include "core/timeline.hpp"
#include "io/load.hpp"
#include "render/renderer.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <optional>

namespace qantar::app {

struct Loaded {
    Dataset data;
    std::optional<Timeline> timeline;
    render::RenderPrep prep;
};

// Starts before anything of SFML's graphics is made (the first GL resource loads the OpenGL
// driver). strips_for: the first frame's size (its border strips are built too); beside_panel: the
// first frame opens a details panel. `load` is copied.
std::future<std::unique_ptr<Loaded>> load_ahead(LoadOptions load, std::optional<render::ScreenSize> strips_for,
                                                bool beside_panel = false);

// Whether the load is still running (the warm-ups run only then, so that a first frame never waits).
inline bool still_loading(const std::future<std::unique_ptr<Loaded>>& loading) {
    return loading.wait_for(std::chrono::seconds(0)) == std::future_status::timeout;
}

}  // namespace qantar::app
