// Encoding export tables (core/export_table.hpp) through GDAL's vector drivers and writing them
// atomically; the window's key E calls export_snapshot(). Names no C library type.
#pragma once

#include "core/export_table.hpp"
#include "core/timeline.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar {

std::string_view export_format_driver(ExportFormat format);  // GDAL driver name

// Encodes tables through GDAL into the bytes of one file (several tables only for GeoPackage).
// Throws ExportError with GDAL's message on failure.
std::string encode_export(const std::vector<ExportTable>& tables, ExportFormat format);

// More rows of a table that is written a slice at a time: the next slice, or null when done.
using ExportSlices = std::function<const ExportTable*()>;

// The same, into a new file at `path` (the format follows `format`, not the name; a name that
// differs only in its directory and base name gives the same bytes). With `more` (one table
// only), its rows are followed by those of each slice that `more` returns (the table itself
// may then hold only the fields), written after the slice before it.
void encode_export_file(const std::vector<ExportTable>& tables, ExportFormat format, const std::string& path,
                        const ExportSlices& more = {});

// Writes an export's bytes to `path` atomically (io/atomic_file.hpp); "-" writes to standard
// output. Refuses (ExportError, destination untouched) when `path` is one of `protected_files`
// (compared as canonical paths and by inode). On any error nothing is left.
void write_export_file(const std::string& path, const std::string& bytes,
                       const std::vector<std::string>& protected_files);

// Builds, encodes and writes one layer; the format follows the extension of `path`.
// Throws ExportError (one line) on any failure.
void export_layer(const Timeline& timeline, const ExportRequest& request, const std::string& path);

// The window's key E: the events visible at t (window or cumulative, as on screen), the cities and
// the regions, written as one GeoPackage with three layers named "qantar-<moment>.gpkg" in `dir`,
// the moment in the display offset (e.g. qantar-2022-01-05T1830+0600.gpkg; the name depends on
// the map's moment, not on a clock). Returns the path written.
std::string export_snapshot(const Timeline& timeline, const std::string& dir, double t_utc_s,
                            const TimeSettings& settings);

}  // namespace qantar
