// Compressing the events' prose while they load (issue 11): zstd, with a dictionary trained on the
// first full chunk of notes (a note of ~250 characters alone compresses poorly; with a dictionary
// learnt from its neighbours, about 3x). `ProsePacker` compresses the store's full prose chunks on
// a worker thread while the reader goes on, and puts them back on the reader's thread.
#pragma once

#include "core/event_store.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace qantar::io {

// A codec trained on the texts of one batch (zstd level 1, a dictionary of up to 64 KiB). When the
// sample is too small to train on, the codec stores the text as it is.
std::shared_ptr<const TextCodec> train_prose_codec(const ProseBatch& sample);

class ProsePacker {
public:
    explicit ProsePacker(EventStore& store);
    ~ProsePacker();  // stops the worker; batches not installed are dropped with it
    ProsePacker(const ProsePacker&) = delete;
    ProsePacker& operator=(const ProsePacker&) = delete;

    // After each row: hands the full chunks to the worker, installs what it has packed. Waits
    // when more than a few are queued (their plain text is memory not yet saved).
    void poll();
    // At the end of the load: packs the rest (when anything was packed at all) and installs it.
    void finish();

private:
    void run();
    void install_done(bool wait_all);

    EventStore& store_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<ProseBatch> todo_, done_;
    std::shared_ptr<const TextCodec> codec_;
    std::size_t in_flight_ = 0;  // taken and not installed
    std::exception_ptr error_;
    bool stop_ = false, started_ = false;
    std::thread worker_;
};

}  // namespace qantar::io
