// Parsing and formatting of times: ISO 8601 with offsets and ACLED's date forms.
#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {
// 2022-01-05T00:00:00Z; checked with `date -u -d 2022-01-05 +%s`.
constexpr std::int64_t kJan5Utc = 1641340800;
}  // namespace

TEST_CASE("parse_iso8601 reads the offset forms", "[time]") {
    auto a = parse_iso8601("2022-01-05T01:30+06:00");
    REQUIRE(a);
    CHECK(a->utc_s == kJan5Utc - 6 * 3600 + 90 * 60);
    CHECK(a->offset_s == 6 * 3600);
    auto b = parse_iso8601("2022-01-05T01:30:00+0600");
    REQUIRE(b);
    CHECK(*b == *a);
    auto c = parse_iso8601("2022-01-05 01:30:00+06");
    REQUIRE(c);
    CHECK(*c == *a);
    auto z = parse_iso8601("2022-01-04T19:30:00Z");
    REQUIRE(z);
    CHECK(z->utc_s == a->utc_s);
    CHECK(z->offset_s == 0);
    auto neg = parse_iso8601("2022-01-04T16:00-03:30");
    REQUIRE(neg);
    CHECK(neg->utc_s == kJan5Utc - 4 * 3600 - 30 * 60);  // 19:30Z on 4 January
}

TEST_CASE("parse_iso8601 without an offset needs a default", "[time]") {
    CHECK_FALSE(parse_iso8601("2022-01-05T01:30"));
    auto t = parse_iso8601("2022-01-05T01:30", 5 * 3600);
    REQUIRE(t);
    CHECK(t->utc_s == kJan5Utc - 5 * 3600 + 90 * 60);
    auto day = parse_iso8601("2022-01-05", 6 * 3600);
    REQUIRE(day);
    CHECK(day->utc_s == kJan5Utc - 6 * 3600);
    CHECK_FALSE(parse_iso8601("2022-01-05"));
}

TEST_CASE("parse_iso8601 rejects malformed and impossible times", "[time]") {
    for (const char* bad : {"", "2022", "2022-1-5T01:30+06:00", "2022-02-30T00:00Z", "2022-13-01T00:00Z",
                            "2022-01-05T24:00Z", "2022-01-05T01:60Z", "2022-01-05T01:30+06:00 junk",
                            "2022-01-05T01:30+15:00", "yesterday", "05/01/2022"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601(bad, 0));
    }
    CHECK(parse_iso8601("2024-02-29T00:00Z"));
    CHECK_FALSE(parse_iso8601("2023-02-29T00:00Z"));
}

TEST_CASE("parse_acled_date reads both ACLED forms at local midnight", "[time]") {
    const std::int32_t off = 6 * 3600;
    const std::int64_t midnight = kJan5Utc - off;
    for (const char* s : {"2022-01-05", "05 January 2022", "5 January 2022", "05-January-2022", "5 Jan 2022",
                          "2022/01/05", " 05 JANUARY 2022 "}) {
        INFO(s);
        auto t = parse_acled_date(s, off);
        REQUIRE(t);
        CHECK(t->utc_s == midnight);
        CHECK(t->offset_s == off);
    }
    for (const char* s : {"05/01/2022", "January 5 2022", "32 January 2022", "05 Janvier 2022", "2022-01", ""}) {
        INFO(s);
        CHECK_FALSE(parse_acled_date(s, off));
    }
}

TEST_CASE("parse_utc_offset", "[time]") {
    CHECK(parse_utc_offset("+06:00") == 21600);
    CHECK(parse_utc_offset("+0500") == 18000);
    CHECK(parse_utc_offset("+06") == 21600);
    CHECK(parse_utc_offset("-03:30") == -12600);
    CHECK(parse_utc_offset("Z") == 0);
    CHECK_FALSE(parse_utc_offset("06:00"));
    CHECK_FALSE(parse_utc_offset("+6"));
}

TEST_CASE("formatting keeps the local offset", "[time]") {
    const LocalTime t{kJan5Utc - 6 * 3600 + 90 * 60, 6 * 3600};
    CHECK(format_iso8601(t) == "2022-01-05T01:30:00+06:00");
    CHECK(format_iso8601_minutes(t) == "2022-01-05T01:30+06:00");
    CHECK(format_human(t) == "5 Jan 2022 01:30");
    // The same instant in the west (UTC+5) is still 4 January.
    CHECK(format_iso8601(with_offset(t, 5 * 3600)) == "2022-01-05T00:30:00+05:00");
    CHECK(format_iso8601(with_offset(t, 0)) == "2022-01-04T19:30:00+00:00");
    CHECK(format_utc_offset(-12600) == "-03:30");
    CHECK(format_iso8601(LocalTime{-1, 0}) == "1969-12-31T23:59:59+00:00");
}

TEST_CASE("format and parse round-trip", "[time]") {
    for (std::int64_t s : {std::int64_t{0}, kJan5Utc, kJan5Utc + 12345, std::int64_t{951782400} /* 2000-02-29 */}) {
        for (std::int32_t off : {0, 5 * 3600, 6 * 3600, -12600}) {
            const LocalTime t{s, off};
            auto back = parse_iso8601(format_iso8601(t));
            REQUIRE(back);
            CHECK(*back == t);
        }
    }
}
