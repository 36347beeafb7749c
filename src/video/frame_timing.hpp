// Which moment each exported frame shows. Pure functions; the window uses the same ones, so an
// exported frame equals the window's view at the same moment.
#pragma once

#include "core/camera_path.hpp"

#include <cstdint>

namespace qantar::video {

// Plain animation from..to: seconds of animation = (to - from) in days × seconds_per_day;
// frame count = round(fps × seconds), at least 1; frame i shows from + i / fps / seconds_per_day days.
struct FrameTiming {
    double from_utc_s = 0, to_utc_s = 0;
    double fps = 30;
    double seconds_per_day = 3;

    double animation_seconds() const { return (to_utc_s - from_utc_s) / 86400.0 * seconds_per_day; }
    std::int64_t frame_count() const;
    double time_of_frame(std::int64_t i) const {
        return from_utc_s + static_cast<double>(i) / fps / seconds_per_day * 86400.0;
    }
};

// A story: frame i is the schedule at playback second i / fps; count = round(fps × duration).
struct StoryFrameTiming {
    const StorySchedule* schedule = nullptr;
    double fps = 30;

    std::int64_t frame_count() const;
    CameraFrame frame(std::int64_t i) const { return schedule->at(static_cast<double>(i) / fps); }
};

}  // namespace qantar::video
