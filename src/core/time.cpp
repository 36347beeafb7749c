// Time parsing and formatting with our own civil-date arithmetic (no timegm, no locale).
#include "time.hpp"

#include <algorithm>
#include <array>
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

LocalTime make_local(std::int64_t y, unsigned m, unsigned d, int hh, int mi, int ss,
                     std::int32_t offset_s) {
    const std::int64_t local = days_from_civil(y, m, d) * kSecondsPerDay + hh * 3600 + mi * 60 + ss;
    return {local - offset_s, offset_s};
}

}  // namespace

std::optional<std::int32_t> parse_utc_offset(std::string_view text) {
    Cursor c{trim(text)};
    auto off = parse_offset_at(c);
    if (!off || !c.done()) return std::nullopt;
    return off;
}

std::optional<LocalTime> parse_iso8601(std::string_view text,
                                       std::optional<std::int32_t> default_offset_s) {
    Cursor c{trim(text)};
    int y = 0, m = 0, d = 0;
    if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, m) || !c.eat('-') || !c.digits(2, d))
        return std::nullopt;
    if (!valid_date(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
    int hh = 0, mi = 0, ss = 0;
    bool has_time = false;
    if (c.eat('T') || c.eat('t') || c.eat(' ')) {
        has_time = true;
        if (!c.digits(2, hh) || !c.eat(':') || !c.digits(2, mi)) return std::nullopt;
        if (c.eat(':')) {
            if (!c.digits(2, ss)) return std::nullopt;
            if (c.eat('.') || c.eat(',')) {  // fractional seconds: dropped
                int frac = 0;
                if (!c.digits_upto(9, frac)) return std::nullopt;
            }
        }
        // 24:00 is not accepted; leap second 60 is not either.
        if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
    }
    std::optional<std::int32_t> offset;
    if (!c.done()) {
        c.skip_space();
        offset = parse_offset_at(c);
        if (!offset || !c.done()) return std::nullopt;
    } else {
        offset = default_offset_s;
        if (!offset) return std::nullopt;
    }
    (void)has_time;
    return make_local(y, static_cast<unsigned>(m), static_cast<unsigned>(d), hh, mi, ss, *offset);
}

std::optional<LocalTime> parse_acled_date(std::string_view text, std::int32_t offset_s) {
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
        return make_local(a, static_cast<unsigned>(m), static_cast<unsigned>(d), 0, 0, 0, offset_s);
    }
    // Day first with a month name: 05 January 2022, 5 January 2022, 05-January-2022, 05-Jan-2022.
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
    return make_local(y, *month, static_cast<unsigned>(a), 0, 0, 0, offset_s);
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
