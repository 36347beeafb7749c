// The fixtures the load tests share: tests/data's files as a story would name them, and the check
// that a load fails with one line naming what is wrong.
#pragma once

#include "core/error.hpp"
#include "io/load.hpp"

#include <catch2/catch.hpp>
#include "story_categories.hpp"
#include "support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace qantar::test {

inline const std::string kTestData = std::string(QANTAR_SOURCE_DIR) + "/tests/data";

// A fresh directory for one load test case.
inline std::filesystem::path load_dir(const std::string& name) { return scratch_dir("load", name); }

inline LoadOptions fixture_options(const std::string& events = kTestData + "/events.csv") {
    LoadOptions o;
    o.events_path = events;
    o.cities_path = kTestData + "/cities.csv";
    o.regions_path = kTestData + "/regions.geojson";
    o.categories = story_categories();  // the fixtures use the bundled story's category ids
    return o;
}

// The message of the InputError loading gives ("(no error)" when it loads).
inline std::string load_error(const LoadOptions& o) {
    try {
        load_dataset(o);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

// Loading must fail with an InputError whose one-line message names all of `parts`.
inline void require_input_error(const LoadOptions& o, const std::vector<std::string>& parts) {
    try {
        load_dataset(o);
        FAIL("no error; expected one naming " << parts.front());
    } catch (const InputError& e) {
        const std::string msg = e.what();
        INFO(msg);
        CHECK(msg.find('\n') == std::string::npos);
        for (const std::string& p : parts) CHECK(msg.find(p) != std::string::npos);
    }
}

}  // namespace qantar::test
