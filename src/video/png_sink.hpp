// A numbered PNG sequence (frame_00001.png, ...) written by worker threads. The encoder compresses
// each band of kStripRows rows on its own (Up filter, zlib level 1, the band's deflate blocks ended
// by a sync flush) and keeps each band's last result: a band whose filtered bytes equal that band
// of an earlier frame (the map, the legend: most of an animation's frame) reuses its compressed
// bytes. The file is a pure function of the frame's pixels, whatever was encoded before.
#pragma once

#include "bounded_queue.hpp"
#include "frame_pool.hpp"
#include "frame_sink.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace qantar::video {

// Encodes frames of one size (RGBA8, top row first, tightly packed) as PNG file images. encode()
// may be called from several threads at once. Pulls in zlib.
class PngEncoder {
public:
    static constexpr int kStripRows = 16;
    // level: zlib 1..9 (1: fastest).
    PngEncoder(int width, int height, int level = 1);
    ~PngEncoder();
    PngEncoder(const PngEncoder&) = delete;
    PngEncoder& operator=(const PngEncoder&) = delete;

    std::vector<std::uint8_t> encode(const std::uint8_t* rgba);

    // Bands encoded and bands whose compressed bytes were reused, over every encode() so far.
    std::uint64_t strips_encoded() const { return encoded_; }
    std::uint64_t strips_reused() const { return reused_; }

private:
    struct Strip;
    int width_, height_, level_;
    std::vector<std::shared_ptr<const Strip>> last_;  // per band: its last encoding
    std::mutex mutex_;
    std::atomic<std::uint64_t> encoded_{0}, reused_{0};
};

// One frame, no reuse: the same bytes as any PngEncoder of that size and level gives for it.
std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height, int level = 1);

// "frame_00001.png" for index 0.
std::string frame_file_name(std::int64_t index);

class PngSequenceSink final : public FrameSink {
public:
    PngSequenceSink(std::string out, SinkOptions options);
    ~PngSequenceSink() override;

    // Refuses an OUT that exists and is not an empty directory (frames would mix).
    void begin(int width, int height, double fps) override;
    void push(std::vector<std::uint8_t> rgba, std::int64_t index) override;
    void finish() override;
    void abort() noexcept override;
    std::vector<std::uint8_t> take_spare() override { return spare_.take(); }
    const std::string& output() const override { return out_; }
    const std::string& temporary() const override { return tmp_str_; }
    // The encoder's counts once begun (nullptr before).
    const PngEncoder* encoder() const { return encoder_.get(); }

private:
    struct Item {
        std::vector<std::uint8_t> rgba;
        std::int64_t index;
    };
    void worker();
    void fail(const std::string& message);
    void stop_workers() noexcept;

    std::string out_;
    SinkOptions options_;
    std::filesystem::path final_, tmp_;
    std::string tmp_str_;
    int width_ = 0, height_ = 0;
    std::unique_ptr<PngEncoder> encoder_;
    BoundedQueue<Item> queue_;
    FramePool spare_{options_.queue_frames + 2};
    std::vector<std::thread> workers_;
    bool begun_ = false, done_ = false;
    std::atomic<bool> failed_{false};
    std::mutex failure_mutex_;
    std::string failure_;
};

}  // namespace qantar::video
