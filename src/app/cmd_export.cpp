// `qantar export`: one layer at a moment, to a file (format by extension) or GeoJSON on stdout.
// QANTAR_PROFILE=1 prints where the time went (load, timeline, export) on standard error.
#include "commands.hpp"
#include "source_window.hpp"

#include "core/error.hpp"
#include "io/export.hpp"
#include "core/timeline.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace qantar::app {

int run_export(const LoadOptions& load, const ExportOptions& exp) {
    auto layer = parse_export_layer(exp.layer);
    if (!layer) throw UsageError("--layer must be events, cities, regions, spread or tally");
    if (!export_format_for_path(exp.output))
        throw UsageError("cannot tell the format of " + exp.output +
                         ": use .geojson, .gpkg, .fgb, .csv, .kml or - (GeoJSON to standard output)");
    if (exp.window_h && !(*exp.window_h > 0)) throw UsageError("--window must be a positive number of hours");

    // The context layers are loaded too (they are small) so that they count among the input files
    // that the export refuses to overwrite.
    // A database sends only the rows up to --at (within --window when given).
    using Clock = std::chrono::steady_clock;
    const bool profile = std::getenv("QANTAR_PROFILE") != nullptr;
    auto since = Clock::now();
    auto lap = [&] {
        const auto now = Clock::now();
        const double s = std::chrono::duration<double>(now - since).count();
        since = now;
        return s;
    };
    Dataset data = load_dataset(with_source_window(load, std::nullopt, exp.at, exp.window_h));
    const double load_s = lap();
    Timeline timeline(data);
    const double timeline_s = lap();

    ExportRequest request;
    request.layer = *layer;
    request.window_h = exp.window_h;
    if (exp.at) {
        // A time without an offset (or a date alone) is read in the data's display offset.
        auto t = parse_iso8601(*exp.at, timeline.display_offset_s());
        if (!t) throw UsageError("--at: not an ISO 8601 time: " + *exp.at);
        request.at_utc_s = t->utc_s;
    }
    export_layer(timeline, request, exp.output);
    if (profile)
        std::fprintf(stderr, "profile: load %.2f s, timeline %.2f s, export %.2f s\n", load_s, timeline_s, lap());
    return 0;
}

}  // namespace qantar::app
