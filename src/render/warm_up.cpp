#include "warm_up.hpp"

#include "palette.hpp"

#include <SFML/OpenGL.hpp>

#include <memory>
#include <vector>

namespace qantar::render {

void warm_up(sf::RenderTarget& target, const RenderResources& res, const ScreenSize& size) {
    const auto w = static_cast<float>(size.width_px), h = static_cast<float>(size.height_px);
    if (!(w > 0 && h > 0)) return;
    target.setView(sf::View(sf::FloatRect(0, 0, w, h)));
    target.clear(kBackground);

    // Triangles in map units (metres from an origin) under a transform like map_transform's, from
    // a vertex buffer (the base map) and from client arrays (arcs, markers, the HUD's shapes).
    sf::RenderStates map;
    map.transform.translate(w / 2, h / 2).scale(1e-3f, -1e-3f);
    const float mx = 2000, my = 2000;  // 2 pixels: the states matter here, not the pixels
    const sf::Color fill(40, 50, 60), line(200, 200, 200, 128);
    const std::vector<sf::Vertex> tris = {
        {{-mx, -my}, fill}, {{mx, -my}, fill}, {{0, my}, fill},
        {{-mx / 2, 0}, line}, {{mx / 2, 0}, line}, {{0, my / 2}, line},
    };
    sf::VertexBuffer vb(sf::Triangles, sf::VertexBuffer::Static);
    if (vb.create(tris.size()) && vb.update(tris.data())) target.draw(vb, map);
    target.draw(tris.data(), tris.size(), sf::Triangles, map);

    sf::RectangleShape rect({4, 4});
    rect.setPosition(w / 8, h / 8);
    rect.setFillColor(sf::Color(20, 30, 40, 200));
    rect.setOutlineThickness(2);
    rect.setOutlineColor(line);
    target.draw(rect);
    sf::CircleShape disc(3, 24);
    disc.setPosition(w / 2, h / 2);
    disc.setFillColor(sf::Color(220, 80, 60, 180));
    target.draw(disc);
    const sf::Vertex quad[4] = {{{0, 0}, line}, {{4, 0}, line}, {{4, 4}, line}, {{0, 4}, line}};
    target.draw(quad, 4, sf::Quads);

    // Text: copies of the fonts, so that the glyphs drawn here land in pages of their own.
    const sf::Font regular = res.font, bold = res.bold_font;
    const sf::String sample = sf::String::fromUtf8(std::begin(u8"Aa0 \u0416\u0436"), std::end(u8"Aa0 \u0416\u0436") - 1);
    for (const sf::Font* f : {&regular, &bold}) {
        sf::Text t(sample, *f, 16);
        t.setFillColor(sf::Color(230, 230, 230, 220));
        t.setPosition(w / 2, h / 3);
        target.draw(t);
    }

    // The event shader's quads, as EventLayer draws them (position, colour, texture coordinates).
    if (res.shader) {
        sf::Shader& sh = *res.shader;
        sh.setUniform("u_t", 1.f);
        sh.setUniform("u_window", 60.f);
        sh.setUniform("u_px_to_ndc", sf::Vector2f(2 / w, 2 / h));
        sh.setUniform("u_px_scale", 1.f);
        sh.setUniform("u_desaturate", 0.f);
        std::vector<sf::Vertex> marks;
        static constexpr int kCorners[6] = {0, 1, 2, 1, 3, 2};
        for (int k : kCorners) marks.emplace_back(sf::Vector2f(0, 0), sf::Color(200, 60, 40, static_cast<sf::Uint8>(8 + k)),
                                                 sf::Vector2f(0, 30));
        sf::VertexBuffer ev(sf::Triangles, sf::VertexBuffer::Static);
        sf::RenderStates s = map;
        s.shader = &sh;
        s.blendMode = sf::BlendAdd;
        if (ev.create(marks.size()) && ev.update(marks.data())) target.draw(ev, s);
    }

    // No clear after it (the rasterising threads' work, ~20 ms at 1600x900 in a virtual machine): a
    // frame starts by clearing, or blitting over, the whole target, and nothing drawn here is shown.
    glFinish();  // the rasterising threads' share done now too
}

bool reserve_vertex_buffer(RenderResources& res, std::size_t vertices) {
    auto vb = std::make_unique<sf::VertexBuffer>(sf::Triangles, sf::VertexBuffer::Static);
    if (vertices == 0 || !vb->create(vertices)) return false;
    glFinish();
    res.spares.buffers.push_back(std::move(vb));
    return true;
}

bool reserve_render_texture(RenderResources& res, const ScreenSize& size) {
    auto rt = std::make_unique<sf::RenderTexture>();
    if (!(size.width_px > 0 && size.height_px > 0) ||
        !rt->create(static_cast<unsigned>(size.width_px), static_cast<unsigned>(size.height_px)))
        return false;
    rt->clear(kBackground);  // its pages touched now
    rt->display();
    glFinish();
    res.spares.targets.push_back(std::move(rt));
    return true;
}

}  // namespace qantar::render
