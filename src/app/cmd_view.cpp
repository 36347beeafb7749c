// `qantar view`: the window. A thin shell: it owns the real clock, the input and the window, and
// hands the renderer a FrameParams per frame. All drawing lives in src/render.
//
// QANTAR_LOG=1 logs the time to the first frame, the cities' screen positions after the first
// frame and each resize ("city ID X Y") and every selection ("select city ID", "select none");
// QANTAR_QUIT_AFTER_FRAMES=N closes after N frames (benchmarks and smoke tests).
#include "commands.hpp"

#include "core/details.hpp"
#include "core/export.hpp"
#include "core/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/panel.hpp"
#include "render/pick.hpp"
#include "render/playback.hpp"
#include "render/renderer.hpp"

#include <SFML/Graphics.hpp>

#include <algorithm>
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
    cs.antialiasingLevel = opt.antialias;
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
    p.size = size_of(window);
    bool camera_fitted = true;  // follows the window size until the user zooms or pans

    // Issue 4: selection, hover, keyboard focus, the details panel.
    Selection selected;
    const std::vector<int> focus = render::focus_order(timeline);
    int focus_at = -1;  // index into `focus`
    sf::Vector2i press_at;
    bool panel_logged = false;
    bool log_layout_pending = false;  // log the cities' screen positions after the next frame
    render::FrameLayout shown;  // the layout of the frame on screen: clicks and hover hit-test it
    auto home = [&] {  // the fitted camera; with a panel open the map slides aside
        if (selected.empty()) return renderer.home_camera(p.size);
        double fw = render::free_width_px(p.size);
        return render::beside_panel(renderer.home_camera({fw, p.size.height_px}), p.size, fw);
    };
    auto log_layout = [&] {
        if (!log) return;
        for (const auto& c : shown.cities)
            std::cerr << "city " << data.cities[static_cast<std::size_t>(c.city)].city_id << ' ' << std::lround(c.center_px.x) << ' '
                      << std::lround(c.center_px.y) << '\n';
    };
    auto select = [&](Selection s) {
        if (s == selected) return;
        selected = s;
        p.overlays.selected_city = s.kind == Selection::Kind::City ? s.index : -1;
        p.overlays.selected_region = s.kind == Selection::Kind::Region ? s.index : -1;
        p.overlays.panel_scroll_px = 0;
        panel_logged = false;
        p.overlays.hover_city = p.overlays.hover_region = -1;  // the map may slide under the pointer
        log_layout_pending = true;
        if (log) {
            if (s.kind == Selection::Kind::City) std::cerr << "select city " << data.cities[static_cast<std::size_t>(s.index)].city_id << '\n';
            else if (s.kind == Selection::Kind::Region) std::cerr << "select region " << data.regions[static_cast<std::size_t>(s.index)].region_id << '\n';
            else std::cerr << "select none\n";
        }
        if (camera_fitted) {
            p.camera = home();
        } else if (s.kind == Selection::Kind::City) {  // zoomed in: pan only if the panel would hide it
            Vec2 at = render::map_to_screen(p.camera, p.size, data.cities[static_cast<std::size_t>(s.index)].pos_m);
            double fw = render::free_width_px(p.size);
            if (at.x > fw - 30 || at.x < 0 || at.y < 0 || at.y > p.size.height_px)
                p.camera = render::pan_by(p.camera, fw / 2 - at.x, at.y < 0 || at.y > p.size.height_px ? p.size.height_px / 2 - at.y : 0);
        }
    };
    auto in_panel = [&](int x, int y) { return shown.panel.contains(x, y); };
    auto pick_at = [&](int x, int y) {
        render::PickOptions o;
        double u = render::ui_scale(p.size);
        o.radius_px = std::max(10.0, 14 * u);
        for (const auto& c : shown.cities)
            if (c.label) o.labels.push_back({c.city, *c.label});
        render::TimelineBar bar = renderer.timeline_bar(p.size);
        o.blocked.push_back({0, bar.box.top - 44 * u, p.size.width_px, p.size.height_px});
        if (shown.panel.open) o.blocked.push_back(shown.panel.box);
        return render::pick(data, p.camera, p.size, {static_cast<double>(x), static_cast<double>(y)}, o);
    };
    auto set_hover = [&](Selection h, int x, int y) {
        p.overlays.hover_city = h.kind == Selection::Kind::City ? h.index : -1;
        p.overlays.hover_region = h.kind == Selection::Kind::Region ? h.index : -1;
        p.overlays.hover_px = {static_cast<double>(x), static_cast<double>(y)};
    };
    if (opt.select) select(find_selection(data, *opt.select));
    p.camera = home();

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
                    log_layout_pending = true;
                    if (camera_fitted) {
                        p.camera = home();
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
                            p.camera = home();
                            camera_fitted = true;
                            break;
                        case sf::Keyboard::F:
                        case sf::Keyboard::F11:
                            fullscreen = !fullscreen;
                            open_window();
                            p.size = size_of(window);
                            p.camera = home();
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
                        case sf::Keyboard::Tab:
                            if (!focus.empty()) {
                                int n = static_cast<int>(focus.size());
                                focus_at = focus_at < 0 ? (shift ? n - 1 : 0) : ((focus_at + (shift ? -1 : 1)) % n + n) % n;
                                p.overlays.focus_city = focus[static_cast<std::size_t>(focus_at)];
                                notice(data.cities[static_cast<std::size_t>(p.overlays.focus_city)].name_en + "  \xC2\xB7  Enter: details");
                            }
                            break;
                        case sf::Keyboard::Enter:
                            if (p.overlays.focus_city >= 0) select({Selection::Kind::City, p.overlays.focus_city});
                            break;
                        case sf::Keyboard::C:
                            if (!selected.empty()) {
                                std::string text = details_text(details_for(timeline, selected, p.t_utc_s));
                                sf::Clipboard::setString(sf::String::fromUtf8(text.begin(), text.end()));
                                if (log) std::cerr << "copied " << text.size() << " bytes\n";
                                notice("Copied the details with their sources");
                            }
                            break;
                        case sf::Keyboard::PageDown:
                        case sf::Keyboard::PageUp:
                        case sf::Keyboard::Down:
                        case sf::Keyboard::Up:
                            if (shown.panel.open) {
                                const auto& l = shown.panel;
                                double step = ev.key.code == sf::Keyboard::PageDown || ev.key.code == sf::Keyboard::PageUp ? l.viewport.height * 0.85 : 40;
                                bool down = ev.key.code == sf::Keyboard::PageDown || ev.key.code == sf::Keyboard::Down;
                                p.overlays.panel_scroll_px = std::clamp(l.scroll_px + (down ? step : -step), 0.0, l.max_scroll_px);
                            }
                            break;
                        case sf::Keyboard::Escape:
                            if (p.overlays.help) p.overlays.help = false;
                            else if (!selected.empty()) select({});
                            else if (p.overlays.focus_city >= 0) { p.overlays.focus_city = -1; focus_at = -1; }
                            else if (!p.overlays.notice.empty()) p.overlays.notice.clear();
                            else if (fullscreen) {
                                fullscreen = false;
                                open_window();
                                p.size = size_of(window);
                                p.camera = home();
                                camera_fitted = true;
                            } else window.close();
                            break;
                        case sf::Keyboard::E:
                            // The current moment's events, cities and regions, as one GeoPackage.
                            try {
                                std::string path = export_snapshot(timeline, opt.export_dir, p.t_utc_s, p.time);
                                if (log) std::cerr << "exported " << path << '\n';
                                notice("Exported " + path);
                            } catch (const std::exception& e) {
                                std::cerr << "qantar: " << e.what() << '\n';
                                notice(std::string("Export failed: ") + e.what());
                            }
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
                        press_at = last_mouse;
                        render::TimelineBar bar = renderer.timeline_bar(p.size);
                        if (in_panel(ev.mouseButton.x, ev.mouseButton.y)) {
                            drag = Drag::None;
                        } else if (bar.contains(ev.mouseButton.x, ev.mouseButton.y)) {
                            drag = Drag::Timeline;
                            play.seek(bar.t_of(ev.mouseButton.x));
                        } else {
                            drag = Drag::Map;
                        }
                    }
                    break;
                case sf::Event::MouseButtonReleased:
                    if (ev.mouseButton.button == sf::Mouse::Left) {
                        // A click (not a drag) on the map: select what is under it; sea closes.
                        if (drag == Drag::Map && std::abs(ev.mouseButton.x - press_at.x) + std::abs(ev.mouseButton.y - press_at.y) <= 4)
                            select(pick_at(ev.mouseButton.x, ev.mouseButton.y));
                        drag = Drag::None;
                    }
                    break;
                case sf::Event::MouseMoved:
                    if (drag == Drag::Timeline) {
                        play.seek(renderer.timeline_bar(p.size).t_of(ev.mouseMove.x));
                    } else if (drag == Drag::Map) {
                        p.camera = render::pan_by(p.camera, ev.mouseMove.x - last_mouse.x, ev.mouseMove.y - last_mouse.y);
                        camera_fitted = false;
                    }
                    if (drag == Drag::None && !in_panel(ev.mouseMove.x, ev.mouseMove.y))
                        set_hover(pick_at(ev.mouseMove.x, ev.mouseMove.y), ev.mouseMove.x, ev.mouseMove.y);
                    else
                        set_hover({}, 0, 0);
                    last_mouse = {ev.mouseMove.x, ev.mouseMove.y};
                    break;
                case sf::Event::MouseLeft: set_hover({}, 0, 0); break;
                case sf::Event::MouseWheelScrolled:
                    if (in_panel(ev.mouseWheelScroll.x, ev.mouseWheelScroll.y)) {
                        const auto& l = shown.panel;
                        p.overlays.panel_scroll_px = std::clamp(l.scroll_px - 60.0 * render::ui_scale(p.size) * ev.mouseWheelScroll.delta, 0.0, l.max_scroll_px);
                        break;
                    }
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
        if (play.playing && shown.panel.open) {  // the panel follows the animation
            const auto& l = shown.panel;
            p.overlays.panel_scroll_px = std::clamp(l.now_y_px - l.viewport.height * 0.6, 0.0, l.max_scroll_px);
        }
        shown = renderer.draw(window, p);
        window.display();
        if (shown.panel.open && !panel_logged && log) {
            std::cerr << "panel open " << (selected.kind == Selection::Kind::City ? "city " + data.cities[static_cast<std::size_t>(selected.index)].city_id
                                                                                     : "region " + data.regions[static_cast<std::size_t>(selected.index)].region_id)
                      << '\n';
            panel_logged = true;
        }
        if (frames == 0 || log_layout_pending) log_layout();
        log_layout_pending = false;
        if (++frames == 1 && log) {
            double ms = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
            std::cerr << "qantar: first frame after " << static_cast<long>(ms) << " ms\n";
        }
        if (quit_after > 0 && frames >= quit_after) window.close();
    }
    return 0;
}

}  // namespace qantar::app
