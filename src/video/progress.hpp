// Export progress on stderr: a redrawn bar (frames done, frames per second, time left) when the
// stream is a terminal, else a plain line every 5%. Time is passed in (seconds since the start).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace qantar::video {

class ProgressReporter {
public:
    // tty: draw a bar (pass stream_is_terminal(out)).
    ProgressReporter(std::int64_t total_frames, std::FILE* out, bool tty, std::string label = "render");
    static bool stream_is_terminal(std::FILE* f);

    void update(std::int64_t frames_done, double elapsed_s);
    void finish(std::int64_t frames_done, double elapsed_s);

    // "[#########...........]  512/1700 frames  43.1 fps  0:27 left" (width: bar cells).
    static std::string bar_line(std::int64_t done, std::int64_t total, double elapsed_s, int width = 30);
    // "render: 30% (512/1700 frames, 43.1 fps, 0:27 left)"
    static std::string plain_line(const std::string& label, std::int64_t done, std::int64_t total, double elapsed_s);

private:
    std::int64_t total_;
    std::FILE* out_;
    bool tty_;
    std::string label_;
    double last_draw_s_ = -1;
    int last_step_ = 0;  // plain mode: the last 5% step printed
};

// "1:05", "12:03:09"
std::string format_duration(double seconds);

}  // namespace qantar::video
