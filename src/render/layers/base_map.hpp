// The base map: countries, water, regions (tinted by their state) and borders, prepared once
// from the data. Drawn into a cached texture that is redrawn only when the camera, the size,
// the HUD scale or a region's tint changes.
#pragma once

#include "draw_context.hpp"

#include "render/aa_geometry.hpp"
#include "render/camera.hpp"

#include "core/model.hpp"

#include <SFML/Graphics.hpp>

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

class BaseMap {
public:
    BaseMap(const Dataset& data, bool cache);
    // Map coordinates are uploaded relative to this point (float precision).
    const Vec2& origin() const { return origin_; }
    // The national outline's extent (what the home camera fits).
    const MapBounds& outline_bounds() const { return outline_bounds_; }
    // The first layer of a frame: clears the target to the background (or copies the cached map
    // over all of it) and draws the map.
    void draw(const DrawContext& ctx);

private:
    void update_tints(const DrawContext& ctx);
    void update_lines(const Camera& cam, double u);
    void draw_under(sf::RenderTarget& to, const sf::RenderStates& map_states);  // countries, water
    void draw_over(sf::RenderTarget& to, const sf::RenderStates& map_states);   // regions, borders
    void draw_uncached(sf::RenderTarget& to, const sf::RenderStates& map_states);

    Vec2 origin_;
    MapBounds outline_bounds_;
    sf::VertexBuffer countries_fill_, water_fill_, regions_fill_;
    std::vector<sf::Vertex> region_vertices_;
    std::vector<std::pair<std::size_t, std::size_t>> region_ranges_;  // [begin, end) per region
    std::vector<sf::Color> region_colors_;                            // last uploaded
    // Border lines, each shared segment once (map units relative to origin).
    std::vector<Polyline> country_lines_, water_lines_, region_lines_, outline_lines_;
    sf::VertexBuffer lines_{sf::Triangles, sf::VertexBuffer::Static};
    double lines_px_per_m_ = -1, lines_u_ = -1;
    struct CacheKey {
        double cx = 0, cy = 0, px_per_m = 0, w = 0, h = 0, u = 0;
        std::vector<sf::Color> colors;
        bool operator==(const CacheKey&) const = default;
    };
    bool cache_ = true;
    sf::RenderTexture cached_;
    bool cached_ok_ = false;
    std::optional<CacheKey> cache_key_;
    // What lies under the regions (countries and water) for the view of under_key_ (no colours).
    bool update_under(const CacheKey& view_key, const sf::RenderStates& map_states);
    sf::RenderTexture under_;
    bool under_ok_ = false;
    std::optional<CacheKey> under_key_;
};

}  // namespace qantar::render
