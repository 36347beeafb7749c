// Video export (video_export.hpp). Pulls in OpenGL directly for the frame readback only.
#include "video_export.hpp"

#include "load_ahead.hpp"
#include "source_window.hpp"

#include "display.hpp"
#include "frame_options.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "io/atomic_file.hpp"
#include "io/load.hpp"
#include "io/story_loader.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/panel.hpp"
#include "render/presenter_look.hpp"
#include "render/warm_up.hpp"
#include "video/frame_sink.hpp"
#include "video/frame_timing.hpp"
#include "video/interrupt.hpp"
#include "video/progress.hpp"

#include <SFML/OpenGL.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <iostream>
#include <optional>

namespace qantar::app {

void read_pixels(const sf::RenderTexture& rt, std::vector<std::uint8_t>& scratch, std::vector<std::uint8_t>& rgba) {
    // One glGetTexImage into a reused buffer, then a row flip (render textures are stored bottom
    // row first). copyToImage does the same with two fresh 8 MB allocations per frame.
    const sf::Vector2u size = rt.getTexture().getSize();
    sf::Texture::bind(&rt.getTexture());
    GLint tw = 0, th = 0;
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &tw);
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &th);
    scratch.resize(static_cast<std::size_t>(tw) * static_cast<std::size_t>(th) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, scratch.data());
    sf::Texture::bind(nullptr);
    const std::size_t row = static_cast<std::size_t>(size.x) * 4, pitch = static_cast<std::size_t>(tw) * 4;
    rgba.resize(row * size.y);
    for (std::size_t y = 0; y < size.y; ++y)
        std::memcpy(rgba.data() + y * row, scratch.data() + (size.y - 1 - y) * pitch, row);
}

namespace {

using Clock = std::chrono::steady_clock;

// Which frames: a plain animation from..to, or the story's schedule drawn by the presenter.
struct FramePlan {
    std::optional<StorySchedule> schedule;
    std::optional<render::Presenter> presenter;
    video::FrameTiming plain;
    std::int64_t frames = 0;
};

void plan_frames(FramePlan& plan, const RenderOptions& opt, const Dataset& data, const Timeline& timeline,
                 const std::optional<Story>& story, render::Renderer& renderer) {
    const ExtentM country = country_extent_m(data);
    if (story) {
        plan.schedule.emplace(*story, schedule_options_of(opt.view, opt.beat_seconds, country));
        plan.presenter.emplace(renderer, *story, country);
        check_frame_count(opt.fps * plan.schedule->duration_s(), opt.max_frames);  // before any integer cast
        plan.frames = video::StoryFrameTiming{&*plan.schedule, static_cast<double>(opt.fps)}.frame_count();
        return;
    }
    video::FrameTiming& plain = plan.plain;
    const std::int32_t off = timeline.display_offset_s();
    plain.from_utc_s = opt.from ? render::parse_moment(*opt.from, off, "--from") : renderer.start_utc_s();
    plain.to_utc_s = opt.to ? render::parse_moment(*opt.to, off, "--to") : renderer.end_utc_s();
    if (plain.to_utc_s <= plain.from_utc_s) throw UsageError("render: --to must be later than --from");
    plain.fps = opt.fps;
    plain.seconds_per_day = opt.view.seconds_per_day;
    check_frame_count(plain.fps * plain.animation_seconds(), opt.max_frames);  // before any integer cast
    plan.frames = plain.frame_count();
}

// QANTAR_PROFILE=1: when each stage ends (from the start of the export: the data loaded, the
// OpenGL context made, the renderer ready, the first frame drawn, every frame written) and where a
// frame's time goes (draw, GPU finish, readback, queue wait).
struct Profile {
    bool on = std::getenv("QANTAR_PROFILE") != nullptr;
    Clock::time_point started = Clock::now();
    double draw = 0, finish = 0, read = 0, push = 0;
    void mark(const char* stage) const {
        if (on)
            std::fprintf(stderr, "profile: %s at %.0f ms\n", stage,
                         std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    }
    void lap(double& acc, Clock::time_point& since) const {
        const auto now = Clock::now();
        acc += std::chrono::duration<double>(now - since).count();
        since = now;
    }
    void report(std::int64_t frames) const {
        if (!on || frames <= 0) return;
        const double n = static_cast<double>(frames) / 1000.0;
        std::fprintf(stderr, "profile: ms per frame: draw %.1f, resolve %.1f, readback %.1f, queue %.1f\n",
                     draw / n, finish / n, read / n, push / n);
    }
};

// Draws frames [0, frames) with draw_frame and streams them into the sink; 130 when interrupted
// (the sink aborted), else 0. Any error aborts the sink and is rethrown. With a second target,
// frame i is drawn into targets[i % 2] and read back once frame i + 1 is drawn: software OpenGL
// rasterises a frame on its own threads after display(), while this thread draws the next (with
// one target, each frame is read back at once). QANTAR_PROFILE's glFinish calls undo the overlap.
template <class DrawFrame>
int encode_frames(video::FrameSink& sink, sf::RenderTexture& first, sf::RenderTexture* second, const RenderOptions& opt,
                  const render::ScreenSize& size, std::int64_t frames, Profile& prof, DrawFrame draw_frame) {
    video::install_interrupt_handlers();
    video::ProgressReporter progress(frames, stderr, video::ProgressReporter::stream_is_terminal(stderr));
    const auto started = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
    std::vector<std::uint8_t> scratch, rgba;
    auto target = [&](std::int64_t i) -> sf::RenderTexture& { return second && i % 2 ? *second : first; };
    auto write = [&](std::int64_t i, Clock::time_point since) {
        read_pixels(target(i), scratch, rgba);
        if (prof.on) prof.lap(prof.read, since);
        sink.push(std::move(rgba), i);
        rgba = sink.take_spare();
        if (prof.on) prof.lap(prof.push, since);
        if (i == 0) prof.mark("first frame drawn");
        progress.update(i + 1, elapsed());
    };
    try {
        sink.begin(static_cast<int>(size.width_px), static_cast<int>(size.height_px), opt.fps);
        for (std::int64_t i = 0; i < frames; ++i) {
            auto since = Clock::now();
            draw_frame(i, target(i));
            if (prof.on) { glFinish(); prof.lap(prof.draw, since); }
            target(i).display();
            if (prof.on) { glFinish(); prof.lap(prof.finish, since); }
            if (!second) write(i, since);
            else if (i > 0) write(i - 1, since);
            if (video::interrupted()) {
                sink.abort();
                std::cerr << "\nqantar: interrupted; nothing written to " << opt.output << '\n';
                return 130;
            }
        }
        if (second && frames > 0) write(frames - 1, Clock::now());
        sink.finish();
        prof.mark("every frame written");
    } catch (...) {
        sink.abort();
        throw;
    }
    progress.finish(frames, elapsed());
    prof.report(frames);
    return 0;
}

}  // namespace

int run_video(const LoadOptions& load, const RenderOptions& opt_in) {
    Profile prof;
    RenderOptions opt = opt_in;  // the speed resolved once the data is read
    const video::Format format = video::format_for(opt.output);  // UsageError for other endings
    const render::ScreenSize size = opt.view.size ? render::parse_size(*opt.view.size) : render::ScreenSize{1920, 1080};
    if (format != video::Format::PngSequence && (static_cast<int>(size.width_px) % 2 || static_cast<int>(size.height_px) % 2))
        throw UsageError("render: a video needs an even width and height (H.264 and VP9 in yuv420p), not " + *opt.view.size);

    // The sink first: a missing ffmpeg fails before a second is spent loading.
    std::unique_ptr<video::FrameSink> sink = video::make_sink(opt.output);

    // A database sends only the rows of --from..--to (and the window before --from); a story's
    // beats may go anywhere, so a story reads every row. The data loads, its timeline is built and
    // the base map's geometry prepared (with the home camera's border strips for a plain
    // animation) on a thread while the offscreen OpenGL context, the shader and the fonts are made
    // (as a still does). Errors keep their order: the data's, the story's, then the display's.
    const bool cumulative = opt.view.cumulative;
    const LoadOptions source = opt.story ? load
                                         : with_source_window(load, cumulative ? std::nullopt : opt.from, opt.to,
                                                              cumulative ? std::nullopt : std::optional(opt.view.window_h));
    const std::optional<render::ScreenSize> strips_for = opt.story ? std::nullopt : std::optional(size);
    auto loading = load_ahead(source, strips_for);
    sf::RenderTexture rt;
    render::RendererConfig config = render::renderer_config_from_env();
    config.direct_first_frame = false;  // many frames: the base map's cache from the first
    std::unique_ptr<render::RenderResources> resources;
    std::exception_ptr no_context;
    if (display_set(false)) {  // without one, the advice comes after the data's own errors
        try {
            create_offscreen(rt, size.width_px, size.height_px, opt.view.antialias);
            resources = render::make_render_resources(config);
        } catch (...) {
            no_context = std::current_exception();
        }
    }
    prof.mark("context made");
    // While the data is still loading: the drawing states compiled, and the base map's storage
    // made: its cache's two render textures and vertex buffers for the fills and strips of a world
    // base map at 1920x1080 (render/warm_up.hpp).
    if (resources && still_loading(loading)) render::warm_up(rt, *resources, size);
    // The second target of encode_frames (made after the data when it loads sooner).
    sf::RenderTexture rt2;
    bool rt2_ok = false;
    auto make_second = [&] {
        sf::ContextSettings cs;
        cs.antialiasingLevel = opt.view.antialias;
        rt2_ok = rt2.create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px), cs);
        if (rt2_ok) rt2.clear();  // its pages touched now
    };
    if (resources && still_loading(loading)) make_second();
    for (int k = 0; k < 2; ++k)
        if (resources && still_loading(loading)) render::reserve_render_texture(*resources, size);
    for (const std::size_t vertices : {std::size_t{600'000}, std::size_t{300'000}, std::size_t{150'000}})
        if (resources && still_loading(loading)) render::reserve_vertex_buffer(*resources, vertices);
    prof.mark("warmed up");
    const std::unique_ptr<Loaded> loaded = loading.get();
    prof.mark("data loaded");
    const Dataset& data = loaded->data;
    const Timeline& timeline = *loaded->timeline;
    resolve_speed(opt.view, timeline);
    std::optional<Story> story;
    if (opt.story)
        story = load_story(opt.story->empty() ? story_beats_path(load) : *opt.story, data);
    std::vector<std::string> inputs = data.input_files;
    if (story) inputs.push_back(story->path);
    io::refuse_overwriting_inputs(opt.output, inputs);

    // After loading: a bad story file is reported the same with or without a display.
    if (!have_display(false, "qantar: render needs a display for OpenGL; run it under xvfb-run, e.g. "
                             "xvfb-run -a qantar render -o animation.mp4"))
        return 1;
    if (no_context) std::rethrow_exception(no_context);
    const Selection selection = selection_of(data, opt.view);  // an unknown name fails before any frame
    render::Renderer renderer(timeline, config, std::move(loaded->prep), std::move(resources));
    if (!rt2_ok) make_second();
    prof.mark("renderer ready");

    FramePlan plan;
    plan_frames(plan, opt, data, timeline, story, renderer);
    const render::PresenterView pv = presenter_view_of(opt.view, size);
    return encode_frames(*sink, rt, rt2_ok ? &rt2 : nullptr, opt, size, plan.frames, prof, [&](std::int64_t i, sf::RenderTexture& to) {
        if (plan.presenter) {
            plan.presenter->draw(to, video::StoryFrameTiming{&*plan.schedule, static_cast<double>(opt.fps)}.frame(i), pv);
        } else {
            render::FrameParams p = offscreen_params(renderer, opt.view, selection, size, plan.plain.time_of_frame(i));
            p.playing = true;
            renderer.draw(to, p);
        }
    });
}

}  // namespace qantar::app
