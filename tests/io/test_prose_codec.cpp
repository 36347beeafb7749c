// The notes compressed while they load (issue 11): zstd with a dictionary trained on the first
// full chunk, packed on a worker thread, read back byte for byte.
#include "io/prose_codec.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace qantar;

namespace {
// ACLED-like notes: sentences of common words, 100-600 characters, some empty, one with UTF-8.
std::string note(std::mt19937& rng, int k) {
    static const char* words[] = {"protesters", "gathered", "in", "front", "of", "the", "akimat", "demanding",
                                  "lower", "fuel", "prices", "police", "detained", "several", "people", "on",
                                  "Алматы", "square", "reported", "by", "local", "media"};
    if (k % 11 == 0) return {};
    std::string s = "On day " + std::to_string(k) + ",";
    const std::size_t len = 100 + rng() % 500;
    while (s.size() < len) s += std::string(" ") + words[rng() % std::size(words)];
    return s + ".";
}
}  // namespace

TEST_CASE("notes packed by the worker read back the same, in less memory", "[prose][issue11]") {
    std::mt19937 rng(7);
    EventStore s, bare;  // bare: the same rows without notes
    io::ProsePacker packer(s);
    std::vector<std::string> want;
    std::size_t plain = 0;
    for (int k = 0; k < 60000; ++k) {  // ~21 MB of notes
        Event e;
        e.event_id_cnty = "N" + std::to_string(k);
        e.start = LocalTime{60000 - k, 0};
        e.notes = note(rng, k);
        plain += e.notes.size();
        want.push_back(e.notes);
        s.push_back(e);
        packer.poll();
        e.notes.clear();
        bare.push_back(e);
    }
    packer.finish();
    CHECK(s.prose_batches_out() == 0);
    for (std::size_t k = 0; k < want.size(); ++k)
        if (s[k].notes() != want[k]) FAIL_CHECK("note " << k << " differs");
    const std::size_t notes = s.bytes() - bare.bytes();
    INFO("plain " << plain << " bytes, in the store " << notes);
    CHECK(notes < plain / 2);  // compressed (with their references) to under half
    s.sort_by_time();
    CHECK(s[0].notes() == want.back());
}

TEST_CASE("less prose than one chunk stays as it is, a tiny sample gets the plain codec", "[prose][issue11]") {
    EventStore s;
    io::ProsePacker packer(s);
    for (int k = 0; k < 100; ++k) {
        Event e;
        e.notes = "short note " + std::to_string(k);
        s.push_back(e);
        packer.poll();
    }
    packer.finish();
    CHECK(s[42].notes() == "short note 42");
    ProseBatch b;
    b.text = "abcabc";
    b.refs = {{0, 0, 3}, {0, 3, 3}};
    auto codec = io::train_prose_codec(b);
    std::string packed, back;
    codec->compress_append("hello", packed);
    codec->decompress(packed, back);
    CHECK(back == "hello");
}
