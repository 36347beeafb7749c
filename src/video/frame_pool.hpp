// Frame buffers handed back by an encoder thread once it is done with them, so that the renderer
// reads the next frame into one instead of allocating (and the kernel zeroing) 8 MB a frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace qantar::video {

class FramePool {
public:
    explicit FramePool(std::size_t capacity) : capacity_(capacity) {}

    // Keeps the buffer (its contents are stale) unless the pool is full.
    void give(std::vector<std::uint8_t>&& buffer) {
        std::lock_guard lock(mutex_);
        if (spare_.size() < capacity_) spare_.push_back(std::move(buffer));
    }

    // A kept buffer, or an empty one.
    std::vector<std::uint8_t> take() {
        std::lock_guard lock(mutex_);
        if (spare_.empty()) return {};
        std::vector<std::uint8_t> b = std::move(spare_.back());
        spare_.pop_back();
        return b;
    }

private:
    std::mutex mutex_;
    std::vector<std::vector<std::uint8_t>> spare_;
    std::size_t capacity_;
};

}  // namespace qantar::video
