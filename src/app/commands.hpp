// The subcommands of the qantar executable. main.cpp parses the command line with CLI11 into
// these structs; each run_* lives in its own file and returns the process exit status.
// Errors are thrown (InputError: exit 1, UsageError: exit 2) and printed as one line by main.
#pragma once

#include "core/limits.hpp"
#include "io/load.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace qantar::app {

struct ViewOptions {
    std::optional<std::string> at;      // --at TIME (ISO 8601; a date alone is local midnight)
    bool paused = false;                // --paused
    double seconds_per_day = 0;         // --seconds-per-day (0: the story's, else animation_seconds_per_day)
    double window_h = 24.0;             // --window HOURS
    bool cumulative = false;            // --cumulative
    std::string lang = "en";            // --lang en|kk|ru
    std::optional<std::string> select;  // --select CITY
    std::optional<std::string> size;    // --size WxH
    bool fullscreen = false;            // --fullscreen
    std::string export_dir = ".";       // --export-dir (key E)
    std::optional<std::string> from, to;  // view --from/--to (render has RenderOptions::from/to)
    unsigned antialias = 0;             // --antialias 0|2|4: MSAA samples, the same for the window,
                                        // the presenter, stills and video (0: lines and discs are
                                        // smoothed by their feathered geometry)
    bool no_spread = false;             // --no-spread: no spread arcs (key S toggles them)
};

struct RenderOptions {
    ViewOptions view;
    std::string output;                  // -o FILE.png | .mp4 | .gif | .webm | DIR/
    std::optional<std::string> from, to; // --from / --to
    int fps = 30;                        // --fps
    std::optional<std::string> story;    // --beats [FILE] ("" = the story's beats)
    double beat_seconds = 4.0;           // --beat-seconds
    std::int64_t max_frames = kDefaultMaxFrames;  // --max-frames
    std::optional<int> beat;             // --beat N: a still of the story's beat N (1-based), holding
    std::string layout_json;             // --layout-json FILE: a still's layout boxes as JSON
    std::optional<double> every_h;       // --every HOURS: stills every HOURS into -o DIR/ (the sweep)
    bool all_beats = false;              // --all-beats: a still of every beat into -o DIR/
};

struct PresentOptions {
    ViewOptions view;
    std::string story;          // --beats FILE ("" = the story's beats)
    bool autoplay = false;      // --autoplay
    double beat_seconds = 8.0;  // --beat-seconds (autoplay hold)
    bool loop = false;          // --loop
    int monitor = 0;            // --monitor N
};

struct ExportOptions {
    std::string output;                  // -o FILE (extension picks the format) or '-'
    std::string layer = "events";        // --layer events|cities|regions|spread|tally
    std::optional<std::string> at;       // --at TIME
    std::optional<double> window_h;      // --window HOURS (with --at)
};

struct InitOptions {
    std::string dir;     // init DIR
    bool force = false;  // --force: write into a non-empty DIR
};

// When main began (the first call is main's first statement): QANTAR_LOG's times count from it.
std::chrono::steady_clock::time_point main_started();

int run_info(const LoadOptions& load, bool json);
int run_init(const LoadOptions& load, const InitOptions& init);
int run_view(const LoadOptions& load, const ViewOptions& view);
int run_render(const LoadOptions& load, const RenderOptions& render);
int run_present(const LoadOptions& load, const PresentOptions& present);
int run_export(const LoadOptions& load, const ExportOptions& exp);

}  // namespace qantar::app
