// The HUD clock (core/clock.hpp): the local time of the zones in view, one clock or one per offset.
#include "core/clock.hpp"

#include "io/time_zone.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {
// 2022-01-02T10:00Z: 15:00 in Aqtau (+05), 16:00 in Almaty (+06).
constexpr std::int64_t kT = 1641117600;
}  // namespace

TEST_CASE("HUD clock: one offset in view, one clock", "[clock]") {
    const auto almaty = tz::find_zone("Asia/Almaty");
    const auto aqtau = tz::find_zone("Asia/Aqtau"), oral = tz::find_zone("Asia/Oral");
    CHECK(hud_clock_text({{almaty.get(), 10}}, kT, *almaty) == "16:00  local time (UTC+06)");
    // Over Zhanaozen (Mangystau, Asia/Aqtau) it is 15:00 at +05, not UTC+06.
    CHECK(hud_clock_text({{aqtau.get(), 10}, {oral.get(), 3}}, kT, *almaty) == "15:00  local time (UTC+05)");
    // A sliver of Almaty time at the edge of the view does not count.
    CHECK(hud_clock_text({{aqtau.get(), 95}, {almaty.get(), 5}}, kT, *almaty) == "15:00  local time (UTC+05)");
    // Nothing in view: the display zone.
    CHECK(hud_clock_text({}, kT, *almaty) == "16:00  local time (UTC+06)");
}

TEST_CASE("HUD clock: two offsets in view, both, west to east, named", "[clock]") {
    const auto almaty = tz::find_zone("Asia/Almaty");
    const auto aqtau = tz::find_zone("Asia/Aqtau"), aqtobe = tz::find_zone("Asia/Aqtobe");
    CHECK(hud_clock_text({{almaty.get(), 60}, {aqtau.get(), 20}, {aqtobe.get(), 30}}, kT, *almaty) ==
          "15:00 Aqtobe  \xC2\xB7  16:00 Almaty");
    CHECK(hud_clock_offsets({{almaty.get(), 60}, {aqtau.get(), 40}}, kT, *almaty) ==
          std::vector<std::int32_t>{5 * 3600, 6 * 3600});
    // Fixed offsets are named by their offset.
    const FixedOffsetZone p5(5 * 3600), p6(6 * 3600);
    CHECK(hud_clock_text({{&p5, 1}, {&p6, 1}}, kT, p6) == "15:00 UTC+05  \xC2\xB7  16:00 UTC+06");
}

TEST_CASE("HUD clock: half-hour and 45-minute offsets in full", "[clock]") {
    const auto kolkata = tz::find_zone("Asia/Kolkata"), kathmandu = tz::find_zone("Asia/Kathmandu");
    CHECK(hud_clock_text({{kolkata.get(), 1}}, kT, *kolkata) == "15:30  local time (UTC+05:30)");
    CHECK(hud_clock_text({{kolkata.get(), 1}, {kathmandu.get(), 1}}, kT, *kolkata) ==
          "15:30 Kolkata  \xC2\xB7  15:45 Kathmandu");
    CHECK(short_utc_name(-(3 * 3600 + 1800)) == "UTC-03:30");
    CHECK(short_utc_name(0) == "UTC");
    const auto la = tz::find_zone("America/Los_Angeles");
    CHECK(zone_place_name(*la, -8 * 3600) == "Los Angeles");
}
