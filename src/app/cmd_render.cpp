// `qantar render --at TIME -o FILE.png [--size WxH]`: one frame, drawn offscreen exactly as the
// window draws it, written as PNG (temp file + rename). Other outputs: video_export.cpp.
#include "commands.hpp"
#include "display.hpp"
#include "load_ahead.hpp"
#include "frame_options.hpp"
#include "source_window.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/presenter_look.hpp"
#include "render/renderer.hpp"
#include "render/warm_up.hpp"
#include "video_export.hpp"
#include "video/png_sink.hpp"

#include "core/camera_path.hpp"
#include "core/scene.hpp"
#include "io/story_loader.hpp"

#include <SFML/Graphics.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>
#include <iostream>
#include <unistd.h>

namespace qantar::app {

namespace {

void write_layout_json(const std::string& path, const Timeline& tl, const render::FrameParams& p,
                       const render::FrameLayout& layout) {
    if (path.empty()) return;
    const Scene s = build_scene(tl, {p.t_utc_s, p.time, {}, {}});
    io::write_file_atomically(path, render::layout_json(tl.data(), layout, render::drawn_colours(tl, s, p)) + "\n");
}

// The pixels of a still and the buffer they are read through: allocated (and their pages touched)
// while the data loads, for render --at.
struct Readback {
    std::vector<std::uint8_t> scratch, rgba;
    void reserve(const render::ScreenSize& size) {
        const auto bytes = static_cast<std::size_t>(size.width_px) * static_cast<std::size_t>(size.height_px) * 4;
        scratch.assign(bytes, 0);
        rgba.assign(bytes, 0);
    }
};

// read_pixels and the video's PNG encoder (zlib level 1, Up filter): the same pixels as
// sf::Image's copyToImage and saveToFile, and a smaller file, for ~30 ms of CPU instead of ~330
// (bundled story at 1600x900: 308 KB instead of 334 KB; perf of render --at, 1000 samples/s).
void save_png(const sf::RenderTexture& rt, const std::string& path, Readback& px) {
    read_pixels(rt, px.scratch, px.rgba);
    const sf::Vector2u size = rt.getSize();
    const std::vector<std::uint8_t> png = video::encode_png(px.rgba.data(), static_cast<int>(size.x), static_cast<int>(size.y), 1);
    io::write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
}
void save_png(const sf::RenderTexture& rt, const std::string& path) {
    Readback px;
    save_png(rt, path, px);
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

    sf::RenderTexture rt;
    create_offscreen(rt, size.width_px, size.height_px, opt.view.antialias);
    render::Renderer renderer(timeline, render::renderer_config_from_env());
    render::Presenter presenter(renderer, story, country);
    const render::PresenterView pv = presenter_view_of(opt.view, size);
    const render::FrameLayout layout = presenter.draw(rt, frame, pv);
    rt.display();
    save_png(rt, opt.output);
    write_layout_json(opt.layout_json, timeline, presenter.params(frame, pv), layout);
    return 0;
}

// `render --every HOURS` and/or `--all-beats`, `-o DIR/`: many stills from one process (the data
// loaded once, one offscreen target): DIR/at-<local time>.png every HOURS over the animation's span
// and DIR/beat-NN.png for each presenter beat, the same pixels as one `render --at` or `--beat`
// each; with --layout-json DIR2, each frame's layout as DIR2/<the same name>.json (the sweep).
int render_stills(const LoadOptions& load, const RenderOptions& opt_in, const render::ScreenSize& size) {
    RenderOptions opt = opt_in;  // the speed resolved once the data is read
    namespace fs = std::filesystem;
    if (opt.every_h && !(*opt.every_h > 0)) throw UsageError("render: --every HOURS must be more than 0");
    Dataset data = load_dataset(load);
    Timeline timeline(data);
    resolve_speed(opt.view, timeline);
    fs::create_directories(opt.output);
    if (!opt.layout_json.empty()) fs::create_directories(opt.layout_json);
    sf::RenderTexture rt;
    create_offscreen(rt, size.width_px, size.height_px, opt.view.antialias);
    render::Renderer renderer(timeline, render::renderer_config_from_env());
    apply_range(renderer, timeline, opt.from, opt.to);
    int count = 0;
    Readback pixels;  // reused by every still
    auto write = [&](const std::string& name, const render::FrameParams& p, const render::FrameLayout& layout) {
        const std::string png = (fs::path(opt.output) / (name + ".png")).string();
        io::refuse_overwriting_inputs(png, data.input_files);
        rt.display();
        save_png(rt, png, pixels);
        if (!opt.layout_json.empty())
            write_layout_json((fs::path(opt.layout_json) / (name + ".json")).string(), timeline, p, layout);
        ++count;
    };
    if (opt.every_h) {
        const Selection sel = selection_of(data, opt.view);
        const double t1 = render::animation_end_utc_s(timeline), step = *opt.every_h * 3600.0;
        const double t0 = render::animation_start_utc_s(timeline);
        if ((t1 - t0) / step + 1 > static_cast<double>(opt.max_frames))
            throw UsageError("render: --every " + format_number(*opt.every_h) + " makes more stills than --max-frames " +
                             std::to_string(opt.max_frames));
        for (std::int64_t k = 0; t0 + static_cast<double>(k) * step <= t1; ++k) {
            const double t = t0 + static_cast<double>(k) * step;
            const render::FrameParams p = offscreen_params(renderer, opt.view, sel, size, t);
            const render::FrameLayout layout = renderer.draw(rt, p);
            std::string name = format_iso8601_minutes({static_cast<std::int64_t>(t), timeline.display_offset_s()}).substr(0, 16);
            std::replace(name.begin(), name.end(), ':', '-');
            write("at-" + name, p, layout);
        }
    }
    if (opt.all_beats) {
        const Story story = load_story(opt.story && !opt.story->empty() ? *opt.story : story_beats_path(load), data);
        const ExtentM country = country_extent_m(data);
        const StorySchedule schedule(story, schedule_options_of(opt.view, opt.beat_seconds, country));
        render::Presenter presenter(renderer, story, country);
        const render::PresenterView pv = presenter_view_of(opt.view, size);
        for (std::size_t b = 0; b < story.beats.size(); ++b) {
            const CameraFrame frame = schedule.at(schedule.hold_start_s(b));
            const render::FrameLayout layout = presenter.draw(rt, frame, pv);
            const std::string n = std::to_string(b + 1);
            write("beat-" + std::string(n.size() < 2 ? 2 - n.size() : 0, '0') + n, presenter.params(frame, pv), layout);
        }
    }
    std::cout << count << " stills in " << opt.output << '\n';
    return 0;
}

}  // namespace

int run_render(const LoadOptions& load, const RenderOptions& opt_in) {
    RenderOptions opt = opt_in;  // the speed resolved once the data is read
    const bool still = iends_with(opt.output, ".png");
    if (opt.every_h || opt.all_beats) {
        if (opt.beat || opt.view.at) throw UsageError("render: --every and --all-beats write many stills: no --at or --beat");
        if (still) throw UsageError("render: --every and --all-beats write into a folder: -o DIR/, not " + opt.output);
        if (!have_display(false, "qantar: render needs a display for OpenGL; run it under xvfb-run")) return 1;
        return render_stills(load, opt, opt.view.size ? render::parse_size(*opt.view.size) : render::ScreenSize{1920, 1080});
    }
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

    // A database sends only the window's rows (the whole past with --cumulative). The data loads,
    // its timeline is built and the renderer's geometry prepared for this size on a thread while
    // the offscreen OpenGL context is made.
    const LoadOptions windowed = with_source_window(
        load, std::nullopt, opt.view.at, opt.view.cumulative ? std::nullopt : std::optional<double>(opt.view.window_h));
    auto loading = load_ahead(windowed, size, opt.view.select.has_value());
    // Meanwhile: the context, the shader and the fonts (errors reported after the data's own).
    sf::RenderTexture rt;
    const render::RendererConfig config = render::renderer_config_from_env();
    std::unique_ptr<render::RenderResources> resources;
    std::exception_ptr no_context;
    try {
        create_offscreen(rt, size.width_px, size.height_px, opt.view.antialias);
        resources = render::make_render_resources(config);
    } catch (...) {
        no_context = std::current_exception();
    }
    // While the data is still loading: the frame's drawing states compiled and storage for the
    // base map allocated (as the window does: render/warm_up.hpp).
    if (resources && still_loading(loading)) render::warm_up(rt, *resources, size);
    for (const std::size_t vertices : {std::size_t{400'000}, std::size_t{120'000}})
        if (resources && still_loading(loading)) render::reserve_vertex_buffer(*resources, vertices);
    Readback pixels;
    if (resources && still_loading(loading)) pixels.reserve(size);
    const std::unique_ptr<Loaded> loaded = loading.get();
    const Dataset& data = loaded->data;
    io::refuse_overwriting_inputs(opt.output, data.input_files);
    if (no_context) std::rethrow_exception(no_context);
    const Timeline& timeline = *loaded->timeline;
    resolve_speed(opt.view, timeline);
    double t = render::parse_moment(*opt.view.at, timeline.display_offset_s());

    render::Renderer renderer(timeline, config, std::move(loaded->prep), std::move(resources));
    apply_range(renderer, timeline, opt.from, opt.to);
    render::FrameParams p = offscreen_params(renderer, opt.view, selection_of(data, opt.view), size, t);
    const render::FrameLayout layout = renderer.draw(rt, p);
    rt.display();
    save_png(rt, opt.output, pixels);
    write_layout_json(opt.layout_json, timeline, p, layout);
    return 0;
}

}  // namespace qantar::app
