#include "renderer.hpp"

#include "font.hpp"
#include "panel.hpp"
#include "palette.hpp"
#include "playback.hpp"

#include "layers/base_map.hpp"
#include "layers/layers.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>

namespace qantar::render {

namespace fs = std::filesystem;

std::string default_shader_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path d = exe.parent_path().parent_path() / "shaders";
        if (fs::exists(d / "events.vert")) return d.string();
        d = exe.parent_path().parent_path().parent_path() / "shaders";
        if (fs::exists(d / "events.vert")) return d.string();
        d = exe.parent_path().parent_path() / "share" / "qantar" / "shaders";  // installed
        if (fs::exists(d / "events.vert")) return d.string();
    }
#ifdef QANTAR_INSTALL_DATADIR
    if (const fs::path d = fs::path(QANTAR_INSTALL_DATADIR) / "shaders"; fs::exists(d / "events.vert")) return d.string();
#endif
    if (fs::exists("shaders/events.vert")) return "shaders";
    if (const char* e = std::getenv("QANTAR_SHADERS")) return e;
    return "shaders";
}

RendererConfig renderer_config_from_env() {
    RendererConfig c;
    const char* no = std::getenv("QANTAR_NO_SHADERS");
    if (no && *no && std::string(no) != "0") c.allow_shaders = false;
    return c;
}

namespace {

// The event shader, or null with the reason in `why`.
std::unique_ptr<sf::Shader> load_event_shader(const RendererConfig& config, std::string& why) {
    if (!config.allow_shaders) {
        why = "disabled";
    } else if (!sf::Shader::isAvailable()) {
        why = "not supported by this OpenGL";
    } else {
        std::string dir = config.shader_dir.empty() ? default_shader_dir() : config.shader_dir;
        auto sh = std::make_unique<sf::Shader>();
        std::ifstream vert(dir + "/events.vert"), frag(dir + "/events.frag");
        std::ostringstream vs, fs_text;
        vs << vert.rdbuf();
        fs_text << frag.rdbuf();
        const bool loaded = vert && frag
            ? sh->loadFromMemory(event_vertex_shader_source(vs.str()), fs_text.str())
            : sh->loadFromFile(dir + "/events.vert", dir + "/events.frag");  // fails, with SFML's own message
        if (loaded) return sh;
        why = "could not load " + dir + "/events.vert, events.frag";
    }
    return nullptr;
}

}  // namespace

RenderPrep::RenderPrep() = default;
RenderPrep::~RenderPrep() = default;
RenderPrep::RenderPrep(RenderPrep&&) noexcept = default;
RenderPrep& RenderPrep::operator=(RenderPrep&&) noexcept = default;

RenderPrep prepare_render(const Dataset& data, std::optional<ScreenSize> first_size, bool beside) {
    RenderPrep prep;
    prep.base_map = std::make_unique<BaseMapGeometry>(prepare_base_map(data));
    if (first_size && first_size->width_px > 0 && first_size->height_px > 0) {
        // As home_camera and beside_panel place the first frame's map (the panel moves it sideways only).
        const ScreenSize fit = beside ? ScreenSize{free_width_px(*first_size), first_size->height_px} : *first_size;
        const Camera cam = fit_camera(prep.base_map->outline_bounds, fit, map_insets(fit));
        build_border_strips(*prep.base_map, cam.px_per_m, ui_scale(*first_size), prep.base_map->strips);
    }
    return prep;
}

Renderer::Renderer(const Timeline& timeline, const RendererConfig& config)
    : Renderer(timeline, config, prepare_render(timeline.data())) {}

std::unique_ptr<RenderResources> make_render_resources(const RendererConfig& config) {
    auto r = std::make_unique<RenderResources>();
    r->shader = load_event_shader(config, r->fallback_reason);
    std::string regular = config.font_path.empty() ? find_cyrillic_font() : config.font_path;
    std::string bold = config.bold_font_path.empty() ? find_cyrillic_font("Bold") : config.bold_font_path;
    if (regular.empty() || !r->font.loadFromFile(regular))
        throw std::runtime_error("no font covering Cyrillic found through fontconfig "
                                 "(install fonts-noto-core or fonts-dejavu-core)");
    if (bold.empty() || !r->bold_font.loadFromFile(bold)) r->bold_font.loadFromFile(regular);
    return r;
}

Renderer::Renderer(const Timeline& timeline, const RendererConfig& config, RenderPrep prep)
    : Renderer(timeline, config, std::move(prep), nullptr) {}

Renderer::Renderer(const Timeline& timeline, const RendererConfig& config, RenderPrep prep,
                   std::unique_ptr<RenderResources> resources)
    : timeline_(timeline) {
    res_ = resources ? std::move(resources) : make_render_resources(config);
    base_map_ = std::make_unique<BaseMap>(prep.base_map ? std::move(*prep.base_map) : prepare_base_map(timeline.data()),
                                          config.cache_base_map, config.cull_base_map,
                                          config.direct_first_frame, std::move(res_->spares));
    if (!res_->shader)
        std::cerr << "qantar: shaders " << res_->fallback_reason << "; drawing plain event markers\n";
    set_event_marks(event_marks_for(timeline));
}

Renderer::~Renderer() = default;

void Renderer::set_event_marks(std::vector<EventMark> marks) {
    events_ = std::make_unique<EventLayer>(std::move(marks), base_map_->origin(), res_->shader.get());
}

Camera Renderer::home_camera(const ScreenSize& size) const {
    return fit_camera(base_map_->outline_bounds(), size, map_insets(size));
}

double Renderer::start_utc_s() const { return range_from_.value_or(animation_start_utc_s(timeline_)); }
double Renderer::end_utc_s() const { return range_to_.value_or(animation_end_utc_s(timeline_)); }
void Renderer::set_range(double from_utc_s, double to_utc_s) {
    range_from_ = from_utc_s;
    range_to_ = to_utc_s;
}
FrameParams Renderer::with_range(const FrameParams& params) const {
    FrameParams q = params;
    if (!q.range_from_utc_s) q.range_from_utc_s = range_from_;
    if (!q.range_to_utc_s) q.range_to_utc_s = range_to_;
    return q;
}

TimelineBar Renderer::timeline_bar(const ScreenSize& size, double hud_scale) const {
    return render::timeline_bar(size, hud_scale, start_utc_s(), end_utc_s());
}

Scene Renderer::scene_at(const FrameParams& p) const {
    const Overlays& o = p.overlays;
    SceneInputs in;
    in.t_utc_s = frame_time(p.t_utc_s);
    in.time = p.time;
    in.selected = o.selected_city >= 0 ? Selection{Selection::Kind::City, o.selected_city}
                  : o.selected_region >= 0 ? Selection{Selection::Kind::Region, o.selected_region} : Selection{};
    in.hover = o.hover_city >= 0 ? Selection{Selection::Kind::City, o.hover_city}
               : o.hover_region >= 0 ? Selection{Selection::Kind::Region, o.hover_region} : Selection{};
    in.words = &p.language();
    return build_scene(timeline_, in);
}

TextMaker Renderer::text_maker(const FrameParams& p) const {
    return {res_->font, res_->bold_font, ui_scale(p.size) * p.hud_scale};
}

FrameLayout Renderer::layout(const FrameParams& params) const {
    const FrameParams p = with_range(params);
    return build_layout(timeline_, scene_at(p), p, FontMeasure(text_maker(p)));
}

FrameLayout Renderer::draw(sf::RenderTarget& target, const FrameParams& params) {
    const FrameParams p = with_range(params);
    const Scene scene = scene_at(p);
    FrameLayout layout = build_layout(timeline_, scene, p, FontMeasure(text_maker(p)), res_->shader == nullptr);
    const ScreenSize& size = p.size;
    target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.width_px), static_cast<float>(size.height_px))));
    sf::RenderStates map_states;
    map_states.transform = map_transform(p.camera, size, base_map_->origin());
    // The shutdown greys the map out (not the events, which must stay readable).
    const DrawContext ctx{target, timeline_, scene, layout, p, text_maker(p), map_states,
                          scene.shutdown ? 0.6 : 0.0, res_->shader == nullptr};

    base_map_->draw(ctx);  // clears the target (or copies over all of it)
    draw_context_labels(ctx);
    if (p.overlays.spread) draw_spread_arcs(ctx);
    draw_troop_arcs(ctx);
    EventFrame ef;
    ef.t_utc_s = scene.t_utc_s;
    ef.window_s = scene.window_s;
    ef.px_scale = layout.u;
    ef.desaturate = scene.shutdown ? 0.25 : 0.0;
    ef.target_px = {static_cast<float>(size.width_px), static_cast<float>(size.height_px)};
    events_->draw(target, map_states, ef);
    // Badges give the scene's one count (the tooltip's); none while the events are a density field.
    std::vector<int> badges = scene.city_event_counts;
    if (events_->dense_at(ef.t_utc_s, ef.window_s, ef.px_scale, ef.target_px)) std::fill(badges.begin(), badges.end(), 0);
    draw_cities(ctx, badges);
    draw_veil(ctx);
    if (p.overlays.hud) {
        draw_date_block(ctx);
        draw_figures(ctx);
        draw_banner(ctx);
        draw_histogram(ctx);
        draw_legend(ctx);
    }
    draw_caption(ctx);
    draw_selection_marks(ctx, base_map_->origin());
    layout.panel = draw_panel_and_tooltip(ctx);
    draw_notice(ctx);
    draw_help(ctx);
    return layout;
}

}  // namespace qantar::render
