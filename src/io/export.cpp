// Export to files: a layer or the window's snapshot, built as tables (core/export_table.hpp),
// encoded through GDAL (export_encode.cpp) and written atomically (atomic_file.hpp).
#include "export.hpp"

#include "atomic_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <future>

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/statvfs.h>
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

namespace {

// Rows built and written at a time: a large export holds one slice of its table, not all of it.
constexpr std::size_t kSliceRows = 20000;

// GDAL writes the file straight into a temporary beside `path` (io/atomic_file), which is
// flushed to disk and renamed into place; on any error nothing is left. No copy in memory.
void encode_to_file(const std::string& path, const std::vector<std::string>& protected_files,
                    const std::function<void(const std::string& file)>& encode) {
    const fs::path dir = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw ExportError("cannot write " + path + ": " + std::generic_category().message(ENOENT));
    try {
        io::refuse_overwriting_inputs(path, protected_files);
        io::write_via_temporary(path, [&](const std::string& tmp) {
            try {
                encode(tmp);
            } catch (const ExportError&) {
                // A driver says "disk image is malformed" or "disk I/O error" where the disk is
                // full: name the cause (checked while the temporary still takes its space).
                struct statvfs fsinfo {};
                if (::statvfs(dir.c_str(), &fsinfo) == 0 &&
                    static_cast<double>(fsinfo.f_bavail) * static_cast<double>(fsinfo.f_frsize) < 65536)
                    throw ExportError("cannot write " + path + ": " + std::generic_category().message(ENOSPC));
                throw;
            }
            const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
            const bool synced = fd >= 0 && ::fsync(fd) == 0;
            if (fd >= 0) ::close(fd);
            return synced;
        });
    } catch (const io::WriteError& e) {
        throw ExportError(e.what());
    }
}

}  // namespace

void export_layer(const Timeline& timeline, const ExportRequest& request, const std::string& path) {
    auto format = export_format_for_path(path);
    if (!format)
        throw ExportError("cannot tell the format of " + path +
                          ": use .geojson, .gpkg, .fgb, .csv, .kml or - (GeoJSON to standard output)");
    const bool kml = *format == ExportFormat::KML;
    if (path == "-") {
        write_export_file(path, encode_export({build_export_table(timeline, request, kml)}, *format),
                          timeline.data().input_files);
        return;
    }
    // The first slice (it names the fields); when it is full, the rest come a slice at a time. The
    // rows are selected once; each slice is built on a second thread while the one before it is
    // written, and freed once written: at most two slices are held.
    const ExportSlicer slicer(timeline, request, kml);
    std::vector<ExportTable> tables(1);
    tables[0] = slicer.slice({0, kSliceRows});
    ExportSlices more;
    ExportTable slice;
    std::future<ExportTable> pending;  // destroyed (waited for) before the slicer
    std::size_t next = kSliceRows;
    bool first_given = false;
    auto build_next = [&] {
        pending = std::async(std::launch::async, [&slicer, first = next] { return slicer.slice({first, kSliceRows}); });
        next += kSliceRows;
    };
    if (tables[0].features.size() == kSliceRows) {
        slice.features = std::move(tables[0].features);
        tables[0].features.clear();
        build_next();
        more = [&]() -> const ExportTable* {
            if (!first_given) {
                first_given = true;
                return &slice;
            }
            if (!pending.valid()) return nullptr;
            slice = ExportTable{};  // the slice just written
            slice = pending.get();
            if (slice.features.size() == kSliceRows) build_next();
            return slice.features.empty() ? nullptr : &slice;
        };
    }
    encode_to_file(path, timeline.data().input_files,
                   [&](const std::string& file) { encode_export_file(tables, *format, file, more); });
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
    encode_to_file(out.string(), timeline.data().input_files,
                   [&](const std::string& file) { encode_export_file(tables, ExportFormat::GeoPackage, file); });
    return out.string();
}

}  // namespace qantar
