// The columnar event store (see event_store.hpp).
#include "event_store.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace qantar {

namespace {

constexpr std::size_t col(EventText c) { return static_cast<std::size_t>(c); }
constexpr TextKind kind(std::size_t k) { return kTextKinds[k]; }

// The members of Event, in the order of the lists in event_store.hpp.
using TextMember = std::string Event::*;
constexpr TextMember kTextMembers[] = {
#define QANTAR_X(name, kind) &Event::name,
    QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
};
using CountMember = Count Event::*;
constexpr CountMember kCountMembers[] = {
#define QANTAR_X(name) &Event::name,
    QANTAR_EVENT_COUNT_FIELDS(QANTAR_X)
#undef QANTAR_X
};

// Prose chunks: large, so that a batch compresses well and the batches are few.
constexpr std::size_t kProseChunk = std::size_t{4} << 20;

template <class T>
void permute_vector(std::vector<T>& v, const std::vector<std::size_t>& order) {
    if (v.empty()) return;
    std::vector<T> out;
    out.reserve(v.size());
    for (std::size_t i : order) out.push_back(std::move(v[i]));
    v = std::move(out);
}

}  // namespace

TextArena::Ref TextArena::add(std::string_view s) {
    if (s.empty()) return {};
    if (!open_ || chunks_.back().size() + s.size() > chunks_.back().capacity()) {
        std::string c;
        c.reserve(std::max(next_chunk_, s.size()));
        next_chunk_ = std::min(max_chunk_, next_chunk_ * 2);
        chunks_.push_back(std::move(c));
        open_ = true;
    }
    std::string& c = chunks_.back();
    const Ref r{static_cast<std::uint32_t>(chunks_.size() - 1), static_cast<std::uint32_t>(c.size()),
                static_cast<std::uint32_t>(s.size())};
    c.append(s);  // within the capacity reserved: the chunk's buffer does not move
    return r;
}

std::uint32_t TextArena::add_chunk(std::string&& bytes) {
    bytes.shrink_to_fit();
    chunks_.push_back(std::move(bytes));
    open_ = false;
    return static_cast<std::uint32_t>(chunks_.size() - 1);
}

std::string TextArena::take_chunk(std::uint32_t chunk) {
    if (chunk + 1 == chunks_.size()) open_ = false;
    return std::exchange(chunks_[chunk], std::string());
}

std::size_t TextArena::bytes() const {
    std::size_t n = chunks_.capacity() * sizeof(std::string);
    for (const std::string& c : chunks_) n += c.capacity();
    return n;
}

StringPool::StringPool() : text_(std::size_t{1} << 20, 256) {
    slots_.assign(16, 0);
    refs_.push_back({});  // code 0: "" (intern answers it without a lookup)
}

namespace {
std::uint64_t hash_text(std::string_view s) { return std::hash<std::string_view>{}(s); }
}  // namespace

std::uint32_t StringPool::intern(std::string_view s) {
    if (s.empty()) return 0;
    const std::uint64_t h = hash_text(s);
    const std::uint64_t tag = h >> 32 << 32;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) break;
        if ((slot & 0xffffffff00000000ull) == tag) {
            const auto code = static_cast<std::uint32_t>(slot) - 1;
            if (at(code) == s) return code;
        }
    }
    const auto code = static_cast<std::uint32_t>(refs_.size());
    refs_.push_back(text_.add(s));
    if (refs_.size() * 2 > slots_.size()) {
        grow();
    } else {
        for (std::size_t i = h & mask;; i = (i + 1) & mask)
            if (slots_[i] == 0) {
                slots_[i] = tag | (code + 1);
                break;
            }
    }
    return code;
}

void StringPool::grow() {
    slots_.assign(slots_.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t code = 0; code < refs_.size(); ++code) {
        const std::uint64_t h = hash_text(at(code));
        for (std::size_t i = h & mask;; i = (i + 1) & mask)
            if (slots_[i] == 0) {
                slots_[i] = (h >> 32 << 32) | (code + 1);
                break;
            }
    }
}

std::size_t StringPool::bytes() const {
    return text_.bytes() + refs_.capacity() * sizeof(TextArena::Ref) + slots_.capacity() * sizeof(std::uint64_t);
}

void EventStore::Codes::put(std::size_t i, std::uint32_t code) {
    std::uint8_t* p = bytes_.data() + i * width_;
    if (width_ == 1) *p = static_cast<std::uint8_t>(code);
    else if (width_ == 2) {
        const auto v = static_cast<std::uint16_t>(code);
        std::memcpy(p, &v, 2);
    } else {
        std::memcpy(p, &code, 4);
    }
}

void EventStore::Codes::widen(std::uint32_t code, std::size_t rows) {
    const std::uint8_t w = code <= 0xff ? 1 : code <= 0xffff ? 2 : 4;
    if (w <= width_) return;
    Codes wider;
    wider.width_ = w;
    wider.bytes_.reserve(std::max(bytes_.capacity() / std::max<std::size_t>(width_, 1), rows + 1) * w);
    wider.bytes_.resize(rows * w, 0);
    for (std::size_t i = 0; i < rows && width_ != 0; ++i) wider.put(i, get(i));
    *this = std::move(wider);
}

void EventStore::Codes::push(std::uint32_t code, std::size_t row) {
    if (width_ == 0 && code == 0) return;
    widen(code, row);
    bytes_.resize(bytes_.size() + width_);
    put(row, code);
}

void EventStore::Codes::set(std::size_t i, std::uint32_t code, std::size_t rows) {
    if (width_ == 0 && code == 0) return;
    widen(code, rows);
    put(i, code);
}

void EventStore::Codes::permute(const std::vector<std::size_t>& order) {
    if (width_ == 0) return;
    std::vector<std::uint8_t> out(bytes_.size());
    for (std::size_t k = 0; k < order.size(); ++k) std::memcpy(out.data() + k * width_, bytes_.data() + order[k] * width_, width_);
    bytes_ = std::move(out);
}

EventStore::EventStore() {
    for (std::size_t k = 0; k < kEventTextColumns; ++k)
        if (kind(k) == TextKind::Prose) arenas_[k] = TextArena(kProseChunk, kProseChunk);
}

EventStore::EventStore(std::initializer_list<Event> rows) : EventStore() {
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
    pos_m_.reserve(n), lon_lat_deg_.reserve(n);
    time_precision_.reserve(n), geo_precision_.reserve(n);
    extra_first_.reserve(n), extra_count_.reserve(n);
    // The sparse columns grow when a row first needs them.
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
    const std::size_t row = start_s_.size() - 1;
    size_value_.push(e.size_value.value_or(0.0), row, 0.0);
    time_precision_.push_back(e.time_precision);
    geo_precision_.push_back(e.geo_precision);
    for (std::size_t k = 0; k < kEventCountColumns; ++k) {
        const Count& c = e.*kCountMembers[k];
        counts_[k].push(c ? *c : kNoCount, row, kNoCount);
    }
    if (e.origin_lon_deg || e.origin_lat_deg || e.origin_m) {
        origin_.push(static_cast<std::uint32_t>(origins_.size()), row, kNone);
        origins_.push_back({e.origin_lon_deg, e.origin_lat_deg, e.origin_m});
    } else {
        origin_.push(kNone, row, kNone);
    }
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        const std::string& s = e.*kTextMembers[k];
        if (kind(k) == TextKind::Dict) codes_[k].push(pools_[k].intern(s), row);
        else refs_[k].push(arenas_[k].add(s), row, TextArena::Ref{});
    }
    extra_first_.push_back(static_cast<std::uint32_t>(extras_.size()));
    extra_count_.push_back(static_cast<std::uint16_t>(std::min<std::size_t>(e.extra.size(), 0xffff)));
    for (std::size_t k = 0; k < extra_count_.back(); ++k)
        extras_.push_back({extra_names_.intern(e.extra[k].first), extra_values_.add(e.extra[k].second)});
}

std::string_view EventStore::text(EventText c, std::size_t i) const {
    const std::size_t k = col(c);
    switch (kind(k)) {
    case TextKind::Dict: return pools_[k].at(codes_[k].get(i));
    case TextKind::Unique: return arenas_[k].at(ref(k, i));
    case TextKind::Prose: break;
    }
    throw std::logic_error("EventStore::text: a prose column is read with prose()");
}

std::string EventStore::prose(EventText c, std::size_t i) const {
    const std::size_t k = col(c);
    if (kind(k) != TextKind::Prose) return std::string(text(c, i));
    TextArena::Ref r = ref(k, i);
    if (!(r.chunk & kPacked)) return std::string(arenas_[k].at(r));
    r.chunk &= ~kPacked;
    std::string out;
    codec_->decompress(packed_[k].at(r), out);
    return out;
}

std::string EventStore::text_copy(EventText c, std::size_t i) const {
    return kind(col(c)) == TextKind::Prose ? prose(c, i) : std::string(text(c, i));
}

Count EventStore::count(EventCount c, std::size_t i) const {
    const std::int64_t v = counts_[static_cast<std::size_t>(c)].get(i, kNoCount);
    if (v == kNoCount) return std::nullopt;
    return v;
}

std::optional<double> EventStore::origin_lon_deg(std::size_t i) const {
    const std::uint32_t o = origin_.get(i, kNone);
    return o == kNone ? std::nullopt : origins_[o].lon_deg;
}
std::optional<double> EventStore::origin_lat_deg(std::size_t i) const {
    const std::uint32_t o = origin_.get(i, kNone);
    return o == kNone ? std::nullopt : origins_[o].lat_deg;
}
std::optional<Vec2> EventStore::origin_m(std::size_t i) const {
    const std::uint32_t o = origin_.get(i, kNone);
    return o == kNone ? std::nullopt : origins_[o].m;
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
    for (std::size_t k = 0; k < kEventTextColumns; ++k) e.*kTextMembers[k] = text_copy(static_cast<EventText>(k), i);
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
    if (origin_.get(i, kNone) == kNone) {
        origin_.set(i, static_cast<std::uint32_t>(origins_.size()), size(), kNone);
        origins_.emplace_back();
    }
    origins_[origin_.get(i, kNone)].m = m;
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
    if (kind(k) == TextKind::Dict) codes_[k].set(i, pools_[k].intern(value), size());
    else refs_[k].set(i, arenas_[k].add(value), size(), TextArena::Ref{});
}

bool EventStore::has_full_prose() const {
    for (std::size_t k = 0; k < kEventTextColumns; ++k)
        if (kind(k) == TextKind::Prose && arenas_[k].chunk_count() > std::size_t{taken_chunks_[k]} + 1) return true;
    return false;
}

std::vector<ProseBatch> EventStore::take_prose(bool all) {
    std::vector<ProseBatch> out;
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        if (kind(k) != TextKind::Prose || refs_[k].v.empty()) continue;
        std::vector<TextArena::Ref>& refs = refs_[k].v;
        const std::size_t chunks = arenas_[k].chunk_count();
        // Rows are added in order, so each chunk holds a run of rows (empty texts hold none).
        std::size_t i = prose_scan_[k];
        while (i < refs.size()) {
            while (i < refs.size() && (refs[i].size == 0 || (refs[i].chunk & kPacked))) ++i;
            if (i == refs.size()) break;
            const std::uint32_t chunk = refs[i].chunk;
            if (!all && chunk + 1 >= chunks) break;  // the open chunk
            ProseBatch b;
            b.column = k;
            b.chunk = chunk;
            for (; i < refs.size() && (refs[i].size == 0 || refs[i].chunk == chunk); ++i)
                if (refs[i].size != 0) {
                    b.rows.push_back(static_cast<std::uint32_t>(i));
                    b.refs.push_back(refs[i]);
                }
            b.text = arenas_[k].take_chunk(chunk);
            taken_chunks_[k] = chunk + 1;
            out.push_back(std::move(b));
        }
        prose_scan_[k] = static_cast<std::uint32_t>(i);
    }
    batches_out_ += out.size();
    return out;
}

void EventStore::pack(ProseBatch& b, const TextCodec& codec) {
    b.packed.clear();
    for (TextArena::Ref& r : b.refs) {
        const std::size_t offset = b.packed.size();
        codec.compress_append(std::string_view(b.text).substr(r.offset, r.size), b.packed);
        r.offset = static_cast<std::uint32_t>(offset);
        r.size = static_cast<std::uint32_t>(b.packed.size() - offset);
    }
    b.text = std::string();
}

void EventStore::install(ProseBatch&& b, std::shared_ptr<const TextCodec> codec) {
    if (codec_ && codec != codec_) throw std::logic_error("EventStore::install: a store's prose has one codec");
    if (!codec_) codec_ = std::move(codec);
    const std::uint32_t chunk = packed_[b.column].add_chunk(std::move(b.packed)) | kPacked;
    std::vector<TextArena::Ref>& refs = refs_[b.column].v;
    for (std::size_t j = 0; j < b.rows.size(); ++j) {
        TextArena::Ref r = b.refs[j];
        r.chunk = chunk;
        refs[b.rows[j]] = r;
    }
    --batches_out_;
}

void EventStore::permute(const std::vector<std::size_t>& order) {
    if (batches_out_ != 0) throw std::logic_error("EventStore::permute with prose batches out");
    permute_vector(start_s_, order), permute_vector(end_s_, order);
    permute_vector(start_offset_s_, order), permute_vector(end_offset_s_, order);
    permute_vector(flags_, order), permute_vector(category_, order);
    permute_vector(city_index_, order), permute_vector(region_index_, order);
    permute_vector(pos_m_, order), permute_vector(lon_lat_deg_, order), permute_vector(size_value_.v, order);
    permute_vector(time_precision_, order), permute_vector(geo_precision_, order);
    permute_vector(origin_.v, order);
    permute_vector(extra_first_, order), permute_vector(extra_count_, order);
    for (auto& c : counts_) permute_vector(c.v, order);
    for (std::size_t k = 0; k < kEventTextColumns; ++k) {
        codes_[k].permute(order);
        permute_vector(refs_[k].v, order);  // the arenas stay as they are: only the references move
    }
    // Rows taken for packing are all back (batches_out_ is 0): nothing left to scan.
    for (std::size_t k = 0; k < kEventTextColumns; ++k) prose_scan_[k] = static_cast<std::uint32_t>(size());
}

void EventStore::sort_by_time() {
    std::vector<std::size_t> order(size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::size_t id = col(EventText::event_id_cnty);
    if (!std::is_sorted(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return start_s_[a] != start_s_[b] ? start_s_[a] < start_s_[b]
                                              : arenas_[id].at(ref(id, a)) < arenas_[id].at(ref(id, b));
        })) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return start_s_[a] != start_s_[b] ? start_s_[a] < start_s_[b]
                                              : arenas_[id].at(ref(id, a)) < arenas_[id].at(ref(id, b));
        });
        permute(order);
    }
}

std::size_t EventStore::bytes() const {
    auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    std::size_t n = cap(start_s_) + cap(end_s_) + cap(start_offset_s_) + cap(end_offset_s_) + cap(flags_) +
                    cap(category_) + cap(city_index_) + cap(region_index_) + cap(pos_m_) + cap(lon_lat_deg_) +
                    cap(size_value_.v) + cap(time_precision_) + cap(geo_precision_) + cap(origin_.v) + cap(origins_) +
                    cap(extra_first_) + cap(extra_count_) + cap(extras_) + extra_names_.bytes() + extra_values_.bytes();
    for (const auto& c : counts_) n += cap(c.v);
    for (std::size_t k = 0; k < kEventTextColumns; ++k)
        n += codes_[k].bytes() + pools_[k].bytes() + cap(refs_[k].v) + arenas_[k].bytes() + packed_[k].bytes();
    return n;
}

// EventRef: each accessor reads its column.
#define QANTAR_ACCESSOR_Dict(name) \
    std::string_view EventRef::name() const { return s_->text(EventText::name, i_); }
#define QANTAR_ACCESSOR_Unique(name) QANTAR_ACCESSOR_Dict(name)
#define QANTAR_ACCESSOR_Prose(name) \
    std::string EventRef::name() const { return s_->prose(EventText::name, i_); }
#define QANTAR_X(name, kind) QANTAR_ACCESSOR_##kind(name)
QANTAR_EVENT_TEXT_FIELDS(QANTAR_X)
#undef QANTAR_X
#undef QANTAR_ACCESSOR_Dict
#undef QANTAR_ACCESSOR_Unique
#undef QANTAR_ACCESSOR_Prose
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
