// libFuzzer harness: fuzzed event data, exported. The input is an events CSV (loaded with
// skip_invalid, so that more rows get through); every event is exported as GeoJSON, KML or CSV
// (by the input's size) in memory, and the output must be valid UTF-8 whatever bytes the input's
// column names and values hold. Expected errors are fine; anything else is a finding.
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace qantar;
    fuzz::init();
    const std::string path = fuzz::write_input("events.csv", data, size);
    static constexpr ExportFormat formats[] = {ExportFormat::GeoJSON, ExportFormat::KML, ExportFormat::CSV};
    const ExportFormat format = formats[size % 3];
    fuzz::expect_clean([&] {
        LoadOptions options;
        options.geodata_dir = fuzz::fuzz_data_dir();
        options.events_path = path;
        options.context = false;
        options.skip_invalid = true;
        const Dataset dataset = load_dataset(options);
        const Timeline timeline(dataset);
        ExportRequest request;  // every event, at the end of the data
        const std::string bytes = encode_export({build_export_table(timeline, request)}, format);
        if (!fuzz::valid_utf8(bytes))
            fuzz::finding("events export (" + std::string(export_format_driver(format)) +
                          ") is not valid UTF-8");
    });
    return 0;
}
