// The renderer: draws the frame described by FrameParams into any sf::RenderTarget (a window, an
// offscreen texture for stills, tests and video). Everything static (fills, context layers, the
// event buffer) is prepared once in the constructor; a frame changes only uniforms, a few small
// arrays (arcs, city markers) and the on-screen text.
//
// Needs an OpenGL context (any SFML window or render texture made before construction).
#pragma once

#include "camera.hpp"
#include "event_layer.hpp"
#include "frame.hpp"
#include "labels.hpp"
#include "panel.hpp"

#include "core/timeline.hpp"

#include <SFML/Graphics.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qantar::render {

struct RendererConfig {
    std::string shader_dir;      // holds events.vert / events.frag; "" : default_shader_dir()
    bool allow_shaders = true;   // false (or QANTAR_NO_SHADERS=1): the plain fallback
    std::string font_path;       // "" : fontconfig (find_cyrillic_font)
    std::string bold_font_path;  // "" : fontconfig, bold
    bool cache_base_map = true;  // draw the static base map into a texture, redrawn only when the
                                 // camera, size or a region's tint changes (false: every frame)
};

// <exe dir>/../shaders if it exists, else ./shaders, else $QANTAR_SHADERS.
std::string default_shader_dir();

// The timeline bar at the bottom of the screen: where it is and how x maps to time. Pure, so
// that the window can hit-test clicks with it.
struct TimelineBar {
    Box box;               // the histogram area, screen pixels
    double t0_utc_s = 0;   // time at box.left
    double t1_utc_s = 0;   // time at box.right()
    double x_of(double t_utc_s) const;
    double t_of(double x_px) const;  // clamped to [t0, t1]
    bool contains(double x_px, double y_px) const;  // with a few pixels of slack
};

// HUD scale for a target size (1.0 at 1920x1080, never below 0.62).
double ui_scale(const ScreenSize& size);

class Renderer {
public:
    Renderer(const Timeline& timeline, const RendererConfig& config = {});
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Draws the whole frame (clears the target first). Uses params.size for layout; the target's
    // view is set to the default view of that size.
    void draw(sf::RenderTarget& target, const FrameParams& params);

    // The camera that fits Kazakhstan into the free area of a screen of this size.
    Camera home_camera(const ScreenSize& size) const;
    Insets map_insets(const ScreenSize& size) const;
    TimelineBar timeline_bar(const ScreenSize& size, double hud_scale = 1) const;
    // Screen boxes the HUD covers (labels keep clear of them). hud_scale: FrameParams::hud_scale.
    std::vector<Box> hud_obstacles(const ScreenSize& size, double hud_scale = 1) const;
    // First and last moment of the animation (the bar's range).
    double start_utc_s() const;
    double end_utc_s() const;

    // Replaces the event markers (the bench draws synthetic events over the bundled map).
    void set_event_marks(std::vector<EventMark> marks);

    // Screen rectangles of the city markers and labels of the last frame (issue 4: picking).
    struct CityOnScreen {
        int city = -1;
        Vec2 center_px;
        double radius_px = 0;
        std::optional<Box> label;
    };
    const std::vector<CityOnScreen>& cities_on_screen() const { return cities_on_screen_; }
    // The details panel of the last frame (open == false when none was drawn).
    const PanelLayout& panel_layout() const { return panel_layout_; }

    bool shaders_active() const { return shader_ != nullptr; }
    // Why shaders are off ("" when they are on).
    const std::string& fallback_reason() const { return fallback_reason_; }

    const sf::Font& font() const { return font_; }
    const sf::Font& bold_font() const { return bold_font_; }
    const Timeline& timeline() const { return timeline_; }

private:
    struct Impl;
    const Timeline& timeline_;
    std::unique_ptr<Impl> impl_;
    std::unique_ptr<sf::Shader> shader_;
    std::string fallback_reason_;
    sf::Font font_, bold_font_;
    std::vector<CityOnScreen> cities_on_screen_;
    PanelLayout panel_layout_;
};

}  // namespace qantar::render
