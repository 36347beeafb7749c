// The story's camera path (camera_path.hpp). Pure arithmetic; no clock, no library.
#include "camera_path.hpp"

#include <algorithm>
#include <cmath>

namespace qantar {

double smoothstep(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3 - 2 * u);
}

double ease_in_out_cubic(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u < 0.5 ? 4 * u * u * u : 1 - std::pow(-2 * u + 2, 3) / 2;
}

View interpolate_view(const View& a, const View& b, double u, double world_width_m, FlightStyle style) {
    if (u <= 0) return a;
    if (u >= 1) return b;
    const double dx = b.centre_m.x - a.centre_m.x, dy = b.centre_m.y - a.centre_m.y;
    if (style == FlightStyle::Direct) {
        const double lz = std::log(a.zoom) + (std::log(b.zoom) - std::log(a.zoom)) * u;
        return {{a.centre_m.x + dx * u, a.centre_m.y + dy * u}, std::exp(lz)};
    }
    // van Wijk & Nuij, "Smooth and efficient zooming and panning" (2003), in the form of
    // d3.interpolateZoom: w is the view width in metres, rho = sqrt(2) the zoom/pan trade-off.
    const double rho = std::sqrt(2.0), rho2 = 2, rho4 = 4;
    const double w0 = world_width_m / a.zoom, w1 = world_width_m / b.zoom;
    const double d2 = dx * dx + dy * dy;
    if (d2 < 1e-6) {  // no pan: a pure zoom, exponential in width
        const double w = w0 * std::exp(std::log(w1 / w0) * u);
        return {{a.centre_m.x + dx * u, a.centre_m.y + dy * u}, world_width_m / w};
    }
    const double d1 = std::sqrt(d2);
    const double b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2 * w0 * rho2 * d1);
    const double b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2 * w1 * rho2 * d1);
    const double r0 = std::log(std::sqrt(b0 * b0 + 1) - b0);
    const double r1 = std::log(std::sqrt(b1 * b1 + 1) - b1);
    const double S = (r1 - r0) / rho;
    const double s = u * S;
    const double cosh_r0 = std::cosh(r0);
    const double f = w0 / (rho2 * d1) * (cosh_r0 * std::tanh(rho * s + r0) - std::sinh(r0));
    const double w = w0 * cosh_r0 / std::cosh(rho * s + r0);
    return {{a.centre_m.x + f * dx, a.centre_m.y + f * dy}, world_width_m / w};
}

StorySchedule::StorySchedule(const Story& story, const ScheduleOptions& o)
    : world_width_m_(o.world_width_m), style_(o.style) {
    double pos = 0;
    const std::size_t n = story.beats.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Beat& b = story.beats[i];
        Entry e{static_cast<double>(b.at.utc_s), {b.centre_m, b.zoom}, pos, 0};
        e.flight_start_s = pos + std::max(0.0, b.hold_s.value_or(o.hold_s));
        beats_.push_back(e);
        if (i + 1 < n) {
            const double gap_days = static_cast<double>(story.beats[i + 1].at.utc_s - b.at.utc_s) / 86400.0;
            pos = e.flight_start_s + std::max(gap_days * o.seconds_per_day, o.min_flight_s);
        } else {
            pos = e.flight_start_s;
        }
    }
    duration_s_ = pos;
}

CameraFrame StorySchedule::at(double s) const {
    CameraFrame f;
    if (beats_.empty()) return f;
    s = std::clamp(s, 0.0, duration_s_);
    // The last beat whose hold has started.
    auto it = std::upper_bound(beats_.begin(), beats_.end(), s,
                               [](double v, const Entry& e) { return v < e.hold_start_s; });
    const std::size_t i = it == beats_.begin() ? 0 : static_cast<std::size_t>(it - beats_.begin() - 1);
    const Entry& a = beats_[i];
    f.beat = static_cast<int>(i);
    if (s < a.flight_start_s || i + 1 == beats_.size()) {
        f.t_utc_s = a.t_utc_s;
        f.centre_m = a.view.centre_m;
        f.zoom = a.view.zoom;
        return f;
    }
    const Entry& b = beats_[i + 1];
    const double u = std::clamp((s - a.flight_start_s) / (b.hold_start_s - a.flight_start_s), 0.0, 1.0);
    f.holding = false;
    f.flight = u;
    f.t_utc_s = a.t_utc_s + (b.t_utc_s - a.t_utc_s) * u;
    const View v = interpolate_view(a.view, b.view, ease_in_out_cubic(u), world_width_m_, style_);
    f.centre_m = v.centre_m;
    f.zoom = v.zoom;
    return f;
}

CameraFrame StorySchedule::at_looped(double s) const {
    if (duration_s_ <= 0) return at(0);
    s = std::fmod(s, duration_s_);
    if (s < 0) s += duration_s_;
    return at(s);
}

StoryPlayer::StoryPlayer(const StorySchedule& schedule, bool autoplay, bool loop, double now_s)
    : schedule_(schedule), autoplay_(autoplay), loop_(loop) {
    anchor(0, now_s);
}

void StoryPlayer::anchor(double position_s, double now_s) {
    anchor_pos_s_ = position_s;
    anchor_now_s_ = now_s;
}

double StoryPlayer::position_s(double now_s) const {
    const double p = anchor_pos_s_ + std::max(0.0, now_s - anchor_now_s_);
    if (schedule_.beat_count() == 0) return 0;
    if (!autoplay_) return std::min(p, schedule_.hold_start_s(target_));
    if (loop_ && schedule_.duration_s() > 0) return std::fmod(p, schedule_.duration_s());
    return std::min(p, schedule_.duration_s());
}

bool StoryPlayer::finished(double now_s) const {
    return autoplay_ && !loop_ && anchor_pos_s_ + (now_s - anchor_now_s_) >= schedule_.duration_s();
}

CameraFrame StoryPlayer::frame(double now_s) const { return schedule_.at(position_s(now_s)); }

void StoryPlayer::next(double now_s) {
    const std::size_t n = schedule_.beat_count();
    if (n == 0) return;
    const double p = position_s(now_s);
    if (!autoplay_) {
        // A press during a flight is not swallowed: the flight's beat counts as reached and the
        // flight to the one after starts at once (at the last beat, the flight just lands).
        const bool in_flight = p < schedule_.hold_start_s(target_);
        if (in_flight && target_ + 1 >= n) {
            anchor(schedule_.hold_start_s(target_), now_s);
        } else if (target_ + 1 < n) {
            anchor(schedule_.flight_start_s(target_), now_s);
            ++target_;
        } else if (loop_) {
            home(now_s);
        }
        return;
    }
    const CameraFrame f = schedule_.at(p);
    const auto i = static_cast<std::size_t>(f.beat);
    if (f.holding && i + 1 < n) anchor(schedule_.flight_start_s(i), now_s);
    else if (!f.holding && i + 2 < n) anchor(schedule_.flight_start_s(i + 1), now_s);  // on to the next
    else if (!f.holding) anchor(schedule_.hold_start_s(i + 1), now_s);
    else if (loop_) anchor(0, now_s);
}

void StoryPlayer::previous(double now_s) {
    if (schedule_.beat_count() == 0) return;
    const double p = position_s(now_s);
    if (!autoplay_) {
        if (p < schedule_.hold_start_s(target_)) --target_;  // in flight: back to where it started
        else if (target_ > 0) --target_;
        anchor(schedule_.hold_start_s(target_), now_s);
        return;
    }
    const CameraFrame f = schedule_.at(p);
    const auto i = static_cast<std::size_t>(f.beat);
    anchor(schedule_.hold_start_s(f.holding && i > 0 ? i - 1 : i), now_s);
}

void StoryPlayer::home(double now_s) {
    target_ = 0;
    anchor(0, now_s);
}

}  // namespace qantar
