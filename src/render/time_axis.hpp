// The labels under the timeline bar for any span, 6 hours to centuries: ticks in hours, days,
// weeks, months or years, in the display zone (daylight saving included), the finest unit whose
// labels fit side by side without overlapping. Pure: times and text measurements only.
#pragma once

#include "text_measure.hpp"

#include "core/language.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace qantar::render {

enum class AxisUnit { Hour, Day, Week, Month, Year };

struct AxisTick {
    double start_utc_s = 0;  // the instant (hours, weeks) or the period's start (days, months, years)
    double end_utc_s = 0;    // the period's end (== start for instants)
    std::string text;        // "06:00", "5 Jan", "5", "Feb", "Jan 2022", "2022"
    double x_px = 0;         // the label's centre: the instant, or the middle of the period
    double left_px = 0, width_px = 0;  // the measured label, screen pixels
};

struct TimeAxis {
    AxisUnit unit = AxisUnit::Day;
    int step = 1;  // in units
    std::vector<AxisTick> ticks;
};

// The labels for the span [t0, t1] drawn over the pixels [left, left + width] (linear, as
// TimelineBar::x_of). Each candidate unit and
// step, finest first (1, 2, 3, 6, 12 h; 1, 2 d; 1 week; 1, 2, 3, 6 months; 1, 2, 5, 10, 20, 50, 100 ...
// years), is laid out; the first whose labels keep `gap_px` apart and stay within
// [left - overhang_px, left + width + overhang_px] wins. Labels of periods only partly in the span are kept if they fit.
// Text: a day is its number, with the month on the first label and on the 1st ("1 Jan", "2", ...);
// an hour "06:00", with the date at midnight and on the first label ("5 Jan 00:00"); a week its
// Monday ("3 Jan"); a month "Feb", with the year on the first label and in January ("Jan 2022");
// a year "2022". Day and month names and their order are `words`' (ICU's for kk and ru).
TimeAxis time_axis(double t0_utc_s, double t1_utc_s, double left_px, double width_px, const ZoneRules& zone,
                   const TextMeasure& measure, const TextStyle& style, double gap_px, double overhang_px,
                   const Language& words = english());

// True when no two labels are closer than gap_px (the test of the layout).
bool axis_labels_clear(const TimeAxis& axis, double gap_px);

}  // namespace qantar::render
