// The bundled story's category table, read from its manifest, and names for its indices so that
// hand-made datasets in tests read as before (Category::Riot is the index of "riot").
#pragma once

#include "io/story_manifest.hpp"

#include <vector>

namespace qantar::test {

inline const std::vector<CategoryDef>& story_categories() {
    static const std::vector<CategoryDef> table =
        read_story_manifest(QANTAR_SOURCE_DIR "/geodata/kazakhstan-2022/story.toml").categories;
    return table;
}

// Indices into story_categories(), in the manifest's order.
namespace Category {
inline constexpr int PeacefulProtest = 0, Riot = 1, SecurityOperation = 2, StateOfEmergency = 3,
                     PoliticalDecision = 4, ForeignTroops = 5, InternetShutdown = 6;
}

// Load options of the bundled story (as `qantar` with no data option).
inline LoadOptions bundled_options() {
    LoadOptions o;
    apply_story(read_story_manifest(QANTAR_SOURCE_DIR "/geodata/kazakhstan-2022/story.toml"), o);
    return o;
}

}  // namespace qantar::test
