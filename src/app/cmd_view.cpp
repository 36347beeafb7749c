// `qantar view`: the window. A thin shell: it owns the real clock, the input and the window, and
// hands the renderer a FrameParams per frame. All drawing lives in src/render.
//
// QANTAR_LOG=1 logs the time to the first frame; QANTAR_QUIT_AFTER_FRAMES=N closes after N frames
// (benchmarks and smoke tests).
#include "commands.hpp"

#include "core/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/playback.hpp"
#include "render/renderer.hpp"

#include <SFML/Graphics.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iostream>
#include <string>

namespace qantar::app {

namespace {

using Steady = std::chrono::steady_clock;

render::ScreenSize size_of(const sf::RenderWindow& w) {
    return {static_cast<double>(w.getSize().x), static_cast<double>(w.getSize().y)};
}

}  // namespace

int run_view(const LoadOptions& load, const ViewOptions& opt) {
    const auto started = Steady::now();
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::cerr << "qantar: view needs a display; on a machine without one, run it under xvfb-run "
                     "(xvfb-run -a qantar view) or write a still with "
                     "'xvfb-run -a qantar render --at 2022-01-05T18:00+06:00 -o frame.png'\n";
        return 1;
    }
    const bool log = std::getenv("QANTAR_LOG") != nullptr;
    long quit_after = 0;
    if (const char* q = std::getenv("QANTAR_QUIT_AFTER_FRAMES")) quit_after = std::atol(q);

    render::ScreenSize initial = opt.size ? render::parse_size(*opt.size) : render::ScreenSize{1600, 900};
    auto stage = [&](const char* what) {
        if (log)
            std::cerr << "qantar: " << what << " at "
                      << static_cast<long>(std::chrono::duration<double, std::milli>(Steady::now() - started).count()) << " ms\n";
    };
    // The data loads while the window and its OpenGL context are made (both take a few hundred
    // milliseconds on software OpenGL), so that the first frame comes within a second.
    auto loading = std::async(std::launch::async, [&load] { return load_dataset(load); });

    sf::ContextSettings cs;
    cs.antialiasingLevel = 4;
    const sf::String title = "qantar \xE2\x80\x94 Kazakhstan, January 2022";
    sf::RenderWindow window;
    bool fullscreen = opt.fullscreen;
    auto open_window = [&] {
        if (fullscreen)
            window.create(sf::VideoMode::getDesktopMode(), sf::String::fromUtf8(title.begin(), title.end()), sf::Style::Fullscreen, cs);
        else
            window.create(sf::VideoMode(static_cast<unsigned>(initial.width_px), static_cast<unsigned>(initial.height_px)),
                          "qantar - Kazakhstan, January 2022", sf::Style::Default, cs);
        window.setVerticalSyncEnabled(true);
        window.setKeyRepeatEnabled(true);
    };
    open_window();
    stage("window open");
    Dataset data = loading.get();
    stage("data loaded");
    Timeline timeline(data);
    render::Renderer renderer(timeline);
    stage("renderer ready");
    render::Playback play;
    play.start_utc_s = renderer.start_utc_s();
    play.end_utc_s = renderer.end_utc_s();
    play.seconds_per_day = opt.seconds_per_day;
    play.t_utc_s = play.start_utc_s;
    play.playing = !opt.paused;
    if (opt.at) {
        play.seek(render::parse_moment(*opt.at, timeline.display_offset_s()));
        play.playing = false;
    }

    render::FrameParams p;
    p.time.mode = opt.cumulative ? TimeMode::Cumulative : TimeMode::Window;
    p.time.window_h = opt.window_h;
    p.lang = render::parse_lang(opt.lang);
    if (opt.select) p.overlays.selected_city = data.find_city(*opt.select);
    p.size = size_of(window);
    p.camera = renderer.home_camera(p.size);
    bool camera_fitted = true;  // follows the window size until the user zooms or pans

    enum class Drag { None, Map, Timeline } drag = Drag::None;
    sf::Vector2i last_mouse;
    double notice_until = 0;
    double real_s = 0;
    sf::Clock clock;
    long frames = 0;
    auto notice = [&](const std::string& s) {
        p.overlays.notice = s;
        notice_until = real_s + 1.6;
    };
    auto speed_text = [&] {
        char b[64];
        std::snprintf(b, sizeof b, "Speed: %g s per day", play.seconds_per_day);
        return std::string(b);
    };

    while (window.isOpen()) {
        sf::Event ev;
        while (window.pollEvent(ev)) {
            switch (ev.type) {
                case sf::Event::Closed: window.close(); break;
                case sf::Event::Resized: {
                    render::ScreenSize old = p.size;
                    p.size = size_of(window);
                    window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(p.size.width_px), static_cast<float>(p.size.height_px))));
                    if (camera_fitted) {
                        p.camera = renderer.home_camera(p.size);
                    } else {  // keep the map centred where it was, scaled with the window height
                        p.camera.px_per_m *= p.size.height_px / std::max(1.0, old.height_px);
                    }
                    break;
                }
                case sf::Event::KeyPressed: {
                    const bool shift = ev.key.shift;
                    switch (ev.key.code) {
                        case sf::Keyboard::Space:
                            if (!play.playing && play.t_utc_s >= play.end_utc_s) play.seek(play.start_utc_s);
                            play.playing = !play.playing;
                            break;
                        case sf::Keyboard::Right: play.step(shift ? 3600.0 : 86400.0); break;
                        case sf::Keyboard::Left: play.step(shift ? -3600.0 : -86400.0); break;
                        case sf::Keyboard::Home: play.seek(play.start_utc_s); break;
                        case sf::Keyboard::End: play.seek(play.end_utc_s); play.playing = false; break;
                        case sf::Keyboard::Add:
                        case sf::Keyboard::Equal: play.faster(); notice(speed_text()); break;
                        case sf::Keyboard::Subtract:
                        case sf::Keyboard::Hyphen: play.slower(); notice(speed_text()); break;
                        case sf::Keyboard::R:
                            p.camera = renderer.home_camera(p.size);
                            camera_fitted = true;
                            break;
                        case sf::Keyboard::F:
                        case sf::Keyboard::F11:
                            fullscreen = !fullscreen;
                            open_window();
                            p.size = size_of(window);
                            p.camera = renderer.home_camera(p.size);
                            camera_fitted = true;
                            break;
                        case sf::Keyboard::L: p.overlays.labels = !p.overlays.labels; break;
                        case sf::Keyboard::M:
                            p.time.mode = p.time.mode == TimeMode::Window ? TimeMode::Cumulative : TimeMode::Window;
                            notice(p.time.mode == TimeMode::Window ? "Moving window: the last " +
                                                                         std::to_string(static_cast<int>(p.time.window_h)) + " hours"
                                                                   : "Cumulative: every event so far");
                            break;
                        case sf::Keyboard::H: p.overlays.help = !p.overlays.help; break;
                        case sf::Keyboard::Slash: if (shift) p.overlays.help = !p.overlays.help; break;
                        case sf::Keyboard::Escape:
                            if (p.overlays.help) p.overlays.help = false;
                            else if (!p.overlays.notice.empty()) p.overlays.notice.clear();
                            else if (fullscreen) {
                                fullscreen = false;
                                open_window();
                                p.size = size_of(window);
                                p.camera = renderer.home_camera(p.size);
                                camera_fitted = true;
                            } else window.close();
                            break;
                        case sf::Keyboard::Q: window.close(); break;
                        default: break;
                    }
                    break;
                }
                case sf::Event::TextEntered:
                    if (ev.text.unicode == '?') p.overlays.help = !p.overlays.help;
                    break;
                case sf::Event::MouseButtonPressed:
                    if (ev.mouseButton.button == sf::Mouse::Left) {
                        last_mouse = {ev.mouseButton.x, ev.mouseButton.y};
                        render::TimelineBar bar = renderer.timeline_bar(p.size);
                        if (bar.contains(ev.mouseButton.x, ev.mouseButton.y)) {
                            drag = Drag::Timeline;
                            play.seek(bar.t_of(ev.mouseButton.x));
                        } else {
                            drag = Drag::Map;
                        }
                    }
                    break;
                case sf::Event::MouseButtonReleased:
                    if (ev.mouseButton.button == sf::Mouse::Left) drag = Drag::None;
                    break;
                case sf::Event::MouseMoved:
                    if (drag == Drag::Timeline) {
                        play.seek(renderer.timeline_bar(p.size).t_of(ev.mouseMove.x));
                    } else if (drag == Drag::Map) {
                        p.camera = render::pan_by(p.camera, ev.mouseMove.x - last_mouse.x, ev.mouseMove.y - last_mouse.y);
                        camera_fitted = false;
                    }
                    last_mouse = {ev.mouseMove.x, ev.mouseMove.y};
                    break;
                case sf::Event::MouseWheelScrolled:
                    p.camera = render::zoom_at(p.camera, p.size, {static_cast<double>(ev.mouseWheelScroll.x), static_cast<double>(ev.mouseWheelScroll.y)},
                                               std::pow(1.2, static_cast<double>(ev.mouseWheelScroll.delta)));
                    camera_fitted = false;
                    break;
                default: break;
            }
        }
        if (!window.isOpen()) break;

        double dt = clock.restart().asSeconds();
        real_s += dt;
        if (frames > 0) play.advance(dt);  // the first frame shows the start moment itself
        if (!p.overlays.notice.empty() && real_s > notice_until) p.overlays.notice.clear();
        p.t_utc_s = play.t_utc_s;
        p.playing = play.playing;
        p.seconds_per_day = play.seconds_per_day;
        renderer.draw(window, p);
        window.display();
        if (++frames == 1 && log) {
            double ms = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
            std::cerr << "qantar: first frame after " << static_cast<long>(ms) << " ms\n";
        }
        if (quit_after > 0 && frames >= quit_after) window.close();
    }
    return 0;
}

}  // namespace qantar::app
