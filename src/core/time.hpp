// Time values for qantar's core. Pure C++, no library dependencies.
//
// Every instant is stored as seconds since the Unix epoch in UTC (`utc_s`) together with the
// local UTC offset it was written with (`offset_s`), so that it can be shown and exported in the
// local time of the place where it happened. Comparisons use utc_s only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qantar {

struct LocalTime {
    std::int64_t utc_s = 0;   // seconds since 1970-01-01T00:00:00Z
    std::int32_t offset_s = 0;  // local offset east of UTC, e.g. +6 h = 21600

    friend bool operator==(const LocalTime& a, const LocalTime& b) = default;
    // Order by the instant only; ties keep their offsets.
    friend bool operator<(const LocalTime& a, const LocalTime& b) { return a.utc_s < b.utc_s; }
};

// Parses ISO 8601 with an explicit offset or 'Z': "2022-01-05T01:30+06:00",
// "2022-01-05T01:30:00+0600", "2022-01-05 01:30:00+06", "2022-01-04T14:30:00Z".
// A value without an offset uses `default_offset_s` if given, else fails.
// A date alone ("2022-01-05") means local midnight with `default_offset_s`.
std::optional<LocalTime> parse_iso8601(std::string_view text,
                                       std::optional<std::int32_t> default_offset_s = std::nullopt);

// Parses the date forms found in ACLED files: "2022-01-05", "05 January 2022", "5 January 2022",
// "05-January-2022", "2022/01/05", "05/01/2022" is NOT accepted (ambiguous). Returns local midnight.
std::optional<LocalTime> parse_acled_date(std::string_view text, std::int32_t offset_s);

// Parses an offset "+06:00", "+0600", "+06", "-03:30", "Z". Returns seconds east of UTC.
std::optional<std::int32_t> parse_utc_offset(std::string_view text);

// "2022-01-05T01:30:00+06:00" (seconds always written, offset always written, 'Z' never used).
std::string format_iso8601(const LocalTime& t);
// "2022-01-05T01:30+06:00" in the given offset (minutes precision), for labels and CLI output.
std::string format_iso8601_minutes(const LocalTime& t);
// "5 Jan 2022 01:30" in the time's own offset, for on-screen text.
std::string format_human(const LocalTime& t);
// "+06:00"
std::string format_utc_offset(std::int32_t offset_s);

// The same instant seen with another offset.
inline LocalTime with_offset(const LocalTime& t, std::int32_t offset_s) { return {t.utc_s, offset_s}; }

constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;

}  // namespace qantar
