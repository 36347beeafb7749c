// The one display check of the subcommands that open a window or an OpenGL context.
#pragma once

namespace qantar::app {

// True when $DISPLAY (or, if wayland_ok, $WAYLAND_DISPLAY) is set and not empty; otherwise
// prints `advice` (one line, "qantar: ...") to stderr and returns false. Offscreen OpenGL
// (render) needs X; windows (view, present) also open on Wayland.
bool have_display(bool wayland_ok, const char* advice);

}  // namespace qantar::app
