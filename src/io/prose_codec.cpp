// The zstd adapter (see prose_codec.hpp).
#include "prose_codec.hpp"

#include <zdict.h>
#include <zstd.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace qantar::io {

namespace {

constexpr int kLevel = 1;
constexpr std::size_t kDictBytes = 64 * 1024;
constexpr std::size_t kSampleBytes = 1 << 20;  // ~4,000 notes: enough to learn their words
constexpr std::size_t kMaxQueued = 3;

struct Contexts {
    ZSTD_CCtx* c = ZSTD_createCCtx();
    ZSTD_DCtx* d = ZSTD_createDCtx();
    ~Contexts() {
        ZSTD_freeCCtx(c);
        ZSTD_freeDCtx(d);
    }
};
Contexts& contexts() {
    thread_local Contexts ctx;
    return ctx;
}

class ZstdCodec final : public TextCodec {
public:
    explicit ZstdCodec(const std::string& dict)
        : cdict_(ZSTD_createCDict(dict.data(), dict.size(), kLevel)), ddict_(ZSTD_createDDict(dict.data(), dict.size())) {
        if (!cdict_ || !ddict_) throw std::runtime_error("zstd: cannot load the prose dictionary");
    }
    ~ZstdCodec() override {
        ZSTD_freeCDict(cdict_);
        ZSTD_freeDDict(ddict_);
    }
    void compress_append(std::string_view text, std::string& out) const override {
        const std::size_t at = out.size();
        out.resize(at + ZSTD_compressBound(text.size()));
        const std::size_t n =
            ZSTD_compress_usingCDict(contexts().c, out.data() + at, out.size() - at, text.data(), text.size(), cdict_);
        if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
        out.resize(at + n);
    }
    void decompress(std::string_view packed, std::string& out) const override {
        const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
            throw std::runtime_error("zstd: a packed text has no size");
        out.resize(size);
        const std::size_t n =
            ZSTD_decompress_usingDDict(contexts().d, out.data(), out.size(), packed.data(), packed.size(), ddict_);
        if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    }

private:
    ZSTD_CDict* cdict_;
    ZSTD_DDict* ddict_;
};

class PlainCodec final : public TextCodec {
public:
    void compress_append(std::string_view text, std::string& out) const override { out.append(text); }
    void decompress(std::string_view packed, std::string& out) const override { out.assign(packed); }
};

}  // namespace

std::shared_ptr<const TextCodec> train_prose_codec(const ProseBatch& sample) {
    std::vector<std::size_t> sizes;
    std::size_t bytes = 0;
    for (const TextArena::Ref& r : sample.refs) {
        if (bytes + r.size > kSampleBytes) break;
        sizes.push_back(r.size);
        bytes += r.size;
    }
    // The batch's texts lie one after another from offset 0: the first `bytes` are the samples.
    std::string dict(kDictBytes, '\0');
    const std::size_t n = sizes.size() < 100 ? 0
                          : ZDICT_trainFromBuffer(dict.data(), dict.size(), sample.text.data(), sizes.data(),
                                                  static_cast<unsigned>(sizes.size()));
    if (n == 0 || ZDICT_isError(n)) return std::make_shared<PlainCodec>();
    dict.resize(n);
    return std::make_shared<ZstdCodec>(dict);
}

ProsePacker::ProsePacker(EventStore& store) : store_(store) {}

ProsePacker::~ProsePacker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void ProsePacker::run() {
    while (true) {
        ProseBatch b;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stop_ || !todo_.empty(); });
            if (stop_ || todo_.empty()) return;
            b = std::move(todo_.front());
            todo_.pop_front();
        }
        try {
            std::shared_ptr<const TextCodec> codec;
            {
                std::lock_guard lock(mutex_);
                codec = codec_;
            }
            if (!codec) {
                codec = train_prose_codec(b);
                std::lock_guard lock(mutex_);
                codec_ = codec;
            }
            EventStore::pack(b, *codec);
            std::lock_guard lock(mutex_);
            done_.push_back(std::move(b));
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
            done_.push_back(ProseBatch{});  // wakes the reader, which rethrows
        }
        cv_.notify_all();
    }
}

void ProsePacker::install_done(bool wait_all) {
    std::unique_lock lock(mutex_);
    while (true) {
        if (error_) std::rethrow_exception(error_);
        while (!done_.empty()) {
            ProseBatch b = std::move(done_.front());
            done_.pop_front();
            --in_flight_;
            store_.install(std::move(b), codec_);
        }
        const bool wait = wait_all ? in_flight_ > 0 : in_flight_ > kMaxQueued;
        if (!wait) return;
        cv_.wait(lock, [&] { return !done_.empty(); });
    }
}

void ProsePacker::poll() {
    if (store_.has_full_prose()) {
        std::vector<ProseBatch> batches = store_.take_prose(false);
        {
            std::lock_guard lock(mutex_);
            for (ProseBatch& b : batches) todo_.push_back(std::move(b)), ++in_flight_;
            if (!started_) {
                started_ = true;
                worker_ = std::thread([this] { run(); });
            }
        }
        cv_.notify_all();
    }
    if (started_) install_done(false);
}

void ProsePacker::finish() {
    if (!started_) return;  // less prose than one chunk: it stays as it is
    std::vector<ProseBatch> batches = store_.take_prose(true);
    {
        std::lock_guard lock(mutex_);
        for (ProseBatch& b : batches) todo_.push_back(std::move(b)), ++in_flight_;
    }
    cv_.notify_all();
    install_done(true);
}

}  // namespace qantar::io
