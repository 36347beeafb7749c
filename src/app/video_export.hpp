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

// Reads a finished render texture into rgba (resized to w*h*4, top row first), reusing scratch.
void read_pixels(const sf::RenderTexture& rt, std::vector<std::uint8_t>& scratch, std::vector<std::uint8_t>& rgba);

int run_video(const LoadOptions& load, const RenderOptions& opt);

}  // namespace qantar::app
