// MP4 (H.264), GIF and WebM (VP9) through the ffmpeg executable: raw RGBA frames are piped to its
// stdin by a writer thread (posix_spawn, no shell), so rendering and encoding overlap.
#pragma once

#include "bounded_queue.hpp"
#include "frame_pool.hpp"
#include "frame_sink.hpp"

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

namespace qantar::video {

class FfmpegSink final : public FrameSink {
public:
    // Throws VideoError at once when ffmpeg cannot be found.
    FfmpegSink(std::string out, Format format, SinkOptions options);
    ~FfmpegSink() override;

    void begin(int width, int height, double fps) override;
    void push(std::vector<std::uint8_t> rgba, std::int64_t index) override;
    void finish() override;
    void abort() noexcept override;
    std::vector<std::uint8_t> take_spare() override { return spare_.take(); }
    const std::string& output() const override { return out_; }
    const std::string& temporary() const override { return tmp_str_; }

    // The arguments after the executable's name (for tests and the log).
    std::vector<std::string> arguments(int width, int height, double fps) const;

private:
    struct Item {
        std::vector<std::uint8_t> rgba;
        std::int64_t index;
    };
    void writer();
    void fail(const std::string& message);
    std::string failure() const;
    void stop_process(bool kill_it) noexcept;
    void cleanup() noexcept;
    std::string log_tail() const;

    std::string out_;
    Format format_;
    SinkOptions options_;
    std::string ffmpeg_path_;
    std::filesystem::path tmp_, log_;
    std::string tmp_str_;
    int width_ = 0, height_ = 0;
    std::size_t frame_bytes_ = 0;
    BoundedQueue<Item> queue_;
    FramePool spare_{options_.queue_frames + 2};
    std::thread thread_;
    int fd_ = -1;
    pid_t pid_ = -1;
    int exit_status_ = -1;
    bool begun_ = false, done_ = false;
    std::atomic<bool> failed_{false};
    mutable std::mutex failure_mutex_;
    std::string failure_;
};

}  // namespace qantar::video
