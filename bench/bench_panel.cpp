// The details panel of a place with 10,000 events (issue 11: opens in <= 50 ms): a synthetic
// events file with N events at the bundled map's first city (written to a temporary directory),
// loaded with the bundled story's categories; then, at 1920x1080, the time of
//   - city_details (core: what the panel says),
//   - the first frame with the panel open minus a frame without it (the panel's build and draw),
//   - a frame while it stays open and scrolls.
// Each figure waits for the GPU (glFinish); median of the runs.
//
//   bench_panel [events=10000] [runs=7]   (needs a display: run it under xvfb-run)
#include "app/process_memory.hpp"
#include "render/renderer.hpp"

#include "core/details.hpp"
#include "core/timeline.hpp"
#include "io/load.hpp"
#include "io/story_manifest.hpp"

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

using namespace qantar;
using namespace qantar::render;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// N events at one city over ten days, notes of 100-600 characters, a few categories.
void write_events(const std::string& path, const City& city, const std::vector<CategoryDef>& cats, std::size_t n) {
    std::ofstream out(path);
    out << "event_id_cnty,event_date,latitude,longitude,location,notes,source,category,start_time,end_time,city_id,participants\n";
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> len(100, 600), minute(0, 10 * 24 * 60 - 1), people(10, 5000);
    std::vector<std::string> ids;
    for (const CategoryDef& c : cats)
        if (c.marker) ids.push_back(c.id);
    std::uniform_int_distribution<std::size_t> cat(0, ids.size() - 1);
    const std::string words = "crowd gathered near the square and marched along the avenue while police watched ";
    for (std::size_t i = 0; i < n; ++i) {
        const int m = minute(rng);
        char when[32];
        std::snprintf(when, sizeof when, "2022-01-%02dT%02d:%02d+06:00", 1 + m / 1440, m / 60 % 24, m % 60);
        std::string notes;
        const int l = len(rng);
        while (static_cast<int>(notes.size()) < l) notes += words;
        notes.resize(static_cast<std::size_t>(l));
        out << "SYN" << i << ",2022-01-" << (1 + m / 1440) << ',' << city.lat_deg << ',' << city.lon_deg << ','
            << city.name_en << ",\"" << notes << "\",Synthetic outlet " << i % 17 << ',' << ids[cat(rng)] << ',' << when
            << ",," << city.city_id << ',' << people(rng) << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    qantar::app::tune_process_memory();  // as qantar runs: the same malloc settings, the heap on huge pages
    const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::atoll(argv[1])) : 10000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
    LoadOptions lo;
    apply_story(read_story_manifest(bundled_story_manifest(find_geodata_dir())), lo);
    const Dataset bundled = load_dataset(lo);
    const City& city = bundled.cities.front();

    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("qantar-bench-panel-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    lo.events_path = (dir / "events.csv").string();
    write_events(lo.events_path, city, bundled.categories, n);
    Dataset data = load_dataset(lo);
    fs::remove_all(dir);
    const Timeline timeline(data);
    const int ci = data.find_city(city.city_id);

    sf::RenderTexture rt;
    if (!rt.create(1920, 1080)) {
        std::fprintf(stderr, "bench_panel: no OpenGL target (needs a display)\n");
        return 1;
    }
    Renderer renderer(timeline, renderer_config_from_env());
    FrameParams p;
    p.size = {1920, 1080};
    p.camera = renderer.home_camera(p.size);
    p.t_utc_s = renderer.start_utc_s() + 5.5 * 86400;
    std::printf("details panel of %s with %zu events at 1920x1080 (%d runs, median)\n", city.name_en.c_str(),
                timeline.city_events(ci).size(), runs);

    std::vector<double> core, closed, open, scroll;
    for (int r = 0; r < runs; ++r) {
        auto a = Clock::now();
        const Details d = city_details(timeline, ci, p.t_utc_s);
        core.push_back(ms_since(a));

        p.overlays.selected_city = -1;
        renderer.draw(rt, p);  // a frame before the click
        glFinish();
        a = Clock::now();
        renderer.draw(rt, p);
        glFinish();
        closed.push_back(ms_since(a));

        p.overlays.selected_city = ci;
        p.overlays.panel_scroll_px = 0;
        a = Clock::now();
        renderer.draw(rt, p);  // the click: the panel opens
        glFinish();
        open.push_back(ms_since(a));

        p.overlays.panel_scroll_px = 4000.0 * (r + 1);
        a = Clock::now();
        renderer.draw(rt, p);
        glFinish();
        scroll.push_back(ms_since(a));
    }
    const double c = median(closed), o = median(open);
    std::printf("city_details (core)             %8.2f ms\n", median(core));
    std::printf("frame without the panel         %8.2f ms\n", c);
    std::printf("frame that opens the panel      %8.2f ms  (panel: %.2f ms)\n", o, o - c);
    std::printf("frame with it open, scrolled    %8.2f ms\n", median(scroll));
    return 0;
}
