// The bundled data set (geodata/), loaded once per test executable.
#pragma once

#include "io/load.hpp"
#include "story_categories.hpp"
#include "core/timeline.hpp"

#include <memory>

namespace qantar::test {

struct BundledData {
    Dataset data;
    std::unique_ptr<Timeline> timeline;
    BundledData() {
        data = load_dataset(bundled_options());
        timeline = std::make_unique<Timeline>(data);
    }
};

inline const BundledData& bundled_data() {
    static const BundledData b;
    return b;
}

}  // namespace qantar::test
