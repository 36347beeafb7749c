// Antialiasing by geometry instead of multisampling: lines and discs built as triangles whose
// outer vertices carry alpha 0, so that blending smooths their edges (a 1-pixel feather on each
// side of a solid core). On software OpenGL this costs a few extra triangles where 4x MSAA costs
// most of the frame, and every target (window, still, video) draws the same pixels.
#pragma once

#include <SFML/Graphics/Vertex.hpp>

#include <vector>

namespace qantar::render {

// A polyline of the given width (the points' unit) as a feathered strip of triangles. feather is
// one pixel in the points' unit. The strip's coverage across it integrates to the width (a core of
// width - feather and a linear ramp of one feather on each side; thinner lines become a tent with
// a lower peak), so a line looks as heavy as the same line under MSAA. closed: a ring (the last
// point joins the first; a repeated first point is ignored). Open lines get feathered end caps
// when caps is true.
void append_aa_polyline(std::vector<sf::Vertex>& out, const std::vector<sf::Vector2f>& pts, float width,
                        float feather, sf::Color col, bool closed = false, bool caps = true);

// A filled disc (inner < 0) or a ring between inner and r, with feathered edges; segments: the
// number of sides.
void append_aa_disc(std::vector<sf::Vertex>& out, sf::Vector2f c, float r, sf::Color col, float feather = 1,
                    float inner = -1, int segments = 24);

// A convex polygon (points in order) filled, with a feathered outline.
void append_aa_convex(std::vector<sf::Vertex>& out, const std::vector<sf::Vector2f>& pts, sf::Color col,
                      float feather = 1);

// Polylines that draw each segment of the rings once: a border shared by two regions is in both
// rings, and drawing a feathered line twice darkens its edges. Rings without shared segments
// stay closed.
struct Polyline {
    std::vector<sf::Vector2f> pts;
    bool closed = false;
};
std::vector<Polyline> unique_segments(const std::vector<std::vector<sf::Vector2f>>& rings);

// The polyline with the points that lie within `tolerance` of the simplified line left out
// (Douglas-Peucker: no point of the original is farther than `tolerance` from the result). The
// ends of an open line are kept (where shared borders meet); a closed ring keeps its first point
// and the point farthest from it, and stays as it is when fewer than three points would remain.
Polyline simplified(const Polyline& line, float tolerance);

}  // namespace qantar::render
