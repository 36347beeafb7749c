// Export to files: a layer or the window's snapshot, built as tables (core/export_table.hpp),
// encoded through GDAL (export_encode.cpp) and written atomically (atomic_file.hpp).
#include "export.hpp"

#include "atomic_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace qantar {

namespace fs = std::filesystem;

void write_export_file(const std::string& path, const std::string& bytes,
                       const std::vector<std::string>& protected_files) {
    try {
        if (path == "-") {
            std::fflush(stdout);
            io::write_all(STDOUT_FILENO, bytes, "standard output");
            return;
        }
        io::refuse_overwriting_inputs(path, protected_files);
        io::write_file_atomically(path, bytes);
    } catch (const io::WriteError& e) {
        throw ExportError(e.what());
    }
}

void export_layer(const Timeline& timeline, const ExportRequest& request, const std::string& path) {
    auto format = export_format_for_path(path);
    if (!format)
        throw ExportError("cannot tell the format of " + path +
                          ": use .geojson, .gpkg, .fgb, .csv, .kml or - (GeoJSON to standard output)");
    ExportTable table = build_export_table(timeline, request, *format == ExportFormat::KML);
    std::string bytes = encode_export({table}, *format);
    write_export_file(path, bytes, timeline.data().input_files);
}

std::string export_snapshot(const Timeline& timeline, const std::string& dir, double t_utc_s,
                            const TimeSettings& settings) {
    ExportRequest req;
    req.at_utc_s = static_cast<std::int64_t>(std::floor(t_utc_s));
    if (settings.mode == TimeMode::Window) req.window_h = settings.window_h;
    std::vector<ExportTable> tables;
    for (ExportLayer l : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Regions}) {
        req.layer = l;
        tables.push_back(build_export_table(timeline, req));
    }
    // qantar-2022-01-05T1830+0600.gpkg: no ':' so that every file system takes it.
    std::string stamp = format_iso8601_minutes(
        {*req.at_utc_s, timeline.display_offset_at(static_cast<double>(*req.at_utc_s))});
    std::erase(stamp, ':');
    fs::path out = fs::path(dir.empty() ? "." : dir) / ("qantar-" + stamp + ".gpkg");
    std::string bytes = encode_export(tables, ExportFormat::GeoPackage);
    write_export_file(out.string(), bytes, timeline.data().input_files);
    return out.string();
}

}  // namespace qantar
