// IANA zones with daylight saving through io/time_zone (the system tz database), read by core's
// parse_time. Known answers checked with GNU date and the same tzdata, e.g.
// `TZ=America/Chicago date -d @$(date -u -d 2023-11-05T06:30Z +%s) +%FT%T%z` -> 2023-11-05T01:30:00-0500.
#include "io/time_zone.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {

std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mi) {
    return days_from_civil(y, m, d) * kSecondsPerDay + hh * 3600 + mi * 60;
}

ParsedTime read(const char* text, const char* zone) {
    const auto z = tz::find_zone(zone);
    REQUIRE(z);
    const auto t = parse_time(text, *z);
    REQUIRE(t);
    return *t;
}

}  // namespace

TEST_CASE("find_zone knows IANA names and nothing else", "[tz]") {
    CHECK(tz::find_zone("America/Chicago"));
    CHECK(tz::find_zone("UTC"));
    CHECK(tz::find_zone("Asia/Almaty")->name() == "Asia/Almaty");
    CHECK_FALSE(tz::find_zone("Mars/Olympus"));
    CHECK_FALSE(tz::find_zone(""));
    CHECK_FALSE(tz::find_zone("+05:00"));
    CHECK_THROWS_AS(tz::require_zone("Mars/Olympus"), UsageError);
    CHECK_THROWS_WITH(tz::require_zone("Mars/Olympus"), Catch::Contains("--tz 'Mars/Olympus' is not an IANA time zone"));
}

TEST_CASE("America/Chicago: the spring gap moves forward, the autumn overlap takes the earlier", "[tz][dst]") {
    // 2023-03-12: 02:00 CST -> 03:00 CDT. 02:30 does not exist: read with CST (-06), it is 08:30Z = 03:30 CDT.
    const ParsedTime gap = read("2023-03-12 02:30", "America/Chicago");
    CHECK(gap.time.utc_s == utc(2023, 3, 12, 8, 30));
    CHECK(gap.time.offset_s == -5 * 3600);
    CHECK(format_iso8601(gap.time) == "2023-03-12T03:30:00-05:00");
    // Just before and after the gap.
    CHECK(read("2023-03-12 01:59", "America/Chicago").time.offset_s == -6 * 3600);
    CHECK(read("2023-03-12 03:00", "America/Chicago").time.utc_s == utc(2023, 3, 12, 8, 0));
    // 2023-11-05: 02:00 CDT -> 01:00 CST. 01:30 happens twice: the earlier, 01:30 CDT = 06:30Z.
    const ParsedTime twice = read("2023-11-05T01:30", "America/Chicago");
    CHECK(twice.time.utc_s == utc(2023, 11, 5, 6, 30));
    CHECK(twice.time.offset_s == -5 * 3600);
    // The later 01:30 is reachable with its offset written.
    CHECK(read("2023-11-05T01:30-06:00", "America/Chicago").time.utc_s == utc(2023, 11, 5, 7, 30));
    // An epoch instant in the overlap is shown with the offset in force: 07:30Z is 01:30 CST.
    const auto z = tz::find_zone("America/Chicago");
    CHECK(z->offset_at(utc(2023, 11, 5, 7, 30)) == -6 * 3600);
    CHECK(z->offset_at(utc(2023, 11, 5, 6, 59)) == -5 * 3600);
}

TEST_CASE("a US city in May has its summer offset", "[tz][dst]") {
    const ParsedTime t = read("2023-05-10 12:00:00", "America/Chicago");
    CHECK(format_iso8601(t.time) == "2023-05-10T12:00:00-05:00");
    const ParsedTime w = read("2023-01-10 12:00:00", "America/Chicago");
    CHECK(format_iso8601(w.time) == "2023-01-10T12:00:00-06:00");
    // Epoch milliseconds of 17:00Z on 10 May 2023 (`date -u -d 2023-05-10T17:00Z +%s`), shown in Chicago.
    const ParsedTime e = read("1683738000000", "America/Chicago");
    CHECK(e.format == TimeFormat::EpochMs);
    CHECK(format_iso8601(e.time) == "2023-05-10T12:00:00-05:00");
}

TEST_CASE("half-hour and 45-minute zones", "[tz]") {
    // 2022-01-05T00:00Z in each zone.
    CHECK(format_iso8601(read("1641340800", "Asia/Tehran").time) == "2022-01-05T03:30:00+03:30");
    CHECK(format_iso8601(read("1641340800", "Asia/Kolkata").time) == "2022-01-05T05:30:00+05:30");
    CHECK(format_iso8601(read("1641340800", "Asia/Kathmandu").time) == "2022-01-05T05:45:00+05:45");
    // Iran kept daylight saving until September 2022: +04:30 in May 2022.
    CHECK(read("2022-05-10 12:00", "Asia/Tehran").time.offset_s == 4 * 3600 + 1800);
    // A date in Kathmandu starts at its own midnight: 18:15Z the day before.
    const ParsedTime d = read("2022-01-05", "Asia/Kathmandu");
    CHECK(d.day_only);
    CHECK(d.time.utc_s == utc(2022, 1, 4, 18, 15));
}

TEST_CASE("America/Santiago: a day whose midnight does not exist", "[tz][dst]") {
    // 2023-09-03: clocks go from 24:00 (-04) to 01:00 (-03). The day starts at 01:00 -03 = 04:00Z.
    const ParsedTime d = read("2023-09-03", "America/Santiago");
    CHECK(d.time.utc_s == utc(2023, 9, 3, 4, 0));
    CHECK(format_iso8601(d.time) == "2023-09-03T01:00:00-03:00");
    // Southern winter and summer.
    CHECK(read("2023-07-01 12:00", "America/Santiago").time.offset_s == -4 * 3600);
    CHECK(read("2023-12-01 12:00", "America/Santiago").time.offset_s == -3 * 3600);
}

TEST_CASE("the bundled regions' zones keep their January 2022 offsets", "[tz]") {
    const std::int64_t t = 1641340800;
    for (const char* z : {"Asia/Almaty", "Asia/Qostanay"}) CHECK(tz::find_zone(z)->offset_at(t) == 6 * 3600);
    for (const char* z : {"Asia/Aqtau", "Asia/Oral", "Asia/Aqtobe", "Asia/Atyrau", "Asia/Qyzylorda"})
        CHECK(tz::find_zone(z)->offset_at(t) == 5 * 3600);
}
