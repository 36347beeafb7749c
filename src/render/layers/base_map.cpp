#include "base_map.hpp"

#include "core/story.hpp"
#include "render/gl_blit.hpp"
#include "render/palette.hpp"

#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

namespace {

sf::Vector2f rel(const Vec2& p, const Vec2& o) {
    return {static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y)};
}

void fill_buffer(sf::VertexBuffer& vb, const std::vector<sf::Vertex>& v) {
    vb.setPrimitiveType(sf::Triangles);
    if (v.empty()) return;
    vb.create(v.size());
    vb.update(v.data());
}

MapBounds outline_bounds_of(const Dataset& data) {
    MapBounds b;
    if (data.frame_on_data) {  // a map of any place, or --bbox: the framing of the events
        const ExtentM e = country_extent_m(data);
        b.add(e.min_m);
        b.add(e.max_m);
        return b;
    }
    for (const auto& p : data.national_outline.polygons_m)
        for (const auto& r : p.rings)
            for (const auto& v : r) b.add(v);
    if (b.empty())
        for (const auto& reg : data.regions)
            for (const auto& v : reg.triangles_m) b.add(v);
    if (b.empty())
        for (const auto& c : data.cities) b.add(c.pos_m);
    if (b.empty()) b.add({0, 0});
    return b;
}

}  // namespace

sf::Color state_tint(PlaceState s) {
    switch (s) {
        case PlaceState::Calm: return kRegionFill;
        case PlaceState::Emergency: return mix(kRegionFill, kEmergencyTint, 0.2);
        case PlaceState::Protest: return mix(kRegionFill, kProtestTint, 0.32);
        case PlaceState::Violence: return mix(kRegionFill, kViolenceTint, 0.45);
    }
    return kRegionFill;
}

sf::Transform map_transform(const Camera& cam, const ScreenSize& size, const Vec2& origin) {
    sf::Transform t;
    t.translate(static_cast<float>(size.width_px / 2), static_cast<float>(size.height_px / 2));
    t.scale(static_cast<float>(cam.px_per_m), static_cast<float>(-cam.px_per_m));
    t.translate(static_cast<float>(origin.x - cam.centre_m.x), static_cast<float>(origin.y - cam.centre_m.y));
    return t;
}

std::vector<std::vector<sf::Vector2f>> rings_of(const std::vector<Polygon>& polys, const Vec2& o) {
    std::vector<std::vector<sf::Vector2f>> out;
    for (const auto& p : polys)
        for (const auto& r : p.rings) {
            std::vector<sf::Vector2f> pts;
            pts.reserve(r.size());
            for (const auto& v : r) pts.push_back(rel(v, o));
            out.push_back(std::move(pts));
        }
    return out;
}

BaseMap::BaseMap(const Dataset& data, bool cache) : outline_bounds_(outline_bounds_of(data)), cache_(cache) {
    origin_ = {std::round((outline_bounds_.min_m.x + outline_bounds_.max_m.x) / 2),
               std::round((outline_bounds_.min_m.y + outline_bounds_.max_m.y) / 2)};
    auto tri = [&](const std::vector<Vec2>& t, sf::Color c, std::vector<sf::Vertex>& out) {
        for (const auto& v : t) out.emplace_back(rel(v, origin_), c);
    };
    std::vector<sf::Vertex> v;
    for (const auto& c : data.countries) tri(c.triangles_m, kCountryFill, v);
    // Under the regions, the national outline (it has no hole where Baikonur is).
    tri(data.national_outline.triangles_m, kRegionFill, v);
    fill_buffer(countries_fill_, v);
    v.clear();
    for (const auto& w : data.water) tri(w.triangles_m, kWaterFill, v);
    fill_buffer(water_fill_, v);
    for (const auto& r : data.regions) {
        std::size_t b = region_vertices_.size();
        tri(r.triangles_m, kRegionFill, region_vertices_);
        region_ranges_.emplace_back(b, region_vertices_.size());
    }
    region_colors_.assign(data.regions.size(), kRegionFill);
    regions_fill_.setUsage(sf::VertexBuffer::Dynamic);
    fill_buffer(regions_fill_, region_vertices_);

    std::vector<std::vector<sf::Vector2f>> rings;
    auto gather = [&](const auto& items, std::vector<Polyline>& out) {
        rings.clear();
        for (const auto& it : items)
            for (auto& r : rings_of(it.polygons_m, origin_)) rings.push_back(std::move(r));
        out = unique_segments(rings);
    };
    gather(data.countries, country_lines_);
    gather(data.water, water_lines_);
    // Region borders as drawn: no bare ring where a leased territory is cut out (drawn_polygons).
    rings.clear();
    for (std::size_t r = 0; r < data.regions.size(); ++r)
        for (auto& ring : rings_of(drawn_polygons(data.regions, r), origin_)) rings.push_back(std::move(ring));
    region_lines_ = unique_segments(rings);
    outline_lines_ = unique_segments(rings_of(data.national_outline.polygons_m, origin_));
}

void BaseMap::update_tints(const DrawContext& ctx) {
    bool changed = false;
    for (std::size_t r = 0; r < ctx.scene.region_states.size(); ++r) {
        sf::Color c = desaturate(state_tint(ctx.scene.region_states[r]), ctx.desat);
        if (c != region_colors_[r]) {
            region_colors_[r] = c;
            for (std::size_t k = region_ranges_[r].first; k < region_ranges_[r].second; ++k)
                region_vertices_[k].color = c;
            changed = true;
        }
    }
    if (changed && !region_vertices_.empty()) regions_fill_.update(region_vertices_.data());
}

// Line widths are in screen pixels, so the strips are rebuilt when the scale changes.
void BaseMap::update_lines(const Camera& cam, double u) {
    if (lines_px_per_m_ == cam.px_per_m && lines_u_ == u) return;
    std::vector<sf::Vertex> v;
    // Feathered strips (antialiased by blending): one pixel is 1 / px_per_m map units.
    auto m_of = [&](double px) { return static_cast<float>(px / cam.px_per_m); };
    const float px = m_of(1.0);
    auto lines = [&](const std::vector<Polyline>& ls, double width_px, sf::Color c) {
        for (const auto& l : ls) append_aa_polyline(v, l.pts, m_of(width_px), px, c, l.closed, false);
    };
    lines(country_lines_, std::max(0.8, 1.0 * u), kCountryLine);
    lines(water_lines_, std::max(0.8, 1.0 * u), kWaterLine);
    lines(region_lines_, std::max(0.7, 0.9 * u), kRegionLine);
    lines(outline_lines_, 7 * u, kOutlineGlow);
    lines(outline_lines_, std::max(1.4, 2.0 * u), kOutline);
    fill_buffer(lines_, v);
    lines_px_per_m_ = cam.px_per_m;
    lines_u_ = u;
}

void BaseMap::draw_under(sf::RenderTarget& to, const sf::RenderStates& map_states) {
    to.draw(countries_fill_, map_states);
    to.draw(water_fill_, map_states);
}

void BaseMap::draw_over(sf::RenderTarget& to, const sf::RenderStates& map_states) {
    to.draw(regions_fill_, map_states);
    to.draw(lines_, map_states);
}

void BaseMap::draw_uncached(sf::RenderTarget& to, const sf::RenderStates& map_states) {
    draw_under(to, map_states);
    draw_over(to, map_states);
}

bool BaseMap::update_under(const CacheKey& view_key, const sf::RenderStates& map_states) {
    if (under_key_ && *under_key_ == view_key) return true;
    const sf::Vector2u size(static_cast<unsigned>(view_key.w), static_cast<unsigned>(view_key.h));
    if (!under_ok_ || under_.getSize() != size) under_ok_ = under_.create(size.x, size.y);
    if (!under_ok_) return false;
    under_.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
    under_.clear(kBackground);
    draw_under(under_, map_states);
    under_.display();
    under_key_ = view_key;
    return true;
}

void BaseMap::draw(const DrawContext& ctx) {
    const Camera& cam = ctx.params.camera;
    const ScreenSize& size = ctx.params.size;
    const double u = ctx.u();
    update_tints(ctx);
    update_lines(cam, u);
    const auto W = static_cast<unsigned>(size.width_px), H = static_cast<unsigned>(size.height_px);
    if (cache_ && W > 0 && H > 0) {
        CacheKey key{cam.centre_m.x, cam.centre_m.y, cam.px_per_m, size.width_px, size.height_px, u, region_colors_};
        if (!cache_key_ || !(*cache_key_ == key)) {
            if (!cached_ok_ || cached_.getSize() != sf::Vector2u(W, H)) cached_ok_ = cached_.create(W, H);
            if (cached_ok_) {
                // The fills under the regions depend on the view alone: kept in their own texture,
                // a change of tints redraws the regions and the borders over a copy of it.
                CacheKey view_key = key;
                view_key.colors.clear();
                cached_.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(W), static_cast<float>(H))));
                if (update_under(view_key, ctx.map_states) && blit_texture(under_.getTexture(), cached_)) {
                    draw_over(cached_, ctx.map_states);
                } else {
                    cached_.clear(kBackground);
                    draw_uncached(cached_, ctx.map_states);
                }
                cached_.display();
                cache_key_ = std::move(key);
            }
        }
    }
    // The frame starts here: the copy of the cache replaces every pixel, anything else draws on
    // the background colour.
    if (cache_ && cached_ok_ && cache_key_) {
        if (!blit_texture(cached_.getTexture(), ctx.target)) {
            ctx.target.clear(kBackground);
            sf::Sprite base(cached_.getTexture());
            ctx.target.draw(base, sf::RenderStates(sf::BlendNone));
        }
    } else {
        ctx.target.clear(kBackground);
        draw_uncached(ctx.target, ctx.map_states);
    }
}

}  // namespace qantar::render
