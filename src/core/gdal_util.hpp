// One small RAII adapter over GDAL/OGR: opening a vector file read-only, reading its first layer
// feature by feature with case-insensitive field names, and turning GDAL's errors into InputError
// naming the file. Pulls in libgdal; only core .cpp files include it.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qantar::gdal {

struct DatasetDeleter {
    void operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }
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
    void clear() { error_.clear(); }

private:
    static void handler(CPLErr cls, CPLErrorNum num, const char* msg);
    std::string error_;
};

// Registers GDAL's drivers once (thread-safe).
void ensure_registered();

// True for the file names that the CSV driver reads (.csv, .tsv, .txt).
bool looks_like_csv(std::string_view path);

// Opens a vector dataset read-only; CSV columns all come as text (AUTODETECT_TYPE=NO), a BOM and
// CRLF line ends are fine. Throws InputError naming the file if it is missing, empty or unreadable.
DatasetPtr open_vector(const std::string& path);

// The first layer of a vector file, read feature by feature.
class LayerReader {
public:
    // Throws InputError if the file cannot be opened or has no layer.
    explicit LayerReader(const std::string& path);

    const std::string& path() const { return path_; }
    bool is_csv() const { return is_csv_; }

    // Case-insensitive; -1 when absent. The first of `names` that exists.
    int field_index(std::string_view name) const;
    int field_index_any(std::initializer_list<std::string_view> names) const;
    std::string field_name(int index) const;
    int field_count() const;
    OGRwkbGeometryType geometry_type() const;  // the layer's declared type (may be wkbUnknown)

    // Advances to the next feature; false at the end.
    bool next();
    // "line N" for CSV (the header is line 1), else "feature N" (1-based, in reading order).
    std::string where() const;
    std::int64_t ordinal() const { return ordinal_; }

    // The field as UTF-8 text ("" when null or index < 0); dates and times as ISO 8601. Throws InputError naming file, line and
    // field when the text is not valid UTF-8.
    std::string text(int index) const;
    bool is_null(int index) const;
    // The feature's geometry, or nullptr.
    const OGRGeometry* geometry() const;

private:
    std::string path_;
    DatasetPtr ds_;
    OGRLayer* layer_ = nullptr;
    OGRFeatureUniquePtr feature_;
    std::unordered_map<std::string, int> fields_;  // lower-case name -> index
    bool is_csv_ = false;
    std::int64_t ordinal_ = 0;
};

}  // namespace qantar::gdal
