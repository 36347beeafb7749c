#include "labels.hpp"

#include <algorithm>
#include <numeric>

namespace qantar::render {

bool overlaps(const Box& a, const Box& b, double gap) {
    return a.left < b.right() + gap && b.left < a.right() + gap && a.top < b.bottom() + gap &&
           b.top < a.bottom() + gap;
}

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& requests,
                                         const std::vector<Box>& obstacles, const Box& bounds,
                                         double gap) {
    std::vector<std::size_t> order(requests.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return requests[a].priority > requests[b].priority;
    });
    std::vector<LabelPlacement> out(requests.size());
    std::vector<Box> placed;
    for (std::size_t i : order) {
        const LabelRequest& r = requests[i];
        const double ax = r.anchor_x_px, ay = r.anchor_y_px, w = r.width_px, h = r.height_px,
                     o = r.offset_px;
        const Box candidates[] = {
            {ax + o, ay - h / 2, w, h},           // right
            {ax - o - w, ay - h / 2, w, h},       // left
            {ax - w / 2, ay - o - h, w, h},       // above
            {ax - w / 2, ay + o, w, h},           // below
            {ax + o * 0.7, ay - o * 0.7 - h, w, h},  // upper right
            {ax + o * 0.7, ay + o * 0.7, w, h},      // lower right
        };
        for (const Box& c : candidates) {
            if (bounds.width > 0 && (c.left < bounds.left || c.top < bounds.top ||
                                     c.right() > bounds.right() || c.bottom() > bounds.bottom()))
                continue;
            bool clash = std::any_of(placed.begin(), placed.end(),
                                     [&](const Box& p) { return overlaps(c, p, gap); }) ||
                         std::any_of(obstacles.begin(), obstacles.end(),
                                     [&](const Box& p) { return overlaps(c, p, 0); });
            if (clash) continue;
            out[i] = {true, c};
            placed.push_back(c);
            break;
        }
    }
    return out;
}

}  // namespace qantar::render
