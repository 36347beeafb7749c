// The columnar event store (see event_store.hpp).
#include "event_store.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace qantar {

namespace {

constexpr std::int64_t kNoCount = std::numeric_limits<std::int64_t>::min();

constexpr bool kLong[] = {
#define QANTAR_X(name, is_long) is_long,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};

constexpr std::size_t col(EventText c) { return static_cast<std::size_t>(c); }

// The members of Event, in the order of the lists in event_store.hpp.
using TextMember = std::string Event::*;
constexpr TextMember kTextMembers[] = {
#define QANTAR_X(name, is_long) &Event::name,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
using CountMember = Count Event::*;
constexpr CountMember kCountMembers[] = {
#define QANTAR_X(name) &Event::name,
    QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X
};

template <class T>
void permute_vector(std::vector<T>& v, const std::vector<std::size_t>& order) {
    if (v.empty()) return;
    std::vector<T> out;
    out.reserve(v.size());
    for (std::size_t i : order) out.push_back(std::move(v[i]));
    v = std::move(out);
}

}  // namespace

StringPool::StringPool() { intern(""); }

void StringPool::reindex() {
    index_.clear();
    for (std::size_t k = 0; k < values_.size(); ++k) index_.emplace(values_[k], static_cast<std::uint32_t>(k));
}

std::uint32_t StringPool::intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end()) return it->second;
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(s);
    index_.emplace(values_.back(), code);
    return code;
}

std::size_t StringPool::bytes() const {
    std::size_t n = index_.bucket_count() * sizeof(void*) + index_.size() * 40;
    for (const std::string& s : values_) n += sizeof(s) + (s.size() > 15 ? s.capacity() + 1 : 0);
    return n;
}

TextArena::Ref TextArena::add(std::string_view s) {
    Ref r{data_.size(), static_cast<std::uint32_t>(s.size())};
    data_.append(s);
    return r;
}

EventStore::EventStore(std::initializer_list<Event> rows) {
    reserve(rows.size());
    for (const Event& e : rows) push_back(e);
}

std::vector<Event> EventStore::materialise_all() const {
    std::vector<Event> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.push_back(materialise(i));
    return out;
}

void EventStore::reserve(std::size_t n) {
    start_s_.reserve(n), end_s_.reserve(n), start_offset_s_.reserve(n), end_offset_s_.reserve(n);
    flags_.reserve(n), category_.reserve(n), city_index_.reserve(n), region_index_.reserve(n);
    pos_m_.reserve(n), lon_lat_deg_.reserve(n), size_value_.reserve(n);
    time_precision_.reserve(n), geo_precision_.reserve(n), origin_.reserve(n);
    extra_first_.reserve(n), extra_count_.reserve(n);
    for (auto& c : counts_) c.reserve(n);
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        if (kLong[k]) refs_[k].reserve(n);
        else codes_[k].reserve(n);
    }
}

void EventStore::push_back(const Event& e) {
    start_s_.push_back(e.start.utc_s);
    start_offset_s_.push_back(e.start.offset_s);
    end_s_.push_back(e.end ? e.end->utc_s : 0);
    end_offset_s_.push_back(e.end ? e.end->offset_s : 0);
    std::uint8_t f = 0;
    if (e.end) f |= kHasEnd;
    if (e.local_time) f |= kLocalTime;
    if (e.disputed) f |= kDisputed;
    if (e.size_value) f |= kHasSize;
    flags_.push_back(f);
    category_.push_back(e.category);
    city_index_.push_back(e.city_index);
    region_index_.push_back(e.region_index);
    pos_m_.push_back(e.pos_m);
    lon_lat_deg_.push_back({e.lon_deg, e.lat_deg});
    size_value_.push_back(e.size_value.value_or(0.0));
    time_precision_.push_back(e.time_precision);
    geo_precision_.push_back(e.geo_precision);
    for (std::size_t k = 0; k < kEventCountColumns; ++k) {
        const Count& c = e.*kCountMembers[k];
        counts_[k].push_back(c ? *c : kNoCount);
    }
    if (e.origin_lon_deg || e.origin_lat_deg || e.origin_m) {
        origin_.push_back(static_cast<std::uint32_t>(origins_.size()));
        origins_.push_back({e.origin_lon_deg, e.origin_lat_deg, e.origin_m});
    } else {
        origin_.push_back(kNone);
    }
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        const std::string& s = e.*kTextMembers[k];
        if (kLong[k]) refs_[k].push_back(arenas_[k].add(s));
        else codes_[k].push_back(pools_[k].intern(s));
    }
    extra_first_.push_back(static_cast<std::uint32_t>(extras_.size()));
    extra_count_.push_back(static_cast<std::uint16_t>(std::min<std::size_t>(e.extra.size(), 0xffff)));
    for (std::size_t k = 0; k < extra_count_.back(); ++k)
        extras_.push_back({extra_names_.intern(e.extra[k].first), extra_values_.add(e.extra[k].second)});
}

std::string_view EventStore::text(EventText c, std::size_t i) const {
    const std::size_t k = col(c);
    return kLong[k] ? arenas_[k].at(refs_[k][i]) : pools_[k].at(codes_[k][i]);
}

Count EventStore::count(EventCount c, std::size_t i) const {
    const std::int64_t v = counts_[static_cast<std::size_t>(c)][i];
    if (v == kNoCount) return std::nullopt;
    return v;
}

std::optional<double> EventStore::origin_lon_deg(std::size_t i) const {
    return origin_[i] == kNone ? std::nullopt : origins_[origin_[i]].lon_deg;
}
std::optional<double> EventStore::origin_lat_deg(std::size_t i) const {
    return origin_[i] == kNone ? std::nullopt : origins_[origin_[i]].lat_deg;
}
std::optional<Vec2> EventStore::origin_m(std::size_t i) const {
    return origin_[i] == kNone ? std::nullopt : origins_[origin_[i]].m;
}

std::vector<std::pair<std::string_view, std::string_view>> EventStore::extra(std::size_t i) const {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    out.reserve(extra_count_[i]);
    for (std::size_t k = 0; k < extra_count_[i]; ++k) {
        const Extra& x = extras_[extra_first_[i] + k];
        out.emplace_back(extra_names_.at(x.name), extra_values_.at(x.value));
    }
    return out;
}

Event EventStore::materialise(std::size_t i) const {
    Event e;
    for (std::size_t k = 0; k < kEventTextColumns; ++k) e.*kTextMembers[k] = std::string(text(static_cast<EventText>(k), i));
    for (std::size_t k = 0; k < kEventCountColumns; ++k) e.*kCountMembers[k] = count(static_cast<EventCount>(k), i);
    e.time_precision = time_precision(i);
    e.geo_precision = geo_precision(i);
    e.lon_deg = lon_deg(i);
    e.lat_deg = lat_deg(i);
    e.size_value = size_value(i);
    e.category = category(i);
    e.start = start(i);
    e.end = end(i);
    e.local_time = local_time(i);
    e.disputed = disputed(i);
    e.origin_lon_deg = origin_lon_deg(i);
    e.origin_lat_deg = origin_lat_deg(i);
    for (const auto& [name, value] : extra(i)) e.extra.emplace_back(std::string(name), std::string(value));
    e.city_index = city_index(i);
    e.region_index = region_index(i);
    e.pos_m = pos_m(i);
    e.origin_m = origin_m(i);
    return e;
}

void EventStore::set_origin_m(std::size_t i, Vec2 m) {
    if (origin_[i] == kNone) {
        origin_[i] = static_cast<std::uint32_t>(origins_.size());
        origins_.emplace_back();
    }
    origins_[origin_[i]].m = m;
}

void EventStore::set_times(std::size_t i, LocalTime start, std::optional<LocalTime> end) {
    start_s_[i] = start.utc_s;
    start_offset_s_[i] = start.offset_s;
    end_s_[i] = end ? end->utc_s : 0;
    end_offset_s_[i] = end ? end->offset_s : 0;
    flags_[i] = static_cast<std::uint8_t>(end ? flags_[i] | kHasEnd : flags_[i] & ~kHasEnd);
}

void EventStore::set_text(EventText c, std::size_t i, std::string_view value) {
    const std::size_t k = col(c);
    if (kLong[k]) refs_[k][i] = arenas_[k].add(value);
    else codes_[k][i] = pools_[k].intern(value);
}

void EventStore::permute(const std::vector<std::size_t>& order) {
    permute_vector(start_s_, order), permute_vector(end_s_, order);
    permute_vector(start_offset_s_, order), permute_vector(end_offset_s_, order);
    permute_vector(flags_, order), permute_vector(category_, order);
    permute_vector(city_index_, order), permute_vector(region_index_, order);
    permute_vector(pos_m_, order), permute_vector(lon_lat_deg_, order), permute_vector(size_value_, order);
    permute_vector(time_precision_, order), permute_vector(geo_precision_, order);
    permute_vector(origin_, order);
    permute_vector(extra_first_, order), permute_vector(extra_count_, order);
    for (auto& c : counts_) permute_vector(c, order);
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        permute_vector(codes_[k], order);
        permute_vector(refs_[k], order);  // the arenas stay as they are: only the references move
    }
}

void EventStore::sort_by_time() {
    std::vector<std::size_t> order(size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::size_t id = col(EventText::event_id_cnty);
    if (!std::is_sorted(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return start_s_[a] != start_s_[b] ? start_s_[a] < start_s_[b]
                                              : arenas_[id].at(refs_[id][a]) < arenas_[id].at(refs_[id][b]);
        })) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return start_s_[a] != start_s_[b] ? start_s_[a] < start_s_[b]
                                              : arenas_[id].at(refs_[id][a]) < arenas_[id].at(refs_[id][b]);
        });
        permute(order);
    }
}

std::size_t EventStore::bytes() const {
    auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    std::size_t n = cap(start_s_) + cap(end_s_) + cap(start_offset_s_) + cap(end_offset_s_) + cap(flags_) +
                    cap(category_) + cap(city_index_) + cap(region_index_) + cap(pos_m_) + cap(lon_lat_deg_) +
                    cap(size_value_) + cap(time_precision_) + cap(geo_precision_) + cap(origin_) + cap(origins_) +
                    cap(extra_first_) + cap(extra_count_) + cap(extras_) + extra_names_.bytes() + extra_values_.bytes();
    for (const auto& c : counts_) n += cap(c);
    for (std::size_t k = 0; k < kEventTextColumns; ++k)
        n += cap(codes_[k]) + pools_[k].bytes() + cap(refs_[k]) + arenas_[k].bytes();
    return n;
}

// EventRef: each accessor reads its column.
#define QANTAR_X(name, is_long) \
    std::string_view EventRef::name() const { return s_->text(EventText::name, i_); }
QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
#define QANTAR_X(name) \
    Count EventRef::name() const { return s_->count(EventCount::name, i_); }
QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X

int EventRef::time_precision() const { return s_->time_precision(i_); }
int EventRef::geo_precision() const { return s_->geo_precision(i_); }
double EventRef::lon_deg() const { return s_->lon_deg(i_); }
double EventRef::lat_deg() const { return s_->lat_deg(i_); }
std::optional<double> EventRef::size_value() const { return s_->size_value(i_); }
int EventRef::category() const { return s_->category(i_); }
LocalTime EventRef::start() const { return s_->start(i_); }
std::int64_t EventRef::start_s() const { return s_->start_s(i_); }
std::optional<LocalTime> EventRef::end() const { return s_->end(i_); }
bool EventRef::local_time() const { return s_->local_time(i_); }
bool EventRef::disputed() const { return s_->disputed(i_); }
std::optional<double> EventRef::origin_lon_deg() const { return s_->origin_lon_deg(i_); }
std::optional<double> EventRef::origin_lat_deg() const { return s_->origin_lat_deg(i_); }
int EventRef::city_index() const { return s_->city_index(i_); }
int EventRef::region_index() const { return s_->region_index(i_); }
Vec2 EventRef::pos_m() const { return s_->pos_m(i_); }
std::optional<Vec2> EventRef::origin_m() const { return s_->origin_m(i_); }
std::vector<std::pair<std::string_view, std::string_view>> EventRef::extra() const { return s_->extra(i_); }
Event EventRef::materialise() const { return s_->materialise(i_); }

}  // namespace qantar
