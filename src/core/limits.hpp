// The limits qantar enforces on its input and output, in one place, so that no input can make it
// run for days or take all memory. Each error that hits one names the limit and the option that
// changes it.
#pragma once

#include <cstdint>
#include <string>

namespace qantar {

// Command-line values (checked when parsed).
inline constexpr double kMaxSecondsPerDay = 86400;     // one day of data per day of playback
inline constexpr double kDefaultAnimationSeconds = 60; // without a speed, the whole span plays in about this
inline constexpr double kMaxWindowHours = 24.0 * 366 * 100;  // a century
inline constexpr double kMaxBeatSeconds = 3600;        // an hour per presenter beat

// Output size: frames of one video (--max-frames), pixels per side of a still or video.
inline constexpr std::int64_t kDefaultMaxFrames = 1'000'000;  // 9 h 15 min at 30 fps
inline constexpr int kMinImageSidePx = 16;
inline constexpr int kMaxImageSidePx = 16384;  // OpenGL textures on common GPUs go no larger

// The time span of the data (--max-span-years): per-day tables grow with it.
inline constexpr double kDefaultMaxSpanYears = 500;

}  // namespace qantar

namespace qantar {

// Throws UsageError when a video of `frames` frames (a double, so that 1e300 is caught before any
// integer conversion; NaN counts as too many) would pass `max_frames`. The message says how many,
// the limit, and the options that change either.
void check_frame_count(double frames, std::int64_t max_frames);

// Throws InputError naming `file` when the data spans more than max_years from first_utc_s to
// last_utc_s; `first_where`/`last_where` say which rows ("line 12") hold the two ends.
void check_time_span(const std::string& file, std::int64_t first_utc_s, const std::string& first_where,
                     std::int64_t last_utc_s, const std::string& last_where, double max_years);

}  // namespace qantar
