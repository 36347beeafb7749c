// Label placement: greedy, by priority, so that no two labels overlap. Pure: rectangles in,
// rectangles out; the renderer measures text and draws what this decides.
#pragma once

#include <vector>

namespace qantar::render {

struct Box {
    double left = 0, top = 0, width = 0, height = 0;
    double right() const { return left + width; }
    double bottom() const { return top + height; }
};

bool overlaps(const Box& a, const Box& b, double gap_px = 0);

struct LabelRequest {
    double anchor_x_px = 0, anchor_y_px = 0;  // the point labelled (a city marker's centre)
    double width_px = 0, height_px = 0;       // the text's size
    double offset_px = 6;                     // distance from the anchor (the marker's radius + gap)
    double priority = 0;                      // higher is placed first
};

struct LabelPlacement {
    bool placed = false;
    Box box;  // where the text goes, when placed
};

// Tries, for each request in priority order (ties: input order), the positions right, left,
// above, below, upper right, lower right of its anchor; keeps the first that overlaps neither a
// placed label nor an obstacle (markers, HUD panels) and lies within `bounds` (if its width > 0).
// Result: one entry per request, in input order.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests,
                                         const std::vector<Box>& obstacles = {},
                                         const Box& bounds = {}, double gap_px = 2);

}  // namespace qantar::render
