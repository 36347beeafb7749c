// The store's side of a load (io/store_writer.hpp): batches of rows appended in order with their
// category keys counted and their prose packed, and an error in packing reaches the caller (issue 11).
#include "io/store_writer.hpp"
#include "reverse_codec.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace qantar;
using loading::StoreWriter;
using test::ReverseCodec;

namespace {

std::string note(int k) { return "Note " + std::to_string(k) + ": " + std::string(static_cast<std::size_t>(250 + k % 97), static_cast<char>('a' + k % 26)); }

void fill(StoreWriter::Row& r, int k) {
    r.event = Event{};
    r.event.event_id_cnty = "R" + std::to_string(k);
    r.event.notes = note(k);
    r.event.lon_deg = 10;
    r.event.lat_deg = 20;
    r.key = k % 3 == 0 ? "Protests" : "Riots";
}

// Rows 0..n-1 through the writer in batches of kRows; a row whose index `skip` divides is filled
// but not counted (a row that failed to read).
void write_rows(StoreWriter& w, int n, int skip = 0) {
    StoreWriter::Batch batch(StoreWriter::kRows);
    std::size_t used = 0;
    for (int k = 0; k < n; ++k) {
        fill(batch[used], k);
        if (skip > 0 && k % skip == 0) continue;
        if (++used == batch.size()) {
            w.write(batch, used);
            used = 0;
        }
    }
    w.write(batch, used);
}

}  // namespace

TEST_CASE("the store keeps the rows' order, their keys and counts, across batches", "[load][issue11]") {
    EventStore store;
    StringPool key_pool;
    std::vector<std::uint32_t> keys;
    std::vector<std::size_t> key_counts{0};
    const int n = static_cast<int>(StoreWriter::kRows * 12 + 17);  // the batch refilled
    {
        StoreWriter w(store, key_pool, keys, key_counts);
        write_rows(w, n, 1000);
        w.finish();
    }
    const int skipped = (n - 1) / 1000 + 1;
    REQUIRE(store.size() == static_cast<std::size_t>(n - skipped));
    REQUIRE(keys.size() == store.size());
    std::size_t i = 0;
    for (int k = 0; k < n; ++k) {
        if (k % 1000 == 0) continue;
        if (store[i].event_id_cnty() != "R" + std::to_string(k) || store[i].notes() != note(k) ||
            key_pool.at(keys[i]) != (k % 3 == 0 ? "Protests" : "Riots"))
            FAIL("row " << i << " is not row " << k);
        ++i;
    }
    std::size_t protests = 0;
    for (int k = 0; k < n; ++k) protests += k % 1000 != 0 && k % 3 == 0;
    CHECK(key_counts[key_pool.intern("Protests")] == protests);
    CHECK(key_counts[key_pool.intern("Riots")] == store.size() - protests);
}

TEST_CASE("an error packing the prose reaches the loading thread", "[load][bad][issue11]") {
    // The store's prose already has another codec: the writer's packer has its chunks refused
    // (a logic error where the chunks are installed, on the loading thread).
    EventStore store;
    auto other = std::make_shared<ReverseCodec>();
    for (int k = 0; k < 20000; ++k) {
        Event e;
        e.event_id_cnty = "P" + std::to_string(k);
        e.notes = note(k);
        store.push_back(e);
    }
    for (ProseBatch& b : store.take_prose(false)) {
        EventStore::pack(b, *other);
        store.install(std::move(b), other);
    }
    StringPool key_pool;
    std::vector<std::uint32_t> keys;
    std::vector<std::size_t> key_counts{0};
    const int n = 200000;  // ~60 MB of notes: many full chunks, so the packer must install some on the way
    StoreWriter w(store, key_pool, keys, key_counts);
    CHECK_THROWS_AS(([&] {
                        write_rows(w, n);
                        w.finish();
                    }()),
                    std::logic_error);
}
