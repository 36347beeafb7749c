// libFuzzer harness: the regions GeoJSON (polygons with region_id, names, utc_offset); projected and triangulated.
// Loaded as regions.geojson by fuzz::fuzz_load. Expected errors are fine; anything else is a finding (fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return qantar::fuzz::fuzz_load(data, size, "regions.geojson", qantar::fuzz::small_data_dir(), &qantar::LoadOptions::regions_path);
}
