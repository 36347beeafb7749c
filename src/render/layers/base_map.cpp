#include "base_map.hpp"

#include "core/story.hpp"
#include "render/gl_blit.hpp"
#include "render/palette.hpp"

#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

namespace {

constexpr double kBorderTolerancePx = 0.25;

sf::Vector2f rel(const Vec2& p, const Vec2& o) {
    return {static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y)};
}

// One allocation of the buffer's storage: create(0) makes the buffer empty, and update() sizes
// it to the data (create(n) then update() would allocate and clear it twice). Where the buffer,
// or else one of `spares` (the smallest that does), holds more than the data, the data is copied
// into that storage instead: no allocation at all (software OpenGL clears a new buffer, a page
// fault per 4 KiB). Only the first v.size() vertices are drawn (draw_chunks' ranges).
void fill_buffer(sf::VertexBuffer& vb, const std::vector<sf::Vertex>& v, std::vector<std::unique_ptr<sf::VertexBuffer>>* spares = nullptr) {
    vb.setPrimitiveType(sf::Triangles);
    if (v.empty()) return;
    if (vb.getVertexCount() <= v.size() && spares) {
        auto best = spares->end();
        for (auto it = spares->begin(); it != spares->end(); ++it)
            if ((*it)->getVertexCount() > v.size() && (best == spares->end() || (*it)->getVertexCount() < (*best)->getVertexCount()))
                best = it;
        if (best != spares->end()) {
            const sf::VertexBuffer::Usage usage = vb.getUsage();
            vb.swap(**best);
            vb.setUsage(usage);
            vb.setPrimitiveType(sf::Triangles);
            spares->erase(best);
        }
    }
    if (vb.getVertexCount() > v.size() && vb.update(v.data(), v.size(), 0)) return;  // a sub-update in place
    vb.create(0);
    vb.update(v.data(), v.size(), 0);
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

BaseMapGeometry prepare_base_map(const Dataset& data) {
    BaseMapGeometry g;
    g.outline_bounds = outline_bounds_of(data);
    g.origin = {std::round((g.outline_bounds.min_m.x + g.outline_bounds.max_m.x) / 2),
                std::round((g.outline_bounds.min_m.y + g.outline_bounds.max_m.y) / 2)};
    const Vec2 origin = g.origin;
    auto tri = [&](const std::vector<Vec2>& t, sf::Color c, std::vector<sf::Vertex>& out) {
        for (const auto& v : t) out.emplace_back(rel(v, origin), c);
    };
    std::size_t n = data.national_outline.triangles_m.size();
    for (const auto& c : data.countries) n += c.triangles_m.size();
    g.countries_fill.reserve(n);
    for (const auto& c : data.countries) tri(c.triangles_m, kCountryFill, g.countries_fill);
    // Under the regions, the national outline (it has no hole where Baikonur is).
    tri(data.national_outline.triangles_m, kRegionFill, g.countries_fill);
    std::size_t nw = 0, nr = 0;  // reserved once: no copy while they grow
    for (const auto& w : data.water) nw += w.triangles_m.size();
    for (const auto& r : data.regions) nr += r.triangles_m.size();
    g.water_fill.reserve(nw);
    g.region_fill.reserve(nr);
    for (const auto& w : data.water) tri(w.triangles_m, kWaterFill, g.water_fill);
    for (const auto& r : data.regions) {
        std::size_t b = g.region_fill.size();
        tri(r.triangles_m, kRegionFill, g.region_fill);
        g.region_ranges.emplace_back(b, g.region_fill.size());
    }

    std::vector<std::vector<sf::Vector2f>> rings;
    auto gather = [&](const auto& items, std::vector<Polyline>& out) {
        rings.clear();
        for (const auto& it : items)
            for (auto& r : rings_of(it.polygons_m, origin)) rings.push_back(std::move(r));
        out = unique_segments(rings);
    };
    gather(data.countries, g.country_lines);
    gather(data.water, g.water_lines);
    // Region borders as drawn: no bare ring where a leased territory is cut out (drawn_polygons).
    rings.clear();
    for (std::size_t r = 0; r < data.regions.size(); ++r)
        for (auto& ring : rings_of(drawn_polygons(data.regions, r), origin)) rings.push_back(std::move(ring));
    g.region_lines = unique_segments(rings);
    g.outline_lines = unique_segments(rings_of(data.national_outline.polygons_m, origin));
    return g;
}

// Line widths are in screen pixels: feathered strips (antialiased by blending), where one pixel
// is 1 / px_per_m map units. The lines are simplified for the scale first: a point within
// kBorderTolerancePx of the simplified line moves the strip by less than that, where a world map
// at 1920x1080 has ~20 km to a pixel and the world's borders many points to each pixel.
void build_border_strips(const BaseMapGeometry& g, double px_per_m, double u, BorderStrips& out) {
    std::vector<sf::Vertex>& v = out.vertices;
    v.clear();
    // At most 18 vertices per segment (a core and two feathers, two triangles each): reserved
    // once, so that the strips never reallocate while they are built.
    std::size_t points = 0;
    for (const auto* ls : {&g.country_lines, &g.water_lines, &g.region_lines, &g.outline_lines, &g.outline_lines})
        for (const auto& l : *ls) points += l.pts.size() + 1;
    v.reserve(points * 18);
    auto m_of = [&](double px) { return static_cast<float>(px / px_per_m); };
    const float px = m_of(1.0);
    const float tolerance = m_of(kBorderTolerancePx);
    auto lines = [&](const std::vector<Polyline>& ls, double width_px, sf::Color c) {
        for (const auto& l : ls) {
            const Polyline s = simplified(l, tolerance);
            append_aa_polyline(v, s.pts, m_of(width_px), px, c, s.closed, false);
        }
    };
    lines(g.country_lines, std::max(0.8, 1.0 * u), kCountryLine);
    lines(g.water_lines, std::max(0.8, 1.0 * u), kWaterLine);
    lines(g.region_lines, std::max(0.7, 0.9 * u), kRegionLine);
    lines(g.outline_lines, 7 * u, kOutlineGlow);
    lines(g.outline_lines, std::max(1.4, 2.0 * u), kOutline);
    out.px_per_m = px_per_m;
    out.u = u;
}

BaseMap::BaseMap(const Dataset& data, bool cache, bool cull, bool direct_first)
    : BaseMap(prepare_base_map(data), cache, cull, direct_first) {}

BaseMap::BaseMap(BaseMapGeometry geometry, bool cache, bool cull, bool direct_first, GlSpares spares)
    : geo_(std::move(geometry)), spares_(std::move(spares)), cache_(cache), cull_(cull), direct_first_(direct_first) {
    fill_buffer(countries_fill_, geo_.countries_fill, &spares_.buffers);
    fill_buffer(water_fill_, geo_.water_fill, &spares_.buffers);
    countries_chunks_ = chunks_of(geo_.countries_fill);
    water_chunks_ = chunks_of(geo_.water_fill);
    geo_.countries_fill = {};
    geo_.water_fill = {};
    region_colors_.assign(geo_.region_ranges.size(), kRegionFill);
    regions_fill_.setUsage(sf::VertexBuffer::Dynamic);
    fill_buffer(regions_fill_, geo_.region_fill, &spares_.buffers);
    regions_chunks_ = chunks_of(geo_.region_fill);
    region_boxes_.reserve(geo_.region_ranges.size());
    for (const auto& [b, e] : geo_.region_ranges) {
        Visible box{1, 1, 0, 0};  // empty
        for (std::size_t k = b; k < e; ++k) {
            const sf::Vector2f& p = geo_.region_fill[k].position;
            if (k == b) box = {p.x, p.y, p.x, p.y};
            box = {std::min<double>(box.min_x, p.x), std::min<double>(box.min_y, p.y),
                   std::max<double>(box.max_x, p.x), std::max<double>(box.max_y, p.y)};
        }
        region_boxes_.push_back(box);
    }
}

std::vector<BaseMap::Chunk> BaseMap::chunks_of(const std::vector<sf::Vertex>& v) {
    constexpr std::size_t kTriangles = 64;  // per chunk: small enough to cull well, few draw calls
    std::vector<Chunk> out;
    const std::size_t n = v.size() - v.size() % 3;
    out.reserve(n / (3 * kTriangles) + 1);
    for (std::size_t first = 0; first < n; first += 3 * kTriangles) {
        const std::size_t count = std::min(3 * kTriangles, n - first);
        float x0 = v[first].position.x, y0 = v[first].position.y, x1 = x0, y1 = y0;
        for (std::size_t k = first + 1; k < first + count; ++k) {
            const sf::Vector2f& p = v[k].position;
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
        }
        out.push_back({first, count, x0, y0, x1, y1});
    }
    return out;
}

void BaseMap::draw_chunks(sf::RenderTarget& to, const sf::VertexBuffer& vb, const std::vector<Chunk>& chunks,
                          const Visible& visible, const sf::RenderStates& states) const {
    std::size_t first = 0, count = 0;  // the run of adjacent chunks on screen, drawn in one call
    auto flush = [&] {
        if (count > 0) to.draw(vb, first, count, states);
        count = 0;
    };
    for (const Chunk& c : chunks) {
        const bool off = cull_ && (c.max_x < visible.min_x || c.min_x > visible.max_x || c.max_y < visible.min_y ||
                         c.min_y > visible.max_y);
        if (off) continue;
        if (count > 0 && first + count == c.first) {
            count += c.count;
        } else {
            flush();
            first = c.first;
            count = c.count;
        }
    }
    flush();
}

bool BaseMap::take_spare_target(std::unique_ptr<sf::RenderTexture>& slot, sf::Vector2u size) {
    auto& targets = spares_.targets;
    for (auto it = targets.begin(); it != targets.end(); ++it)
        if ((*it)->getSize() == size) {
            slot = std::move(*it);
            targets.erase(it);
            return true;
        }
    return false;
}

void BaseMap::update_tints(const DrawContext& ctx) {
    for (std::size_t r = 0; r < ctx.scene.region_states.size(); ++r) {
        sf::Color c = desaturate(state_tint(ctx.scene.region_states[r]), ctx.desat);
        if (c != region_colors_[r]) {
            region_colors_[r] = c;
            const auto [b, e] = geo_.region_ranges[r];
            for (std::size_t k = b; k < e; ++k) geo_.region_fill[k].color = c;
            if (e > b) regions_fill_.update(geo_.region_fill.data() + b, e - b, static_cast<unsigned>(b));
            retinted_.push_back(r);
        }
    }
}

sf::IntRect BaseMap::pixels_of(const Visible& box, const Camera& cam, const ScreenSize& size, const Vec2& origin) {
    // map_transform, with two pixels more on each side (OpenGL's float rounding of coordinates is
    // a few metres at the size of the Earth: far less than a pixel).
    const double x0 = size.width_px / 2 + (box.min_x + origin.x - cam.centre_m.x) * cam.px_per_m - 2;
    const double x1 = size.width_px / 2 + (box.max_x + origin.x - cam.centre_m.x) * cam.px_per_m + 2;
    const double y0 = size.height_px / 2 - (box.max_y + origin.y - cam.centre_m.y) * cam.px_per_m - 2;
    const double y1 = size.height_px / 2 - (box.min_y + origin.y - cam.centre_m.y) * cam.px_per_m + 2;
    const double l = std::clamp(std::floor(x0), 0.0, size.width_px), r = std::clamp(std::ceil(x1), 0.0, size.width_px);
    const double t = std::clamp(std::floor(y0), 0.0, size.height_px), b = std::clamp(std::ceil(y1), 0.0, size.height_px);
    if (box.max_x < box.min_x || r <= l || b <= t) return {};
    return {static_cast<int>(l), static_cast<int>(t), static_cast<int>(r - l), static_cast<int>(b - t)};
}

BaseMap::Visible BaseMap::map_box_of(const sf::IntRect& px, const Camera& cam, const ScreenSize& size, const Vec2& origin) {
    // As draw() widens the screen: two pixels and 1 km on each side.
    const double slack_m = 1000 + 2 / cam.px_per_m;
    return {cam.centre_m.x - origin.x + (px.left - size.width_px / 2) / cam.px_per_m - slack_m,
            cam.centre_m.y - origin.y + (size.height_px / 2 - (px.top + px.height)) / cam.px_per_m - slack_m,
            cam.centre_m.x - origin.x + (px.left + px.width - size.width_px / 2) / cam.px_per_m + slack_m,
            cam.centre_m.y - origin.y + (size.height_px / 2 - px.top) / cam.px_per_m + slack_m};
}

bool BaseMap::redraw_retinted(const DrawContext& ctx) {
    const Camera& cam = ctx.params.camera;
    const ScreenSize& size = ctx.params.size;
    // The retinted regions' rectangles, those that overlap merged (a pixel in two rectangles would
    // be drawn twice: correct, each pass redraws its rectangle whole, but wasted).
    std::vector<sf::IntRect> rects;
    for (std::size_t r : retinted_) {
        sf::IntRect px = pixels_of(region_boxes_[r], cam, size, origin());
        if (px.width <= 0 || px.height <= 0) continue;
        for (bool merged = true; merged;) {
            merged = false;
            for (std::size_t k = 0; k < rects.size(); ++k)
                if (rects[k].intersects(px)) {
                    const int l = std::min(px.left, rects[k].left), t = std::min(px.top, rects[k].top);
                    const int r2 = std::max(px.left + px.width, rects[k].left + rects[k].width);
                    const int b2 = std::max(px.top + px.height, rects[k].top + rects[k].height);
                    px = {l, t, r2 - l, b2 - t};
                    rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(k));
                    merged = true;
                    break;
                }
        }
        rects.push_back(px);
    }
    // Worth it while the rectangles are a fraction of the screen (else one whole redraw).
    double area = 0;
    for (const auto& r : rects) area += static_cast<double>(r.width) * r.height;
    if (area > 0.5 * size.width_px * size.height_px) return false;
    for (const auto& r : rects) {
        if (!set_scissor(*cached_, r)) return false;  // nothing drawn yet in this pass
        const bool copied = blit_texture(under_->getTexture(), *cached_);
        if (copied) {
            set_scissor(*cached_, r);  // blit_texture resets SFML's states, not the scissor; set again all the same
            draw_over(*cached_, ctx.map_states, map_box_of(r, cam, size, origin()));
        }
        clear_scissor(*cached_);
        if (!copied) return false;  // a pass that copied nothing left the rectangle as it was
    }
    return true;
}

// The strips are rebuilt when the scale changes (or taken as built ahead, when built for it), and
// not held once uploaded (some 15 MB for the bundled story).
void BaseMap::update_lines(const Camera& cam, double u) {
    BorderStrips& st = geo_.strips;
    const bool current = st.px_per_m == cam.px_per_m && st.u == u;
    if (current && strips_uploaded_) return;
    if (!current) build_border_strips(geo_, cam.px_per_m, u, st);
    fill_buffer(lines_, st.vertices, &spares_.buffers);
    lines_chunks_ = chunks_of(st.vertices);
    strips_uploaded_ = true;
    st.vertices = {};  // uploaded: the scale is what is kept
}

void BaseMap::draw_under(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible) {
    draw_chunks(to, countries_fill_, countries_chunks_, visible, map_states);
    draw_chunks(to, water_fill_, water_chunks_, visible, map_states);
}

void BaseMap::draw_over(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible) {
    draw_chunks(to, regions_fill_, regions_chunks_, visible, map_states);
    draw_chunks(to, lines_, lines_chunks_, visible, map_states);
}

void BaseMap::draw_uncached(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible) {
    draw_under(to, map_states, visible);
    draw_over(to, map_states, visible);
}

bool BaseMap::update_under(const CacheKey& view_key, const sf::RenderStates& map_states, const Visible& visible) {
    if (under_key_ && *under_key_ == view_key) return true;
    const sf::Vector2u size(static_cast<unsigned>(view_key.w), static_cast<unsigned>(view_key.h));
    if (!under_ok_ || under_->getSize() != size) under_ok_ = take_spare_target(under_, size) || under_->create(size.x, size.y);
    if (!under_ok_) return false;
    under_->setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
    under_->clear(kBackground);
    draw_under(*under_, map_states, visible);
    under_->display();
    under_key_ = view_key;
    return true;
}

void BaseMap::draw(const DrawContext& ctx) {
    const Camera& cam = ctx.params.camera;
    const ScreenSize& size = ctx.params.size;
    const double u = ctx.u();
    update_tints(ctx);
    update_lines(cam, u);
    // The screen in map units relative to origin (map_transform inverted), wider on each side by
    // two pixels and 1 km, far more than OpenGL's float rounding of coordinates (a few metres at
    // the size of the Earth), so that no triangle that reaches the screen is left out.
    const double slack_m = 1000;
    const double half_w_m = (size.width_px / 2 + 2) / cam.px_per_m + slack_m;
    const double half_h_m = (size.height_px / 2 + 2) / cam.px_per_m + slack_m;
    const Visible visible{cam.centre_m.x - origin().x - half_w_m, cam.centre_m.y - origin().y - half_h_m,
                          cam.centre_m.x - origin().x + half_w_m, cam.centre_m.y - origin().y + half_h_m};
    const auto W = static_cast<unsigned>(size.width_px), H = static_cast<unsigned>(size.height_px);
    // The first frame draws the map directly (the same pixels): a still draws one frame, where
    // the cache would cost a texture and a copy of the screen, and the window's first frame
    // comes sooner. The cache starts with the second frame (with the first in a video, where the
    // direct drawing would be done again for the second).
    if (!cache_) retinted_.clear();  // nothing to redraw in part
    const bool first = direct_first_ && !drawn_before_;
    drawn_before_ = true;
    if (cache_ && W > 0 && H > 0 && !first) {
        CacheKey key{cam.centre_m.x, cam.centre_m.y, cam.px_per_m, size.width_px, size.height_px, u, region_colors_};
        if (!cache_key_ || !(*cache_key_ == key)) {
            if (!cached_ok_ || cached_->getSize() != sf::Vector2u(W, H))
                cached_ok_ = take_spare_target(cached_, {W, H}) || cached_->create(W, H);
            if (cached_ok_) {
                // The fills under the regions depend on the view alone: kept in their own texture,
                // a change of tints redraws the regions and the borders over a copy of it.
                CacheKey view_key = key;
                view_key.colors.clear();
                cached_->setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(W), static_cast<float>(H))));
                // The same view with other tints: only the retinted regions' rectangles.
                CacheKey old_view;
                if (cache_key_) {
                    old_view = *cache_key_;
                    old_view.colors.clear();
                }
                const bool same_view = cache_key_ && old_view == view_key && under_key_ && *under_key_ == view_key;
                if (same_view && redraw_retinted(ctx)) {
                    // done
                } else if (update_under(view_key, ctx.map_states, visible) && blit_texture(under_->getTexture(), *cached_)) {
                    draw_over(*cached_, ctx.map_states, visible);
                } else {
                    cached_->clear(kBackground);
                    draw_uncached(*cached_, ctx.map_states, visible);
                }
                cached_->display();
                cache_key_ = std::move(key);
                retinted_.clear();
            }
        }
    }
    // The frame starts here: the copy of the cache replaces every pixel, anything else draws on
    // the background colour.
    if (cache_ && cached_ok_ && cache_key_ && !first) {
        if (!blit_texture(cached_->getTexture(), ctx.target)) {
            ctx.target.clear(kBackground);
            sf::Sprite base(cached_->getTexture());
            ctx.target.draw(base, sf::RenderStates(sf::BlendNone));
        }
    } else {
        ctx.target.clear(kBackground);
        draw_uncached(ctx.target, ctx.map_states, visible);
    }
}

}  // namespace qantar::render
