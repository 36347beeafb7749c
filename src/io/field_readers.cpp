// Typed field readers over the GDAL adapter (see field_readers.hpp). Pulls in no C library itself.
#include "field_readers.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace qantar::gdal {

void fail(const LayerReader& r, int field, const std::string& message) {
    throw InputError(r.path(), r.where(), r.field_name(field), message);
}

std::optional<double> read_double(const LayerReader& r, int field) {
    const std::string s = trim(r.text(field));
    if (s.empty()) return std::nullopt;
    const std::optional<double> v = parse_finite(s);  // decimal only: "0x2B" is no latitude
    if (!v) fail(r, field, "'" + abbreviate(s) + "' is not a number");
    return v;
}

Count read_count(const LayerReader& r, int field) {
    const std::string s = trim(r.text(field));
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) {
        // "12.0" (as some tools write integers) is accepted.
        const std::optional<double> d = parse_finite(s);
        if (!d || *d != std::floor(*d)) fail(r, field, "'" + abbreviate(s) + "' is not a whole number");
        // Checked before the conversion: a double beyond int64 has no integer value to convert to.
        if (*d >= 9.2e18 || *d <= -9.2e18) fail(r, field, "'" + abbreviate(s) + "' is out of range");
        v = static_cast<std::int64_t>(*d);
    } else if (ec == std::errc::result_out_of_range) {
        fail(r, field, "'" + abbreviate(s) + "' is out of range");
    }
    if (v < 0) fail(r, field, "'" + abbreviate(s) + "' is negative");
    return v;
}

bool read_bool(const LayerReader& r, int field) {
    const std::string s = lower(trim(r.text(field)));
    if (s.empty() || s == "0" || s == "false" || s == "no" || s == "f" || s == "n") return false;
    if (s == "1" || s == "true" || s == "yes" || s == "t" || s == "y") return true;
    fail(r, field, "'" + s + "' is not true/false");
}

void check_lon_lat(const LayerReader& r, double lon, double lat, const std::string& lon_field,
                   const std::string& lat_field) {
    if (!(std::abs(lat) <= 90.0))
        throw InputError(r.path(), r.where(), lat_field, "latitude " + format_number(lat) + " is beyond ±90");
    if (!(std::abs(lon) <= 180.0))
        throw InputError(r.path(), r.where(), lon_field, "longitude " + format_number(lon) + " is beyond ±180");
}

PointColumns point_columns(const LayerReader& r) {
    PointColumns pc;
    pc.lon = r.field_index_any({"longitude", "lon", "long", "lng", "x"});
    pc.lat = r.field_index_any({"latitude", "lat", "y"});
    pc.lon_name = pc.lon >= 0 ? r.field_name(pc.lon) : "geometry";
    pc.lat_name = pc.lat >= 0 ? r.field_name(pc.lat) : "geometry";
    return pc;
}

bool read_point(const LayerReader& r, const PointColumns& pc, double& lon, double& lat) {
    if (const std::optional<Vec2> p = r.point()) {
        lon = p->x;
        lat = p->y;
        check_lon_lat(r, lon, lat, pc.lon_name, pc.lat_name);
        return true;
    }
    if (pc.lon >= 0 && pc.lat >= 0) {
        auto x = read_double(r, pc.lon);
        auto y = read_double(r, pc.lat);
        if (x && y) {
            lon = *x;
            lat = *y;
            check_lon_lat(r, lon, lat, pc.lon_name, pc.lat_name);
            return true;
        }
        if (x || y) fail(r, x ? pc.lat : pc.lon, "missing coordinate");
    }
    return false;
}

std::vector<Polygon> read_polygons(const LayerReader& r) {
    std::vector<Polygon> out = r.polygons();
    for (const Polygon& poly : out)
        for (const auto& ring : poly.rings) {
            // A ring encloses an area only with three corners and the closing point.
            if (ring.size() < 4)
                throw InputError(r.path(), r.where(), "geometry", "a polygon ring has " + std::to_string(ring.size()) +
                                " point" + (ring.size() == 1 ? "" : "s") + "; a ring needs at least 4 (3 corners and the closing point)");
            for (const Vec2& v : ring) check_lon_lat(r, v.x, v.y, "geometry", "geometry");
        }
    return out;
}

void require_polygon_layer(const LayerReader& r) {
    if (r.layer_may_have_polygons()) return;
    throw InputError(r.path(), "", "geometry", "expected polygons, found a layer of " + r.layer_geometry_name());
}

int require_field(const LayerReader& r, std::initializer_list<std::string_view> names, const std::string& what) {
    const int i = r.field_index_any(names);
    if (i < 0) throw InputError(r.path(), "", std::string(*names.begin()), "missing required field (" + what + ")");
    return i;
}

}  // namespace qantar::gdal
