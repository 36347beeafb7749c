// The columnar event store: what goes in comes back, sorting moves every column together, repeated
// text shares one pool, copies stand alone.
#include "core/event_store.hpp"
#include "reverse_codec.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace qantar;

namespace {

Event row(const std::string& id, std::int64_t start_s, const std::string& actor, const std::string& notes) {
    Event e;
    e.event_id_cnty = id;
    e.event_date = "2022-01-05";
    e.actor1 = actor;
    e.notes = notes;
    e.time_precision = 2;
    e.geo_precision = 3;
    e.lon_deg = 76.9 + static_cast<double>(start_s % 7);
    e.lat_deg = 43.2;
    e.category = static_cast<int>(start_s % 3);
    e.start = LocalTime{start_s, 6 * 3600};
    e.city_index = static_cast<int>(start_s % 5) - 1;
    e.region_index = 2;
    e.pos_m = Vec2{static_cast<double>(start_s) * 1.5, -2.0};
    return e;
}

}  // namespace

TEST_CASE("a row comes back from the columns as it went in", "[event_store]") {
    Event e = row("KAZ1", 1641340800, "Protesters (Kazakhstan)", "A long note, with \"quotes\" and UTF-8: Алматы.");
    e.end = LocalTime{1641340800 + 3600, 5 * 3600};
    e.fatalities = 0;  // zero is a count, not "none"
    e.participants = 1200;
    e.size_value = 3.5;
    e.local_time = true;
    e.disputed = true;
    e.disputed_note = "two sources differ";
    e.origin_lon_deg = 37.6;
    e.origin_lat_deg = 55.7;
    e.origin_m = Vec2{1, 2};
    e.movement = "arrival";
    e.extra = {{"banner", "Internet down"}, {"year", "2022"}};
    EventStore s;
    s.push_back(e);
    s.push_back(row("KAZ2", 1641340000, "", ""));
    REQUIRE(s.size() == 2);
    const Event back = s.materialise(0);
    CHECK(back.event_id_cnty == e.event_id_cnty);
    CHECK(back.notes == e.notes);
    CHECK(back.actor1 == e.actor1);
    CHECK(back.start == e.start);
    CHECK(back.end == e.end);
    CHECK(back.fatalities == Count{0});
    CHECK(back.participants == Count{1200});
    CHECK_FALSE(back.injured);
    CHECK(back.size_value == std::optional<double>{3.5});
    CHECK(back.local_time);
    CHECK(back.disputed);
    CHECK(back.disputed_note == "two sources differ");
    CHECK(back.origin_lon_deg == std::optional<double>{37.6});
    CHECK(back.origin_m == std::optional<Vec2>{Vec2{1, 2}});
    CHECK(back.movement == "arrival");
    CHECK(back.extra == e.extra);
    CHECK(back.pos_m == e.pos_m);
    CHECK(back.city_index == e.city_index);
    CHECK(back.region_index == 2);
    // The second row has none of the optional parts.
    CHECK_FALSE(s.end(1));
    CHECK_FALSE(s.origin_m(1));
    CHECK_FALSE(s.size_value(1));
    CHECK(s[1].extra().empty());
    CHECK(s[1].actor1().empty());
}

TEST_CASE("sorting by time moves every column of a row together", "[event_store]") {
    EventStore s;
    // Starts out of order, two ties broken by id.
    const std::int64_t starts[] = {500, 100, 300, 100, 200};
    const char* ids[] = {"e", "b", "d", "a", "c"};
    for (int k = 0; k < 5; ++k) s.push_back(row(ids[k], starts[k], std::string("actor ") + ids[k], std::string("note ") + ids[k]));
    s.sort_by_time();
    const char* want[] = {"a", "b", "c", "d", "e"};
    for (std::size_t i = 0; i < s.size(); ++i) {
        INFO(i);
        const std::string id = want[i];
        CHECK(s[i].event_id_cnty() == id);
        CHECK(s[i].actor1() == "actor " + id);
        CHECK(s[i].notes() == "note " + id);
        // The hot columns follow their row: each was derived from the row's start.
        const std::int64_t t = s.start_s(i);
        CHECK(s.category(i) == static_cast<int>(t % 3));
        CHECK(s.city_index(i) == static_cast<int>(t % 5) - 1);
        CHECK(s.pos_m(i).x == Approx(static_cast<double>(t) * 1.5));
        if (i > 0) CHECK(s.start_s(i - 1) <= t);
    }
    CHECK(s.start_column().size() == 5);
}

TEST_CASE("a copy of the store stands alone, a pool gives one code per value", "[event_store]") {
    EventStore s;
    for (int k = 0; k < 1000; ++k) s.push_back(row("R" + std::to_string(k), k, k % 2 ? "Rioters" : "Police", ""));
    StringPool p;
    CHECK(p.intern("x") == p.intern(std::string("x")));
    CHECK(p.at(0).empty());
    EventStore copy = s;
    s.set_text(EventText::actor1, 0, "Changed");
    s = EventStore();  // the original gone: the copy's views must not point into it
    CHECK(copy.size() == 1000);
    CHECK(copy[0].actor1() == "Police");
    CHECK(copy[1].actor1() == "Rioters");
    CHECK(copy[999].event_id_cnty() == "R999");
    // An existing value set again reads back the same.
    copy.set_text(EventText::actor1, 2, "Rioters");
    CHECK(copy[2].actor1() == "Rioters");
}

TEST_CASE("dictionary codes widen as the pool grows, empty columns hold nothing", "[event_store]") {
    EventStore s;
    // 70,000 distinct actors: the codes go from none to 1, 2 and 4 bytes while rows come in.
    for (int k = 0; k < 70000; ++k) {
        Event e = row("W" + std::to_string(k), k, k < 10 ? std::string() : "actor " + std::to_string(k), "");
        if (k % 1000 == 7) e.fatalities = k;  // a sparse count column
        s.push_back(e);
    }
    for (int k : {0, 9, 10, 255, 300, 65535, 65546, 69999}) {
        INFO(k);
        CHECK(s[k].actor1() == (k < 10 ? std::string() : "actor " + std::to_string(k)));
        CHECK(s[k].fatalities() == (k % 1000 == 7 ? Count(k) : Count()));
        CHECK(s[k].admin3().empty());
    }
    // A value set on a column that held none: the rows around it still read "".
    s.set_text(EventText::admin3, 5, "District");
    CHECK(s[5].admin3() == "District");
    CHECK(s[4].admin3().empty());
    CHECK(s[6].admin3().empty());
    s.set_origin_m(3, Vec2{1, 2});
    CHECK(s.origin_m(3) == std::optional<Vec2>(Vec2{1, 2}));
    CHECK(!s.origin_m(2));
    // Sorting moves the 4-byte codes and the sparse columns with their rows (starts reversed).
    EventStore r;
    for (int k = 0; k < 70000; ++k) {
        Event e = row("V" + std::to_string(100000 + k), 70000 - k, "actor " + std::to_string(k), "");
        if (k % 1000 == 7) e.fatalities = k;
        r.push_back(e);
    }
    r.sort_by_time();
    for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{4242}, std::size_t{69999}}) {
        const int k = 70000 - static_cast<int>(r.start_s(i));
        INFO(k);
        CHECK(r[i].actor1() == "actor " + std::to_string(k));
        CHECK(r[i].fatalities() == (k % 1000 == 7 ? Count(k) : Count()));
    }
}

using test::ReverseCodec;

TEST_CASE("prose taken out in full chunks, packed and installed, reads back the same", "[event_store]") {
    EventStore s;
    auto note = [](int k) { return k % 9 == 0 ? std::string() : "note " + std::to_string(k) + std::string(300, static_cast<char>('a' + k % 26)); };
    auto codec = std::make_shared<ReverseCodec>();
    std::size_t packed = 0;
    for (int k = 0; k < 40000; ++k) {  // ~12 MB of notes: several 4 MB chunks
        s.push_back(row("P" + std::to_string(100000 + k), 40000 - k, "a", note(k)));
        if (s.has_full_prose())
            for (ProseBatch& b : s.take_prose(false)) {
                CHECK(b.column == static_cast<std::size_t>(EventText::notes));
                EventStore::pack(b, *codec);
                s.install(std::move(b), codec);
                ++packed;
            }
    }
    CHECK(packed >= 2);
    CHECK(s.prose_batches_out() == 0);
    for (ProseBatch& b : s.take_prose(true)) {
        EventStore::pack(b, *codec);
        s.install(std::move(b), codec);
    }
    CHECK(!s.has_full_prose());
    for (int k : {0, 1, 8, 9, 10, 13000, 26000, 39999}) CHECK(s[k].notes() == note(k));
    // Sorting moves the references: row k's note follows it.
    s.sort_by_time();
    for (int i : {0, 1, 20000, 39999}) {
        const int k = 40000 - static_cast<int>(s.start_s(i));
        INFO(k);
        CHECK(s[i].event_id_cnty() == "P" + std::to_string(100000 + k));
        CHECK(s[i].notes() == note(k));
        CHECK(s.materialise(i).notes == note(k));
    }
    // A copy reads the packed text through the same codec.
    EventStore copy = s;
    s = EventStore();
    CHECK(copy[5].notes() == note(40000 - static_cast<int>(copy.start_s(5))));
    // Without a batch out, sorting is allowed; with one, it is a logic error.
    EventStore t;
    for (int k = 0; k < 20000; ++k) t.push_back(row("T" + std::to_string(k), 20000 - k, "a", note(k)));
    std::vector<ProseBatch> out = t.take_prose(false);
    REQUIRE(!out.empty());
    CHECK_THROWS_AS(t.sort_by_time(), std::logic_error);
    CHECK_THROWS_AS(t.text(EventText::notes, 0), std::logic_error);
    // A store's prose has one codec: a batch packed with another is refused.
    for (ProseBatch& b : out) {
        EventStore::pack(b, *codec);
        t.install(std::move(b), codec);
    }
    std::vector<ProseBatch> rest = t.take_prose(true);  // the open chunk
    REQUIRE(!rest.empty());
    auto other = std::make_shared<ReverseCodec>();
    EventStore::pack(rest.front(), *other);
    CHECK_THROWS_AS(t.install(std::move(rest.front()), other), std::logic_error);
}
