// The one place where command-line view options become frame parameters: the window (view), the
// presenter (present), stills and videos (render) all start from these.
#pragma once

#include "commands.hpp"

#include "core/camera_path.hpp"
#include "core/details.hpp"
#include "render/frame.hpp"
#include "render/presenter_look.hpp"
#include "render/renderer.hpp"

namespace qantar::app {

// --window / --cumulative.
// Without --seconds-per-day: the story's speed, else the whole span in about a minute.
void resolve_speed(ViewOptions& view, const Timeline& timeline);

// The presenter's schedule: the view's speed (resolved), each beat's hold, the camera's scale.
ScheduleOptions schedule_options_of(const ViewOptions& view, double beat_seconds, const ExtentM& country);

TimeSettings time_settings_of(const ViewOptions& view);
// Time settings, language and speed; the caller sets the moment, size and camera.
render::FrameParams frame_params_of(const ViewOptions& view);
// The presenter's view (time settings, language, speed) on a screen of this size.
render::PresenterView presenter_view_of(const ViewOptions& view, const render::ScreenSize& size);

// The city or region --select names (empty without --select). Throws UsageError for an unknown
// name, listing the known ones. Resolved once, before the frames.
Selection selection_of(const Dataset& data, const ViewOptions& view);

// The FrameParams of a plain (non-story) exported frame or still at moment t: the window's frame
// without its playback controls line; with a selection, its details panel open and the map slid
// aside, as in the window.
render::FrameParams offscreen_params(const render::Renderer& renderer, const ViewOptions& view,
                                     const Selection& selection, const render::ScreenSize& size,
                                     double t_utc_s);

// --from/--to: the animation's and the timeline bar's span (either may be left to the data's).
// UsageError for a bad time or --to not after --from.
void apply_range(render::Renderer& renderer, const Timeline& timeline, const std::optional<std::string>& from,
                 const std::optional<std::string>& to);

}  // namespace qantar::app
