// The one display check of the subcommands that open a window or an OpenGL context.
#pragma once

namespace sf { class RenderTexture; class Window; }

namespace qantar::app {

// True when $DISPLAY (or, if wayland_ok, $WAYLAND_DISPLAY) is set and not empty; otherwise
// prints `advice` (one line, "qantar: ...") to stderr and returns false. Offscreen OpenGL
// (render) needs X; windows (view, present) also open on Wayland.
bool have_display(bool wayland_ok, const char* advice);
// The same check, silent.
bool display_set(bool wayland_ok);

// Puts a window in the middle of the desktop: a bare X server (no window manager) would leave
// it wherever SFML's default puts it (seen at y = 420 on a 1920x1080 Xvfb).
void centre_on_desktop(sf::Window& window);

// Makes `rt` an offscreen OpenGL target of width x height pixels with `antialias` MSAA samples
// (stills, beats, the sweep's frames, video), or throws "could not create an offscreen OpenGL
// target of WxH".
void create_offscreen(sf::RenderTexture& rt, double width_px, double height_px, unsigned antialias);

}  // namespace qantar::app
