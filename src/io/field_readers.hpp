// Reading typed values from a layer's fields (gdal_util.hpp's LayerReader): each reader throws
// InputError naming the file, the line or feature and the field. No GDAL type in sight.
#pragma once

#include "gdal_util.hpp"

#include "core/model.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace qantar::gdal {

[[noreturn]] void fail(const LayerReader& r, int field, const std::string& message);

// A whole number, a number, a boolean ("yes", "1", "false", ...); empty text is nullopt/false.
std::optional<double> read_double(const LayerReader& r, int field);
Count read_count(const LayerReader& r, int field);
bool read_bool(const LayerReader& r, int field);

// Throws unless |lat| <= 90 and |lon| <= 180, naming the field that is out of range.
void check_lon_lat(const LayerReader& r, double lon, double lat, const std::string& lon_field,
                   const std::string& lat_field);

// Where a point layer keeps its position when it has no geometry.
struct PointColumns {
    int lon = -1, lat = -1;
    std::string lon_name, lat_name;  // for messages ("geometry" when the column is absent)
};
PointColumns point_columns(const LayerReader& r);

// Reads the feature's point from its geometry or from lon/lat columns; false when it has none.
// Throws on a non-point geometry, a bad or half-given coordinate, or one out of range.
bool read_point(const LayerReader& r, const PointColumns& pc, double& lon, double& lat);

// The feature's polygons in lon/lat, every vertex checked.
std::vector<Polygon> read_polygons(const LayerReader& r);

// Throws unless the layer may hold polygons.
void require_polygon_layer(const LayerReader& r);
// The first of `names` present, else throws "missing required field (what)".
int require_field(const LayerReader& r, std::initializer_list<std::string_view> names, const std::string& what);

}  // namespace qantar::gdal
