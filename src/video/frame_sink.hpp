// Where rendered frames go: a video file through ffmpeg (.mp4, .gif, .webm) or a numbered PNG
// sequence in a directory (OUT ending in '/'). Frames are RGBA8, top row first, tightly packed.
// A sink writes to a temporary beside OUT and renames it onto OUT in finish(); abort(), a failure
// or destroying an unfinished sink removes the temporary and leaves OUT untouched.
// Links no SFML: the renderer hands over pixels.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace qantar::video {

// An export failure (ffmpeg missing or failed, disk full, ...): one line, naming OUT.
class VideoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Format { Mp4, Gif, WebM, PngSequence };

// From OUT: ".mp4", ".gif", ".webm" (any case), or a path ending in '/' for a PNG sequence.
// Throws qantar::UsageError for anything else.
Format format_for(const std::string& out);

struct SinkOptions {
    std::string ffmpeg = "ffmpeg";        // the executable, looked up on PATH when it has no '/'
    std::string x264_preset = "superfast"; // MP4: ~75 fps at 1080p on 2 cores (veryfast: ~45)
    int x264_crf = 20;
    int png_threads = 0;                  // PNG workers; 0: hardware threads (at least 2)
    // zlib level of the PNG bands: 1, the fastest (as fast as libdeflate's level 2 on 16-row
    // bands, ~12% larger files; a band unchanged since an earlier frame is not compressed again).
    int png_level = 1;
    std::size_t queue_frames = 6;         // frames buffered between the renderer and the encoder
};

class FrameSink {
public:
    virtual ~FrameSink() = default;
    // Starts the output (spawns ffmpeg, creates the temporary). Throws VideoError.
    virtual void begin(int width, int height, double fps) = 0;
    // Queues one frame (width*height*4 bytes, moved in); blocks only while the queue is full.
    // index: 0-based, frames in order. Throws VideoError if the encoder has failed.
    virtual void push(std::vector<std::uint8_t> rgba, std::int64_t index) = 0;
    // Waits for the encoder, then renames the temporary onto OUT. Throws VideoError.
    virtual void finish() = 0;
    // Stops at once and removes the temporary. Never throws; safe to call twice.
    virtual void abort() noexcept = 0;
    // The buffer of a frame the encoder is done with (contents stale, capacity kept), or an empty
    // one: the caller reads its next frame into it rather than allocating a new one.
    virtual std::vector<std::uint8_t> take_spare() = 0;

    virtual const std::string& output() const = 0;
    virtual const std::string& temporary() const = 0;  // the path written until finish()
};

// A sink for OUT (format from format_for). For ffmpeg formats, checks at once that ffmpeg can be
// found and throws VideoError with one clear line if not.
std::unique_ptr<FrameSink> make_sink(const std::string& out, const SinkOptions& options = {});

// The full path of an executable found on $PATH, or "" (name with a '/' is checked as is).
std::string find_executable(const std::string& name);

}  // namespace qantar::video
