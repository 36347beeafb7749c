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
#include "gl_spares.hpp"
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
struct BaseMapGeometry;

struct RendererConfig {
    std::string shader_dir;      // holds events.vert / events.frag; "" : default_shader_dir()
    bool allow_shaders = true;   // false: the plain fallback
    std::string font_path;       // "" : fontconfig (find_cyrillic_font)
    std::string bold_font_path;  // "" : fontconfig, bold
    bool cache_base_map = true;  // draw the static base map into a texture, redrawn only when the
                                 // camera, size or a region's tint changes (false: every frame)
    bool cull_base_map = true;   // draw only the base map's runs of triangles that reach the
                                 // screen (false: every triangle; the same pixels)
    bool direct_first_frame = true;  // the first frame draws the base map directly, the cache filled
                                     // from the second (a still, a window); false: through the cache
                                     // from the first (a video; the same pixels)
};

// <exe dir>/../shaders if it exists, else ./shaders, else $QANTAR_SHADERS.
std::string default_shader_dir();

// The configuration the environment asks for: QANTAR_NO_SHADERS set (and not "0") turns the
// shaders off. The shells read it here once; the Renderer itself reads no environment.
RendererConfig renderer_config_from_env();

// What the Renderer prepares from the data without OpenGL: the base map's fills, borders and,
// for the size of the first frame, its border strips. prepare_render runs on any thread (the
// window builds it on the loading thread while its OpenGL context is made), and gives the same
// geometry the Renderer would build itself.
struct RenderPrep {
    RenderPrep();
    ~RenderPrep();
    RenderPrep(RenderPrep&&) noexcept;
    RenderPrep& operator=(RenderPrep&&) noexcept;
    std::unique_ptr<BaseMapGeometry> base_map;
};
// first_size: the first frame's size, its camera the home camera (beside the panel when
// beside_panel); without it the strips are built at the first draw.
RenderPrep prepare_render(const Dataset& data, std::optional<ScreenSize> first_size = std::nullopt,
                          bool beside_panel = false);

// The renderer's OpenGL resources that need no data: the event shader, compiled, and the fonts.
// Made on the OpenGL context's thread; the window and stills make them while the data loads.
struct RenderResources {
    std::unique_ptr<sf::Shader> shader;  // null: the plain event markers
    std::string fallback_reason;         // why it is null ("" when shaders are on)
    sf::Font font, bold_font;
    // Storage made ahead while the data loads (render/warm_up.hpp), for the base map.
    GlSpares spares;
};
// Throws when no font covering Cyrillic is found.
std::unique_ptr<RenderResources> make_render_resources(const RendererConfig& config);

class Renderer {
public:
    Renderer(const Timeline& timeline, const RendererConfig& config = {});
    // With the geometry prepared ahead (prepare_render of the same timeline).
    Renderer(const Timeline& timeline, const RendererConfig& config, RenderPrep prep);
    // And with the resources made ahead (make_render_resources of the same config).
    Renderer(const Timeline& timeline, const RendererConfig& config, RenderPrep prep,
             std::unique_ptr<RenderResources> resources);
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

    bool shaders_active() const { return res_->shader != nullptr; }
    // Why shaders are off ("" when they are on).
    const std::string& fallback_reason() const { return res_->fallback_reason; }

    const sf::Font& font() const { return res_->font; }
    const sf::Font& bold_font() const { return res_->bold_font; }
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
    std::unique_ptr<RenderResources> res_;
};

}  // namespace qantar::render
