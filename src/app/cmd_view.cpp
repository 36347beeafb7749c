// `qantar view`: the window. A thin shell: it owns the real clock, the input and the window, and
// hands the renderer a FrameParams per frame. All drawing lives in src/render; what the keys do
// lives in view_keys.cpp; clicks, hover and scrubs hit-test the layout of the frame on screen.
//
// QANTAR_LOG=1 logs the time to the first frame, the cities' screen positions after the first
// frame and each resize ("city ID X Y") and every selection ("select city ID", "select none");
// QANTAR_QUIT_AFTER_FRAMES=N closes after N frames (benchmarks and smoke tests).
#include "commands.hpp"
#include "display.hpp"
#include "load_ahead.hpp"
#include "frame_options.hpp"
#include "view_keys.hpp"

#include "core/details.hpp"
#include "io/export.hpp"
#include "io/load.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/panel.hpp"
#include "render/pick.hpp"
#include "render/playback.hpp"
#include "render/renderer.hpp"
#include "render/warm_up.hpp"

#include <SFML/Graphics.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace qantar::app {

namespace {

using Steady = std::chrono::steady_clock;

render::ScreenSize size_of(const sf::RenderWindow& w) {
    return {static_cast<double>(w.getSize().x), static_cast<double>(w.getSize().y)};
}

render::ScreenSize initial_size(const ViewOptions& opt) {
    return opt.size ? render::parse_size(*opt.size) : render::ScreenSize{1600, 900};
}

// The size the first frame is expected to have (the window's, unless the desktop decides otherwise).
render::ScreenSize first_size(const ViewOptions& opt) {
    if (!opt.fullscreen) return initial_size(opt);
    const sf::VideoMode desk = sf::VideoMode::getDesktopMode();
    return {static_cast<double>(desk.width), static_cast<double>(desk.height)};
}

// The window session: its state between frames and one handler per kind of input.
class ViewSession {
public:
    ViewSession(const ViewOptions& opt, Steady::time_point started, bool log)
        : opt_(opt), started_(started), log_(log), initial_(initial_size(opt)) {
        s_.fullscreen = opt.fullscreen;
    }

    void stage(const char* what) const {
        if (log_) std::cerr << "qantar: " << what << " at " << ms_since_start() << " ms\n";
    }
    void open_window();
    // Draws into the back buffer (never shown) what the first frame will draw, while the data loads.
    void warm_up(const render::RenderResources& res) { render::warm_up(window_, res, size_of(window_)); }
    std::string window_title = "qantar";  // before the data loads: from the story's options
    void start(const Dataset& data, const Timeline& timeline, render::Renderer& renderer);
    void run(long quit_after);

private:
    long ms_since_start() const {
        return static_cast<long>(std::chrono::duration<double, std::milli>(Steady::now() - started_).count());
    }
    render::FrameParams& p() { return s_.params; }
    render::Camera home() const;
    void log_layout() const;
    void select(Selection sel);
    Selection pick_at(int x, int y) const;
    void set_hover(Selection h, int x, int y);
    void notice(const std::string& text);
    void refit();
    void on_resize();
    void on_key(const sf::Event::KeyEvent& key);
    void on_press(int x, int y);
    void on_release(int x, int y);
    void on_move(int x, int y);
    void on_wheel(int x, int y, float delta);
    void handle(const sf::Event& ev);
    void frame();

    const ViewOptions& opt_;
    const Steady::time_point started_;
    const bool log_;
    const render::ScreenSize initial_;
    const Dataset* data_ = nullptr;
    const Timeline* timeline_ = nullptr;
    render::Renderer* renderer_ = nullptr;
    sf::RenderWindow window_;
    ViewState s_;
    render::FrameLayout shown_;  // the layout of the frame on screen: clicks and hover hit-test it
    bool camera_fitted_ = true;  // follows the window size until the user zooms or pans
    Selection selected_;
    bool panel_logged_ = false;
    bool log_layout_pending_ = false;  // log the cities' screen positions after the next frame
    enum class Drag { None, Map, Timeline } drag_ = Drag::None;
    sf::Vector2i last_mouse_, press_at_;
    double notice_until_ = 0, real_s_ = 0;
    long frames_ = 0;
};

void ViewSession::open_window() {
    sf::ContextSettings cs;
    cs.antialiasingLevel = opt_.antialias;
    // The story's window title, else "qantar" and the title.
    const std::string& text = window_title;
    const sf::String title = sf::String::fromUtf8(text.begin(), text.end());
    if (s_.fullscreen)
        window_.create(sf::VideoMode::getDesktopMode(), title, sf::Style::Fullscreen, cs);
    else
        window_.create(sf::VideoMode(static_cast<unsigned>(initial_.width_px), static_cast<unsigned>(initial_.height_px)),
                       title, sf::Style::Default, cs);
    if (!s_.fullscreen) centre_on_desktop(window_);
    window_.setVerticalSyncEnabled(true);
    window_.setKeyRepeatEnabled(true);
}

void ViewSession::start(const Dataset& data, const Timeline& timeline, render::Renderer& renderer) {
    data_ = &data;
    timeline_ = &timeline;
    renderer_ = &renderer;
    render::Playback& play = s_.play;
    play.start_utc_s = renderer.start_utc_s();
    play.end_utc_s = renderer.end_utc_s();
    play.seconds_per_day = opt_.seconds_per_day > 0 ? opt_.seconds_per_day : animation_seconds_per_day(timeline);
    play.t_utc_s = play.start_utc_s;
    play.playing = !opt_.paused;
    if (opt_.at) {
        play.seek(render::parse_moment(*opt_.at, timeline.display_offset_s()));
        play.playing = false;
    }
    p() = frame_params_of(opt_);
    p().size = size_of(window_);
    s_.focus_order = render::focus_order(timeline);
    if (opt_.select) select(find_selection(data, *opt_.select));
    p().camera = home();
}

// The fitted camera; with a panel open the map slides aside.
render::Camera ViewSession::home() const {
    const render::ScreenSize& size = s_.params.size;
    if (selected_.empty()) return renderer_->home_camera(size);
    double fw = render::free_width_px(size);
    return render::beside_panel(renderer_->home_camera({fw, size.height_px}), size, fw);
}

void ViewSession::log_layout() const {
    if (!log_) return;
    for (const auto& c : shown_.cities)
        std::cerr << "city " << data_->cities[static_cast<std::size_t>(c.city)].city_id << ' ' << std::lround(c.center_px.x) << ' '
                  << std::lround(c.center_px.y) << '\n';
}

void ViewSession::select(Selection sel) {
    if (sel == selected_) return;
    selected_ = sel;
    s_.has_selection = !sel.empty();
    render::Overlays& o = p().overlays;
    o.selected_city = sel.kind == Selection::Kind::City ? sel.index : -1;
    o.selected_region = sel.kind == Selection::Kind::Region ? sel.index : -1;
    o.panel_scroll_px = 0;
    panel_logged_ = false;
    o.hover_city = o.hover_region = -1;  // the map may slide under the pointer
    log_layout_pending_ = true;
    if (log_) {
        if (sel.kind == Selection::Kind::City) std::cerr << "select city " << data_->cities[static_cast<std::size_t>(sel.index)].city_id << '\n';
        else if (sel.kind == Selection::Kind::Region) std::cerr << "select region " << data_->regions[static_cast<std::size_t>(sel.index)].region_id << '\n';
        else std::cerr << "select none\n";
    }
    if (camera_fitted_) {
        p().camera = home();
    } else if (sel.kind == Selection::Kind::City) {  // zoomed in: pan only if the panel would hide it
        const render::ScreenSize& size = p().size;
        Vec2 at = render::map_to_screen(p().camera, size, data_->cities[static_cast<std::size_t>(sel.index)].pos_m);
        double fw = render::free_width_px(size);
        if (at.x > fw - 30 || at.x < 0 || at.y < 0 || at.y > size.height_px)
            p().camera = render::pan_by(p().camera, fw / 2 - at.x, at.y < 0 || at.y > size.height_px ? size.height_px / 2 - at.y : 0);
    }
}

Selection ViewSession::pick_at(int x, int y) const {
    const render::ScreenSize& size = s_.params.size;
    render::PickOptions o;
    double u = render::ui_scale(size);
    o.radius_px = std::max(10.0, 14 * u);
    for (const auto& c : shown_.cities)
        if (c.label) o.labels.push_back({c.city, *c.label});
    render::TimelineBar bar = renderer_->timeline_bar(size);
    o.blocked.push_back({0, bar.box.top - 44 * u, size.width_px, size.height_px});
    if (shown_.panel.open) o.blocked.push_back(shown_.panel.box);
    return render::pick(*data_, s_.params.camera, size, {static_cast<double>(x), static_cast<double>(y)}, o);
}

void ViewSession::set_hover(Selection h, int x, int y) {
    render::Overlays& o = p().overlays;
    o.hover_city = h.kind == Selection::Kind::City ? h.index : -1;
    o.hover_region = h.kind == Selection::Kind::Region ? h.index : -1;
    o.hover_px = {static_cast<double>(x), static_cast<double>(y)};
}

void ViewSession::notice(const std::string& text) {
    p().overlays.notice = text;
    notice_until_ = real_s_ + 1.6;
}

void ViewSession::refit() {
    p().size = size_of(window_);
    p().camera = home();
    camera_fitted_ = true;
}

void ViewSession::on_resize() {
    render::ScreenSize old = p().size;
    p().size = size_of(window_);
    window_.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(p().size.width_px), static_cast<float>(p().size.height_px))));
    log_layout_pending_ = true;
    if (camera_fitted_) p().camera = home();
    else p().camera.px_per_m *= p().size.height_px / std::max(1.0, old.height_px);  // centred, scaled with the height
}

void ViewSession::on_key(const sf::Event::KeyEvent& key) {
    KeyResult r = handle_key(s_, key.code, key.shift, shown_.panel);
    if (!r.notice.empty()) notice(r.notice);
    switch (r.effect) {
        case KeyEffect::None: break;
        case KeyEffect::ResetView: p().camera = home(); camera_fitted_ = true; break;
        case KeyEffect::ToggleFullscreen:
        case KeyEffect::LeaveFullscreen:
            s_.fullscreen = !s_.fullscreen;
            open_window();
            refit();
            break;
        case KeyEffect::FocusMoved: {
            const City& fc = data_->cities[static_cast<std::size_t>(p().overlays.focus_city)];
            notice(render::pick_name(p().lang, fc.name_en, fc.name_kk, fc.name_ru) + "  \xC2\xB7  " +
                   p().language().tr("Enter: details"));
            break;
        }
        case KeyEffect::SelectFocused: select({Selection::Kind::City, p().overlays.focus_city}); break;
        case KeyEffect::ClearSelection: select({}); break;
        case KeyEffect::CopyDetails: {
            std::string text = details_text(details_for(*timeline_, selected_, p().t_utc_s, p().language()), p().language());
            sf::Clipboard::setString(sf::String::fromUtf8(text.begin(), text.end()));
            if (log_) std::cerr << "copied " << text.size() << " bytes\n";
            notice(p().language().tr("Copied the details with their sources"));
            break;
        }
        case KeyEffect::ExportMoment:  // the current moment's events, cities and regions, as one GeoPackage
            try {
                std::string path = export_snapshot(*timeline_, opt_.export_dir, p().t_utc_s, p().time);
                if (log_) std::cerr << "exported " << path << '\n';
                notice(p().language().tr("Exported {0}", {path}));
            } catch (const std::exception& e) {
                std::cerr << "qantar: " << e.what() << '\n';
                notice(p().language().tr("Export failed: {0}", {e.what()}));
            }
            break;
        case KeyEffect::Close: window_.close(); break;
    }
}

void ViewSession::on_press(int x, int y) {
    last_mouse_ = {x, y};
    press_at_ = last_mouse_;
    render::TimelineBar bar = renderer_->timeline_bar(p().size);
    if (shown_.panel.contains(x, y)) {
        drag_ = Drag::None;
    } else if (bar.contains(x, y)) {
        drag_ = Drag::Timeline;
        s_.play.seek(bar.t_of(x));
    } else {
        drag_ = Drag::Map;
    }
}

// A click (not a drag) on the map selects what is under it; the sea closes the panel.
void ViewSession::on_release(int x, int y) {
    if (drag_ == Drag::Map && std::abs(x - press_at_.x) + std::abs(y - press_at_.y) <= 4) select(pick_at(x, y));
    drag_ = Drag::None;
}

void ViewSession::on_move(int x, int y) {
    if (drag_ == Drag::Timeline) {
        s_.play.seek(renderer_->timeline_bar(p().size).t_of(x));
    } else if (drag_ == Drag::Map) {
        p().camera = render::pan_by(p().camera, x - last_mouse_.x, y - last_mouse_.y);
        camera_fitted_ = false;
    }
    if (drag_ == Drag::None && !shown_.panel.contains(x, y)) set_hover(pick_at(x, y), x, y);
    else set_hover({}, 0, 0);
    last_mouse_ = {x, y};
}

void ViewSession::on_wheel(int x, int y, float delta) {
    if (shown_.panel.contains(x, y)) {
        const auto& l = shown_.panel;
        p().overlays.panel_scroll_px = std::clamp(l.scroll_px - 60.0 * render::ui_scale(p().size) * delta, 0.0, l.max_scroll_px);
        return;
    }
    p().camera = render::zoom_at(p().camera, p().size, {static_cast<double>(x), static_cast<double>(y)}, std::pow(1.2, static_cast<double>(delta)));
    camera_fitted_ = false;
}

void ViewSession::handle(const sf::Event& ev) {
    switch (ev.type) {
        case sf::Event::Closed: window_.close(); break;
        case sf::Event::Resized: on_resize(); break;
        case sf::Event::KeyPressed: on_key(ev.key); break;
        case sf::Event::TextEntered:
            if (ev.text.unicode == '?') p().overlays.help = !p().overlays.help;
            break;
        case sf::Event::MouseButtonPressed:
            if (ev.mouseButton.button == sf::Mouse::Left) on_press(ev.mouseButton.x, ev.mouseButton.y);
            break;
        case sf::Event::MouseButtonReleased:
            if (ev.mouseButton.button == sf::Mouse::Left) on_release(ev.mouseButton.x, ev.mouseButton.y);
            break;
        case sf::Event::MouseMoved: on_move(ev.mouseMove.x, ev.mouseMove.y); break;
        case sf::Event::MouseLeft: set_hover({}, 0, 0); break;
        case sf::Event::MouseWheelScrolled: on_wheel(ev.mouseWheelScroll.x, ev.mouseWheelScroll.y, ev.mouseWheelScroll.delta); break;
        default: break;
    }
}

void ViewSession::frame() {
    render::Playback& play = s_.play;
    p().t_utc_s = play.t_utc_s;
    p().playing = play.playing;
    p().seconds_per_day = play.seconds_per_day;
    if (play.playing && shown_.panel.open) {  // the panel follows the animation
        const auto& l = shown_.panel;
        p().overlays.panel_scroll_px = std::clamp(l.now_y_px - l.viewport.height * 0.6, 0.0, l.max_scroll_px);
    }
    shown_ = renderer_->draw(window_, p());
    window_.display();
    if (shown_.panel.open && !panel_logged_ && log_) {
        std::cerr << "panel open " << (selected_.kind == Selection::Kind::City ? "city " + data_->cities[static_cast<std::size_t>(selected_.index)].city_id
                                                                              : "region " + data_->regions[static_cast<std::size_t>(selected_.index)].region_id)
                  << '\n';
        panel_logged_ = true;
    }
    if (frames_ == 0 || log_layout_pending_) log_layout();
    log_layout_pending_ = false;
    if (++frames_ == 1 && log_) {
        // Also as a time of day (ms since 1970), for a whole process's time from its launch.
        const auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
        std::cerr << "qantar: first frame after " << ms_since_start() << " ms (unix ms " << unix_ms.count() << ")\n";
    }
}

void ViewSession::run(long quit_after) {
    sf::Clock clock;
    while (window_.isOpen()) {
        sf::Event ev;
        while (window_.pollEvent(ev)) handle(ev);
        if (!window_.isOpen()) break;
        double dt = clock.restart().asSeconds();
        real_s_ += dt;
        if (frames_ > 0) s_.play.advance(dt);  // the first frame shows the start moment itself
        if (!p().overlays.notice.empty() && real_s_ > notice_until_) p().overlays.notice.clear();
        frame();
        if (quit_after > 0 && frames_ >= quit_after) window_.close();
    }
}

}  // namespace

int run_view(const LoadOptions& load, const ViewOptions& opt) {
    const auto started = main_started();  // the story read, the options resolved: counted too
    if (!have_display(true, "qantar: view needs a display; on a machine without one, run it under xvfb-run "
                            "(xvfb-run -a qantar view) or write a still with "
                            "'xvfb-run -a qantar render --at 2022-01-05T18:00+06:00 -o frame.png'"))
        return 1;
    const bool log = std::getenv("QANTAR_LOG") != nullptr;
    if (log)
        std::cerr << "qantar: options read at "
                  << static_cast<long>(std::chrono::duration<double, std::milli>(Steady::now() - main_started()).count()) << " ms\n";
    long quit_after = 0;
    if (const char* q = std::getenv("QANTAR_QUIT_AFTER_FRAMES")) quit_after = std::atol(q);

    // The data loads, its timeline is built and the renderer's geometry prepared (the border
    // strips for the first frame's size included) while the window and its OpenGL context are
    // made: both take a few hundred milliseconds on software OpenGL.
    // The loading starts before anything of SFML's graphics exists: the first sf::RenderWindow,
    // even one not yet open, makes SFML's shared OpenGL context, which loads the OpenGL driver
    // (software OpenGL: some 120 ms with one core busy and the other idle).
    auto loading = load_ahead(load, first_size(opt), opt.select.has_value());
    ViewSession view(opt, started, log);
    if (load.story && !load.story->window_title.empty()) view.window_title = load.story->window_title;
    else if (!load.title.empty()) view.window_title += " \xE2\x80\x94 " + load.title;
    view.open_window();
    view.stage("window open");
    // The shader and fonts need the window's context but no data: made while the data loads
    // (an error reported after the data's own).
    const render::RendererConfig config = render::renderer_config_from_env();
    std::unique_ptr<render::RenderResources> resources;
    std::exception_ptr no_resources;
    try {
        resources = render::make_render_resources(config);
    } catch (...) {
        no_resources = std::current_exception();
    }
    view.stage("shader and fonts");
    // While the data is still loading (never after: the first frame would wait): the drawing
    // states of a frame compiled, the back buffer touched, and storage for the base map's border
    // strips and country fills allocated (sized for the bundled story at 1920x1080, with room).
    bool warmed = false;
    if (resources && still_loading(loading)) {
        view.warm_up(*resources);
        warmed = true;
    }
    for (const std::size_t vertices : {std::size_t{400'000}, std::size_t{120'000}})
        if (resources && still_loading(loading)) render::reserve_vertex_buffer(*resources, vertices);
    if (warmed) view.stage("warmed up");
    const std::unique_ptr<Loaded> loaded = loading.get();
    view.stage("data loaded");
    if (no_resources) std::rethrow_exception(no_resources);
    const Dataset& data = loaded->data;
    const Timeline& timeline = *loaded->timeline;
    render::Renderer renderer(timeline, config, std::move(loaded->prep), std::move(resources));
    apply_range(renderer, timeline, opt.from, opt.to);
    view.stage("renderer ready");
    view.start(data, timeline, renderer);
    view.run(quit_after);
    return 0;
}

}  // namespace qantar::app
