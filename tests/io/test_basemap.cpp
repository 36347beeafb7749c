// A map of any place: one events file and the world base map (tests/data/world, the schema of
// geodata/world), loaded through load_dataset.
#include "io/load.hpp"
#include "io/projection.hpp"

#include "core/story.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

using namespace qantar;

namespace {

LoadOptions california() {
    LoadOptions o;
    o.events_path = QANTAR_SOURCE_DIR "/tests/data/usgs/california-m1.csv";
    o.world_dir = QANTAR_SOURCE_DIR "/tests/data/world";
    return o;
}

}  // namespace

TEST_CASE("world mode: the regions are the admin-1 units of the events' country", "[basemap][issue10]") {
    const Dataset d = load_dataset(california());
    REQUIRE(d.events.size() == 306);
    CHECK(d.frame_on_data);
    CHECK(d.crs.rfind("+proj=lcc ", 0) == 0);
    const auto names = [&] {
        std::vector<std::string> n;
        for (const Region& g : d.regions) n.push_back(g.name_en);
        return n;
    }();
    CHECK(std::find(names.begin(), names.end(), "California") != names.end());
    CHECK(std::find(names.begin(), names.end(), "Nevada") != names.end());
    CHECK(d.title == "United States of America");
    // Context: the neighbours in view (Mexico), not the far side of the world.
    bool mexico = false, japan = false;
    for (const ContextFeature& c : d.countries) mexico |= c.iso_a3 == "MEX", japan |= c.iso_a3 == "JPN";
    CHECK(mexico);
    CHECK_FALSE(japan);
    // Cities: the larger places in view, of any country in view; a village of 3,819 is left out at
    // this scale; far-away Anchorage too.
    CHECK(d.find_city("Los Angeles") >= 0);
    CHECK(d.find_city("Tijuana") >= 0);
    CHECK(d.find_city("Bishop") < 0);
    CHECK(d.find_city("Anchorage") < 0);
}

TEST_CASE("world mode: an event outside every region stays where it is", "[basemap][issue10]") {
    const Dataset d = load_dataset(california());
    const Projector p(d.crs);
    int at_sea = 0;
    for (const Event& e : d.events.materialise_all()) {
        Vec2 m;
        REQUIRE(p.forward(e.lon_deg, e.lat_deg, m));
        CHECK(e.pos_m.x == Approx(m.x));
        CHECK(e.pos_m.y == Approx(m.y));
        if (e.region_index < 0) ++at_sea;
        CHECK(e.city_index < 0);
    }
    CHECK(at_sea > 0);  // offshore quakes (Mendocino) fall in no state
}

TEST_CASE("world mode: zoom 1 frames the bulk of the events", "[basemap][issue10]") {
    const Dataset d = load_dataset(california());
    const ExtentM e = country_extent_m(d);
    CHECK(e.min_m == d.framing_min_m);
    CHECK(e.max_m == d.framing_max_m);
    // California is about 1,000 km tall: the framing is that, plus margins, not the whole country.
    CHECK(e.height_m() > 900e3);
    CHECK(e.height_m() < 1500e3);
    CHECK(d.outside_extent > 0);
    CHECK(d.outside_extent < 20);
}

TEST_CASE("world mode: --title and --bbox win over what is derived", "[basemap][issue10]") {
    LoadOptions o = california();
    o.title = "Quakes";
    o.bbox = "-119,33,-117,35";
    const Dataset d = load_dataset(o);
    CHECK(d.title == "Quakes");
    CHECK(d.framing_deg == LonLatBox{-119, 33, -117, 35});
    CHECK(d.outside_extent > 100);
}

TEST_CASE("world mode: a cities file given is read whole instead of the world's", "[basemap][issue10]") {
    LoadOptions o = california();
    o.cities_path = QANTAR_SOURCE_DIR "/tests/data/world/cities.csv";
    const Dataset d = load_dataset(o);
    CHECK(d.cities.size() == 10);  // Anchorage and Bishop too: the user's file is not filtered
    CHECK(d.find_city("Anchorage") >= 0);
}

TEST_CASE("a data directory without cities.csv loads with no cities", "[basemap][issue10]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("qantar-nocities-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::copy_file(QANTAR_SOURCE_DIR "/tests/data/regions.geojson", dir / "regions.geojson", fs::copy_options::overwrite_existing);
    LoadOptions o;
    o.geodata_dir = dir.string();
    o.events_path = QANTAR_SOURCE_DIR "/tests/data/usgs/california-m1.csv";
    const Dataset d = load_dataset(o);
    CHECK(d.cities.empty());
    CHECK(d.events.size() == 306);
    for (const Event& e : d.events.materialise_all()) CHECK(e.region_index < 0);  // California is in no region of this file
    fs::remove_all(dir);
}
