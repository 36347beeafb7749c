// Enforcing the limits (limits.hpp).
#include "limits.hpp"

#include "error.hpp"
#include "text.hpp"
#include "time.hpp"

#include <cmath>

namespace qantar {

void check_frame_count(double frames, std::int64_t max_frames) {
    if (frames <= static_cast<double>(max_frames)) return;  // false for NaN
    const std::string count = std::isfinite(frames) && frames < 1e15
                                  ? with_thousands(static_cast<std::int64_t>(frames))
                                  : format_number(frames);
    throw UsageError("the video would have " + count + " frames, more than the limit of " +
                     with_thousands(max_frames) +
                     "; shorten it (--from/--to, --seconds-per-day, --fps) or raise the limit with --max-frames N");
}

void check_time_span(const std::string& file, std::int64_t first_utc_s, const std::string& first_where,
                     std::int64_t last_utc_s, const std::string& last_where, double max_years) {
    const double years = static_cast<double>(last_utc_s - first_utc_s) / (365.2425 * kSecondsPerDay);
    if (years <= max_years) return;
    const LocalTime first{first_utc_s, 0}, last{last_utc_s, 0};
    throw InputError(file, "", "",
                     "the events span " + format_number(std::round(years)) + " years (" +
                         format_iso8601(first).substr(0, 10) + (first_where.empty() ? "" : " at " + first_where) +
                         " to " + format_iso8601(last).substr(0, 10) +
                         (last_where.empty() ? "" : " at " + last_where) + "), more than the limit of " +
                         format_number(max_years) + "; filter them or raise it with --max-span-years N");
}

}  // namespace qantar
