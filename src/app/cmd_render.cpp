// `qantar render --at TIME -o FILE.png [--size WxH]`: one frame, drawn offscreen exactly as the
// window draws it, written as PNG (temp file + rename). Other outputs: video_export.cpp.
#include "commands.hpp"
#include "display.hpp"
#include "frame_options.hpp"
#include "source_window.hpp"
#include "core/text.hpp"

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/renderer.hpp"
#include "video_export.hpp"

#include <SFML/Graphics.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace qantar::app {

int run_render(const LoadOptions& load, const RenderOptions& opt) {
    if (!iends_with(opt.output, ".png") || opt.story) return run_video(load, opt);
    if (!opt.view.at) throw UsageError("render: a still needs --at TIME (e.g. --at 2022-01-05T18:00+06:00)");
    if (!have_display(false, "qantar: render needs a display for OpenGL; run it under xvfb-run, e.g. "
                             "xvfb-run -a qantar render --at ... -o frame.png"))
        return 1;
    render::ScreenSize size = opt.view.size ? render::parse_size(*opt.view.size) : render::ScreenSize{1920, 1080};

    // A database sends only the window's rows (the whole past with --cumulative).
    Dataset data = load_dataset(with_source_window(
        load, std::nullopt, opt.view.at, opt.view.cumulative ? std::nullopt : std::optional<double>(opt.view.window_h)));
    io::refuse_overwriting_inputs(opt.output, data.input_files);
    Timeline timeline(data);
    double t = render::parse_moment(*opt.view.at, timeline.display_offset_s());

    sf::ContextSettings cs;
    cs.antialiasingLevel = opt.view.antialias;
    sf::RenderTexture rt;
    if (!rt.create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px), cs))
        throw std::runtime_error("could not create an offscreen OpenGL target of " + *opt.view.size);

    render::Renderer renderer(timeline, render::renderer_config_from_env());
    apply_range(renderer, timeline, opt.from, opt.to);
    render::FrameParams p = offscreen_params(renderer, opt.view, selection_of(data, opt.view), size, t);
    renderer.draw(rt, p);
    rt.display();
    sf::Image img = rt.getTexture().copyToImage();

    io::write_via_temporary(opt.output, [&](const std::string& tmp) { return img.saveToFile(tmp); });
    return 0;
}

}  // namespace qantar::app
