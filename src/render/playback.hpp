// The animation clock of the window (and, later, presenter and video export): story time as a
// function of real time elapsed, handed in by the caller. No clock is read here.
#pragma once

namespace qantar::render {

struct Playback {
    double t_utc_s = 0;          // the story moment shown
    double start_utc_s = 0;      // the data's range; time is clamped to it
    double end_utc_s = 0;
    double seconds_per_day = 3;  // real seconds per story day
    bool playing = true;

    // Advances by `real_dt_s` real seconds when playing; stops at the end.
    void advance(double real_dt_s);
    void seek(double t);               // clamped to [start, end]
    void step(double story_seconds);   // seek(t + story_seconds)
    void faster();                     // halves seconds_per_day (down to 0.25)
    void slower();                     // doubles it (up to 120)
};

// The story time a frame shows: t rounded to the millisecond, so that a moment reached by
// several small steps of playback and the same moment reached by seeking give the same frame.
double frame_time(double t_utc_s);

}  // namespace qantar::render
