// The store's side of a load on its own thread (store_writer.hpp).
#include "store_writer.hpp"

namespace qantar::loading {

StoreWriter::StoreWriter(EventStore& out, StringPool& key_pool, std::vector<std::uint32_t>& keys,
                         std::vector<std::size_t>& key_counts)
    : out_(out), key_pool_(key_pool), keys_(keys), key_counts_(key_counts), packer_(out) {
    free_.resize(kBatches);  // empty: rows are made as they are first needed (a small file makes few)
    current_ = take_free();
    worker_ = std::thread([this] { run(); });
}

void StoreWriter::finish() {
    hand_over();
    stop();
    if (error_) std::rethrow_exception(error_);
    packer_.finish();
}

StoreWriter::Batch StoreWriter::take_free() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !free_.empty() || error_; });
    if (error_) std::rethrow_exception(error_);
    Batch b = std::move(free_.front());
    free_.pop_front();
    return b;
}

void StoreWriter::hand_over() {
    {
        std::lock_guard lock(mutex_);
        full_.emplace_back(std::move(current_), used_);
    }
    cv_.notify_all();
    used_ = 0;
    current_ = take_free();
}

void StoreWriter::stop() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void StoreWriter::run() {
    while (true) {
        std::pair<Batch, std::size_t> b;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return done_ || !full_.empty(); });
            if (full_.empty() || error_) return;
            b = std::move(full_.front());
            full_.pop_front();
        }
        try {
            for (std::size_t i = 0; i < b.second; ++i) {
                out_.push_back(b.first[i].event);
                const std::uint32_t code = key_pool_.intern(b.first[i].key);
                if (code >= key_counts_.size()) key_counts_.push_back(0);
                ++key_counts_[code];
                keys_.push_back(code);
                packer_.poll();
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
        }
        {
            std::lock_guard lock(mutex_);
            free_.push_back(std::move(b.first));
        }
        cv_.notify_all();
    }
}

}  // namespace qantar::loading
