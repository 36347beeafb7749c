// libFuzzer harness: events as CSV (ACLED columns, start_time/end_time, latitude/longitude).
// Loaded as events.csv by fuzz::fuzz_load. Expected errors are fine; anything else is a finding (fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return qantar::fuzz::fuzz_load(data, size, "events.csv", qantar::fuzz::fuzz_data_dir(), &qantar::LoadOptions::events_path);
}
