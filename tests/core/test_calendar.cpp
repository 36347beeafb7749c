// Proleptic Gregorian arithmetic of core/time.hpp: known answers, round trips, negative years,
// leap days, weekdays and floor division.
#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

TEST_CASE("days_from_civil known answers", "[time][calendar]") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2022, 1, 5) == 18997);  // 1641340800 / 86400
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(0, 3, 1) == -719468);   // the algorithm's epoch
    CHECK(days_from_civil(-1, 12, 31) == -719529);
}

TEST_CASE("civil_from_days inverts days_from_civil", "[time][calendar]") {
    for (std::int64_t z = -800000; z <= 800000; z += 97) {
        const CivilDate c = civil_from_days(z);
        REQUIRE(c.m >= 1);
        REQUIRE(c.m <= 12);
        REQUIRE(c.d >= 1);
        REQUIRE(c.d <= 31);
        REQUIRE(days_from_civil(c.y, c.m, c.d) == z);
    }
    const CivilDate d = civil_from_days(18997);
    CHECK(d.y == 2022);
    CHECK(d.m == 1u);
    CHECK(d.d == 5u);
}

TEST_CASE("negative years and leap days", "[time][calendar]") {
    // Year 0 and -4 are leap years (proleptic), -1 and -100 are not, -400 is.
    CHECK(days_from_civil(0, 3, 1) - days_from_civil(0, 2, 28) == 2);
    CHECK(days_from_civil(-4, 3, 1) - days_from_civil(-4, 2, 28) == 2);
    CHECK(days_from_civil(-1, 3, 1) - days_from_civil(-1, 2, 28) == 1);
    CHECK(days_from_civil(-100, 3, 1) - days_from_civil(-100, 2, 28) == 1);
    CHECK(days_from_civil(-400, 3, 1) - days_from_civil(-400, 2, 28) == 2);
    CHECK(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1);
    CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);
    const CivilDate leap = civil_from_days(days_from_civil(2024, 2, 29));
    CHECK(leap.y == 2024);
    CHECK(leap.m == 2u);
    CHECK(leap.d == 29u);
    const CivilDate bc = civil_from_days(days_from_civil(-44, 3, 15));
    CHECK(bc.y == -44);
    CHECK(bc.m == 3u);
    CHECK(bc.d == 15u);
}

TEST_CASE("weekday_from_days and floor_div", "[time][calendar]") {
    CHECK(weekday_from_days(0) == 4);                              // 1970-01-01, a Thursday
    CHECK(weekday_from_days(days_from_civil(2022, 1, 5)) == 3);    // a Wednesday
    CHECK(weekday_from_days(-1) == 3);
    CHECK(weekday_from_days(-7) == 4);
    CHECK(floor_div(7, 2) == 3);
    CHECK(floor_div(-7, 2) == -4);
    CHECK(floor_div(-8, 2) == -4);
    CHECK(floor_div(0, 5) == 0);
}

TEST_CASE("local_day is the day in the time's own offset", "[time][calendar]") {
    // 2022-01-04T20:00Z is 2022-01-05T02:00+06:00.
    const LocalTime t{1641340800 - 4 * 3600, 6 * 3600};
    CHECK(local_day(t) == days_from_civil(2022, 1, 5));
    CHECK(local_day(LocalTime{t.utc_s, 0}) == days_from_civil(2022, 1, 4));
    CHECK(local_day(LocalTime{-1, 0}) == -1);
}
