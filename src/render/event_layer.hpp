// Event markers for any number of events. Prepared once: marks sorted by start go into a static
// vertex buffer (6 vertices each); a frame draws only the sub-range that can be visible at t
// (binary search on start times) and the shader animates it from the time uniform. Long events
// (over 48 h, such as states of emergency) sit in a separate small buffer drawn whole. When the
// visible range is dense (dense_at), the frame draws a density grid instead: one textured quad
// whose counts are updated incrementally as the range slides.
//
// The cost of the marker path is the pixels its quads cover (software OpenGL blends every one of
// them; the vertex work of a few thousand quads is small), not their number: a frame draws the
// markers while they cover at most kFillBudget screens (fill_px) and the density grid beyond, so
// that the frame time stays about flat at any size. Above kDenseThreshold candidates the grid is
// taken without measuring.
#pragma once

#include "event_style.hpp"

#include "core/timeline.hpp"

#include <SFML/Graphics.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace qantar::render {

// The markers the data's events get: only categories with `marker` (a state of emergency shows
// as region tints, a shutdown as a banner); nationwide events sit at the capital.
std::vector<EventMark> event_marks_for(const Timeline& timeline);

struct EventFrame {
    double t_utc_s = 0;
    double window_s = 0;    // <= 0: cumulative
    double px_scale = 1;
    double desaturate = 0;  // 0..1
    sf::Vector2f target_px; // target size
};

class EventLayer {
public:
    // Above this many candidate events a frame draws the density grid without measuring its fill.
    static constexpr std::size_t kDenseThreshold = 8000;
    static constexpr double kLongS = 48 * 3600.0;
    // How many screens' worth of marker pixels a frame draws before it draws the density grid
    // instead. Software OpenGL fills a screen of markers in about a base frame's time, so 1.0 let
    // a frame take twice the 1k frame's; measured (bench_render, 1280x720, 5 runs): at 10k events
    // (0.8 of a screen) 1.3-1.5x in the window mode and 1.9-2.3x cumulative with 1.0; 1.2-1.4x and
    // 1.3-1.6x with 0.6. The bundled story fills at most 0.22 of a screen.
    static constexpr double kFillBudget = 0.6;
    // The grid is prepared when there are more short marks than this (fewer never fill the budget).
    static constexpr std::size_t kGridFrom = 200;

    // Sorts the marks; origin_m is subtracted from positions (float precision). `shader` may be
    // null: plain fallback drawing.
    EventLayer(std::vector<EventMark> marks, Vec2 origin_m, sf::Shader* shader);

    // map_states carries the map -> screen transform (relative to origin_m).
    void draw(sf::RenderTarget& target, const sf::RenderStates& map_states, const EventFrame& f);

    // Index range [lo, hi) of the short marks that can be visible at t (drawn range).
    std::pair<std::size_t, std::size_t> candidate_range(double t, double window_s) const;
    // The screen pixels the quads of the candidate short marks cover at t (what the GPU fills).
    double fill_px(double t, double window_s, double px_scale) const;
    // Whether the frame draws the density grid instead of the short marks: a pure function of the
    // marks, t, the window, the marker scale and the target size.
    bool dense_at(double t, double window_s, double px_scale, sf::Vector2f target_px) const;

    const std::vector<EventMark>& short_marks() const { return short_; }
    const std::vector<EventMark>& long_marks() const { return long_; }

private:
    void build_buffer(const std::vector<EventMark>& marks, sf::VertexBuffer& vb);
    void draw_plain(sf::RenderTarget& target, const sf::RenderStates& states,
                    const std::vector<EventMark>& marks, std::size_t lo, std::size_t hi,
                    const EventFrame& f);
    void update_density(std::size_t lo, std::size_t hi);
    void draw_density(sf::RenderTarget& target, const sf::RenderStates& states);

    std::vector<EventMark> short_, long_;
    std::vector<double> short_start_;
    double max_short_s_ = 0;
    Vec2 origin_m_;
    double t0_ = 0;  // time origin for the shader (start of the first mark)
    sf::Shader* shader_ = nullptr;
    sf::VertexBuffer short_vb_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer long_vb_{sf::Triangles, sf::VertexBuffer::Static};

    // Density grid.
    unsigned grid_w_ = 256, grid_h_ = 160;
    Vec2 grid_min_, grid_max_;
    std::vector<std::int32_t> grid_;
    std::vector<std::uint32_t> cell_of_;  // per short mark
    std::int32_t grid_norm_ = 1;          // max cell count over all marks
    std::size_t grid_lo_ = 0, grid_hi_ = 0;
    bool grid_dirty_ = true;
    sf::Texture grid_tex_;
    std::vector<sf::Uint8> grid_px_;
    std::vector<std::array<sf::Uint8, 4>> ramp_;  // RGBA per count

};

}  // namespace qantar::render
