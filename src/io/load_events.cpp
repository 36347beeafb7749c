// The events layer: its rows read (event_row.hpp) on reader threads, in pieces for a large CSV
// file (csv_split.hpp), into the store on the loading thread (store_writer.hpp); the category
// table from the data when the story brings none.
#include "load_layers.hpp"

#include "csv_split.hpp"
#include "event_row.hpp"
#include "pg_source.hpp"
#include "store_writer.hpp"

#include "core/categories.hpp"
#include "core/error.hpp"
#include "core/place.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <future>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

namespace qantar::loading {

using Reader = gdal::LayerReader;

namespace {

// A CSV file large enough to read on several threads: its pieces (io/csv_split.hpp) and how many
// threads. No pieces: read it in one go. QANTAR_CSV_THREADS sets the threads (1: one go) and
// QANTAR_CSV_PIECE_BYTES the pieces' size (tests and benchmarks).
struct PiecePlan {
    std::vector<io::CsvPiece> pieces;
    unsigned threads = 1;
};

PiecePlan plan_pieces(const Reader& r, const std::string& path) {
    PiecePlan plan;
    const char* threads_env = std::getenv("QANTAR_CSV_THREADS");
    const char* piece_env = std::getenv("QANTAR_CSV_PIECE_BYTES");
    unsigned threads = std::thread::hardware_concurrency();
    if (threads_env && *threads_env) threads = static_cast<unsigned>(std::strtoul(threads_env, nullptr, 10));
    threads = std::min(threads, 16u);
    if (threads < 2 || !r.csv_splittable() || !iends_with(path, ".csv")) return plan;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return plan;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return plan;
    // Small pieces (~450 ACLED rows): a reader a piece ahead of the one in turn waits for it once
    // its batch is full (RowReading::kAhead), so large pieces would leave it waiting, and a batch
    // holds no more rows than a piece, so small pieces hold less memory. 1M-row CSV, 2 cores:
    // pieces of 2 MB 9.0-9.1 s, 435 MB; 1 MB 8.5-9.0 s, 432-436 MB; 512 KB 7.9-8.7 s, 417-427 MB;
    // 256 KB 8.0-8.5 s, 411 MB.
    std::uint64_t piece = std::uint64_t{256} << 10;
    if (piece_env && *piece_env) piece = std::strtoull(piece_env, nullptr, 10);
    else if (size < (std::uint64_t{8} << 20)) return plan;  // small: one go is as fast
    try {
        plan.pieces = io::split_csv(path, piece);
    } catch (const std::runtime_error&) {
        plan.pieces.clear();  // read in one go, which names what is wrong
    }
    if (plan.pieces.size() < 2) plan.pieces.clear();
    plan.threads = static_cast<unsigned>(std::min<std::size_t>(threads, plan.pieces.size()));
    return plan;
}

// The rows read on threads of their own while this thread puts them in the store, in the file's
// order. One reader reads the whole layer; or, for a large CSV file, several readers read its
// pieces, one piece each at a time. A piece's batches wait their turn (one per reader ahead of the
// piece in turn, so memory stays flat), and so do its skipped rows and its first error: the store,
// the skipped rows and the error are what one reader would give. The store stays on this thread,
// and each reader's short-lived memory in a malloc arena of its own (store_writer.hpp).
class RowReading {
public:
    using Batch = StoreWriter::Batch;

    RowReading(Reader& whole, const std::string& file, const PiecePlan& plan, const EventColumns& c,
               const LoadOptions& options, const Dataset& data, const ZoneRules* zone, StoreWriter& writer)
        : whole_(whole), file_(file), plan_(plan), c_(c), options_(options), data_(data), zone_(zone),
          writer_(writer), outs_(plan.pieces.empty() ? 1 : plan.pieces.size()),
          readers_(plan.pieces.empty() ? 1 : plan.threads), worker_times_(readers_) {
        // Enough batches that the piece in turn always finds one: those waiting ahead, one being
        // filled per reader, two with this thread.
        free_.resize(kAhead * (readers_ - 1) + readers_ + 2);
        if (!zone) zone_points_ = zone_points(data);
    }

    ~RowReading() { stop(); }

    // False when a file read in pieces must be read again in one go: rows whose time formats do
    // not go together (the message names the first row of the whole file), or a piece that does
    // not open with the header's columns.
    bool run(std::vector<Skipped>& skipped, EventTimes& times, TimeFormats& formats) {
        for (unsigned t = 0; t < readers_; ++t) threads_.emplace_back([this, t] { work(t); });
        for (std::size_t k = 0; k < outs_.size(); ++k) {
            Out& o = outs_[k];
            while (true) {
                std::unique_lock lock(mutex_);
                cv_.wait(lock, [&] { return !o.batches.empty() || o.done; });
                if (o.batches.empty()) break;
                auto [batch, used] = std::move(o.batches.front());
                o.batches.pop_front();
                lock.unlock();
                writer_.write(batch, used);
                lock.lock();
                free_.push_back(std::move(batch));
                lock.unlock();
                cv_.notify_all();
            }
            if (o.again) return false;
            if (o.formats.first != TimeFormat::Unknown) {
                if (formats.first == TimeFormat::Unknown) {
                    formats.first = o.formats.first;
                    formats.first_where = o.formats.first_where;
                } else if (!time_formats_compatible(formats.first, o.formats.first)) {
                    return false;
                }
            }
            for (TimeFormat f : o.formats.seen)
                if (std::find(formats.seen.begin(), formats.seen.end(), f) == formats.seen.end())
                    formats.seen.push_back(f);
            skipped.insert(skipped.end(), o.skipped.begin(), o.skipped.end());
            if (o.error) std::rethrow_exception(o.error);
            {
                std::lock_guard lock(mutex_);
                head_ = k + 1;
                if (head_ < outs_.size()) ahead_ -= outs_[head_].batches.size();
            }
            cv_.notify_all();
        }
        stop();
        for (const EventTimes& w : worker_times_) {
            times.local += w.local;
            times.read_as_utc += w.read_as_utc;
            for (const auto& [name, n] : w.zones) times.zones[name] += n;
        }
        return true;
    }

private:
    // Batches a reader not in turn may have waiting (1M-row CSV, 2 cores, 1 MB pieces: 4 batches
    // 9.2-10.0 s, 448-454 MB; 2: 8.9-9.2 s, 437-439 MB; 1: 8.5-9.0 s, 432-436 MB).
    static constexpr std::size_t kAhead = 1;

    struct Out {
        std::deque<std::pair<Batch, std::size_t>> batches;  // full, waiting their turn
        std::vector<Skipped> skipped;
        std::exception_ptr error;  // the piece's first error (its rows before it are in batches)
        bool done = false, again = false;
        TimeFormats formats;
    };

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        cv_.notify_all();
        for (std::thread& t : threads_)
            if (t.joinable()) t.join();
    }

    // An empty batch to fill (waits until this thread has written one); none when reading stops.
    std::optional<Batch> take_batch() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || !free_.empty(); });
        if (stopping_) return std::nullopt;
        Batch b = std::move(free_.front());
        free_.pop_front();
        return b;
    }

    // Queues a full batch of piece k; false when reading stops.
    bool deliver(std::size_t k, Batch&& batch, std::size_t used) {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || k == head_ || ahead_ < kAhead * (readers_ - 1); });
        if (stopping_) return false;
        outs_[k].batches.emplace_back(std::move(batch), used);
        if (k != head_) ++ahead_;
        lock.unlock();
        cv_.notify_all();
        return true;
    }

    void work(unsigned t) {
        RowContext tc(data_);
        tc.fallback = zone_;
        tc.zone_points = zone_points_;
        tc.times = &worker_times_[t];
        while (true) {
            const std::size_t k = next_++;
            if (k >= outs_.size()) return;
            Out& o = outs_[k];
            tc.formats = {};
            tc.mixed = false;
            bool go_on = true;
            try {
                if (plan_.pieces.empty()) {
                    read_rows(k, whole_, tc, o, go_on);
                } else {
                    std::optional<Reader> r;
                    const io::CsvPiece& p = plan_.pieces[k];
                    try {
                        r.emplace(whole_, file_, p.offset, p.length, p.rows_before);
                    } catch (const InputError&) {
                        o.again = true;  // a piece GDAL does not read with the header's columns: one go
                    }
                    if (r) read_rows(k, *r, tc, o, go_on);
                }
            } catch (...) {
                o.error = std::current_exception();
            }
            o.formats = std::move(tc.formats);
            o.again = o.again || (tc.mixed && !plan_.pieces.empty());
            {
                std::lock_guard lock(mutex_);
                o.done = true;
            }
            cv_.notify_all();
            if (!go_on || o.error || o.again) return;
        }
    }

    void read_rows(std::size_t k, Reader& r, RowContext& tc, Out& o, bool& go_on) {
        std::optional<Batch> batch = take_batch();
        if (!batch) {
            go_on = false;
            return;
        }
        std::size_t used = 0;
        while (true) {
            try {
                if (!r.next()) break;
                if (used == batch->size()) batch->emplace_back();
                StoreWriter::Row& row = (*batch)[used];
                read_event(r, c_, options_, data_, tc, row.key, row.event);
                ++used;
            } catch (const InputError& e) {
                // A piece stops at mixed time formats: the file is read again in one go.
                if (!options_.skip_invalid || (tc.mixed && !plan_.pieces.empty())) throw;
                std::string reason = e.what();
                if (reason.rfind(e.file() + ": ", 0) == 0) reason.erase(0, e.file().size() + 2);
                o.skipped.push_back({e.file(), e.where(), e.field(), reason});
            }
            if (used == StoreWriter::kRows) {
                if (!deliver(k, std::move(*batch), used) || !(batch = take_batch())) {
                    go_on = false;
                    return;
                }
                used = 0;
            }
        }
        if (used > 0 && !deliver(k, std::move(*batch), used)) go_on = false;
        else if (used == 0) give_back(std::move(*batch));
    }

    void give_back(Batch&& b) {
        {
            std::lock_guard lock(mutex_);
            free_.push_back(std::move(b));
        }
        cv_.notify_all();
    }

    Reader& whole_;
    const std::string& file_;
    const PiecePlan& plan_;
    const EventColumns& c_;
    const LoadOptions& options_;
    const Dataset& data_;
    const ZoneRules* zone_;
    StoreWriter& writer_;
    std::vector<ZonePoint> zone_points_;
    std::vector<Out> outs_;
    unsigned readers_;
    std::vector<EventTimes> worker_times_;
    std::vector<std::thread> threads_;
    std::atomic<std::size_t> next_{0};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Batch> free_;  // batches to fill
    std::size_t head_ = 0;    // the piece whose rows go to the store now
    std::size_t ahead_ = 0;   // batches waiting in pieces after it
    bool stopping_ = false;
};

}  // namespace

void load_events(const LoadOptions& options, const Dataset& data, const std::string& path,
                 EventStore& out, std::vector<Skipped>& skipped, std::vector<CategoryDef>& categories,
                 std::string& category_field, const ZoneRules* zone, io::ConnectionAhead* ahead, EventTimes& times) {
    Reader r(path, gdal::LayerSelect{options.events_layer, options.events_sql, options.statement_timeout_s});
    if (!options.filter.empty()) r.set_attribute_filter(options.filter);
    const EventColumns c = event_columns(r, options);
    times = {};
    times.pushed_down.where = io::push_down(r, options, c.time, c.end);  // databases: only the window's rows travel
    if (!times.pushed_down.where.empty() && r.field_is_date(c.time)) {
        // A date's day is the same in every zone: the server counts while the rows travel.
        const int field = c.category >= 0 ? c.category : c.event_type;
        times.pushed_down.days = std::async(std::launch::async, [options, ahead, column = r.field_name(c.time),
                                                                 category = field >= 0 ? r.field_name(field) : ""] {
                                     return io::server_day_counts(options, ahead, column, category, FixedOffsetZone(0));
                                 }).share();
    }
    // Each event's category text, when the table comes from the data: its code among the distinct
    // values (first seen first), and how many events carry each.
    StringPool key_pool;
    std::vector<std::uint32_t> keys;
    std::vector<std::size_t> key_counts{0};
    TimeFormats formats;
    times.field = r.field_name(c.time);
    const PiecePlan plan = plan_pieces(r, path);
    bool read = false;
    if (!plan.pieces.empty()) {
        const std::size_t skipped_before = skipped.size();
        {
            out.reserve(static_cast<std::size_t>(plan.pieces.back().rows_before + plan.pieces.back().rows));
            StoreWriter writer(out, key_pool, keys, key_counts);
            RowReading reading(r, path, plan, c, options, data, zone, writer);
            read = reading.run(skipped, times, formats);
            if (read) writer.finish();
        }
        if (!read) {  // again in one go
            out.clear();
            key_pool = StringPool();
            keys.clear();
            key_counts.assign(1, 0);
            skipped.resize(skipped_before);
            formats = {};
            times.local = times.read_as_utc = 0;
            times.zones.clear();
        }
    }
    if (!read) {
        const PiecePlan one_go;  // (RowReading keeps a reference)
        StoreWriter writer(out, key_pool, keys, key_counts);
        RowReading reading(r, path, one_go, c, options, data, zone, writer);
        reading.run(skipped, times, formats);
        writer.finish();
    }
    for (TimeFormat f : formats.seen)
        times.format += (times.format.empty() ? "" : "+") + std::string(time_format_name(f));
    if (out.empty() && skipped.empty()) throw InputError(path, "", "", "the layer has no features");
    if (out.empty())
        throw InputError(path, "", "", "no valid events (" + std::to_string(skipped.size()) +
                                           " invalid); the first: " + skipped.front().reason);
    const int field = c.category >= 0 ? c.category : c.event_type;
    category_field = field >= 0 ? r.field_name(field) : std::string();
    if (!options.categories.empty()) {
        categories = options.categories;
        return;
    }
    const bool any = c.category >= 0 || c.event_type >= 0;
    if (!any) {
        categories = {single_category()};
        for (std::size_t i = 0; i < out.size(); ++i) out.set_category(i, 0);
        return;
    }
    constexpr std::size_t kTopValues = 7;  // then "Other": one colour each from the palette
    // The pool's code 0 is "": the values in order of first appearance, "" where it came.
    std::vector<std::string> distinct;
    std::vector<std::size_t> counts;
    std::vector<std::uint32_t> slot(key_pool.size());
    std::vector<bool> seen(key_pool.size(), false);
    for (std::uint32_t k : keys)
        if (!seen[k]) {
            seen[k] = true;
            slot[k] = static_cast<std::uint32_t>(distinct.size());
            distinct.emplace_back(key_pool.at(k));
            counts.push_back(key_counts[k]);
        }
    std::vector<int> index;
    categories = categories_from_distinct(distinct, counts, c.category < 0, kTopValues, index);
    for (std::size_t i = 0; i < out.size(); ++i) out.set_category(i, index[slot[keys[i]]]);
}

}  // namespace qantar::loading
