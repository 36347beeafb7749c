// Frame times of the renderer at 1280x720 with 1,000 to 1,000,000 synthetic events (10,000,000 when
// asked for: about 4 GB while it prepares) over the bundled map, in the moving-window and
// cumulative modes. Each measured frame advances the
// story by what one 60 Hz frame of playback at 3 s per day advances it (24 story minutes), and
// waits for the GPU (glFinish), so the figure is the real cost of a frame.
//
//   bench_render [frames] [events...]   (default 1000 10000 30000 100000 300000 1000000; needs a
//   display: bench/bench_frames.sh runs it under xvfb-run). The "path" column is what the first
//   measured window frame draws: "marks" with the screens of pixels they cover, or "grid".
//   BENCH_RENDER_PNG=DIR writes the last frame of each run there.
#include "app/process_memory.hpp"
#include "render/renderer.hpp"

#include "io/load.hpp"
#include "io/story_manifest.hpp"
#include "core/timeline.hpp"

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using namespace qantar;
using namespace qantar::render;

static std::vector<EventMark> synthetic(std::size_t n, const Dataset& data, double t0, double t1) {
    std::mt19937_64 rng(20220105);
    std::uniform_real_distribution<double> when(t0, t1), jitter(-60000, 60000), hours(1, 12);
    std::uniform_int_distribution<std::size_t> city(0, data.cities.size() - 1);
    std::uniform_int_distribution<int> cat(0, 2), level(6, 50);
    std::vector<EventMark> out(n);
    for (auto& m : out) {
        const City& c = data.cities[city(rng)];
        m.pos_m = {c.pos_m.x + jitter(rng), c.pos_m.y + jitter(rng)};
        m.start_utc_s = when(rng);
        m.end_utc_s = m.start_utc_s + hours(rng) * 3600;
        m.color = category_color(data.categories[static_cast<std::size_t>(cat(rng)) % data.categories.size()]);
        m.size_level = static_cast<std::uint8_t>(level(rng));
    }
    return out;
}

int main(int argc, char** argv) {
    qantar::app::tune_process_memory();  // as qantar runs: the same malloc settings, the heap on huge pages
    int frames = argc > 1 ? std::atoi(argv[1]) : 120;
    std::vector<std::size_t> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(static_cast<std::size_t>(std::atoll(argv[i])));
    if (sizes.empty()) sizes = {1000, 10000, 30000, 100000, 300000, 1000000};
    LoadOptions lo;
    apply_story(read_story_manifest(bundled_story_manifest(find_geodata_dir())), lo);
    Dataset data = load_dataset(lo);
    Timeline timeline(data);
    sf::ContextSettings cs;
    cs.antialiasingLevel = 0;
    sf::RenderTexture rt;
    if (!rt.create(1280, 720, cs)) {
        std::fprintf(stderr, "bench_render: no OpenGL target (needs a display)\n");
        return 1;
    }
    Renderer renderer(timeline, renderer_config_from_env());
    const double t0 = renderer.start_utc_s(), t1 = renderer.end_utc_s();
    FrameParams p;
    p.size = {1280, 720};
    p.camera = renderer.home_camera(p.size);
    std::printf("renderer frame times at 1280x720, %d frames each, shaders %s\n", frames,
                renderer.shaders_active() ? "on" : "off");
    std::printf("%10s  %12s  %14s  %12s  %12s\n", "events", "window ms", "cumulative ms", "prepare ms", "path");
    for (std::size_t n : sizes) {
        auto marks = synthetic(n, data, t0, t1);
        auto a = std::chrono::steady_clock::now();
        renderer.set_event_marks(std::move(marks));
        double prep = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count();
        double ms[2] = {0, 0};
        char path[32];
        {
            const double t = t0 + 3.5 * 86400, px_scale = renderer.layout(p).u;
            const EventLayer& layer = renderer.event_layer();
            if (layer.dense_at(t, 86400, px_scale, {1280.f, 720.f})) std::snprintf(path, sizeof path, "grid");
            else std::snprintf(path, sizeof path, "marks %.2f", layer.fill_px(t, 86400, px_scale) / (1280.0 * 720.0));
        }
        for (int mode = 0; mode < 2; ++mode) {
            p.time.mode = mode == 0 ? TimeMode::Window : TimeMode::Cumulative;
            double t = t0 + 3.5 * 86400;
            for (int i = 0; i < 5; ++i) { renderer.draw(rt, p); glFinish(); }  // warm up
            auto s = std::chrono::steady_clock::now();
            for (int i = 0; i < frames; ++i) {
                p.t_utc_s = t;
                renderer.draw(rt, p);
                rt.display();
                glFinish();
                t += 86400.0 / 3.0 / 60.0;
            }
            ms[mode] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count() / frames;
            // BENCH_RENDER_PNG=DIR: the last frame of each run, to look at (window-<n>.png, cumulative-<n>.png).
            if (const char* dir = std::getenv("BENCH_RENDER_PNG"))
                rt.getTexture().copyToImage().saveToFile(std::string(dir) + (mode == 0 ? "/window-" : "/cumulative-") +
                                                         std::to_string(n) + ".png");
        }
        std::printf("%10zu  %12.2f  %14.2f  %12.0f  %12s\n", n, ms[0], ms[1], prep, path);
        std::fflush(stdout);
    }
    return 0;
}
