// The renderer: draws the frame described by FrameParams into any sf::RenderTarget (a window, an
// offscreen texture for stills, tests and video). A frame is the scene (core/scene.hpp: what the
// moment shows), its layout (layout.hpp: where it goes) and the layers (layers/) drawing them in
// turn. Everything static (fills, borders, the event buffer) is prepared once in the constructor;
// a frame changes only uniforms, a few small arrays (arcs, city markers) and the on-screen text.
//
// Needs an OpenGL context (any SFML window or render texture made before construction).
#pragma once

#include "camera.hpp"
#include "event_layer.hpp"
#include "frame.hpp"
#include "labels.hpp"
#include "layout.hpp"
#include "layers/draw_context.hpp"

#include "core/scene.hpp"
#include "core/timeline.hpp"

#include <SFML/Graphics.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qantar::render {

class BaseMap;

struct RendererConfig {
    std::string shader_dir;      // holds events.vert / events.frag; "" : default_shader_dir()
    bool allow_shaders = true;   // false: the plain fallback
    std::string font_path;       // "" : fontconfig (find_cyrillic_font)
    std::string bold_font_path;  // "" : fontconfig, bold
    bool cache_base_map = true;  // draw the static base map into a texture, redrawn only when the
                                 // camera, size or a region's tint changes (false: every frame)
};

// <exe dir>/../shaders if it exists, else ./shaders, else $QANTAR_SHADERS.
std::string default_shader_dir();

// The configuration the environment asks for: QANTAR_NO_SHADERS set (and not "0") turns the
// shaders off. The shells read it here once; the Renderer itself reads no environment.
RendererConfig renderer_config_from_env();

class Renderer {
public:
    Renderer(const Timeline& timeline, const RendererConfig& config = {});
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Draws the whole frame (clears the target first) and returns its layout: where the cities,
    // labels, timeline bar and panel were drawn, for the window to hit-test. Uses params.size;
    // the target's view is set to the default view of that size.
    FrameLayout draw(sf::RenderTarget& target, const FrameParams& params);
    // The layout the frame at params would have, without drawing it (the panel stays closed).
    FrameLayout layout(const FrameParams& params) const;

    // The camera that fits the map's extent (country_extent_m) into the free area of a screen of this size.
    Camera home_camera(const ScreenSize& size) const;
    TimelineBar timeline_bar(const ScreenSize& size, double hud_scale = 1) const;
    // First and last moment of the animation (the bar's range): the data's days, or set_range's.
    double start_utc_s() const;
    double end_utc_s() const;
    // --from/--to: the animation and the bar span [from, to] (to > from) in every frame drawn.
    void set_range(double from_utc_s, double to_utc_s);

    // Replaces the event markers (the bench draws synthetic events over the bundled map).
    void set_event_marks(std::vector<EventMark> marks);
    const EventLayer& event_layer() const { return *events_; }

    bool shaders_active() const { return shader_ != nullptr; }
    // Why shaders are off ("" when they are on).
    const std::string& fallback_reason() const { return fallback_reason_; }

    const sf::Font& font() const { return font_; }
    const sf::Font& bold_font() const { return bold_font_; }
    const Timeline& timeline() const { return timeline_; }

private:
    Scene scene_at(const FrameParams& params) const;
    TextMaker text_maker(const FrameParams& params) const;

    // The params with the range filled in (set_range, else the data's).
    FrameParams with_range(const FrameParams& params) const;

    const Timeline& timeline_;
    std::optional<double> range_from_, range_to_;
    std::unique_ptr<BaseMap> base_map_;
    std::unique_ptr<EventLayer> events_;
    std::unique_ptr<sf::Shader> shader_;
    std::string fallback_reason_;
    sf::Font font_, bold_font_;
};

}  // namespace qantar::render
