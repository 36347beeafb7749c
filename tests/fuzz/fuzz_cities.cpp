// libFuzzer harness: the cities CSV (city_id, names, region_id, population, latitude, longitude).
// Loaded as cities.csv by fuzz::fuzz_load. Expected errors are fine; anything else is a finding (fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return qantar::fuzz::fuzz_load(data, size, "cities.csv", qantar::fuzz::small_data_dir(), &qantar::LoadOptions::cities_path);
}
