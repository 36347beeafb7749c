// libFuzzer harness: the national tally CSV (announced_at, scope, figures); the test set's events.
// Loaded as tally.csv by fuzz::fuzz_load. Expected errors are fine; anything else is a finding (fuzz_util.hpp).
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return qantar::fuzz::fuzz_load(data, size, "tally.csv", qantar::fuzz::small_data_dir(), &qantar::LoadOptions::tally_path);
}
