// qantar info: loads the data and prints its summary (text, or one JSON object with --json).
#include "commands.hpp"
#include "core/info.hpp"
#include "io/load.hpp"
#include "core/timeline.hpp"

#include <iostream>

namespace qantar::app {

int run_info(const LoadOptions& load, bool json) {
    const Dataset data = load_dataset(load);
    const Timeline timeline(data);
    if (json) std::cout << info_json(timeline).dump(2) << '\n';
    else std::cout << info_text(timeline);
    return 0;
}

}  // namespace qantar::app
