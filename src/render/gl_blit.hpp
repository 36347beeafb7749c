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

}  // namespace qantar::render
