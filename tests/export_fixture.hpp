// The export fixture shared by the export tests: tests/data/export (two regions, three cities,
// five events, two tallies), loaded without context layers.
#pragma once

#include "core/time.hpp"
#include "io/load.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "story_categories.hpp"

namespace qantar::test {

inline const std::string kExportFixtures = std::string(QANTAR_SOURCE_DIR) + "/tests/data/export";

inline LoadOptions export_fixture_options() {
    LoadOptions o;
    o.events_path = kExportFixtures + "/events.csv";
    o.cities_path = kExportFixtures + "/cities.csv";
    o.regions_path = kExportFixtures + "/regions.geojson";
    o.tally_path = kExportFixtures + "/tally.csv";
    o.context = false;
    o.categories = story_categories();  // the fixtures use the bundled story's category ids
    return o;
}

// UTC seconds of an ISO 8601 time with an offset.
inline std::int64_t utc(const std::string& iso) {
    auto t = parse_iso8601(iso);
    REQUIRE(t);
    return t->utc_s;
}

}  // namespace qantar::test
