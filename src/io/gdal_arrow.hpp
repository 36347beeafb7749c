// A GeoPackage table's rows as GDAL's Arrow record batches (OGR_L_GetArrowStream), for
// gdal::LayerReader: the values of each row as the feature-by-feature reading would give them.
// Internal to qantar_io (GDAL types in its interface); the stream's C structures in its .cpp only.
#pragma once

#include "core/model.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class GDALDataset;
class OGRFeature;
class OGRLayer;

namespace qantar::gdal {

class ArrowRows {
public:
    // The rows of `layer` (a table, not a query's result) as batches when it is a GeoPackage table
    // whose columns are text or numbers, unless QANTAR_GDAL_ARROW=0; nullptr otherwise, the layer
    // then reset for reading feature by feature. GDAL 3.6's batches drop date-times' zones and
    // give booleans other values than its features: such tables are read feature by feature.
    static std::unique_ptr<ArrowRows> open(GDALDataset& ds, OGRLayer& layer);
    ~ArrowRows();
    ArrowRows(const ArrowRows&) = delete;
    ArrowRows& operator=(const ArrowRows&) = delete;

    // Advances to the next row; false at the end (the stream, its thread and its connection then
    // released). Throws InputError naming `path` and "feature N" (N = `ordinal`) when GDAL fails.
    bool next(const std::string& path, std::int64_t ordinal);
    bool is_null(int field) const;
    // A text field's bytes (cut where GDAL's C string would end); nullopt for a number field.
    std::optional<std::string_view> text(int field) const;
    // A number field's value set on a feature of the layer's definition, so that its text is GDAL's own.
    OGRFeature& number(int field) const;
    // The row's geometry as WKB; nullopt when it has none.
    std::optional<std::string_view> wkb() const;

private:
    struct State;
    explicit ArrowRows(std::unique_ptr<State> s);
    std::unique_ptr<State> s_;
};

// A WKB point in x86's byte order (2D, or the first two of Z, M, ZM), read without making a
// geometry; nullopt for anything else (then OGRGeometryFactory reads it).
std::optional<Vec2> wkb_point(std::string_view wkb);

}  // namespace qantar::gdal
