// `qantar render --at TIME -o FILE.png [--size WxH]`: one frame, drawn offscreen exactly as the
// window draws it, written as PNG (temp file + rename). Video output arrives with issue 5.
#include "commands.hpp"

#include "core/error.hpp"
#include "core/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/renderer.hpp"

#include <SFML/Graphics.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace qantar::app {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
}

}  // namespace

int run_render(const LoadOptions& load, const RenderOptions& opt) {
    if (!ends_with(opt.output, ".png") || opt.story) {
        std::cerr << "qantar: video export is not available yet\n";
        return 1;
    }
    if (!opt.view.at) throw UsageError("render: a still needs --at TIME (e.g. --at 2022-01-05T18:00+06:00)");
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        std::cerr << "qantar: render needs a display for OpenGL; run it under xvfb-run, e.g. "
                     "xvfb-run -a qantar render --at ... -o frame.png\n";
        return 1;
    }
    render::ScreenSize size = opt.view.size ? render::parse_size(*opt.view.size) : render::ScreenSize{1920, 1080};

    Dataset data = load_dataset(load);
    Timeline timeline(data);
    double t = render::parse_moment(*opt.view.at, timeline.display_offset_s());

    sf::ContextSettings cs;
    cs.antialiasingLevel = 4;
    sf::RenderTexture rt;
    if (!rt.create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px), cs))
        throw std::runtime_error("could not create an offscreen OpenGL target of " + *opt.view.size);

    render::Renderer renderer(timeline);
    render::FrameParams p;
    p.t_utc_s = t;
    p.time.mode = opt.view.cumulative ? TimeMode::Cumulative : TimeMode::Window;
    p.time.window_h = opt.view.window_h;
    p.size = size;
    p.camera = renderer.home_camera(size);
    p.lang = render::parse_lang(opt.view.lang);
    p.playing = false;
    p.seconds_per_day = opt.view.seconds_per_day;
    if (opt.view.select) p.overlays.selected_city = data.find_city(*opt.view.select);
    renderer.draw(rt, p);
    rt.display();
    sf::Image img = rt.getTexture().copyToImage();

    namespace fs = std::filesystem;
    fs::path out(opt.output);
    fs::path tmp = out.parent_path() / (".qantar-" + std::to_string(::getpid()) + "-" + out.filename().string());
    if (!img.saveToFile(tmp.string())) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw std::runtime_error("could not write " + opt.output);
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw std::runtime_error("could not write " + opt.output + ": " + ec.message());
    }
    return 0;
}

}  // namespace qantar::app
