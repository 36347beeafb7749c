// libFuzzer harness: the export encoders with fuzzed requests. The bundled data is loaded once;
// the input picks the layer, the format, the moment (any int64 UTC seconds, or none) and the
// window (any double, NaN and infinities included, or none); the table is built and encoded in
// memory through GDAL (KML: the first 8 features, see below). Text formats (GeoJSON, CSV, KML) must come out as valid UTF-8.
// ExportError for a request that makes no sense is fine; anything else is a finding.
#include "fuzz_util.hpp"

#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace qantar;
    fuzz::init();
    static const Dataset dataset = [] {
        LoadOptions options;
        options.geodata_dir = fuzz::fuzz_data_dir();
        options.context = false;
        return load_dataset(options);
    }();
    static const Timeline timeline(dataset);
    if (size < 3) return -1;

    const auto layer = static_cast<ExportLayer>(data[0] % 5);
    const auto format = static_cast<ExportFormat>(data[1] % 5);
    const std::uint8_t flags = data[2];
    data += 3;
    size -= 3;
    ExportRequest request;
    request.layer = layer;
    if ((flags & 1) && size >= 8) {
        std::int64_t at;
        std::memcpy(&at, data, 8);
        if (flags & 4) at = timeline.end_utc_s() - (at % (40LL * 86400));  // near the data, often
        request.at_utc_s = at;
        data += 8;
        size -= 8;
    }
    if ((flags & 2) && size >= 8) {
        double w;
        std::memcpy(&w, data, 8);
        request.window_h = w;
    }
    fuzz::expect_clean([&] {
        ExportTable table = build_export_table(timeline, request);
        // LIBKML builds its text by appending to strings, which under ASan costs seconds per
        // hundred placemarks (the allocator's large-chunk path; 0.3 s without sanitizers): a few
        // placemarks exercise the encoder as well and keep one input well under the 10 s timeout.
        if (format == ExportFormat::KML && table.features.size() > 8) table.features.resize(8);
        const std::string bytes = encode_export({table}, format);
        if ((format == ExportFormat::GeoJSON || format == ExportFormat::CSV ||
             format == ExportFormat::KML) && !fuzz::valid_utf8(bytes))
            fuzz::finding("export of layer " + std::string(export_layer_id(layer)) + " is not valid UTF-8");
    });
    return 0;
}
