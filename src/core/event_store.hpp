// The events as columns (issue 11). A Dataset holds its events here, in time order: the columns the
// frame reads (start, end, projected position, category, place, size, flags) as typed arrays, every
// repeated text column dictionary-encoded (one pool per column, uint32_t codes), the short text that
// is unique per row (ids, the values of columns qantar does not model) in one chunked arena per
// column, and the prose (notes, disputed notes) in an arena that load compresses row by row once a
// chunk is full (`TextCodec`, supplied by io: core links no compression library).
// A column that holds only its default (no counts of that kind, no disputed notes, an empty
// ACLED-only field) holds no array at all.
//
// `Event` stays the row-at-a-time value: load builds one, appends it and drops it; `materialise`
// gives one back for the few places that want the whole record (export, tests). Everything else
// reads columns: `store.start_s(i)`, `store.category(i)`, `store[i].actor1()` (a string_view into
// the store: valid while the store is not changed), `store[i].notes()` (prose: a std::string).
#pragma once

#include "event.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qantar {

// Every text field of Event, in one list: X(name, kind). Dict: repeated values, dictionary-encoded;
// Unique: short text unique per row, in an arena; Prose: long text unique per row, compressed.
#define QANTAR_EVENT_TEXT_FIELDS(X)                                                                      \
    X(event_id_cnty, Unique) X(event_date, Dict) X(disorder_type, Dict) X(event_type, Dict)              \
    X(sub_event_type, Dict) X(actor1, Dict) X(assoc_actor_1, Dict) X(inter1, Dict) X(actor2, Dict)       \
    X(assoc_actor_2, Dict) X(inter2, Dict) X(interaction, Dict) X(civilian_targeting, Dict)              \
    X(iso, Dict) X(acled_region, Dict) X(country, Dict) X(admin1, Dict) X(admin2, Dict)                  \
    X(admin3, Dict) X(location, Dict) X(source, Dict) X(source_scale, Dict) X(notes, Prose)              \
    X(tags, Dict) X(timestamp, Dict) X(hour_precision, Dict) X(city_id, Dict) X(source_keys, Dict)       \
    X(disputed_note, Prose) X(origin_name, Dict) X(movement, Dict)

enum class TextKind : std::uint8_t { Dict, Unique, Prose };

#define QANTAR_EVENT_COUNT_FIELDS(X) \
    X(fatalities) X(participants) X(injured) X(detained) X(vehicles_burned) X(buildings_burned)

enum class EventText : std::uint8_t {
#define QANTAR_X(name, kind) name,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
inline constexpr std::size_t kEventTextColumns = 0
#define QANTAR_X(name, kind) +1
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
    ;
inline constexpr TextKind kTextKinds[] = {
#define QANTAR_X(name, kind) TextKind::kind,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
constexpr TextKind text_kind(EventText c) { return kTextKinds[static_cast<std::size_t>(c)]; }

enum class EventCount : std::uint8_t {
#define QANTAR_X(name) name,
    QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
inline constexpr std::size_t kEventCountColumns = 6;

// Text in chunks that never move: a chunk is filled up to the capacity it was given and a new one
// started, so a view into the arena stays valid while it lives. Chunks grow from 4 KiB to `max_chunk`.
class TextArena {
public:
    struct Ref {
        std::uint32_t chunk = 0, offset = 0, size = 0;
        friend bool operator==(const Ref&, const Ref&) = default;
    };
    explicit TextArena(std::size_t max_chunk = std::size_t{1} << 20, std::size_t first_chunk = 4096)
        : max_chunk_(max_chunk), next_chunk_(first_chunk) {}
    Ref add(std::string_view s);
    // A whole buffer as one chunk of its own (a packed batch).
    std::uint32_t add_chunk(std::string&& bytes);
    std::string_view at(Ref r) const {
        return r.size == 0 ? std::string_view() : std::string_view(chunks_[r.chunk].data() + r.offset, r.size);
    }
    std::size_t chunk_count() const { return chunks_.size(); }
    // The chunk's bytes, moved out (its rows unreadable until they point elsewhere); no new text
    // goes into it.
    std::string take_chunk(std::uint32_t chunk);
    std::size_t bytes() const;

private:
    std::vector<std::string> chunks_;
    std::size_t max_chunk_, next_chunk_;
    bool open_ = false;  // the last chunk takes more text
};

// Distinct strings, each once; code 0 is "". Open addressing over (hash, code) pairs; the text in
// a TextArena, so copying is plain member-wise copying.
class StringPool {
public:
    StringPool();
    std::uint32_t intern(std::string_view s);
    std::string_view at(std::uint32_t code) const { return text_.at(refs_[code]); }
    std::size_t size() const { return refs_.size(); }
    std::size_t bytes() const;  // an estimate of the heap it holds

private:
    void grow();
    TextArena text_;
    std::vector<TextArena::Ref> refs_;   // by code
    std::vector<std::uint64_t> slots_;   // (hash high 32 bits << 32) | (code + 1); 0: empty
};

// How prose is compressed and read back (io supplies one, e.g. zstd with a dictionary trained on
// the first chunk). Both are const and may run on any thread.
class TextCodec {
public:
    virtual ~TextCodec() = default;
    virtual void compress_append(std::string_view text, std::string& out) const = 0;
    virtual void decompress(std::string_view packed, std::string& out) const = 0;
};

// One full chunk of a prose column taken out of the store to be compressed (EventStore::pack, on
// any thread) and put back (EventStore::install).
struct ProseBatch {
    std::size_t column = 0;
    std::uint32_t chunk = 0;
    std::string text;                  // the chunk's plain bytes
    std::vector<std::uint32_t> rows;   // the rows whose text is in it
    std::vector<TextArena::Ref> refs;  // their text: in `text`, then (after pack) in `packed`
    std::string packed;
};

class EventStore;

// One event of a store, read through its columns (cheap to copy; valid while the store lives).
class EventRef {
public:
    EventRef(const EventStore& store, std::size_t i) : s_(&store), i_(i) {}
    std::size_t index() const { return i_; }

#define QANTAR_ACCESSOR_Dict(name) std::string_view name() const;
#define QANTAR_ACCESSOR_Unique(name) std::string_view name() const;
#define QANTAR_ACCESSOR_Prose(name) std::string name() const;
#define QANTAR_X(name, kind) QANTAR_ACCESSOR_##kind(name)
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
#undef QANTAR_ACCESSOR_Dict
#undef QANTAR_ACCESSOR_Unique
#undef QANTAR_ACCESSOR_Prose
#define QANTAR_X(name) Count name() const;
    QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X
    int time_precision() const;
    int geo_precision() const;
    double lon_deg() const;
    double lat_deg() const;
    std::optional<double> size_value() const;
    int category() const;
    LocalTime start() const;
    std::int64_t start_s() const;
    std::optional<LocalTime> end() const;
    bool local_time() const;
    bool disputed() const;
    std::optional<double> origin_lon_deg() const;
    std::optional<double> origin_lat_deg() const;
    int city_index() const;
    int region_index() const;
    Vec2 pos_m() const;
    std::optional<Vec2> origin_m() const;
    std::vector<std::pair<std::string_view, std::string_view>> extra() const;

    Event materialise() const;

private:
    const EventStore* s_;
    std::size_t i_;
};

class EventStore {
public:
    EventStore();
    EventStore(std::initializer_list<Event> rows);  // tests: a store from a few rows
    std::size_t size() const { return start_s_.size(); }
    bool empty() const { return start_s_.empty(); }
    void reserve(std::size_t n);
    void clear() { *this = EventStore(); }

    // Appends one row (its text interned or copied into the arenas).
    void push_back(const Event& e);
    Event materialise(std::size_t i) const;
    std::vector<Event> materialise_all() const;  // tests and small data only: every row as an Event

    EventRef operator[](std::size_t i) const { return EventRef(*this, i); }
    EventRef front() const { return (*this)[0]; }
    EventRef back() const { return (*this)[size() - 1]; }

    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = EventRef;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = EventRef;
        iterator() = default;
        iterator(const EventStore* s, std::size_t i) : s_(s), i_(i) {}
        EventRef operator*() const { return EventRef(*s_, i_); }
        EventRef operator[](difference_type k) const { return EventRef(*s_, i_ + static_cast<std::size_t>(k)); }
        iterator& operator++() { ++i_; return *this; }
        iterator operator++(int) { iterator t = *this; ++i_; return t; }
        iterator& operator--() { --i_; return *this; }
        iterator operator--(int) { iterator t = *this; --i_; return t; }
        iterator& operator+=(difference_type k) { i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + k); return *this; }
        iterator& operator-=(difference_type k) { return *this += -k; }
        friend iterator operator+(iterator a, difference_type k) { return a += k; }
        friend iterator operator+(difference_type k, iterator a) { return a += k; }
        friend iterator operator-(iterator a, difference_type k) { return a -= k; }
        friend difference_type operator-(const iterator& a, const iterator& b) {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const iterator& a, const iterator& b) { return a.i_ <=> b.i_; }

    private:
        const EventStore* s_ = nullptr;
        std::size_t i_ = 0;
    };
    iterator begin() const { return iterator(this, 0); }
    iterator end() const { return iterator(this, size()); }

    // Columns. text(): a Dict or Unique column (throws std::logic_error for prose); prose(): a
    // Prose column, decompressed; text_copy(): any column.
    std::string_view text(EventText c, std::size_t i) const;
    std::string prose(EventText c, std::size_t i) const;
    std::string text_copy(EventText c, std::size_t i) const;
    Count count(EventCount c, std::size_t i) const;
    std::int64_t start_s(std::size_t i) const { return start_s_[i]; }
    LocalTime start(std::size_t i) const { return {start_s_[i], start_offset_s_[i]}; }
    std::optional<LocalTime> end(std::size_t i) const {
        if (!(flags_[i] & kHasEnd)) return std::nullopt;
        return LocalTime{end_s_[i], end_offset_s_[i]};
    }
    int category(std::size_t i) const { return category_[i]; }
    int city_index(std::size_t i) const { return city_index_[i]; }
    int region_index(std::size_t i) const { return region_index_[i]; }
    Vec2 pos_m(std::size_t i) const { return pos_m_[i]; }
    double lon_deg(std::size_t i) const { return lon_lat_deg_[i].x; }
    double lat_deg(std::size_t i) const { return lon_lat_deg_[i].y; }
    bool local_time(std::size_t i) const { return flags_[i] & kLocalTime; }
    bool disputed(std::size_t i) const { return flags_[i] & kDisputed; }
    std::optional<double> size_value(std::size_t i) const {
        if (!(flags_[i] & kHasSize)) return std::nullopt;
        return size_value_.get(i, 0.0);
    }
    int time_precision(std::size_t i) const { return time_precision_[i]; }
    int geo_precision(std::size_t i) const { return geo_precision_[i]; }
    std::optional<double> origin_lon_deg(std::size_t i) const;
    std::optional<double> origin_lat_deg(std::size_t i) const;
    std::optional<Vec2> origin_m(std::size_t i) const;
    std::vector<std::pair<std::string_view, std::string_view>> extra(std::size_t i) const;
    // The whole start column, in time order (for binary searches).
    const std::vector<std::int64_t>& start_column() const { return start_s_; }

    // What load resolves after reading.
    void set_category(std::size_t i, int category) { category_[i] = category; }
    void set_region_index(std::size_t i, int region) { region_index_[i] = region; }
    void set_city_index(std::size_t i, int city) { city_index_[i] = city; }
    void set_pos_m(std::size_t i, Vec2 m) { pos_m_[i] = m; }
    void set_origin_m(std::size_t i, Vec2 m);
    void set_times(std::size_t i, LocalTime start, std::optional<LocalTime> end);
    void set_text(EventText c, std::size_t i, std::string_view value);

    // Reorders every column: row k becomes the old row order[k] (order is a permutation).
    void permute(const std::vector<std::size_t>& order);
    // Sorts by start, then by event_id_cnty (stable): the order a Dataset keeps.
    void sort_by_time();

    // Heap bytes held (an estimate: the arrays' capacities, pools and arenas).
    std::size_t bytes() const;

    // Compressing prose while loading: the full chunks (all: the open ones too, at the end) taken
    // out, packed on any thread with the codec, and installed back in the order taken. The codec
    // is kept to read them. Permuting or copying with batches out is a logic error.
    bool has_full_prose() const;
    std::vector<ProseBatch> take_prose(bool all);
    static void pack(ProseBatch& batch, const TextCodec& codec);
    void install(ProseBatch&& batch, std::shared_ptr<const TextCodec> codec);
    std::size_t prose_batches_out() const { return batches_out_; }

private:
    friend class EventRef;
    static constexpr std::uint8_t kHasEnd = 1, kLocalTime = 2, kDisputed = 4, kHasSize = 8;

    struct Origin {
        std::optional<double> lon_deg, lat_deg;
        std::optional<Vec2> m;
    };
    struct Extra {
        std::uint32_t name = 0;  // code in extra_names_
        TextArena::Ref value;
    };
    static constexpr std::uint32_t kNone = 0xffffffffu;
    static constexpr std::uint32_t kPacked = 0x80000000u;  // a prose Ref's chunk: in packed_
    static constexpr std::int64_t kNoCount = std::numeric_limits<std::int64_t>::min();

    // A column that holds no array while every row has the default value.
    template <class T>
    struct Sparse {
        std::vector<T> v;
        T get(std::size_t i, const T& def) const { return v.empty() ? def : v[i]; }
        void push(const T& x, std::size_t row, const T& def) {
            if (v.empty()) {
                if (x == def) return;
                v.assign(row, def);
            }
            v.push_back(x);
        }
        void set(std::size_t i, const T& x, std::size_t rows, const T& def) {
            if (v.empty()) {
                if (x == def) return;
                v.assign(rows, def);
            }
            v[i] = x;
        }
    };

    // Dictionary codes, as narrow as the pool allows (1, 2 or 4 bytes); none while every code is 0.
    class Codes {
    public:
        std::uint32_t get(std::size_t i) const {
            switch (width_) {
            case 0: return 0;
            case 1: return bytes_[i];
            case 2: return load<std::uint16_t>(i);
            default: return load<std::uint32_t>(i);
            }
        }
        void push(std::uint32_t code, std::size_t row);
        void set(std::size_t i, std::uint32_t code, std::size_t rows);
        void permute(const std::vector<std::size_t>& order);
        std::size_t bytes() const { return bytes_.capacity(); }

    private:
        template <class T>
        T load(std::size_t i) const {
            T v;
            std::memcpy(&v, bytes_.data() + i * sizeof(T), sizeof(T));
            return v;
        }
        void widen(std::uint32_t code, std::size_t rows);  // room for `code`, `rows` rows kept
        void put(std::size_t i, std::uint32_t code);
        std::vector<std::uint8_t> bytes_;
        std::uint8_t width_ = 0;
    };

    TextArena::Ref ref(std::size_t k, std::size_t i) const { return refs_[k].get(i, TextArena::Ref{}); }

    // Hot columns.
    std::vector<std::int64_t> start_s_, end_s_;
    std::vector<std::int32_t> start_offset_s_, end_offset_s_;
    std::vector<std::uint8_t> flags_;
    std::vector<std::int32_t> category_, city_index_, region_index_;
    std::vector<Vec2> pos_m_, lon_lat_deg_;
    Sparse<double> size_value_;
    std::vector<std::int32_t> time_precision_, geo_precision_;
    Sparse<std::int64_t> counts_[kEventCountColumns];  // kNoCount: none
    // A movement's other end (index into origins_, kNone: none).
    Sparse<std::uint32_t> origin_;
    std::vector<Origin> origins_;
    // Text.
    Codes codes_[kEventTextColumns];  // Dict columns
    StringPool pools_[kEventTextColumns];
    Sparse<TextArena::Ref> refs_[kEventTextColumns];  // Unique and Prose columns
    TextArena arenas_[kEventTextColumns];
    TextArena packed_[kEventTextColumns];  // Prose: compressed rows, one chunk per batch
    std::shared_ptr<const TextCodec> codec_;
    std::uint32_t prose_scan_[kEventTextColumns] = {};    // the first row not yet taken
    std::uint32_t taken_chunks_[kEventTextColumns] = {};  // chunks before this one are taken
    std::size_t batches_out_ = 0;
    // Attributes qantar does not model: rows [extra_first_, +extra_count_) of extras_.
    std::vector<std::uint32_t> extra_first_;
    std::vector<std::uint16_t> extra_count_;
    std::vector<Extra> extras_;
    StringPool extra_names_;
    TextArena extra_values_;
};

}  // namespace qantar
