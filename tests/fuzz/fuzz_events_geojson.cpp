// libFuzzer harness: events as GeoJSON (point features with the event properties).
// The input is written to a file named events.geojson and loaded with qantar::load_dataset, then a Timeline is
// built over the result (spread, states, tallies). Expected errors are fine; anything else is a
// finding (see fuzz_util.hpp). Odd-sized inputs load with skip_invalid set.
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace qantar;
    fuzz::init();
    const std::string path = fuzz::write_input("events.geojson", data, size);
    fuzz::expect_clean([&] {
        LoadOptions options;
        options.geodata_dir = fuzz::fuzz_data_dir();
        options.events_path = path;
        options.context = false;
        options.skip_invalid = size % 2 == 1;
        const Dataset dataset = load_dataset(options);
        const Timeline timeline(dataset);
        (void)timeline;
    });
    return 0;
}
