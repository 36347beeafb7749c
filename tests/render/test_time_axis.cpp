// The time axis under the timeline bar (render/time_axis.hpp): the unit chosen for the span and the
// width, real month names, and labels that never overlap, measured with a fixed-width stand-in.
#include "render/time_axis.hpp"

#include "io/time_zone.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qantar;
using namespace qantar::render;

namespace {

// 0.6 em per character, as the layout tests measure.
class MonoMeasure : public TextMeasure {
public:
    TextBounds measure(const std::string& utf8, const TextStyle& style) const override {
        double chars = 0;
        for (unsigned char c : utf8) chars += (c & 0xC0) == 0x80 ? 0 : 1;
        return {0, 0, chars * 0.6 * style.size, style.size};
    }
};

std::int64_t utc(int y, unsigned m, unsigned d, int hh = 0) {
    return days_from_civil(y, m, d) * kSecondsPerDay + hh * 3600;
}

TimeAxis axis(std::int64_t t0, std::int64_t t1, double width, const char* zone = "UTC") {
    const auto z = tz::find_zone(zone);
    REQUIRE(z);
    const TextStyle style{11.5, false, false, 1.f, 0};
    return time_axis(static_cast<double>(t0), static_cast<double>(t1), 40, width, *z, MonoMeasure(), style, 6, 20);
}

void check_clear(const TimeAxis& a, double width) {
    REQUIRE_FALSE(a.ticks.empty());
    CHECK(axis_labels_clear(a, 6));
    for (const AxisTick& k : a.ticks) {
        INFO(k.text);
        CHECK(k.left_px >= 40 - 20);
        CHECK(k.left_px + k.width_px <= 40 + width + 20);
    }
}

}  // namespace

TEST_CASE("time axis: 6 hours in hours, with the date on the first label", "[axis]") {
    const TimeAxis a = axis(utc(2022, 1, 5, 10), utc(2022, 1, 5, 16), 1200, "Asia/Almaty");
    check_clear(a, 1200);
    CHECK(a.unit == AxisUnit::Hour);
    CHECK(a.step == 1);
    CHECK(a.ticks.front().text == "5 Jan 16:00");  // 10:00Z is 16:00 in Almaty
    CHECK(a.ticks.size() == 7);
    CHECK(a.ticks[1].text == "17:00");
    // Narrow: fewer, still clear.
    const TimeAxis n = axis(utc(2022, 1, 5, 10), utc(2022, 1, 5, 16), 150, "Asia/Almaty");
    check_clear(n, 150);
    CHECK(n.ticks.size() < 7);
}

TEST_CASE("time axis: 19 days in days, month on the first and on the 1st", "[axis]") {
    const TimeAxis a = axis(utc(2021, 12, 28), utc(2022, 1, 16), 1840);
    check_clear(a, 1840);
    CHECK(a.unit == AxisUnit::Day);
    CHECK(a.step == 1);
    REQUIRE(a.ticks.size() == 19);
    CHECK(a.ticks[0].text == "28 Dec");
    CHECK(a.ticks[1].text == "29");
    CHECK(a.ticks[4].text == "1 Jan");
    CHECK(a.ticks[5].text == "2");
    // A day's label is centred on its column.
    CHECK(a.ticks[0].x_px == Approx(40 + 1840.0 / 19 / 2));
    // At 480 px the days do not fit one by one: every other day, or weeks.
    const TimeAxis n = axis(utc(2021, 12, 28), utc(2022, 1, 16), 480);
    check_clear(n, 480);
    CHECK(n.ticks.size() < 19);
}

TEST_CASE("time axis: 5 months in weeks or months with real names", "[axis]") {
    const TimeAxis a = axis(utc(2019, 9, 16), utc(2020, 2, 16), 1840);
    check_clear(a, 1840);
    CHECK((a.unit == AxisUnit::Week || a.unit == AxisUnit::Day));
    const TimeAxis m = axis(utc(2019, 9, 16), utc(2020, 2, 16), 400);
    check_clear(m, 400);
    REQUIRE(m.unit == AxisUnit::Month);
    std::vector<std::string> texts;
    for (const AxisTick& k : m.ticks) texts.push_back(k.text);
    CHECK(texts == std::vector<std::string>{"Sep 2019", "Oct", "Nov", "Dec", "Jan 2020", "Feb"});
    for (const AxisTick& k : m.ticks) CHECK((k.text.find("Jan") == std::string::npos || k.text == "Jan 2020"));
}

TEST_CASE("time axis: 3 years and 20 years", "[axis]") {
    const TimeAxis a = axis(utc(2019, 3, 1), utc(2022, 3, 1), 1840);
    check_clear(a, 1840);
    CHECK(a.unit == AxisUnit::Month);
    const TimeAxis y = axis(utc(2019, 3, 1), utc(2022, 3, 1), 300);
    check_clear(y, 300);
    const TimeAxis b = axis(utc(2000, 6, 1), utc(2020, 6, 1), 1840);
    check_clear(b, 1840);
    CHECK(b.unit == AxisUnit::Year);
    CHECK(b.step == 1);
    CHECK(b.ticks[1].text == "2001");
    const TimeAxis c = axis(utc(2000, 6, 1), utc(2020, 6, 1), 300);
    check_clear(c, 300);
    CHECK(c.unit == AxisUnit::Year);
    CHECK(c.step >= 2);
}

TEST_CASE("time axis: hours across a daylight-saving change stay in wall time", "[axis][dst]") {
    // America/Chicago, 2023-03-12 00:00 to 06:00 CST/CDT: 02:00 does not exist.
    const TimeAxis a = axis(utc(2023, 3, 12, 6), utc(2023, 3, 12, 11), 1200, "America/Chicago");
    check_clear(a, 1200);
    REQUIRE(a.unit == AxisUnit::Hour);
    std::vector<std::string> texts;
    for (const AxisTick& k : a.ticks) texts.push_back(k.text);
    CHECK(texts == std::vector<std::string>{"12 Mar 00:00", "01:00", "03:00", "04:00", "05:00", "06:00"});
}
