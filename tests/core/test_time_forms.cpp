// Every common form of a time value (core/time.hpp parse_time, parse_epoch, classify_time), read in a
// fixed-offset zone. Known answers checked with GNU date, e.g. `date -u -d @1641340800`.
#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {
constexpr std::int64_t kJan5Utc = 1641340800;  // 2022-01-05T00:00:00Z
}  // namespace

TEST_CASE("parse_epoch: seconds and milliseconds told apart at 1e11", "[time][epoch]") {
    TimeFormat f = TimeFormat::Unknown;
    CHECK(parse_epoch("1641340800", &f) == kJan5Utc);
    CHECK(f == TimeFormat::EpochS);
    CHECK(parse_epoch("1641340800000", &f) == kJan5Utc);
    CHECK(f == TimeFormat::EpochMs);
    CHECK(parse_epoch("1641340800999", &f) == kJan5Utc);  // fractions of a second dropped
    CHECK(parse_epoch(" 1641340800.75 ", &f) == kJan5Utc);
    CHECK(f == TimeFormat::EpochS);
    CHECK(parse_epoch("1.6413408e12", &f) == kJan5Utc);  // a numeric field written by a spreadsheet
    CHECK(f == TimeFormat::EpochMs);
    // The threshold: 99,999,999,999 s is the year 5138; 100,000,000,000 ms is 1973-03-03T09:46:40Z.
    CHECK(parse_epoch("99999999999", &f) == 99999999999);
    CHECK(f == TimeFormat::EpochS);
    CHECK(parse_epoch("100000000000", &f) == 100000000);
    CHECK(f == TimeFormat::EpochMs);
    CHECK(parse_epoch("-86400") == -86400);  // 1969-12-31
    CHECK(parse_epoch("-1641340800001") == -1641340801);  // towards the past
    CHECK_FALSE(parse_epoch(""));
    CHECK_FALSE(parse_epoch("nan"));
    CHECK_FALSE(parse_epoch("inf"));
    CHECK_FALSE(parse_epoch("1e400"));
    CHECK_FALSE(parse_epoch("0x10"));
    CHECK_FALSE(parse_epoch("12 34"));
    CHECK_FALSE(parse_epoch("-"));
    CHECK_FALSE(parse_epoch("99999999999999999999"));  // beyond the year 9999 in ms
    CHECK_FALSE(parse_epoch("253402300800000"));       // 10000-01-01 in ms
    CHECK(parse_epoch("253402300799999") == 253402300799);
}

TEST_CASE("parse_time reads every common form and names it", "[time][forms]") {
    const FixedOffsetZone plus5(5 * 3600);
    struct Case {
        const char* text;
        std::int64_t utc_s;
        std::int32_t offset_s;
        TimeFormat format;
        bool day_only;
    };
    const Case cases[] = {
        {"2022-01-05T01:30+06:00", kJan5Utc - 6 * 3600 + 90 * 60, 6 * 3600, TimeFormat::Iso8601, false},
        {"2022-01-04T19:30:00Z", kJan5Utc - 4 * 3600 - 30 * 60, 0, TimeFormat::Iso8601, false},
        {"2022-01-04T19:30:00.123456789012Z", kJan5Utc - 4 * 3600 - 30 * 60, 0, TimeFormat::Iso8601, false},
        {"2022-01-05T01:30:00.5+05:30", kJan5Utc - 4 * 3600, 5 * 3600 + 1800, TimeFormat::Iso8601, false},
        {"2022-01-05 13:00:00", kJan5Utc + 8 * 3600, 5 * 3600, TimeFormat::Iso8601Local, false},
        {"2022-01-05T13:00", kJan5Utc + 8 * 3600, 5 * 3600, TimeFormat::Iso8601Local, false},
        {"2022-01-05", kJan5Utc - 5 * 3600, 5 * 3600, TimeFormat::Date, true},
        {"2022/01/05", kJan5Utc - 5 * 3600, 5 * 3600, TimeFormat::Date, true},
        {"05 January 2022", kJan5Utc - 5 * 3600, 5 * 3600, TimeFormat::AcledDate, true},
        {"5-Jan-2022", kJan5Utc - 5 * 3600, 5 * 3600, TimeFormat::AcledDate, true},
        {"1641340800", kJan5Utc, 5 * 3600, TimeFormat::EpochS, false},
        {"1641340800000", kJan5Utc, 5 * 3600, TimeFormat::EpochMs, false},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const auto t = parse_time(c.text, plus5);
        REQUIRE(t);
        CHECK(t->time.utc_s == c.utc_s);
        CHECK(t->time.offset_s == c.offset_s);
        CHECK(t->format == c.format);
        CHECK(t->day_only == c.day_only);
        CHECK(classify_time(c.text) == c.format);
    }
    CHECK_FALSE(parse_time("yesterday", plus5));
    CHECK_FALSE(parse_time("2022-13-05", plus5));
    CHECK(classify_time("soon") == TimeFormat::Unknown);
}

TEST_CASE("time format names and which forms may share a column", "[time][forms]") {
    CHECK(time_format_name(TimeFormat::EpochMs) == "epoch_ms");
    CHECK(time_format_name(TimeFormat::EpochS) == "epoch_s");
    CHECK(time_format_name(TimeFormat::Iso8601) == "iso8601");
    CHECK(time_format_name(TimeFormat::Iso8601Local) == "iso8601_local");
    CHECK(time_format_name(TimeFormat::Date) == "date");
    CHECK(time_format_name(TimeFormat::AcledDate) == "acled_date");
    CHECK(time_formats_compatible(TimeFormat::Iso8601, TimeFormat::Date));
    CHECK(time_formats_compatible(TimeFormat::AcledDate, TimeFormat::Iso8601Local));
    CHECK_FALSE(time_formats_compatible(TimeFormat::EpochS, TimeFormat::Iso8601));
    CHECK_FALSE(time_formats_compatible(TimeFormat::Date, TimeFormat::EpochMs));
    CHECK_FALSE(time_formats_compatible(TimeFormat::EpochS, TimeFormat::EpochMs));
    CHECK(time_formats_compatible(TimeFormat::EpochMs, TimeFormat::EpochMs));
}

TEST_CASE("FixedOffsetZone names itself and maps wall time one to one", "[time][zone]") {
    const FixedOffsetZone z(-(3 * 3600 + 1800));
    CHECK(z.name() == "UTC-03:30");
    CHECK(FixedOffsetZone(0).name() == "UTC");
    CHECK(z.utc_of_local(0) == 3 * 3600 + 1800);
    CHECK(z.offset_at(123) == -(3 * 3600 + 1800));
}
