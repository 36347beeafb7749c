// The events as columns (issue 11). A Dataset holds its events here, in time order: the columns the
// frame reads (start, end, projected position, category, place, size, flags) as typed arrays, every
// repeated text column dictionary-encoded (one pool per column, uint32_t codes), the text that is
// unique per row (ids, notes, disputed notes, the values of columns qantar does not model) in one
// arena per column (one std::string, an offset and a length per event).
//
// `Event` stays the row-at-a-time value: load builds one, appends it and drops it; `materialise`
// gives one back for the few places that want the whole record (export, tests). Everything else
// reads columns: `store.start_s(i)`, `store.category(i)`, `store[i].notes()` (a string_view into
// the store: valid while the store is not changed).
#pragma once

#include "event.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qantar {

// Every text field of Event, in one list: X(name, long). Long ones live in an arena (unique per
// row), the others in a dictionary.
#define QANTAR_EVENT_TEXT_FIELDS(X)                                                                       \
    X(event_id_cnty, true) X(event_date, false) X(disorder_type, false) X(event_type, false)              \
    X(sub_event_type, false) X(actor1, false) X(assoc_actor_1, false) X(inter1, false) X(actor2, false)   \
    X(assoc_actor_2, false) X(inter2, false) X(interaction, false) X(civilian_targeting, false)           \
    X(iso, false) X(acled_region, false) X(country, false) X(admin1, false) X(admin2, false)             \
    X(admin3, false) X(location, false) X(source, false) X(source_scale, false) X(notes, true)           \
    X(tags, false) X(timestamp, false) X(hour_precision, false) X(city_id, false) X(source_keys, false)  \
    X(disputed_note, true) X(origin_name, false) X(movement, false)

#define QANTAR_EVENT_COUNT_FIELDS(X) \
    X(fatalities) X(participants) X(injured) X(detained) X(vehicles_burned) X(buildings_burned)

enum class EventText : std::uint8_t {
#define QANTAR_X(name, is_long) name,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
inline constexpr std::size_t kEventTextColumns = 0
#define QANTAR_X(name, is_long) +1
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
    ;

enum class EventCount : std::uint8_t {
#define QANTAR_X(name) name,
    QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
inline constexpr std::size_t kEventCountColumns = 6;

// Distinct strings, each once; code 0 is "". Copies rebuild their index (it points into values_).
class StringPool {
public:
    StringPool();
    StringPool(const StringPool& o) : values_(o.values_) { reindex(); }
    StringPool(StringPool&&) noexcept = default;
    StringPool& operator=(const StringPool& o) {
        if (this != &o) values_ = o.values_, reindex();
        return *this;
    }
    StringPool& operator=(StringPool&&) noexcept = default;
    std::uint32_t intern(std::string_view s);
    std::string_view at(std::uint32_t code) const { return values_[code]; }
    std::size_t size() const { return values_.size(); }
    std::size_t bytes() const;  // an estimate of the heap it holds

private:
    void reindex();
    std::deque<std::string> values_;  // by code; a deque never moves its elements
    std::unordered_map<std::string_view, std::uint32_t> index_;
};

// Text unique per row: one buffer, each row's (offset, length).
class TextArena {
public:
    struct Ref {
        std::uint64_t offset = 0;
        std::uint32_t size = 0;
    };
    Ref add(std::string_view s);
    std::string_view at(Ref r) const { return std::string_view(data_).substr(r.offset, r.size); }
    std::size_t bytes() const { return data_.capacity(); }
    void shrink() { data_.shrink_to_fit(); }

private:
    std::string data_;
};

class EventStore;

// One event of a store, read through its columns (cheap to copy; valid while the store lives).
class EventRef {
public:
    EventRef(const EventStore& store, std::size_t i) : s_(&store), i_(i) {}
    std::size_t index() const { return i_; }

#define QANTAR_X(name, is_long) std::string_view name() const;
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
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
    EventStore() = default;
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

    // Columns.
    std::string_view text(EventText c, std::size_t i) const;
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
        return size_value_[i];
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

    // Hot columns.
    std::vector<std::int64_t> start_s_, end_s_;
    std::vector<std::int32_t> start_offset_s_, end_offset_s_;
    std::vector<std::uint8_t> flags_;
    std::vector<std::int32_t> category_, city_index_, region_index_;
    std::vector<Vec2> pos_m_, lon_lat_deg_;
    std::vector<double> size_value_;
    std::vector<std::int32_t> time_precision_, geo_precision_;
    std::vector<std::int64_t> counts_[kEventCountColumns];  // kNoCount: none
    // Sparse: a movement's other end (index into origins_, kNone: none).
    std::vector<std::uint32_t> origin_;
    std::vector<Origin> origins_;
    // Text.
    std::vector<std::uint32_t> codes_[kEventTextColumns];       // dictionary columns
    StringPool pools_[kEventTextColumns];
    std::vector<TextArena::Ref> refs_[kEventTextColumns];       // long columns
    TextArena arenas_[kEventTextColumns];
    // Attributes qantar does not model: rows [extra_first_, +extra_count_) of extras_.
    std::vector<std::uint32_t> extra_first_;
    std::vector<std::uint16_t> extra_count_;
    std::vector<Extra> extras_;
    StringPool extra_names_;
    TextArena extra_values_;
};

}  // namespace qantar
