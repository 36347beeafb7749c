// The PNG sequence sink and its encoder (png_sink.hpp). Pulls in zlib.
#include "png_sink.hpp"

#include "sink_util.hpp"
#include "io/atomic_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace qantar::video {

namespace fs = std::filesystem;

namespace {

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

std::size_t open_chunk(std::vector<std::uint8_t>& out, const char type[4]) {
    const std::size_t start = out.size();
    put_u32(out, 0);
    out.insert(out.end(), type, type + 4);
    return start;
}

// Fills in the length of the chunk opened at `start` and appends its CRC.
void close_chunk(std::vector<std::uint8_t>& out, std::size_t start) {
    const auto length = static_cast<std::uint32_t>(out.size() - start - 8);
    out[start] = static_cast<std::uint8_t>(length >> 24);
    out[start + 1] = static_cast<std::uint8_t>(length >> 16);
    out[start + 2] = static_cast<std::uint8_t>(length >> 8);
    out[start + 3] = static_cast<std::uint8_t>(length);
    put_u32(out, static_cast<std::uint32_t>(crc32(0, out.data() + start + 4, length + 4)));
}

// A raw deflate stream per thread, reset for every band.
struct Deflater {
    z_stream z{};
    int level = -1;
    ~Deflater() {
        if (level >= 0) deflateEnd(&z);
    }
    void reset(int want) {
        if (level != want) {
            if (level >= 0) deflateEnd(&z);
            z = z_stream{};
            level = -1;
            if (deflateInit2(&z, want, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
                throw VideoError("PNG: cannot start a zlib stream");
            level = want;
        } else if (deflateReset(&z) != Z_OK) {
            throw VideoError("PNG: cannot reset the zlib stream");
        }
    }
};

}  // namespace

// One band: its filtered bytes (the key), their deflate blocks (byte-aligned, not final: a sync
// flush ends them, so bands concatenate into one stream) and their Adler-32.
struct PngEncoder::Strip {
    std::vector<std::uint8_t> filtered, deflated;
    uLong adler = 0;
};

PngEncoder::PngEncoder(int width, int height, int level) : width_(width), height_(height), level_(level) {
    if (width <= 0 || height <= 0) throw VideoError("PNG: bad frame size");
    if (level < 1 || level > 9) throw VideoError("PNG: zlib level must be 1..9");
    last_.resize(static_cast<std::size_t>((height + kStripRows - 1) / kStripRows));
}

PngEncoder::~PngEncoder() = default;

std::vector<std::uint8_t> PngEncoder::encode(const std::uint8_t* rgba) {
    const std::size_t row = static_cast<std::size_t>(width_) * 4, line = row + 1;
    thread_local Deflater deflater;
    thread_local std::vector<std::uint8_t> filtered;  // one band, reused (no per-frame zeroing)
    filtered.resize(line * kStripRows);

    std::vector<std::shared_ptr<const Strip>> strips(last_.size());
    std::size_t deflated_bytes = 0;
    for (std::size_t k = 0; k < last_.size(); ++k) {
        const std::size_t y0 = k * kStripRows, y1 = std::min<std::size_t>(y0 + kStripRows, static_cast<std::size_t>(height_));
        // Filter Up on every row: one subtraction per byte, and a flat map compresses to almost nothing.
        for (std::size_t y = y0; y < y1; ++y) {
            std::uint8_t* dst = filtered.data() + (y - y0) * line;
            const std::uint8_t* cur = rgba + y * row;
            dst[0] = 2;
            if (y == 0) {
                std::memcpy(dst + 1, cur, row);
            } else {
                const std::uint8_t* prev = cur - row;
                for (std::size_t i = 0; i < row; ++i) dst[1 + i] = static_cast<std::uint8_t>(cur[i] - prev[i]);
            }
        }
        const std::size_t n = (y1 - y0) * line;
        std::shared_ptr<const Strip> last;
        {
            std::lock_guard lock(mutex_);
            last = last_[k];
        }
        if (last && last->filtered.size() == n && std::memcmp(last->filtered.data(), filtered.data(), n) == 0) {
            strips[k] = std::move(last);
            ++reused_;
        } else {
            auto s = std::make_shared<Strip>();
            s->filtered.assign(filtered.begin(), filtered.begin() + static_cast<std::ptrdiff_t>(n));
            s->adler = adler32(adler32(0, nullptr, 0), filtered.data(), static_cast<uInt>(n));
            deflater.reset(level_);
            z_stream& z = deflater.z;
            s->deflated.resize(deflateBound(&z, static_cast<uLong>(n)) + 16);
            z.next_in = filtered.data();
            z.avail_in = static_cast<uInt>(n);
            z.next_out = s->deflated.data();
            z.avail_out = static_cast<uInt>(s->deflated.size());
            // A sync flush ends the band on a byte boundary with an empty stored block; more room
            // is given until zlib has written all of it (avail_out left over).
            while (true) {
                if (deflate(&z, Z_SYNC_FLUSH) == Z_STREAM_ERROR) throw VideoError("PNG: compression failed");
                if (z.avail_in == 0 && z.avail_out > 0) break;
                const std::size_t used = s->deflated.size() - z.avail_out;
                s->deflated.resize(s->deflated.size() * 2);
                z.next_out = s->deflated.data() + used;
                z.avail_out = static_cast<uInt>(s->deflated.size() - used);
            }
            s->deflated.resize(s->deflated.size() - z.avail_out);
            {
                std::lock_guard lock(mutex_);
                last_[k] = s;
            }
            strips[k] = std::move(s);
            ++encoded_;
        }
        deflated_bytes += strips[k]->deflated.size();
    }

    std::vector<std::uint8_t> out;
    out.reserve(deflated_bytes + 64);
    static const std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out.insert(out.end(), signature, signature + 8);
    std::size_t c = open_chunk(out, "IHDR");
    put_u32(out, static_cast<std::uint32_t>(width_));
    put_u32(out, static_cast<std::uint32_t>(height_));
    out.insert(out.end(), {8, 6, 0, 0, 0});  // 8 bits, RGBA, deflate, adaptive filters, no interlace
    close_chunk(out, c);
    c = open_chunk(out, "IDAT");
    out.insert(out.end(), {0x78, 0x01});  // zlib header: deflate, 32 KiB window, fastest
    uLong adler = adler32(0, nullptr, 0);
    for (const auto& s : strips) {
        out.insert(out.end(), s->deflated.begin(), s->deflated.end());
        adler = adler32_combine(adler, s->adler, static_cast<z_off_t>(s->filtered.size()));
    }
    out.insert(out.end(), {0x03, 0x00});  // an empty final block (fixed codes): the stream ends
    put_u32(out, static_cast<std::uint32_t>(adler));
    close_chunk(out, c);
    c = open_chunk(out, "IEND");
    close_chunk(out, c);
    return out;
}

std::vector<std::uint8_t> encode_png(const std::uint8_t* rgba, int width, int height, int level) {
    PngEncoder encoder(width, height, level);
    return encoder.encode(rgba);
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
    encoder_ = std::make_unique<PngEncoder>(width, height, options_.png_level);
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
            const std::vector<std::uint8_t> png = encoder_->encode(item->rgba.data());
            spare_.give(std::move(item->rgba));
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
