// The store's side of a load (io/load_events.cpp), on a thread of its own: rows come from the
// reader (GDAL, the checks, times and places) in batches and are appended, their category keys
// counted and their prose packed (io/prose_codec), while the reader reads on. Batches go back to be
// refilled, their strings keeping their capacity. Rows arrive in the reader's order, so the store
// is what one thread would build. An error on the store's thread comes back to the reader at its
// next hand-over or at finish().
#pragma once

#include "prose_codec.hpp"

#include "core/event.hpp"
#include "core/event_store.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace qantar::loading {

class StoreWriter {
public:
    struct Row {
        Event event;
        std::string key;  // the category text, when the table comes from the data
    };

    StoreWriter(EventStore& out, StringPool& key_pool, std::vector<std::uint32_t>& keys,
                std::vector<std::size_t>& key_counts);
    ~StoreWriter() { stop(); }
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    // The row to fill next; commit() keeps it (a row that fails to read is simply not committed).
    Row& row() {
        if (used_ == kRows) hand_over();
        if (used_ == current_.size()) current_.emplace_back();
        return current_[used_];
    }
    void commit() { ++used_; }

    // Every row in the store, the prose packed.
    void finish();

    static constexpr std::size_t kRows = 2048, kBatches = 4;

private:
    using Batch = std::vector<Row>;

    Batch take_free();
    void hand_over();
    void stop();
    void run();

    EventStore& out_;
    StringPool& key_pool_;
    std::vector<std::uint32_t>& keys_;
    std::vector<std::size_t>& key_counts_;
    io::ProsePacker packer_;  // used by the worker, then by finish() after it has stopped
    Batch current_;
    std::size_t used_ = 0;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Batch> free_;
    std::deque<std::pair<Batch, std::size_t>> full_;
    std::exception_ptr error_;
    bool done_ = false;
    std::thread worker_;
};

}  // namespace qantar::loading
