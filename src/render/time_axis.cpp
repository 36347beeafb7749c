// Time-axis labels (see time_axis.hpp).
#include "time_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qantar::render {

namespace {

struct Candidate {
    AxisUnit unit;
    std::int64_t step;
};

// Finest first.
std::vector<Candidate> candidates() {
    std::vector<Candidate> c = {{AxisUnit::Hour, 1},  {AxisUnit::Hour, 2},  {AxisUnit::Hour, 3},
                                {AxisUnit::Hour, 6},  {AxisUnit::Hour, 12}, {AxisUnit::Day, 1},
                                {AxisUnit::Day, 2},   {AxisUnit::Week, 1},  {AxisUnit::Month, 1},
                                {AxisUnit::Month, 2}, {AxisUnit::Month, 3}, {AxisUnit::Month, 6}};
    for (std::int64_t y = 1; y <= 10000; y *= 10)
        for (std::int64_t k : {1, 2, 5}) c.push_back({AxisUnit::Year, y * k});
    return c;
}

std::int64_t local_s_of(std::int64_t utc_s, const ZoneRules& z) { return utc_s + z.offset_at(utc_s); }

// The ticks of one candidate, texts only (no positions). Stops at `limit` ticks (too many to fit).
std::vector<AxisTick> ticks_of(Candidate c, std::int64_t t0, std::int64_t t1, const ZoneRules& z, std::size_t limit,
                               const Language& words) {
    const auto day_month = [&](const CivilDate& d) { return words.day_month(d); };
    std::vector<AxisTick> out;
    auto add = [&](std::int64_t start, std::int64_t end, std::string text) {
        if (!out.empty() && static_cast<double>(start) <= out.back().start_utc_s) return;  // a repeated wall time (DST)
        out.push_back({static_cast<double>(start), static_cast<double>(end), std::move(text), 0, 0, 0});
    };
    const std::int64_t local0 = local_s_of(t0, z);
    const std::int64_t day0 = floor_div(local0, kSecondsPerDay);
    switch (c.unit) {
        case AxisUnit::Hour: {
            const std::int64_t step_s = c.step * kSecondsPerHour;
            for (std::int64_t l = floor_div(local0, step_s) * step_s; out.size() <= limit; l += step_s) {
                const std::int64_t u = z.utc_of_local(l);
                if (u > t1) break;
                if (u < t0) continue;
                // The wall time of the instant: a time in a spring-forward gap lands after it (03:00).
                const std::int64_t lu = local_s_of(u, z);
                const std::int64_t sod = lu - floor_div(lu, kSecondsPerDay) * kSecondsPerDay;
                char hm[8];
                std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60));
                const CivilDate d = civil_from_days(floor_div(lu, kSecondsPerDay));
                add(u, u, sod == 0 || out.empty() ? day_month(d) + " " + hm : std::string(hm));
            }
            break;
        }
        case AxisUnit::Day:
        case AxisUnit::Week: {
            std::int64_t day = day0;
            if (c.unit == AxisUnit::Week) day -= (weekday_from_days(day) + 6) % 7;  // back to Monday
            else day = floor_div(day, c.step) * c.step;
            const std::int64_t step = c.unit == AxisUnit::Week ? 7 : c.step;
            for (; out.size() <= limit; day += step) {
                const std::int64_t u = z.utc_of_local(day * kSecondsPerDay);
                if (u > t1 || (c.unit == AxisUnit::Day && u >= t1)) break;
                const std::int64_t next = z.utc_of_local((day + (c.unit == AxisUnit::Week ? 0 : 1)) * kSecondsPerDay);
                const CivilDate d = civil_from_days(day);
                if (c.unit == AxisUnit::Week) {
                    if (u >= t0) add(u, u, day_month(d));
                } else if (next > t0) {
                    add(u, next, d.d == 1 || out.empty() ? day_month(d) : std::to_string(d.d));
                }
            }
            break;
        }
        case AxisUnit::Month: {
            const CivilDate d0 = civil_from_days(day0);
            std::int64_t m = (d0.y * 12 + (d0.m - 1));
            m = floor_div(m, c.step) * c.step;
            for (; out.size() <= limit; m += c.step) {
                const std::int64_t y = floor_div(m, 12);
                const auto mo = static_cast<unsigned>(m - y * 12 + 1);
                const std::int64_t u = z.utc_of_local(days_from_civil(y, mo, 1) * kSecondsPerDay);
                if (u >= t1) break;
                const std::int64_t y2 = floor_div(m + 1, 12);
                const auto mo2 = static_cast<unsigned>(m + 1 - y2 * 12 + 1);
                const std::int64_t next = z.utc_of_local(days_from_civil(y2, mo2, 1) * kSecondsPerDay);
                if (next <= t0) continue;
                add(u, next, mo == 1 || out.empty() ? words.month_year(y, mo) : words.month_short(mo));
            }
            break;
        }
        case AxisUnit::Year: {
            std::int64_t y = floor_div(civil_from_days(day0).y, c.step) * c.step;
            for (; out.size() <= limit; y += c.step) {
                if (y < 1 || y > 9999) {
                    if (y > 9999) break;
                    continue;
                }
                const std::int64_t u = z.utc_of_local(days_from_civil(y, 1, 1) * kSecondsPerDay);
                if (u >= t1) break;
                // One year: the label names the year's column; several: the instant the year begins.
                const std::int64_t next = z.utc_of_local(days_from_civil(y + 1, 1, 1) * kSecondsPerDay);
                if (c.step == 1 ? next <= t0 : u < t0) continue;
                add(u, c.step == 1 ? next : u, std::to_string(y));
            }
            break;
        }
    }
    return out;
}

}  // namespace

bool axis_labels_clear(const TimeAxis& axis, double gap_px) {
    for (std::size_t i = 1; i < axis.ticks.size(); ++i) {
        const AxisTick& a = axis.ticks[i - 1];
        const AxisTick& b = axis.ticks[i];
        if (a.left_px + a.width_px + gap_px > b.left_px) return false;
    }
    return true;
}

TimeAxis time_axis(double t0_utc_s, double t1_utc_s, double left_px, double width_px, const ZoneRules& zone,
                   const TextMeasure& measure, const TextStyle& style, double gap_px, double overhang_px,
                   const Language& words) {
    TimeAxis best;
    if (!(t1_utc_s > t0_utc_s) || !(width_px > 0)) return best;
    const auto t0 = static_cast<std::int64_t>(std::floor(t0_utc_s));
    const auto t1 = static_cast<std::int64_t>(std::ceil(t1_utc_s));
    const double x0_px = left_px, x1_px = left_px + width_px;
    // As TimelineBar::x_of, so that a label sits where its column is drawn.
    const auto x_of = [&](double t) { return left_px + (t - t0_utc_s) / (t1_utc_s - t0_utc_s) * width_px; };
    // No more labels than one per 8 pixels could ever fit.
    const auto limit = static_cast<std::size_t>((x1_px - x0_px) / 8) + 2;
    for (const Candidate c : candidates()) {
        TimeAxis axis;
        axis.unit = c.unit;
        axis.step = static_cast<int>(c.step);
        axis.ticks = ticks_of(c, t0, t1, zone, limit, words);
        if (axis.ticks.size() > limit) continue;
        const double lo = x0_px - overhang_px, hi = x1_px + overhang_px;
        std::vector<AxisTick> kept;
        for (AxisTick& k : axis.ticks) {
            // A period's label is centred on the part of it inside the span.
            const double a = std::max(k.start_utc_s, t0_utc_s), b = std::min(k.end_utc_s, t1_utc_s);
            k.x_px = k.end_utc_s > k.start_utc_s ? (x_of(a) + x_of(b)) / 2 : x_of(k.start_utc_s);
            const TextBounds tb = measure.measure(k.text, style);
            k.width_px = tb.width;
            k.left_px = k.x_px - tb.width / 2;
            // A label at an end slides inward to stay within reach; one wider than the reach goes.
            if (k.width_px > hi - lo) continue;
            k.left_px = std::clamp(k.left_px, lo, hi - k.width_px);
            kept.push_back(std::move(k));
        }
        axis.ticks = std::move(kept);
        if (axis_labels_clear(axis, gap_px)) return axis;
        best = std::move(axis);
    }
    best.ticks.clear();  // nothing fits (a bar a few pixels wide): no labels rather than a smear
    return best;
}

}  // namespace qantar::render
