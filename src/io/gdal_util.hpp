// The GDAL/OGR adapter: opening a vector file read-only, reading a layer row by row (a GeoPackage
// table as GDAL's Arrow record batches, the rest feature by feature) with case-insensitive field
// names, and turning GDAL's errors into InputError naming the file.
// Pulls in libgdal, in gdal_util.cpp only: this header names no GDAL type but opaque handles.
#pragma once

#include "core/model.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class GDALDataset;
class OGRGeometry;

namespace qantar::gdal {

struct DatasetDeleter {
    void operator()(GDALDataset* ds) const noexcept;  // GDALClose
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetDeleter>;

// While it lives, GDAL's (CPL's) errors and warnings on this thread are kept here instead of being
// printed on stderr. last_error() is the latest CE_Failure message, or "".
class ErrorCapture {
public:
    ErrorCapture();
    ~ErrorCapture();
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;
    const std::string& last_error() const { return error_; }
    // The first CE_Failure message: the cause, where later ones are its consequences (a database
    // cursor that a refused query never opened).
    const std::string& first_error() const { return first_; }
    void clear() { error_.clear(); first_.clear(); }
    void record(const char* message) {  // called by the handler only
        error_ = message;
        if (first_.empty()) first_ = message;
    }

private:
    std::string error_, first_;
};

// Registers GDAL's drivers once (thread-safe).
void ensure_registered();

// True for the file names that the CSV driver reads (.csv, .tsv, .txt).
bool looks_like_csv(std::string_view path);

// Opens a vector dataset read-only; CSV columns all come as text (AUTODETECT_TYPE=NO), a BOM and
// CRLF line ends are fine. Throws InputError naming the file if it is missing, empty or unreadable.
DatasetPtr open_vector(const std::string& path);

// Which layer to read: a named one (a table of a database, a layer of a GeoPackage), or the rows
// of a query (databases: GDAL passes it to the server). Both empty: the first layer.
struct LayerSelect {
    std::string layer;
    std::string sql;
    double statement_timeout_s = 0;  // databases: SET statement_timeout (0: the server's)
};

// One layer of a vector source, read row by row: feature by feature, or from a GeoPackage as GDAL's
// Arrow record batches (OGR_L_GetArrowStream: about 3x less time in GDAL at 1M rows, 0.86 s
// against 2.59 s in build/bench_arrow), which give the same text, geometry and errors.
class LayerReader {
public:
    // Throws InputError if the source cannot be opened or has no such layer.
    explicit LayerReader(const std::string& path, const LayerSelect& select = {});
    // One piece of a CSV file (io/csv_split.hpp), read alone beside the others: `whole`'s columns
    // (by position, under `whole`'s names) and rows numbered as in the whole file. `whole` must be
    // csv_splittable(). Throws InputError when the piece does not open with those columns.
    LayerReader(const LayerReader& whole, const std::string& file, std::uint64_t offset, std::uint64_t length,
                std::int64_t rows_before);
    ~LayerReader();
    LayerReader(const LayerReader&) = delete;
    LayerReader& operator=(const LayerReader&) = delete;

    // The source as shown in messages (a database's password replaced by ***).
    const std::string& path() const { return path_; }
    bool is_csv() const { return is_csv_; }
    bool is_database() const { return is_database_; }
    // A CSV file read as plain text columns under a header (no geometry column, no .csvt types,
    // no filter, not yet read): its pieces can be read on several threads.
    bool csv_splittable() const;

    // Filters the server (or GDAL) applies before features travel; call before the first next().
    // Only the features for which the OGR SQL expression holds (SQL for a database, wrapped around
    // an --events-sql query); a second filter adds to the first. Throws InputError naming the file,
    // the expression and GDAL's reason when it does not parse or names an unknown field.
    void set_attribute_filter(const std::string& expression);
    // Only the features whose geometry's envelope meets this lon/lat box (OGR's spatial filter; a
    // FlatGeobuf file answers it from its index; a database from its GiST index).
    void set_spatial_filter(double min_lon, double min_lat, double max_lon, double max_lat);
    bool field_is_date_or_time(int index) const;  // a typed date or timestamp column
    bool field_is_date(int index) const;          // a typed date column (no time of day)
    // Databases: the first field of the first row of a query run on the same connection ("" when
    // it returns nothing). Throws InputError naming the source when the query fails.
    std::string query_scalar(const std::string& sql) const;
    // The relation read, as SQL: the quoted table, or "(query) AS qantar_query".
    std::string relation_sql() const;

    // Case-insensitive; -1 when absent. The first of `names` that exists.
    int field_index(std::string_view name) const;
    int field_index_any(std::initializer_list<std::string_view> names) const;
    std::string field_name(int index) const;
    int field_count() const;

    // The layer's declared geometry type (which may be "unknown"): may it hold points / polygons?
    bool layer_may_have_points() const;
    bool layer_may_have_polygons() const;
    std::string layer_geometry_name() const;  // OGR's name of the declared type, for messages


    // Advances to the next feature; false at the end.
    bool next();
    // Whether the rows come as Arrow record batches: a GeoPackage table (not a query) whose columns
    // are text or numbers (not dates and times, whose time zones GDAL 3.6's batches drop, nor
    // booleans, which they get wrong), unless QANTAR_GDAL_ARROW=0. Known after the first next().
    bool reads_arrow() const;
    // "line N" for CSV (the header is line 1), else "feature N" (1-based, in reading order).
    std::string where() const;
    std::int64_t ordinal() const { return ordinal_; }

    // The field as UTF-8 text ("" when null or index < 0); dates and times as ISO 8601. Throws
    // InputError naming file, line and field when the text is not valid UTF-8.
    std::string text(int index) const;
    // The same into `out`, reusing its capacity (the reading loop's strings).
    void text_into(int index, std::string& out) const;
    bool is_null(int index) const;

    // The feature's geometry as a point (x = lon, y = lat, unchecked); nullopt when it has no
    // geometry or an empty one. Throws InputError ("expected a point, found ...") on another type.
    std::optional<Vec2> point() const;
    // The feature's polygons as they are (unchecked coordinates). Throws InputError when it has no
    // geometry or one that is not a polygon or multipolygon.
    std::vector<Polygon> polygons() const;

private:
    void check_quoted_lines(int index, const char* value) const;
    std::unique_ptr<OGRGeometry> arrow_geometry() const;  // the Arrow row's geometry (nullptr: none)
    struct Impl;
    std::string path_;
    std::unique_ptr<Impl> impl_;
    bool is_csv_ = false;
    bool is_database_ = false;
    std::int64_t ordinal_ = 0;
};

}  // namespace qantar::gdal
