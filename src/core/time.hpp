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

// Parses the date forms found in ACLED files: "2019-03-05", "05 March 2019", "5 March 2019",
// "05-March-2019", "2019/03/05", "05/01/2022" is NOT accepted (ambiguous). Returns local midnight.
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
// "Jan" .. "Dec" for 1..12 (English; "" outside).
std::string_view month_abbr(unsigned month);

// The same instant seen with another offset.
inline LocalTime with_offset(const LocalTime& t, std::int32_t offset_s) { return {t.utc_s, offset_s}; }

// ---- Time zones as core sees them -------------------------------------------------------------
// The rules of one zone: io/time_zone implements them from the IANA tzdb (with daylight saving);
// FixedOffsetZone below is a plain offset (a region's utc_offset column, tests). Core never looks
// a zone up by name; it is handed these.
class ZoneRules {
public:
    virtual ~ZoneRules() = default;
    // "Europe/Paris", or "UTC+05:00" for a fixed offset.
    virtual const std::string& name() const = 0;
    // The offset east of UTC in force at a UTC instant.
    virtual std::int32_t offset_at(std::int64_t utc_s) const = 0;
    // The UTC instant of a local wall-clock time (seconds since 1970-01-01T00:00 local).
    // The rule for wall times that do not map to exactly one instant ("compatible", as in RFC 5545,
    // java.time and ECMAScript Temporal):
    // - gap (clocks spring forward, the time does not exist): read it with the offset in force
    //   before the gap, so it lands as far after the gap as it was into it
    //   (America/Chicago 2023-03-12 02:30 -> 03:30 CDT = 08:30Z);
    // - overlap (clocks fall back, the time happens twice): the earlier instant, i.e. the offset
    //   in force before the transition (America/Chicago 2023-11-05 01:30 -> 01:30 CDT = 06:30Z).
    virtual std::int64_t utc_of_local(std::int64_t local_s) const = 0;
};

class FixedOffsetZone final : public ZoneRules {
public:
    explicit FixedOffsetZone(std::int32_t offset_s);
    const std::string& name() const override { return name_; }
    std::int32_t offset_at(std::int64_t) const override { return offset_s_; }
    std::int64_t utc_of_local(std::int64_t local_s) const override { return local_s - offset_s_; }

private:
    std::int32_t offset_s_;
    std::string name_;
};

// ---- Time values in every common form ----------------------------------------------------------
// What a time field holds; `info` reports time_format_name().
enum class TimeFormat : std::uint8_t {
    Unknown,
    Iso8601,       // "2022-01-05T01:30+06:00", "2022-01-04T19:30:00.250Z": an instant with its offset
    Iso8601Local,  // "2022-01-05 13:00:00", "2022-01-05T13:00": a wall time, no offset
    Date,          // "2022-01-05", "2022/01/05": a local day
    AcledDate,     // "05 March 2019", "5-Mar-2019": a local day, ACLED's form
    EpochS,        // 1641340800 (seconds since 1970-01-01T00:00Z)
    EpochMs,       // 1641340800000 (milliseconds)
};
// "iso8601", "iso8601_local", "date", "acled_date", "epoch_s", "epoch_ms" ("unknown").
std::string_view time_format_name(TimeFormat f);
// Formats that may share one column: the text forms may (a day-precision row among timed rows is
// normal); epoch seconds, epoch milliseconds and text may not.
bool time_formats_compatible(TimeFormat a, TimeFormat b);

// Epoch numbers: an integer or a decimal ("1641340800", "1641340800000", "1.6413408e12").
// The unit is told apart by magnitude: |v| >= 1e11 is milliseconds, else seconds. 1e11 s is the
// year 5138 and 1e11 ms is 1973-03-03, so seconds for any date before 5138 and milliseconds for any
// date after March 1973 are read right. Fractions of a second are dropped (towards the past).
// Instants outside the years 1..9999 are refused. `format` is set to EpochS or EpochMs.
std::optional<std::int64_t> parse_epoch(std::string_view text, TimeFormat* format = nullptr);

struct ParsedTime {
    LocalTime time;            // the instant, with the offset it was written with, else the zone's
    TimeFormat format = TimeFormat::Unknown;
    bool day_only = false;     // a date without a time of day: local midnight
};
// Any of the forms of TimeFormat. A time written with an offset keeps it; a wall time or a date
// is local to `zone` (gap/overlap: ZoneRules::utc_of_local); an epoch instant is shown in the
// offset `zone` has at that instant. nullopt when no form matches.
std::optional<ParsedTime> parse_time(std::string_view text, const ZoneRules& zone);
// The form of a value without reading it into a zone (Unknown when no form matches).
TimeFormat classify_time(std::string_view text);

// The local time of a UTC instant in a zone.
inline LocalTime in_zone(std::int64_t utc_s, const ZoneRules& zone) { return {utc_s, zone.offset_at(utc_s)}; }

// Proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms): the one home for it.
struct CivilDate {
    std::int64_t y;
    unsigned m, d;  // 1..12, 1..31
};
// Days since 1970-01-01 of a date.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
// The date of a day counted from 1970-01-01.
constexpr CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}
// 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday).
constexpr int weekday_from_days(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 4) % 7); }
// a / b rounded towards negative infinity (b > 0).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b) < 0 ? 1 : 0); }
// The local calendar day (days since 1970-01-01) of a time, in its own offset.
std::int64_t local_day(const LocalTime& t);

// The days from `first` to `last`, each in its own offset, for a subtitle: "18 October 2019",
// "18–31 October 2019", "28 October – 3 November 2019", "28 December 2019 – 3 January 2020",
// and for spans of more than a year "2019–2021" (en dashes, UTF-8).
std::string format_date_range(const LocalTime& first, const LocalTime& last);

constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;

}  // namespace qantar
