// The events layer, read through the GDAL adapter (field_readers.hpp): ACLED's columns and qantar's,
// a category from either, the place (core/place.hpp) and the local times.
#include "load_layers.hpp"

#include "field_readers.hpp"
#include "pg_source.hpp"
#include "store_writer.hpp"

#include "core/categories.hpp"
#include "core/error.hpp"
#include "core/place.hpp"
#include "core/text.hpp"

#include "csv_split.hpp"

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

using namespace qantar::gdal;
using Reader = gdal::LayerReader;

namespace {

struct StringField {
    const char* name;
    std::string Event::*member;
};
constexpr StringField kEventStrings[] = {
    {"event_id_cnty", &Event::event_id_cnty}, {"event_date", &Event::event_date},
    {"disorder_type", &Event::disorder_type}, {"event_type", &Event::event_type},
    {"sub_event_type", &Event::sub_event_type}, {"actor1", &Event::actor1},
    {"assoc_actor_1", &Event::assoc_actor_1}, {"inter1", &Event::inter1},
    {"actor2", &Event::actor2}, {"assoc_actor_2", &Event::assoc_actor_2},
    {"inter2", &Event::inter2}, {"interaction", &Event::interaction},
    {"civilian_targeting", &Event::civilian_targeting}, {"iso", &Event::iso},
    {"region", &Event::acled_region}, {"country", &Event::country},
    {"admin1", &Event::admin1}, {"admin2", &Event::admin2},
    {"admin3", &Event::admin3}, {"location", &Event::location},
    {"source", &Event::source}, {"source_scale", &Event::source_scale},
    {"notes", &Event::notes}, {"tags", &Event::tags},
    {"timestamp", &Event::timestamp}, {"hour_precision", &Event::hour_precision},
    {"city_id", &Event::city_id}, {"source_keys", &Event::source_keys},
    {"disputed_note", &Event::disputed_note}, {"origin_name", &Event::origin_name},
    {"movement", &Event::movement},
};

constexpr std::size_t kCityIdField = 26;
static_assert(std::string_view(kEventStrings[kCityIdField].name) == "city_id");

struct CountFieldE {
    const char* name;
    Count Event::*member;
};
constexpr CountFieldE kEventCounts[] = {
    {"fatalities", &Event::fatalities},       {"participants", &Event::participants},
    {"injured", &Event::injured},             {"detained", &Event::detained},
    {"vehicles_burned", &Event::vehicles_burned}, {"buildings_burned", &Event::buildings_burned},
};

// Field indices of an events layer, looked up once.
struct EventColumns {
    int strings[std::size(kEventStrings)];
    int counts[std::size(kEventCounts)];
    int time = -1, end = -1, category = -1, event_type = -1, time_precision = -1, geo_precision = -1, disputed = -1;
    int origin_lat = -1, origin_lon = -1, id_alt = -1;
    int size_by = -1;  // --size-by
    PointColumns point;
    std::vector<int> extra;  // columns qantar does not model
    std::vector<std::string> extra_names;
};

// The names a start-time column goes by, in the order they win (ASCII case ignored). ACLED files
// have both event_date (the day of the event) and timestamp (when the row was uploaded): event_date
// comes first. `time` comes before `timestamp` for the same reason.
constexpr std::string_view kTimeFieldNames[] = {
    "start_time", "event_date", "date", "datetime", "date_time", "start_date", "event_time", "time",
    "timestamp", "start", "begin", "occurred_at", "occurred", "time_utc", "created_at",
};

// The columns a user could name with --time-field: those whose first non-empty value reads as a
// time, else every column. Opens the file again (the error path only).
std::string time_field_candidates(const std::string& path, const LoadOptions& opt) {
    Reader r(path, gdal::LayerSelect{opt.events_layer, opt.events_sql, opt.statement_timeout_s});
    const int n = r.field_count();
    std::vector<bool> seen(static_cast<std::size_t>(n), false), timelike(static_cast<std::size_t>(n), false);
    for (int row = 0; row < 20 && r.next(); ++row)
        for (int i = 0; i < n; ++i) {
            if (seen[i]) continue;
            const std::string v = trim(r.text(i));
            if (v.empty()) continue;
            seen[i] = true;
            // A bare small number (a count, a year) is no candidate; epoch values are long.
            const TimeFormat f = classify_time(v);
            timelike[i] = f != TimeFormat::Unknown && !(f == TimeFormat::EpochS && v.size() < 9);
        }
    std::string timed, all;
    for (int i = 0; i < n; ++i) {
        const std::string name = r.field_name(i);
        all += (all.empty() ? "" : ", ") + name;
        if (timelike[i]) timed += (timed.empty() ? "" : ", ") + name;
    }
    if (!timed.empty()) return "columns that hold times: " + timed;
    return "columns: " + (all.empty() ? std::string("none") : all);
}

// The start (and end) columns: the ones named by --time-field/--end-field, else the usual names.
void time_columns(const Reader& r, const LoadOptions& opt, EventColumns& c) {
    if (!opt.time_field.empty()) {
        c.time = r.field_index(opt.time_field);
        if (c.time < 0)
            throw InputError(r.path(), "", opt.time_field, "missing required field (given by --time-field)");
    } else {
        for (std::string_view name : kTimeFieldNames)
            if ((c.time = r.field_index(name)) >= 0) break;
        if (c.time < 0)
            throw InputError(r.path(), "", "start_time",
                             "no time field (none named start_time, event_date, date, datetime, time, timestamp, ...); "
                             "name one with --time-field; " + time_field_candidates(r.path(), opt));
    }
    if (!opt.end_field.empty()) {
        c.end = r.field_index(opt.end_field);
        if (c.end < 0) throw InputError(r.path(), "", opt.end_field, "missing required field (given by --end-field)");
    } else {
        c.end = r.field_index_any({"end_time", "end_date", "end"});
    }
}

// Every column qantar does not model, kept for export.
std::vector<int> extra_columns(const Reader& r, const EventColumns& c) {
    std::vector<bool> known(static_cast<std::size_t>(r.field_count()), false);
    for (int i : c.strings) if (i >= 0) known[i] = true;
    for (int i : c.counts) if (i >= 0) known[i] = true;
    for (int i : {c.time, c.end, c.category, c.event_type, c.time_precision, c.geo_precision, c.disputed, c.origin_lat,
                  c.origin_lon, c.point.lon, c.point.lat})
        if (i >= 0) known[i] = true;
    std::vector<int> extra;
    for (int i = 0; i < r.field_count(); ++i)
        if (!known[i]) extra.push_back(i);
    return extra;
}

EventColumns event_columns(const Reader& r, const LoadOptions& opt) {
    EventColumns c;
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k) c.strings[k] = r.field_index(kEventStrings[k].name);
    for (std::size_t k = 0; k < std::size(kEventCounts); ++k) c.counts[k] = r.field_index(kEventCounts[k].name);
    time_columns(r, opt, c);
    c.event_type = r.field_index("event_type");
    if (!opt.categories.empty()) {  // the story's table: its column must be there
        const std::string name = opt.category_field.empty() ? "category" : opt.category_field;
        c.category = r.field_index(name);
        if (c.category < 0) throw InputError(r.path(), "", name, "missing required field (the story's category field)");
    } else if (!opt.color_by.empty()) {
        c.category = r.field_index(opt.color_by);
        if (c.category < 0) {
            std::string names;
            for (int i = 0; i < r.field_count(); ++i) names += (i ? ", " : "") + r.field_name(i);
            throw InputError(r.path(), "", opt.color_by, "no such field (given by --color-by; the fields are " + names + ")");
        }
    } else if (c.event_type < 0) {
        c.category = r.field_index("category");
    }
    c.time_precision = r.field_index("time_precision");
    c.geo_precision = r.field_index("geo_precision");
    c.disputed = r.field_index("disputed");
    c.origin_lat = r.field_index("origin_latitude");
    c.origin_lon = r.field_index("origin_longitude");
    c.id_alt = r.field_index_any({"event_id", "data_id", "id", "event_id_no_cnty"});
    c.point = point_columns(r);
    if (!opt.size_by.empty()) {
        c.size_by = r.field_index(opt.size_by);
        if (c.size_by < 0) throw InputError(r.path(), "", opt.size_by, "missing field (given by --size-by)");
    }
    const bool has_city = c.strings[kCityIdField] >= 0;  // city_id
    if (!r.layer_may_have_points() && (c.point.lon < 0 || c.point.lat < 0) && !has_city)
        throw InputError(r.path(), "", "latitude",
                         "missing required field (latitude and longitude, a point geometry, or city_id)");
    c.extra = extra_columns(r, c);
    for (int i : c.extra) c.extra_names.push_back(r.field_name(i));
    return c;
}

int read_int(const Reader& r, int field) {
    const Count v = read_count(r, field);
    return v ? static_cast<int>(std::min<std::int64_t>(*v, 1000000)) : 0;
}

// The attributes as written: ACLED's and qantar's text and counts, the id, the category (an index
// into the story's table; without one, its text goes to `key` and load_events builds the table).
void read_attributes(const Reader& r, const EventColumns& c, const LoadOptions& opt, Event& e, std::string& key) {
    for (std::size_t k = 0; k < std::size(kEventStrings); ++k)
        if (c.strings[k] >= 0) r.text_into(c.strings[k], e.*(kEventStrings[k].member));
    e.city_id = trim(e.city_id);
    e.event_id_cnty = trim(e.event_id_cnty);
    if (e.event_id_cnty.empty()) e.event_id_cnty = trim(r.text(c.id_alt));
    if (e.event_id_cnty.empty())
        e.event_id_cnty = (r.is_database() ? std::string("row") : std::filesystem::path(r.path()).stem().string()) +
                          "-" + std::to_string(r.ordinal());
    for (std::size_t k = 0; k < std::size(kEventCounts); ++k)
        if (c.counts[k] >= 0) e.*(kEventCounts[k].member) = read_count(r, c.counts[k]);
    e.time_precision = read_int(r, c.time_precision);
    e.geo_precision = read_int(r, c.geo_precision);
    if (c.disputed >= 0) e.disputed = read_bool(r, c.disputed);

    if (opt.categories.empty()) {
        key = c.category >= 0 ? trim(r.text(c.category)) : c.event_type >= 0 ? trim(e.event_type) : std::string();
        return;
    }
    const std::string cat = trim(r.text(c.category));
    if (cat.empty()) fail(r, c.category, "no category");
    const int k = find_category(opt.categories, cat);
    if (k < 0) {
        std::string ids;
        for (std::size_t i = 0; i < opt.categories.size(); ++i)
            ids += (i == 0 ? "" : i + 1 == opt.categories.size() ? " or " : ", ") + opt.categories[i].id;
        fail(r, c.category, "unknown category '" + cat + "' (expected " + ids + ")");
    }
    e.category = k;
}

// Place: the city, then the coordinates (or the city's), then the region.
void read_place(const Reader& r, const EventColumns& c, const Dataset& data, const RegionLocator& regions, Event& e) {
    if (!e.city_id.empty()) {
        e.city_index = city_by_id(data, e.city_id);
        if (e.city_index < 0)
            fail(r, c.strings[kCityIdField], "unknown city '" + e.city_id + "' (not in the cities file)");
    }
    if (!read_point(r, c.point, e.lon_deg, e.lat_deg)) {
        if (e.city_index < 0) throw InputError(r.path(), r.where(), c.point.lat_name, "no coordinates and no city_id");
        e.lon_deg = data.cities[e.city_index].lon_deg;
        e.lat_deg = data.cities[e.city_index].lat_deg;
    }
    resolve_event_place(data, e, &regions);
}

// The time formats of a column's rows: the first row's (which the others must go with) and every
// one met, in order.
struct TimeFormats {
    TimeFormat first = TimeFormat::Unknown;
    std::string first_where;
    std::vector<TimeFormat> seen;
};

// What reading a row needs beyond the row: the regions (indexed once), the zones times without an
// offset are read in, and what the rows' time formats were.
struct RowContext {
    explicit RowContext(const Dataset& data) : regions(data.regions) {}
    RegionLocator regions;                // the region under an event no city or admin1 placed
    const ZoneRules* fallback = nullptr;  // --tz or the story's zone
    std::vector<ZonePoint> zone_points;   // regions with a zone, for the nearest one
    FixedOffsetZone utc{0};
    TimeFormats formats;
    EventTimes* times = nullptr;
    bool mixed = false;            // a row's time format did not go with the first's
};

// Time: start in the place's zone when the text has no offset; a day alone lasts the whole day.
// The forms of one column must agree (time_formats_compatible); the first row that differs fails.
void read_times(const Reader& r, const EventColumns& c, const Dataset& data, RowContext& tc, Event& e) {
    const ZoneRules* zone = event_zone(data, e, tc.fallback);
    if (!zone) zone = nearest_zone(tc.zone_points, e.lon_deg, e.lat_deg);
    const bool no_zone = zone == nullptr;
    if (no_zone) zone = &tc.utc;
    else ++tc.times->zones[zone->name()];
    const std::string start_text = trim(r.text(c.time));
    if (start_text.empty()) fail(r, c.time, "no date");
    const auto start = parse_event_time(start_text, *zone);
    if (!start)
        fail(r, c.time, "'" + abbreviate(start_text) +
                            "' is not a time (expected 2019-03-05T01:30+01:00, 2019-03-05 13:00:00, 2019-03-05, "
                            "05 March 2019, or epoch seconds or milliseconds)");
    TimeFormats& formats = tc.formats;
    if (formats.first == TimeFormat::Unknown) {
        formats.first = start->format;
        formats.first_where = r.where();
    } else if (!time_formats_compatible(formats.first, start->format)) {
        tc.mixed = true;
        fail(r, c.time, "mixed time formats: '" + abbreviate(start_text) + "' is " +
                            std::string(time_format_name(start->format)) + " but " + formats.first_where + " is " +
                            std::string(time_format_name(formats.first)));
    }
    if (std::find(formats.seen.begin(), formats.seen.end(), start->format) == formats.seen.end())
        formats.seen.push_back(start->format);
    const bool local = start->format != TimeFormat::Iso8601 && start->format != TimeFormat::EpochS &&
                       start->format != TimeFormat::EpochMs;
    if (local) {
        ++tc.times->local;
        if (no_zone) ++tc.times->read_as_utc;
    }
    e.start = start->time;
    e.local_time = local;
    // A database's timestamp is an instant (it comes back in the session's zone): shown, like
    // any time, in the place's zone.
    const bool instants = r.is_database() && r.field_is_date_or_time(c.time) && !no_zone;
    if (instants) e.start = in_zone(e.start.utc_s, *zone);
    if (e.event_date.empty()) {
        // An epoch number says nothing to a reader: the local date instead.
        if (start->format == TimeFormat::EpochS || start->format == TimeFormat::EpochMs)
            e.event_date = format_iso8601(e.start).substr(0, 10);
        else
            e.event_date = start_text;
    }
    const std::string end_text = trim(r.text(c.end));
    if (!end_text.empty()) {
        const auto end = parse_event_time(end_text, *zone);
        if (!end) fail(r, c.end, "'" + abbreviate(end_text) + "' is not a time");
        if (end->time.utc_s < e.start.utc_s) fail(r, c.end, "ends before it starts");
        e.end = end->time;
        if (instants) e.end = in_zone(e.end->utc_s, *zone);
    } else if (start->day_only) {
        e.end = LocalTime{e.start.utc_s + kSecondsPerDay, e.start.offset_s};  // the whole day
    }
    if (e.hour_precision.empty() && start->day_only) e.hour_precision = "day";
}

// The other end of a troop movement.
void read_origin(const Reader& r, const EventColumns& c, Event& e) {
    if (c.origin_lat < 0 || c.origin_lon < 0) return;
    auto la = read_double(r, c.origin_lat);
    auto lo = read_double(r, c.origin_lon);
    if (la && lo) {
        check_lon_lat(r, *lo, *la, r.field_name(c.origin_lon), r.field_name(c.origin_lat));
        e.origin_lat_deg = la;
        e.origin_lon_deg = lo;
    } else if (la || lo) {
        fail(r, la ? c.origin_lon : c.origin_lat, "missing coordinate");
    }
}

// `e` back to a default Event, its strings keeping their capacity (one row after another: no
// allocation per field).
void reset_row(Event& e) {
    Event keep = std::move(e);
    e = Event{};
    for (const StringField& f : kEventStrings) {
        e.*f.member = std::move(keep.*f.member);
        (e.*f.member).clear();
    }
    e.extra = std::move(keep.extra);
}

void read_event(const Reader& r, const EventColumns& c, const LoadOptions& opt, const Dataset& data, RowContext& tc,
                std::string& key, Event& e) {
    reset_row(e);
    read_attributes(r, c, opt, e, key);
    read_place(r, c, data, tc.regions, e);
    read_times(r, c, data, tc, e);
    read_origin(r, c, e);
    if (c.size_by >= 0) e.size_value = read_double(r, c.size_by);
    e.extra.resize(c.extra.size());
    for (std::size_t k = 0; k < c.extra.size(); ++k) {
        e.extra[k].first = c.extra_names[k];
        r.text_into(c.extra[k], e.extra[k].second);
    }
}

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
// pieces, one piece each at a time, a piece's batches waiting their turn (one per reader ahead of
// the piece in turn, so memory stays flat), its skipped rows and its first error coming in that order too: the store, the
// skipped rows and the error are what one reader would give. The store stays on this thread, and
// each reader's short-lived memory in a malloc arena of its own (store_writer.hpp).
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
                if (std::find(formats.seen.begin(), formats.seen.end(), f) == formats.seen.end()) formats.seen.push_back(f);
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
