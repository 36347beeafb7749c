#include "frame_options.hpp"

#include "render/options.hpp"
#include "render/panel.hpp"

#include "core/error.hpp"
#include "io/language.hpp"

namespace qantar::app {

void resolve_speed(ViewOptions& view, const Timeline& timeline) {
    if (!(view.seconds_per_day > 0)) view.seconds_per_day = animation_seconds_per_day(timeline);
}

ScheduleOptions schedule_options_of(const ViewOptions& view, double beat_seconds, const ExtentM& country) {
    ScheduleOptions so;
    so.seconds_per_day = view.seconds_per_day;
    so.hold_s = beat_seconds;
    so.world_width_m = country.width_m();
    return so;
}

TimeSettings time_settings_of(const ViewOptions& view) {
    TimeSettings t;
    t.mode = view.cumulative ? TimeMode::Cumulative : TimeMode::Window;
    t.window_h = view.window_h;
    return t;
}

render::FrameParams frame_params_of(const ViewOptions& view) {
    render::FrameParams p;
    p.time = time_settings_of(view);
    p.lang = render::parse_lang(view.lang);
    p.words = &io::interface_language(view.lang);
    p.seconds_per_day = view.seconds_per_day;
    p.overlays.spread = !view.no_spread;
    return p;
}

render::PresenterView presenter_view_of(const ViewOptions& view, const render::ScreenSize& size) {
    render::PresenterView pv;
    pv.size = size;
    pv.lang = render::parse_lang(view.lang);
    pv.words = &io::interface_language(view.lang);
    pv.time = time_settings_of(view);
    pv.seconds_per_day = view.seconds_per_day;
    pv.spread = !view.no_spread;
    return pv;
}

Selection selection_of(const Dataset& data, const ViewOptions& view) {
    return view.select ? find_selection(data, *view.select) : Selection{};
}

render::FrameParams offscreen_params(const render::Renderer& renderer, const ViewOptions& view,
                                     const Selection& selection, const render::ScreenSize& size,
                                     double t_utc_s) {
    render::FrameParams p = frame_params_of(view);
    p.t_utc_s = t_utc_s;
    p.size = size;
    p.camera = renderer.home_camera(size);
    p.playing = false;
    p.overlays.controls = false;  // a still or a video has no keys to explain
    if (!selection.empty()) {  // the details panel open, the map slid aside (as in the window)
        p.overlays.selected_city = selection.kind == Selection::Kind::City ? selection.index : -1;
        p.overlays.selected_region = selection.kind == Selection::Kind::Region ? selection.index : -1;
        double fw = render::free_width_px(size);
        p.camera = render::beside_panel(renderer.home_camera({fw, size.height_px}), size, fw);
    }
    return p;
}

void apply_range(render::Renderer& renderer, const Timeline& timeline, const std::optional<std::string>& from,
                 const std::optional<std::string>& to) {
    if (!from && !to) return;
    const std::int32_t off = timeline.display_offset_s();
    const double a = from ? render::parse_moment(*from, off, "--from") : renderer.start_utc_s();
    const double b = to ? render::parse_moment(*to, off, "--to") : renderer.end_utc_s();
    if (b <= a) throw UsageError("--to must be later than --from");
    renderer.set_range(a, b);
}

}  // namespace qantar::app
