// A 1:1 copy of a texture into a render target's framebuffer (glBlitFramebuffer), for the cached
// base map: software OpenGL (Mesa's llvmpipe) turns it into a memory copy, where drawing the same
// texture as a sprite samples every pixel through a fragment shader (~35 ms at 1920x1080).
#pragma once

#include <SFML/Graphics.hpp>

namespace qantar::render {

// Copies `texture` (drawn through an sf::RenderTexture of the target's size, no smoothing) over the
// whole target: the pixels a sprite of it drawn with sf::BlendNone would give. Returns false, having
// done nothing, where the copy is not possible (no framebuffer blit in the driver, a multisampled
// target, another size, an incomplete framebuffer): the caller draws the sprite instead.
bool blit_texture(const sf::Texture& texture, sf::RenderTarget& target);

// Limits what is drawn into `target` (its blits included) to `rect`, in the target's pixels
// (top-left origin), until clear_scissor: OpenGL's scissor test, which leaves the pixels of what is
// drawn inside the rectangle as they would be without it. False (nothing set) where the target
// cannot be made active.
bool set_scissor(sf::RenderTarget& target, const sf::IntRect& rect);
void clear_scissor(sf::RenderTarget& target);

}  // namespace qantar::render
