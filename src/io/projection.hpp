// Projection from WGS 84 lon/lat to the map's projected metres, through PROJ.
// Pulls in libproj (in projection.cpp only). Used only at load time; rendering never calls PROJ.
#pragma once

#include "core/model.hpp"

#include <memory>
#include <optional>
#include <string>

namespace qantar {

// The projection of a load that names none and has no framing to fit one to: a Lambert conformal
// conic for 40.5..55.5 N, 46.5..87.5 E (as core/framing fits one): standard parallels at
// one sixth of the span from each edge keep scale error within about 1%, and a conformal
// projection keeps the shapes of regions and the angles of spread arcs true.
inline constexpr const char* kDefaultCrs =
    "+proj=lcc +lat_0=48 +lon_0=67 +lat_1=43 +lat_2=53 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";

// The operation from WGS 84 lon/lat (degrees) to a PROJ string's CRS when that CRS is a projection
// of WGS 84 itself (+datum=WGS84 or +ellps=WGS84; no datum shift, grid, prime meridian, axis order
// or vertical part): "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step <the
// projection>", which is what PROJ's crs_to_crs finds for it after 15-45 ms of lookups in its
// database. Anything else (EPSG codes, WKT, other datums): nullopt, and the database decides.
std::optional<std::string> direct_pipeline(const std::string& crs);

class Projector {
public:
    // crs: any PROJ string ("+proj=...") or "EPSG:nnnn" (or a bare number). Throws UsageError
    // with a one-line message when PROJ does not know it.
    explicit Projector(const std::string& crs = kDefaultCrs);
    ~Projector();
    Projector(Projector&&) noexcept;
    Projector& operator=(Projector&&) noexcept;
    Projector(const Projector&) = delete;
    Projector& operator=(const Projector&) = delete;

    // Axis order is normalised once (proj_normalize_for_visualization): input is lon, lat.
    // Returns false if PROJ cannot project the point (outside the projection's domain).
    bool forward(double lon_deg, double lat_deg, Vec2& out_m) const;
    bool inverse(const Vec2& in_m, double& lon_deg, double& lat_deg) const;

    const std::string& crs() const { return crs_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string crs_;
};

}  // namespace qantar
