// Frame timing (frame_timing.hpp).
#include "frame_timing.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::video {

std::int64_t FrameTiming::frame_count() const {
    return std::max<std::int64_t>(1, std::llround(fps * animation_seconds()));
}

std::int64_t StoryFrameTiming::frame_count() const {
    return std::max<std::int64_t>(1, std::llround(fps * schedule->duration_s()));
}

}  // namespace qantar::video
