// libFuzzer harness: events as GeoJSON (point features with the event properties).
// Loaded as events.geojson by fuzz::fuzz_load. Expected errors are fine; anything else is a finding (fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return qantar::fuzz::fuzz_load(data, size, "events.geojson", qantar::fuzz::fuzz_data_dir(), &qantar::LoadOptions::events_path);
}
