// The limits qantar enforces on its input and output, in one place, so that no input can make it
// run for days or take all memory. Each error that hits one names the limit and the option that
// changes it.
#pragma once

#include <cstdint>

namespace qantar {

// Command-line values (checked when parsed).
inline constexpr double kMaxSecondsPerDay = 86400;     // one day of data per day of playback
inline constexpr double kMaxWindowHours = 24.0 * 366 * 100;  // a century
inline constexpr double kMaxBeatSeconds = 3600;        // an hour per presenter beat

// Output size: frames of one video (--max-frames), pixels per side of a still or video.
inline constexpr std::int64_t kDefaultMaxFrames = 1'000'000;  // 9 h 15 min at 30 fps
inline constexpr int kMaxImageSidePx = 16384;

// The time span of the data (--max-span-years): per-day tables grow with it.
inline constexpr double kDefaultMaxSpanYears = 500;

}  // namespace qantar
