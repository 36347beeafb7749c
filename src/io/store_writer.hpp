// The store's side of a load (io/load_events.cpp), on the loading thread: rows come from the
// readers (GDAL, the checks, times and places, on threads of their own) in batches, in the file's
// order, and are appended here, their category keys counted and their prose packed
// (io/prose_codec) on the packer's thread. The store stays on the loading thread so that its
// memory comes from one malloc arena (app/process_memory.cpp): a store built on a second thread
// left ~135 MB more at the peak of a 1M-row load.
#pragma once

#include "prose_codec.hpp"

#include "core/event.hpp"
#include "core/event_store.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qantar::loading {

class StoreWriter {
public:
    struct Row {
        Event event;
        std::string key;  // the category text, when the table comes from the data
    };
    using Batch = std::vector<Row>;
    static constexpr std::size_t kRows = 2048;  // rows a reader fills before it hands them over

    StoreWriter(EventStore& out, StringPool& key_pool, std::vector<std::uint32_t>& keys,
                std::vector<std::size_t>& key_counts)
        : out_(out), key_pool_(key_pool), keys_(keys), key_counts_(key_counts), packer_(out) {}

    // The first `used` rows of `batch`, appended in order.
    void write(const Batch& batch, std::size_t used);
    // The prose packed (after the last write).
    void finish() { packer_.finish(); }

private:
    EventStore& out_;
    StringPool& key_pool_;
    std::vector<std::uint32_t>& keys_;
    std::vector<std::size_t>& key_counts_;
    io::ProsePacker packer_;
};

}  // namespace qantar::loading
