// The PNG sequence sink (png_sink.hpp). Pulls in libdeflate.
#include "png_sink.hpp"

#include "sink_util.hpp"
#include "io/atomic_file.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace qantar::video {

namespace fs = std::filesystem;

namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const noexcept { libdeflate_free_compressor(c); }
};

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

// Appends a chunk whose data is already at out[start + 8 ..]; fills in length and CRC.
void close_chunk(std::vector<std::uint8_t>& out, std::size_t start) {
    const auto length = static_cast<std::uint32_t>(out.size() - start - 8);
    out[start] = static_cast<std::uint8_t>(length >> 24);
    out[start + 1] = static_cast<std::uint8_t>(length >> 16);
    out[start + 2] = static_cast<std::uint8_t>(length >> 8);
    out[start + 3] = static_cast<std::uint8_t>(length);
    const auto crc = static_cast<std::uint32_t>(libdeflate_crc32(0, out.data() + start + 4, length + 4));
    put_u32(out, crc);
}

std::size_t open_chunk(std::vector<std::uint8_t>& out, const char type[4]) {
    const std::size_t start = out.size();
    put_u32(out, 0);
    out.insert(out.end(), type, type + 4);
    return start;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height, int level) {
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    const auto h = static_cast<std::size_t>(height);
    // Filter Up on every row: one subtraction per byte, and a flat map compresses to almost nothing.
    std::vector<std::uint8_t> filtered(h * (row + 1));
    for (std::size_t y = 0; y < h; ++y) {
        std::uint8_t* dst = filtered.data() + y * (row + 1);
        const std::uint8_t* cur = rgba + y * row;
        dst[0] = 2;
        if (y == 0) {
            std::memcpy(dst + 1, cur, row);
        } else {
            const std::uint8_t* prev = cur - row;
            for (std::size_t i = 0; i < row; ++i) dst[1 + i] = static_cast<std::uint8_t>(cur[i] - prev[i]);
        }
    }
    thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor;
    thread_local int compressor_level = -1;
    if (!compressor || compressor_level != level) {
        compressor.reset(libdeflate_alloc_compressor(level));
        compressor_level = level;
        if (!compressor) throw VideoError("PNG: cannot allocate a compressor");
    }

    std::vector<std::uint8_t> out;
    const std::size_t bound = libdeflate_zlib_compress_bound(compressor.get(), filtered.size());
    out.reserve(bound + 64);
    static const std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out.insert(out.end(), signature, signature + 8);
    std::size_t c = open_chunk(out, "IHDR");
    put_u32(out, static_cast<std::uint32_t>(width));
    put_u32(out, static_cast<std::uint32_t>(height));
    out.insert(out.end(), {8, 6, 0, 0, 0});  // 8 bits, RGBA, deflate, adaptive filters, no interlace
    close_chunk(out, c);
    c = open_chunk(out, "IDAT");
    const std::size_t data_at = out.size();
    out.resize(data_at + bound);
    const std::size_t n = libdeflate_zlib_compress(compressor.get(), filtered.data(), filtered.size(),
                                                   out.data() + data_at, bound);
    if (n == 0) throw VideoError("PNG: compression failed");
    out.resize(data_at + n);
    close_chunk(out, c);
    c = open_chunk(out, "IEND");
    close_chunk(out, c);
    return out;
}

std::string frame_file_name(std::int64_t index) {
    char name[40];
    std::snprintf(name, sizeof name, "frame_%05lld.png", static_cast<long long>(index + 1));
    return name;
}

PngSequenceSink::PngSequenceSink(std::string out, SinkOptions options)
    : out_(std::move(out)), options_(std::move(options)), queue_(options_.queue_frames) {
    final_ = detail::strip_slash(out_);
    tmp_ = detail::temporary_beside(out_, "");
    tmp_str_ = tmp_.string();
}

PngSequenceSink::~PngSequenceSink() {
    if (begun_ && !done_) abort();
}

void PngSequenceSink::begin(int width, int height, double fps) {
    if (begun_) throw VideoError(out_ + ": begin() called twice");
    if (width <= 0 || height <= 0 || !(fps > 0)) throw VideoError(out_ + ": bad frame size or rate");
    detail::check_parent_exists(out_);
    io::remove_stale_temporaries(detail::strip_slash(out_));  // what a killed run left
    std::error_code ec;
    if (fs::exists(final_, ec) && !(fs::is_directory(final_, ec) && fs::is_empty(final_, ec)))
        throw VideoError(out_ + ": exists and is not an empty directory (remove it or choose another)");
    fs::remove_all(tmp_, ec);
    if (!fs::create_directory(tmp_, ec) || ec)
        throw VideoError(out_ + ": cannot create " + tmp_.string() + ": " + ec.message());
    width_ = width;
    height_ = height;
    begun_ = true;
    int n = options_.png_threads;
    if (n <= 0) n = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    for (int i = 0; i < n; ++i) workers_.emplace_back([this] { worker(); });
}

void PngSequenceSink::fail(const std::string& message) {
    std::lock_guard lock(failure_mutex_);
    if (failure_.empty()) failure_ = message;
    failed_ = true;
}

void PngSequenceSink::worker() {
    while (auto item = queue_.pop()) {
        if (failed_) continue;
        try {
            const std::vector<std::uint8_t> png = encode_png(item->rgba.data(), width_, height_, options_.png_level);
            item->rgba = {};
            const fs::path path = tmp_ / frame_file_name(item->index);
            std::FILE* f = std::fopen(path.c_str(), "wb");
            if (!f) {
                fail("cannot write " + path.string() + ": " + std::strerror(errno));
                continue;
            }
            const bool ok = std::fwrite(png.data(), 1, png.size(), f) == png.size();
            if (std::fclose(f) != 0 || !ok) fail("cannot write " + path.string() + ": " + std::strerror(errno));
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }
}

void PngSequenceSink::push(std::vector<std::uint8_t> rgba, std::int64_t index) {
    if (!begun_ || done_) throw VideoError(out_ + ": push() outside begin()..finish()");
    if (rgba.size() != static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 4)
        throw VideoError(out_ + ": frame " + std::to_string(index) + " has the wrong size");
    if (failed_) {
        std::string why;
        {
            std::lock_guard lock(failure_mutex_);
            why = failure_;
        }
        abort();
        throw VideoError(out_ + ": " + why);
    }
    queue_.push(Item{std::move(rgba), index});
}

void PngSequenceSink::stop_workers() noexcept {
    for (std::thread& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void PngSequenceSink::finish() {
    if (!begun_ || done_) throw VideoError(out_ + ": finish() outside begin()..finish()");
    queue_.close();
    stop_workers();
    done_ = true;
    std::error_code ec;
    if (failed_) {
        fs::remove_all(tmp_, ec);
        throw VideoError(out_ + ": " + failure_);
    }
    if (fs::is_directory(final_, ec)) fs::remove(final_, ec);  // empty (checked in begin)
    fs::rename(tmp_, final_, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove_all(tmp_, ec);
        throw VideoError(out_ + ": cannot rename the finished directory into place: " + why);
    }
}

void PngSequenceSink::abort() noexcept {
    if (!begun_ || done_) return;
    done_ = true;
    queue_.clear_and_close();
    stop_workers();
    std::error_code ec;
    fs::remove_all(tmp_, ec);
}

}  // namespace qantar::video
