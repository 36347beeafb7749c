// Work a first frame would do on software OpenGL that needs no data, done ahead while the data
// loads: Mesa's llvmpipe compiles (JIT) a vertex and a fragment program for each combination of
// primitive, vertex layout, texture and blend mode the first time one is drawn, and the first
// writes into a fresh colour buffer fault its pages in (measured on the bundled story's window:
// ~35 ms of compiling and ~30 ms of page faults in its first frame).
#pragma once

#include "renderer.hpp"

#include <SFML/Graphics.hpp>

namespace qantar::render {

// Draws into `target` (the window's back buffer, never shown, or an offscreen target) a little of
// each kind of thing a frame draws: triangles from a vertex buffer and from client arrays under a
// map transform, shapes (fans, quads), text in both fonts, the event shader's quads with its
// additive blending; then waits for OpenGL to finish. What it leaves in the target is never shown:
// a frame clears (or blits over) the whole target first. The text is drawn with copies
// of the fonts, so `res`'s glyph pages stay as they were: the frames drawn after it have the
// same pixels as without it.
void warm_up(sf::RenderTarget& target, const RenderResources& res, const ScreenSize& size);

// Allocates a vertex buffer of `vertices` vertices ahead and adds it to res.spares: the
// Renderer's base map copies a fill or its border strips into it when they fit, instead of
// allocating then (software OpenGL clears new storage: ~20 ms per 4 MB in a virtual machine,
// where each page's first touch is a fault). False when OpenGL gave no buffer.
bool reserve_vertex_buffer(RenderResources& res, std::size_t vertices);
// Makes a render texture of `size` ahead (cleared) and adds it to res.spares: the base map's
// cache of a video takes it in its first frame. False when it could not be made.
bool reserve_render_texture(RenderResources& res, const ScreenSize& size);

}  // namespace qantar::render
