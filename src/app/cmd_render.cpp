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
#include "render/presenter_look.hpp"
#include "render/renderer.hpp"
#include "video_export.hpp"

#include "core/camera_path.hpp"
#include "core/scene.hpp"
#include "io/story_loader.hpp"

#include <SFML/Graphics.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace qantar::app {

namespace {

// The categories of the events drawn at the frame's moment (their colours must be in the legend),
// plus "spread" while spread arcs are drawn.
std::vector<std::string> drawn_categories(const Timeline& tl, const render::FrameParams& p) {
    std::vector<std::string> out;
    auto add = [&](std::string id) {
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    };
    for (std::size_t i = 0; i < tl.data().events.size(); ++i)
        if (tl.is_visible(i, p.t_utc_s, p.time)) add(tl.data().category_of(tl.data().events[i]).id);
    if (p.overlays.spread) {
        const Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
        if (!s.spread.empty()) add("spread");
    }
    return out;
}

void write_layout_json(const std::string& path, const Timeline& tl, const render::FrameParams& p,
                       const render::FrameLayout& layout) {
    if (path.empty()) return;
    io::write_file_atomically(path, render::layout_json(layout, drawn_categories(tl, p)) + "\n");
}

// `render --beat N -o FILE.png`: the presenter's frame of beat N, holding, with its caption card.
int render_beat(const LoadOptions& load, const RenderOptions& opt_in, const render::ScreenSize& size) {
    RenderOptions opt = opt_in;  // the speed resolved once the data is read
    Dataset data = load_dataset(load);
    io::refuse_overwriting_inputs(opt.output, data.input_files);
    const std::string story_path = opt.story && !opt.story->empty()
                                       ? *opt.story
                                       : story_beats_path(load);
    const Story story = load_story(story_path, data);
    if (*opt.beat > static_cast<int>(story.beats.size()))
        throw UsageError("render: --beat " + std::to_string(*opt.beat) + ": the story has " +
                         std::to_string(story.beats.size()) + " beats");
    Timeline timeline(data);
    resolve_speed(opt.view, timeline);
    const ExtentM country = country_extent_m(data);
    const StorySchedule schedule(story, schedule_options_of(opt.view, opt.beat_seconds, country));
    const CameraFrame frame = schedule.at(schedule.hold_start_s(static_cast<std::size_t>(*opt.beat - 1)));

    sf::ContextSettings cs;
    cs.antialiasingLevel = opt.view.antialias;
    sf::RenderTexture rt;
    if (!rt.create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px), cs))
        throw std::runtime_error("could not create an offscreen OpenGL target");
    render::Renderer renderer(timeline, render::renderer_config_from_env());
    render::Presenter presenter(renderer, story, country);
    const render::PresenterView pv = presenter_view_of(opt.view, size);
    const render::FrameLayout layout = presenter.draw(rt, frame, pv);
    rt.display();
    sf::Image img = rt.getTexture().copyToImage();
    io::write_via_temporary(opt.output, [&](const std::string& tmp) { return img.saveToFile(tmp); });
    write_layout_json(opt.layout_json, timeline, presenter.params(frame, pv), layout);
    return 0;
}

}  // namespace

int run_render(const LoadOptions& load, const RenderOptions& opt_in) {
    RenderOptions opt = opt_in;  // the speed resolved once the data is read
    const bool still = iends_with(opt.output, ".png");
    if (opt.beat && !still) throw UsageError("render: --beat makes a still: -o FILE.png");
    if (!opt.layout_json.empty() && !still) throw UsageError("render: --layout-json goes with a still (-o FILE.png)");
    if (opt.beat) {
        if (!have_display(false, "qantar: render needs a display for OpenGL; run it under xvfb-run"))
            return 1;
        return render_beat(load, opt, opt.view.size ? render::parse_size(*opt.view.size) : render::ScreenSize{1920, 1080});
    }
    if (!still || opt.story) return run_video(load, opt);
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
    resolve_speed(opt.view, timeline);
    double t = render::parse_moment(*opt.view.at, timeline.display_offset_s());

    sf::ContextSettings cs;
    cs.antialiasingLevel = opt.view.antialias;
    sf::RenderTexture rt;
    if (!rt.create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px), cs))
        throw std::runtime_error("could not create an offscreen OpenGL target of " + *opt.view.size);

    render::Renderer renderer(timeline, render::renderer_config_from_env());
    apply_range(renderer, timeline, opt.from, opt.to);
    render::FrameParams p = offscreen_params(renderer, opt.view, selection_of(data, opt.view), size, t);
    const render::FrameLayout layout = renderer.draw(rt, p);
    rt.display();
    sf::Image img = rt.getTexture().copyToImage();

    io::write_via_temporary(opt.output, [&](const std::string& tmp) { return img.saveToFile(tmp); });
    write_layout_json(opt.layout_json, timeline, p, layout);
    return 0;
}

}  // namespace qantar::app
