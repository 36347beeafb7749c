// The story manifest (story.toml): the bundled one reads into the table the map used to hard-code;
// each kind of bad manifest is one line naming the file and the key.
#include "core/error.hpp"
#include "io/load.hpp"
#include "io/story_manifest.hpp"

#include <catch2/catch.hpp>
#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <string>

using namespace qantar;
namespace fs = std::filesystem;

namespace {

const std::string kBundled = QANTAR_SOURCE_DIR "/geodata/kazakhstan-2022";

// A story folder with an events file and the given manifest.
fs::path story_dir(const std::string& name, const std::string& manifest) {
    const fs::path dir = test::scratch_dir("manifest", name);
    std::ofstream(dir / "events.csv") << "event_id_cnty,category,start_time,latitude,longitude\nA,a,2019-03-05,43.2,76.9\n";
    std::ofstream(dir / "story.toml") << manifest;
    return dir;
}

const std::string kFiles = "[files]\nevents = \"events.csv\"\n";

// The manifest fails with one line holding every part.
void require_manifest_error(const std::string& name, const std::string& manifest, std::initializer_list<std::string> parts) {
    const fs::path dir = story_dir(name, manifest);
    try {
        (void)read_story_manifest(dir.string());
        FAIL("no error for " << name);
    } catch (const InputError& e) {
        const std::string msg = e.what();
        INFO(msg);
        CHECK(msg.find('\n') == std::string::npos);
        CHECK(msg.rfind((dir / "story.toml").string() + ": ", 0) == 0);
        for (const std::string& p : parts) CHECK(msg.find(p) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("the bundled manifest gives the story's categories, texts and files", "[manifest]") {
    const StoryConfig s = read_story_manifest(kBundled);
    CHECK(s.manifest == kBundled + "/story.toml");
    CHECK(s.title.en == "Kazakhstan \xC2\xB7 January 2022");
    CHECK_FALSE(s.title.kk.empty());
    CHECK(s.time_zone == "Asia/Almaty");
    CHECK(s.crs.rfind("+proj=lcc", 0) == 0);
    REQUIRE(s.bbox);
    CHECK((*s.bbox)[0] < (*s.bbox)[2]);
    CHECK(s.events == kBundled + "/events.csv");
    CHECK(s.beats == kBundled + "/beats.csv");
    CHECK(s.hud.day_counter.en == "Day {n} of the unrest");
    CHECK(s.hud.tally_columns == std::vector<std::string>{"killed", "security_killed", "injured", "detained"});
    REQUIRE(s.categories.size() == 7);
    // The table the renderer used to hard-code: ids, colours and meaning.
    const char* ids[] = {"peaceful_protest", "riot", "security_operation", "state_of_emergency",
                         "political_decision", "foreign_troops", "internet_shutdown"};
    const std::uint32_t rgb[] = {0xFFB840, 0xFF4838, 0x788CFF, 0xBE6EFF, 0xE1E8F0, 0x3CDCC8, 0x96A0B4};
    for (std::size_t i = 0; i < 7; ++i) {
        CHECK(s.categories[i].id == ids[i]);
        CHECK(s.categories[i].rgb == rgb[i]);
    }
    const auto& c = s.categories;
    CHECK((c[0].spreads && c[1].spreads && !c[2].spreads && !c[5].spreads));
    CHECK((c[1].violent && c[2].violent && !c[0].violent));
    CHECK(c[0].effect == PlaceEffect::Protest);
    CHECK(c[3].effect == PlaceEffect::Emergency);
    CHECK((c[3].until_end && !c[3].marker));
    CHECK((c[6].banner && c[6].banner_en == "INTERNET SHUT DOWN NATIONWIDE" && !c[6].marker));
    CHECK(c[5].movement);
    CHECK(c[4].default_duration_s == 6 * 3600);
    CHECK(c[5].default_duration_s == 24 * 3600);
}

TEST_CASE("explicit options override the manifest", "[manifest]") {
    LoadOptions o;
    o.crs = "EPSG:3857";
    o.title = "Mine";
    apply_story(read_story_manifest(kBundled), o);
    CHECK(o.crs == "EPSG:3857");
    CHECK(o.title == "Mine");
    CHECK(o.events_path == kBundled + "/events.csv");
    CHECK(o.categories.size() == 7);
    CHECK(o.time_zone == "Asia/Almaty");

    // --events replaces the story's data: only its base map stays.
    LoadOptions plain;
    plain.events_path = "other.csv";
    apply_story(read_story_manifest(kBundled), plain);
    CHECK(plain.events_path == "other.csv");
    CHECK(plain.categories.empty());
    CHECK(plain.title.empty());
    CHECK_FALSE(plain.story);
    CHECK(plain.regions_path == kBundled + "/regions.fgb");
}

TEST_CASE("a minimal manifest: the events file alone", "[manifest]") {
    const fs::path dir = story_dir("minimal", kFiles);
    const StoryConfig s = read_story_manifest((dir / "story.toml").string());
    CHECK(s.events == (dir / "events.csv").string());
    CHECK(s.categories.empty());
    CHECK(s.title.empty());
}

TEST_CASE("a bad manifest is one line naming the file and the key", "[manifest]") {
    const std::string cat = "[[categories]]\nid = \"a\"\ncolour = \"#112233\"\n";
    require_manifest_error("unknown", "titel = \"x\"\n" + kFiles, {"key 'titel'", "unknown key"});
    require_manifest_error("unknown-in-category", kFiles + cat + "[[categories]]\nid = \"b\"\ncolour = \"#112233\"\ncolor = \"#000000\"\n",
                           {"key 'categories[2].color'", "unknown key"});
    require_manifest_error("missing-file", "[files]\nevents = \"nope.csv\"\n", {"key 'files.events'", "no such file"});
    require_manifest_error("no-files", "title = \"x\"\n", {"key 'files'", "missing"});
    const std::string cat_b = "[[categories]]\nid = \"b\"\ncolour = \"#112233\"\n";
    require_manifest_error("no-colour", kFiles + cat + cat_b + "[[categories]]\nid = \"c\"\n",
                           {"key 'categories[3].colour'", "missing"});
    require_manifest_error("bad-colour", kFiles + "[[categories]]\nid = \"a\"\ncolour = \"red\"\n",
                           {"key 'categories[1].colour'", "'red' is not a colour"});
    require_manifest_error("short-colour", kFiles + "[[categories]]\nid = \"a\"\ncolour = \"#12345\"\n",
                           {"key 'categories[1].colour'"});
    require_manifest_error("duplicate", kFiles + cat + cat, {"key 'categories[2].id'", "duplicate id 'a'"});
    require_manifest_error("bad-state", kFiles + cat + "state = \"riot\"\n", {"key 'categories[1].state'", "not a state"});
    require_manifest_error("bad-duration", kFiles + cat + "duration_h = -1\n", {"key 'categories[1].duration_h'"});
    require_manifest_error("bad-bbox", "bbox = [10, 10, 5, 20]\n" + kFiles, {"key 'bbox'", "lon_min < lon_max"});
    require_manifest_error("bad-counter", kFiles + "[hud]\nday_counter = \"Day of the thing\"\n", {"key 'hud.day_counter'", "{n}"});
    require_manifest_error("bad-column", kFiles + "[hud]\ntally_columns = [\"killd\"]\n", {"key 'hud.tally_columns'", "killd"});
    require_manifest_error("syntax", "[files\n", {"line 1"});
}

TEST_CASE("a story folder without its manifest", "[manifest]") {
    const fs::path dir = test::scratch_dir("manifest", "empty");
    CHECK_THROWS_WITH(read_story_manifest(dir.string()), Catch::Contains("story.toml") && Catch::Contains("no such file"));
}

TEST_CASE("a story's events must use its category ids", "[manifest][load]") {
    const fs::path dir = story_dir("ids", kFiles + "[[categories]]\nid = \"b\"\ncolour = \"#112233\"\n");
    LoadOptions o;
    apply_story(read_story_manifest(dir.string()), o);
    o.cities_path = QANTAR_SOURCE_DIR "/tests/data/cities.csv";
    o.regions_path = QANTAR_SOURCE_DIR "/tests/data/regions.geojson";
    CHECK_THROWS_WITH(load_dataset(o), Catch::Contains("line 2") && Catch::Contains("'category'") &&
                                           Catch::Contains("unknown category 'a' (expected b)"));
}

TEST_CASE("hex colours", "[manifest]") {
    CHECK(parse_hex_colour("#ffb840") == 0xFFB840u);
    CHECK(parse_hex_colour("#FFB840") == 0xFFB840u);
    CHECK_FALSE(parse_hex_colour("ffb840"));
    CHECK_FALSE(parse_hex_colour("#ffb84"));
    CHECK_FALSE(parse_hex_colour("#ffb84g"));
}
