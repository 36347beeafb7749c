// OpenGL storage made ahead, while the data loads (render/warm_up.hpp), that the Renderer uses
// instead of allocating it during its first frame: software OpenGL clears new storage, and each
// 4 KiB page touched for the first time is a page fault (~20 us in a virtual machine).
#pragma once

#include <SFML/Graphics.hpp>

#include <memory>
#include <vector>

namespace qantar::render {

struct GlSpares {
    // Vertex buffers: a base map's fill or its border strips that fit in one are copied into it.
    std::vector<std::unique_ptr<sf::VertexBuffer>> buffers;
    // Render textures: the base map's cache takes those of the frame's size.
    std::vector<std::unique_ptr<sf::RenderTexture>> targets;
};

}  // namespace qantar::render
