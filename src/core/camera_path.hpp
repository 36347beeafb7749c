// The camera path of a story: pure functions from a playback clock (seconds, passed in) to the data
// time shown, the camera centre (projected metres) and the zoom. The same functions drive the
// presenter window, the exported video and the tests. No clock is read here.
#pragma once

#include "model.hpp"
#include "story.hpp"

#include <cstddef>
#include <vector>

namespace qantar {

// What one frame shows.
struct CameraFrame {
    double t_utc_s = 0;   // data time
    Vec2 centre_m;        // camera centre, projected metres
    double zoom = 1;      // 1 = the whole country
    int beat = 0;         // the beat held, or the beat the camera flies from
    bool holding = true;  // true while held at `beat`
    double flight = 0;    // 0..1 progress of the flight from `beat` to `beat + 1` (0 when holding)
};

// Eases: 0 -> 0, 1 -> 1, zero slope at both ends, monotonic. Input clamped to [0, 1].
double smoothstep(double u);
double ease_in_out_cubic(double u);

enum class FlightStyle {
    Direct,  // eased pan, zoom eased in log space
    VanWijk, // van Wijk & Nuij's optimal path: zooms out, pans, zooms in (as d3.interpolateZoom)
};

// The camera between two views at eased progress u (0..1). world_width_m: the view width at
// zoom 1 (the country's width). Endpoints are exact: u = 0 gives a, u = 1 gives b.
struct View {
    Vec2 centre_m;
    double zoom = 1;
};
View interpolate_view(const View& a, const View& b, double u, double world_width_m,
                      FlightStyle style = FlightStyle::VanWijk);

struct ScheduleOptions {
    double seconds_per_day = 3.0;  // playback seconds per day of data time between beats
    double hold_s = 4.0;           // hold at a beat unless the beat has its own hold_seconds
    double min_flight_s = 2.0;     // a flight lasts at least this long (data time then plays slower)
    double world_width_m = 3.0e6;  // view width at zoom 1 (country_extent_m(data).width_m())
    FlightStyle style = FlightStyle::VanWijk;
};

// The playback timeline of a story: beat i holds during [hold_start_s(i), flight_start_s(i)), then
// time plays and the camera flies to beat i + 1 during [flight_start_s(i), hold_start_s(i + 1)).
// A flight lasts max(data gap in days × seconds_per_day, min_flight_s); data time plays linearly
// over it, the camera moves with an ease-in-out. After the last beat's hold, the story ends.
class StorySchedule {
public:
    StorySchedule(const Story& story, const ScheduleOptions& options);

    std::size_t beat_count() const { return beats_.size(); }
    double hold_start_s(std::size_t beat) const { return beats_[beat].hold_start_s; }
    double flight_start_s(std::size_t beat) const { return beats_[beat].flight_start_s; }
    double duration_s() const { return duration_s_; }  // end of the last hold

    // The frame at playback second s (clamped to [0, duration_s()]).
    CameraFrame at(double playback_s) const;
    // With loop: s is taken modulo duration_s().
    CameraFrame at_looped(double playback_s) const;
    // The view of a beat.
    View view(std::size_t beat) const { return beats_[beat].view; }

private:
    struct Entry {
        double t_utc_s;
        View view;
        double hold_start_s, flight_start_s;
    };
    std::vector<Entry> beats_;
    double duration_s_ = 0;
    double world_width_m_;
    FlightStyle style_;
};

// The presenter's position in a story: holds at a beat until next() (or, with autoplay, until the
// hold ends), then flies to the next beat. now_s is any monotonic clock in seconds, passed in.
class StoryPlayer {
public:
    StoryPlayer(const StorySchedule& schedule, bool autoplay, bool loop, double now_s);

    void next(double now_s);      // start the flight to the next beat (in flight: from the beat it flies to)
    void previous(double now_s);  // cut to the previous beat (or the start of this one's hold)
    void home(double now_s);      // cut to the first beat
    CameraFrame frame(double now_s) const;
    double position_s(double now_s) const;  // playback second
    bool finished(double now_s) const;      // past the end (never with loop)

private:
    void anchor(double position_s, double now_s);
    const StorySchedule& schedule_;
    bool autoplay_, loop_;
    double anchor_pos_s_ = 0, anchor_now_s_ = 0;
    std::size_t target_ = 0;  // manual mode: the beat being held or flown to
};

}  // namespace qantar
