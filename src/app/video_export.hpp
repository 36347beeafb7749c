// `qantar render -o OUT.mp4|.gif|.webm|DIR/`: the animation (or, with --story, the presenter's
// story) drawn offscreen frame by frame with the same Renderer::draw as the window, and streamed
// into a video::FrameSink. Rendering runs on this thread; the sink encodes on its own threads
// behind a bounded queue, so the two overlap. Ctrl-C or an error aborts the sink: nothing at OUT.
#pragma once

#include "commands.hpp"
#include "core/details.hpp"

#include "render/frame.hpp"
#include "render/renderer.hpp"

#include <SFML/Graphics.hpp>

#include <cstdint>
#include <vector>

namespace qantar::app {

// The city or region --select names (empty without --select). Throws UsageError for an unknown
// name, listing the known ones. Resolved once, before the frames.
Selection selection_of(const Dataset& data, const ViewOptions& view);

// The FrameParams of a plain (non-story) exported frame or still at moment t: the window's frame
// without its playback controls line; with a selection, its details panel open and the map slid
// aside, as in the window.
render::FrameParams offscreen_params(const render::Renderer& renderer, const ViewOptions& view,
                                     const Selection& selection, const render::ScreenSize& size,
                                     double t_utc_s);

// Reads a finished render texture into rgba (resized to w*h*4, top row first), reusing scratch.
void read_pixels(const sf::RenderTexture& rt, std::vector<std::uint8_t>& scratch, std::vector<std::uint8_t>& rgba);

int run_video(const LoadOptions& load, const RenderOptions& opt);

}  // namespace qantar::app
