// Time parsing and formatting with our own civil-date arithmetic (no timegm, no locale).
#include "time.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace qantar {

namespace {

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2022, 1, 5) == 18997);

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29u : kDays[m - 1];
}

bool valid_date(std::int64_t y, unsigned m, unsigned d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}


// A tiny cursor over the text.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    // Exactly n digits.
    bool digits(int n, int& out) {
        int v = 0;
        for (int k = 0; k < n; ++k) {
            if (done() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
            v = v * 10 + (s[i] - '0');
            ++i;
        }
        out = v;
        return true;
    }
    // 1 to n digits.
    bool digits_upto(int n, int& out) {
        int v = 0, k = 0;
        while (k < n && !done() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            v = v * 10 + (s[i] - '0');
            ++i;
            ++k;
        }
        out = v;
        return k > 0;
    }
    void skip_space() {
        while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
    }
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::optional<std::int32_t> parse_offset_at(Cursor& c) {
    if (c.eat('Z') || c.eat('z')) return 0;
    int sign = 0;
    if (c.eat('+')) sign = 1;
    else if (c.eat('-')) sign = -1;
    else return std::nullopt;
    int hh = 0, mm = 0;
    if (!c.digits(2, hh)) return std::nullopt;
    if (c.eat(':')) {
        if (!c.digits(2, mm)) return std::nullopt;
    } else if (!c.done()) {
        if (!c.digits(2, mm)) return std::nullopt;
    }
    if (hh > 14 || mm > 59) return std::nullopt;
    return static_cast<std::int32_t>(sign * (hh * 3600 + mm * 60));
}

constexpr std::array<std::string_view, 12> kMonths{"january", "february", "march",     "april",
                                                   "may",     "june",     "july",      "august",
                                                   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbr{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<unsigned> month_from_name(std::string_view name) {
    std::string lower;
    for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.size() < 3) return std::nullopt;
    for (unsigned k = 0; k < 12; ++k) {
        std::string_view full = kMonths[k];
        // The full name or its first three letters ("Jan", "Sept" is not accepted).
        if (lower == full || (lower.size() == 3 && full.substr(0, 3) == lower)) return k + 1;
    }
    return std::nullopt;
}


}  // namespace

std::optional<std::int32_t> parse_utc_offset(std::string_view text) {
    Cursor c{trim(text)};
    auto off = parse_offset_at(c);
    if (!off || !c.done()) return std::nullopt;
    return off;
}

namespace {

// The parts of an ISO 8601 value: its local wall time, the offset if written, whether it had a time.
struct IsoParts {
    std::int64_t local_s = 0;
    std::optional<std::int32_t> offset;
    bool has_time = false;
};

std::optional<IsoParts> parse_iso_parts(std::string_view text) {
    Cursor c{trim(text)};
    int y = 0, m = 0, d = 0;
    if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, m) || !c.eat('-') || !c.digits(2, d))
        return std::nullopt;
    if (!valid_date(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
    int hh = 0, mi = 0, ss = 0;
    IsoParts p;
    if (c.eat('T') || c.eat('t') || c.eat(' ')) {
        p.has_time = true;
        if (!c.digits(2, hh) || !c.eat(':') || !c.digits(2, mi)) return std::nullopt;
        if (c.eat(':')) {
            if (!c.digits(2, ss)) return std::nullopt;
            if (c.eat('.') || c.eat(',')) {  // fractional seconds: dropped
                int frac = 0;
                if (!c.digits_upto(9, frac)) return std::nullopt;
                while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) ++c.i;  // beyond ns
            }
        }
        // 24:00 is not accepted; leap second 60 is not either.
        if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
    }
    if (!c.done()) {
        c.skip_space();
        p.offset = parse_offset_at(c);
        if (!p.offset || !c.done()) return std::nullopt;
    }
    p.local_s = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kSecondsPerDay +
                hh * 3600 + mi * 60 + ss;
    return p;
}

// A day in the forms parse_acled_date reads: local midnight (seconds since 1970-01-01 local), and
// whether it was written year first (2022-01-05, 2022/01/05) or with a month name.
struct DayParts {
    std::int64_t local_s = 0;
    bool year_first = false;
};

std::optional<DayParts> parse_day_parts(std::string_view text) {
    const std::string_view t = trim(text);
    Cursor c{t};
    int a = 0;
    if (!c.digits_upto(4, a)) return std::nullopt;
    // ISO forms: 2022-01-05, 2022/01/05.
    if (c.i == 4 && (c.peek() == '-' || c.peek() == '/')) {
        const char sep = c.peek();
        c.eat(sep);
        int m = 0, d = 0;
        if (!c.digits_upto(2, m) || !c.eat(sep) || !c.digits_upto(2, d) || !c.done()) return std::nullopt;
        if (!valid_date(a, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
        return DayParts{days_from_civil(a, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kSecondsPerDay, true};
    }
    // Day first with a month name: 05 March 2019, 5 March 2019, 05-March-2019, 05-Mar-2019.
    if (c.i > 2) return std::nullopt;
    const char sep = c.peek();
    if (sep != ' ' && sep != '-') return std::nullopt;
    while (c.eat(sep)) {}
    const std::size_t name_start = c.i;
    while (!c.done() && std::isalpha(static_cast<unsigned char>(c.peek()))) ++c.i;
    const auto month = month_from_name(t.substr(name_start, c.i - name_start));
    if (!month) return std::nullopt;
    if (!c.eat(sep)) return std::nullopt;
    while (c.eat(sep)) {}
    int y = 0;
    if (!c.digits(4, y) || !c.done()) return std::nullopt;
    if (!valid_date(y, *month, static_cast<unsigned>(a))) return std::nullopt;
    return DayParts{days_from_civil(y, *month, static_cast<unsigned>(a)) * kSecondsPerDay, false};
}

constexpr std::int64_t kMinUtcS = -62135596800;  // 0001-01-01T00:00Z
constexpr std::int64_t kMaxUtcS = 253402300799;  // 9999-12-31T23:59:59Z
constexpr double kEpochMsThreshold = 1e11;

}  // namespace

std::optional<LocalTime> parse_iso8601(std::string_view text,
                                       std::optional<std::int32_t> default_offset_s) {
    const auto p = parse_iso_parts(text);
    if (!p) return std::nullopt;
    const auto offset = p->offset ? p->offset : default_offset_s;
    if (!offset) return std::nullopt;
    return LocalTime{p->local_s - *offset, *offset};
}

std::optional<LocalTime> parse_acled_date(std::string_view text, std::int32_t offset_s) {
    const auto p = parse_day_parts(text);
    if (!p) return std::nullopt;
    return LocalTime{p->local_s - offset_s, offset_s};
}

FixedOffsetZone::FixedOffsetZone(std::int32_t offset_s)
    : offset_s_(offset_s), name_(offset_s == 0 ? "UTC" : "UTC" + format_utc_offset(offset_s)) {}

std::string_view time_format_name(TimeFormat f) {
    switch (f) {
        case TimeFormat::Iso8601: return "iso8601";
        case TimeFormat::Iso8601Local: return "iso8601_local";
        case TimeFormat::Date: return "date";
        case TimeFormat::AcledDate: return "acled_date";
        case TimeFormat::EpochS: return "epoch_s";
        case TimeFormat::EpochMs: return "epoch_ms";
        case TimeFormat::Unknown: break;
    }
    return "unknown";
}

bool time_formats_compatible(TimeFormat a, TimeFormat b) {
    const auto epoch = [](TimeFormat f) { return f == TimeFormat::EpochS || f == TimeFormat::EpochMs; };
    if (epoch(a) || epoch(b)) return a == b;
    return true;
}

std::optional<std::int64_t> parse_epoch(std::string_view text, TimeFormat* format) {
    const std::string_view t = trim(text);
    if (t.empty() || t.size() > 32) return std::nullopt;
    const char* b = t.data();
    const char* e = t.data() + t.size();
    if (*b == '+') ++b;  // from_chars takes '-' only
    // Digits, '.', 'e', '-', '+' only: no "inf", "nan", hexadecimal or spaces.
    bool digit = false;
    for (const char* p = b; p != e; ++p) {
        const char ch = *p;
        if (std::isdigit(static_cast<unsigned char>(ch))) digit = true;
        else if (ch != '.' && ch != 'e' && ch != 'E' && ch != '-' && ch != '+') return std::nullopt;
    }
    if (!digit) return std::nullopt;
    double v = 0;
    std::int64_t iv = 0;
    bool integer = false;
    if (auto [p, ec] = std::from_chars(b, e, iv); ec == std::errc() && p == e) {
        integer = true;
        v = static_cast<double>(iv);
    } else if (auto [q, ec2] = std::from_chars(b, e, v); ec2 != std::errc() || q != e || !std::isfinite(v)) {
        return std::nullopt;
    }
    const bool ms = std::fabs(v) >= kEpochMsThreshold;
    std::int64_t s = 0;
    if (integer) {
        s = ms ? floor_div(iv, 1000) : iv;
    } else {
        const double sv = std::floor(ms ? v / 1000.0 : v);
        if (!(sv >= static_cast<double>(kMinUtcS) && sv <= static_cast<double>(kMaxUtcS))) return std::nullopt;
        s = static_cast<std::int64_t>(sv);
    }
    if (s < kMinUtcS || s > kMaxUtcS) return std::nullopt;
    if (format) *format = ms ? TimeFormat::EpochMs : TimeFormat::EpochS;
    return s;
}

std::optional<ParsedTime> parse_time(std::string_view text, const ZoneRules& zone) {
    if (const auto p = parse_iso_parts(text)) {
        ParsedTime r;
        if (p->offset) {
            r.time = {p->local_s - *p->offset, *p->offset};
            r.format = TimeFormat::Iso8601;
        } else {
            r.time = in_zone(zone.utc_of_local(p->local_s), zone);
            r.format = p->has_time ? TimeFormat::Iso8601Local : TimeFormat::Date;
            r.day_only = !p->has_time;
        }
        return r;
    }
    if (const auto d = parse_day_parts(text)) {
        ParsedTime r;
        r.time = in_zone(zone.utc_of_local(d->local_s), zone);
        r.format = d->year_first ? TimeFormat::Date : TimeFormat::AcledDate;
        r.day_only = true;
        return r;
    }
    TimeFormat f = TimeFormat::Unknown;
    if (const auto s = parse_epoch(text, &f)) return ParsedTime{in_zone(*s, zone), f, false};
    return std::nullopt;
}

TimeFormat classify_time(std::string_view text) {
    static const FixedOffsetZone utc(0);
    const auto p = parse_time(text, utc);
    return p ? p->format : TimeFormat::Unknown;
}

std::string_view month_abbr(unsigned month) {
    return month >= 1 && month <= 12 ? kMonthAbbr[month - 1] : std::string_view();
}

std::string format_utc_offset(std::int32_t offset_s) {
    const char sign = offset_s < 0 ? '-' : '+';
    const int a = offset_s < 0 ? -offset_s : offset_s;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, (a % 3600) / 60);
    return buf;
}

namespace {

struct Broken {
    CivilDate date;
    int hh, mi, ss;
};

Broken break_down(const LocalTime& t) {
    const std::int64_t local = t.utc_s + t.offset_s;
    const std::int64_t days = floor_div(local, kSecondsPerDay);
    const auto sod = static_cast<int>(local - days * kSecondsPerDay);
    return {civil_from_days(days), sod / 3600, (sod % 3600) / 60, sod % 60};
}

}  // namespace

std::int64_t local_day(const LocalTime& t) { return floor_div(t.utc_s + t.offset_s, kSecondsPerDay); }

std::string format_iso8601(const LocalTime& t) {
    const Broken b = break_down(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(b.date.y),
                  b.date.m, b.date.d, b.hh, b.mi, b.ss);
    return buf + format_utc_offset(t.offset_s);
}

std::string format_iso8601_minutes(const LocalTime& t) {
    const Broken b = break_down(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d", static_cast<long long>(b.date.y),
                  b.date.m, b.date.d, b.hh, b.mi);
    return buf + format_utc_offset(t.offset_s);
}

std::string format_human(const LocalTime& t) {
    const Broken b = break_down(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%u %s %lld %02d:%02d", b.date.d,
                  std::string(kMonthAbbr[b.date.m - 1]).c_str(), static_cast<long long>(b.date.y), b.hh,
                  b.mi);
    return buf;
}

std::string format_date_range(const LocalTime& first, const LocalTime& last) {
    const char* const kDash = "\xE2\x80\x93";  // en dash
    const std::int64_t d0 = local_day(first), d1 = std::max(d0, local_day(last));
    const CivilDate a = civil_from_days(d0), b = civil_from_days(d1);
    auto month = [](unsigned m) {
        std::string s(kMonths[m - 1]);
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
        return s;
    };
    const std::string ya = std::to_string(a.y), yb = std::to_string(b.y);
    if (d1 - d0 > 366 && a.y != b.y) return ya + kDash + yb;
    if (a.y != b.y)
        return std::to_string(a.d) + " " + month(a.m) + " " + ya + " " + kDash + " " + std::to_string(b.d) + " " +
               month(b.m) + " " + yb;
    if (a.m != b.m)
        return std::to_string(a.d) + " " + month(a.m) + " " + kDash + " " + std::to_string(b.d) + " " + month(b.m) +
               " " + yb;
    if (a.d != b.d) return std::to_string(a.d) + kDash + std::to_string(b.d) + " " + month(a.m) + " " + ya;
    return std::to_string(a.d) + " " + month(a.m) + " " + ya;
}

}  // namespace qantar
