// The base map: countries, water, regions (tinted by their state) and borders, prepared once
// from the data. From the second frame on, drawn into a cached texture that is redrawn only when
// the camera, the size, the HUD scale or a region's tint changes (the first frame draws it
// directly); a change of tints alone redraws the rectangles of the regions retinted, each clipped
// to its rectangle, so that the pixels are those of a whole redraw. Only the parts that reach the screen are drawn. The geometry is prepared without
// OpenGL (prepare_base_map), so that a loading thread can build it while the window opens.
#pragma once

#include "draw_context.hpp"

#include "render/aa_geometry.hpp"
#include "render/camera.hpp"
#include "render/gl_spares.hpp"

#include "core/model.hpp"

#include <SFML/Graphics.hpp>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace qantar::render {

// The colour of a region in a state (before the shutdown's desaturation).
sf::Color state_tint(PlaceState s);
// Map (relative to origin) -> screen pixels, as an sf::Transform for vertex buffers.
sf::Transform map_transform(const Camera& cam, const ScreenSize& size, const Vec2& origin);
// The rings of polygons as float points relative to origin.
std::vector<std::vector<sf::Vector2f>> rings_of(const std::vector<Polygon>& polys, const Vec2& origin);

// The border strips at one scale: their widths are in screen pixels, so they are built for a
// camera scale (px_per_m) and a HUD scale (u).
struct BorderStrips {
    double px_per_m = -1, u = -1;
    std::vector<sf::Vertex> vertices;
};

// Everything the base map draws, as plain vertices and polylines in map units relative to origin.
struct BaseMapGeometry {
    Vec2 origin;               // map coordinates are uploaded relative to this point (float precision)
    MapBounds outline_bounds;  // the national outline's extent (what the home camera fits)
    std::vector<sf::Vertex> countries_fill, water_fill, region_fill;
    std::vector<std::pair<std::size_t, std::size_t>> region_ranges;  // [begin, end) of region_fill per region
    // Border lines, each shared segment once.
    std::vector<Polyline> country_lines, water_lines, region_lines, outline_lines;
    BorderStrips strips;  // built ahead for the expected first frame (empty: built at the first draw)
};

// The geometry of the data's base map (no OpenGL: any thread).
BaseMapGeometry prepare_base_map(const Dataset& data);
// The border strips of g at a camera scale and HUD scale (no OpenGL: any thread).
void build_border_strips(const BaseMapGeometry& g, double px_per_m, double u, BorderStrips& out);

class BaseMap {
public:
    // cull: draw only the runs of triangles that reach the screen (false: all; the same pixels).
    // direct_first: the first frame draws the map directly, without filling the cache (a still,
    // the window's first frame); false: through the cache from the first frame on (a video).
    BaseMap(const Dataset& data, bool cache, bool cull = true, bool direct_first = true);
    // From geometry prepared ahead (uploads it; needs the OpenGL context). spares: storage made
    // ahead (render/warm_up.hpp): a fill or the strips that fit in a spare vertex buffer are
    // copied into it, and the cache takes spare render textures of its size.
    BaseMap(BaseMapGeometry geometry, bool cache, bool cull = true, bool direct_first = true, GlSpares spares = {});
    // Map coordinates are uploaded relative to this point (float precision).
    const Vec2& origin() const { return geo_.origin; }
    // The national outline's extent (what the home camera fits).
    const MapBounds& outline_bounds() const { return geo_.outline_bounds; }
    // The first layer of a frame: clears the target to the background (or copies the cached map
    // over all of it) and draws the map.
    void draw(const DrawContext& ctx);

private:
    void update_tints(const DrawContext& ctx);
    // Moves a spare render texture of this size into slot; false when there is none.
    bool take_spare_target(std::unique_ptr<sf::RenderTexture>& slot, sf::Vector2u size);
    void update_lines(const Camera& cam, double u);
    // A buffer's triangles in runs of consecutive triangles, each with its extent (map units
    // relative to origin): a frame draws only the runs that reach the screen, since a triangle
    // wholly outside it draws no pixel (the neighbours far from the story, in the default view).
    struct Chunk {
        std::size_t first = 0, count = 0;
        double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    };
    struct Visible {
        double min_x, min_y, max_x, max_y;
    };
    // The screen rectangle `box` (map units relative to origin) may touch, in pixels, clipped to
    // the screen (empty when off it), and the map box of a pixel rectangle (what draws into it).
    static sf::IntRect pixels_of(const Visible& box, const Camera& cam, const ScreenSize& size, const Vec2& origin);
    static Visible map_box_of(const sf::IntRect& px, const Camera& cam, const ScreenSize& size, const Vec2& origin);
    static std::vector<Chunk> chunks_of(const std::vector<sf::Vertex>& v);
    void draw_chunks(sf::RenderTarget& to, const sf::VertexBuffer& vb, const std::vector<Chunk>& chunks,
                     const Visible& visible, const sf::RenderStates& states) const;
    void draw_under(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible);  // countries, water
    void draw_over(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible);   // regions, borders
    void draw_uncached(sf::RenderTarget& to, const sf::RenderStates& map_states, const Visible& visible);

    // The geometry (the fills of countries and water, and the strips, released once uploaded; the
    // regions' fills kept for their tints; strips.px_per_m and .u: the scale of those in lines_).
    BaseMapGeometry geo_;
    GlSpares spares_;  // those not used yet
    sf::VertexBuffer countries_fill_, water_fill_, regions_fill_;
    std::vector<Chunk> countries_chunks_, water_chunks_, regions_chunks_, lines_chunks_;
    std::vector<sf::Color> region_colors_;  // last uploaded
    std::vector<Visible> region_boxes_;     // each region's fill extent (map units relative to origin)
    // The regions whose tint changed since the cache was last drawn: a change of tints with the
    // same view redraws only their rectangles of the cache.
    std::vector<std::size_t> retinted_;
    sf::VertexBuffer lines_{sf::Triangles, sf::VertexBuffer::Static};
    bool strips_uploaded_ = false;
    struct CacheKey {
        double cx = 0, cy = 0, px_per_m = 0, w = 0, h = 0, u = 0;
        std::vector<sf::Color> colors;
        bool operator==(const CacheKey&) const = default;
    };
    bool cache_ = true;
    bool cull_ = true;
    bool direct_first_ = true;
    bool drawn_before_ = false;
    // Redraws the rectangles of the retinted regions in the cache (under, regions, borders, each
    // clipped to its rectangle: the same pixels as drawing it all again); false when not possible.
    bool redraw_retinted(const DrawContext& ctx);
    std::unique_ptr<sf::RenderTexture> cached_ = std::make_unique<sf::RenderTexture>();
    bool cached_ok_ = false;
    std::optional<CacheKey> cache_key_;
    // What lies under the regions (countries and water) for the view of under_key_ (no colours).
    bool update_under(const CacheKey& view_key, const sf::RenderStates& map_states, const Visible& visible);
    std::unique_ptr<sf::RenderTexture> under_ = std::make_unique<sf::RenderTexture>();
    bool under_ok_ = false;
    std::optional<CacheKey> under_key_;
};

}  // namespace qantar::render
