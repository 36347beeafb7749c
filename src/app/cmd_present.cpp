// `qantar present`: the story full screen for a live talk. A thin shell: it owns the clock, the
// keys and the window; the story position is a StoryPlayer (core/camera_path.hpp) and each frame
// is render::Presenter::draw of (story, position, view), the same call `render --beats` makes.
//
// SFML 2.5 cannot choose a monitor: full screen goes to the primary one (the desktop mode), and
// --monitor N > 0 says so. QANTAR_QUIT_AFTER_FRAMES=N closes after N frames (smoke tests).
#include "commands.hpp"
#include "display.hpp"
#include "frame_options.hpp"

#include "core/camera_path.hpp"
#include "io/load.hpp"
#include "io/story_loader.hpp"
#include "core/timeline.hpp"
#include "render/options.hpp"
#include "render/presenter_look.hpp"
#include "render/renderer.hpp"

#include <SFML/Graphics.hpp>

#include <cstdlib>
#include <iostream>

namespace qantar::app {

int run_present(const LoadOptions& load, const PresentOptions& opt_in) {
    PresentOptions opt = opt_in;  // the speed resolved once the data is read
    // Data and story first: a bad story file is one line and exit 1, with or without a display.
    Dataset data = load_dataset(load);
    const std::string story_path =
        opt.story.empty() ? story_beats_path(load) : opt.story;
    const Story story = load_story(story_path, data);

    if (!have_display(true, "qantar: present needs a display; to make a video of the story instead, run "
                            "'xvfb-run -a qantar render --beats -o story.mp4'"))
        return 1;
    if (opt.monitor > 0)
        std::cerr << "qantar: SFML 2.5 cannot choose a monitor; presenting full screen on the primary one "
                     "(move it there, or make the wanted monitor primary)\n";
    long quit_after = 0;
    if (const char* q = std::getenv("QANTAR_QUIT_AFTER_FRAMES")) quit_after = std::atol(q);

    sf::ContextSettings cs;
    cs.antialiasingLevel = opt.view.antialias;
    sf::RenderWindow window;
    if (opt.view.size) {  // a window of this size instead of full screen (rehearsals, screenshots)
        render::ScreenSize s = render::parse_size(*opt.view.size);
        window.create(sf::VideoMode(static_cast<unsigned>(s.width_px), static_cast<unsigned>(s.height_px)),
                      "qantar present", sf::Style::None, cs);
        centre_on_desktop(window);
    } else {
        window.create(sf::VideoMode::getDesktopMode(), "qantar present", sf::Style::Fullscreen, cs);
    }
    window.setVerticalSyncEnabled(true);
    window.setMouseCursorVisible(false);
    window.setKeyRepeatEnabled(false);

    Timeline timeline(data);
    resolve_speed(opt.view, timeline);
    render::Renderer renderer(timeline, render::renderer_config_from_env());
    const ExtentM country = country_extent_m(data);
    const StorySchedule schedule(story, schedule_options_of(opt.view, opt.beat_seconds, country));
    render::Presenter presenter(renderer, story, country);

    render::PresenterView view =
        presenter_view_of(opt.view, {static_cast<double>(window.getSize().x), static_cast<double>(window.getSize().y)});

    sf::Clock clock;
    auto now_s = [&] { return static_cast<double>(clock.getElapsedTime().asMicroseconds()) / 1e6; };
    StoryPlayer player(schedule, opt.autoplay, opt.loop, now_s());
    long frames = 0;
    while (window.isOpen()) {
        sf::Event ev;
        while (window.pollEvent(ev)) {
            if (ev.type == sf::Event::Closed) window.close();
            if (ev.type == sf::Event::Resized) {
                view.size = {static_cast<double>(ev.size.width), static_cast<double>(ev.size.height)};
            }
            if (ev.type != sf::Event::KeyPressed) continue;
            const double now = now_s();
            switch (ev.key.code) {
                case sf::Keyboard::Right: case sf::Keyboard::Down: case sf::Keyboard::PageDown: case sf::Keyboard::Space:
                    player.next(now);
                    break;
                case sf::Keyboard::Left: case sf::Keyboard::Up: case sf::Keyboard::PageUp:
                    player.previous(now);
                    break;
                case sf::Keyboard::Home: player.home(now); break;
                case sf::Keyboard::B: case sf::Keyboard::Period: view.black = !view.black; break;
                case sf::Keyboard::T: view.timeline = !view.timeline; break;
                case sf::Keyboard::S: view.spread = !view.spread; break;
                case sf::Keyboard::I: view.sources = !view.sources; break;
                case sf::Keyboard::Escape: window.close(); break;
                default: break;
            }
        }
        if (!window.isOpen()) break;
        presenter.draw(window, player.frame(now_s()), view);
        window.display();
        if (quit_after > 0 && ++frames >= quit_after) window.close();
    }
    return 0;
}

}  // namespace qantar::app
