// Projector: WGS 84 lon/lat to map metres. Pulls in libproj (one context and one transform per
// Projector, both owned here).
#include "projection.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <proj.h>

#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

namespace qantar {

struct Projector::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

namespace {

// "3857" means "EPSG:3857"; everything else goes to PROJ as given.
std::string normalise_crs(const std::string& crs) {
    if (crs.empty()) return kDefaultCrs;
    bool digits = true;
    for (char c : crs) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) return "EPSG:" + crs;
    // A "+proj=..." string names a CRS only with +type=crs; add it so both forms work.
    if (crs.find("+proj=") != std::string::npos && crs.find("+type=crs") == std::string::npos)
        return crs + " +type=crs";
    return crs;
}

}  // namespace

std::optional<std::string> direct_pipeline(const std::string& crs) {
    // Keys that change the datum, the ellipsoid's shape, the axes or add a vertical part: the
    // database's answer is needed (or a pipeline that is not a bare projection).
    static constexpr std::string_view kRefused[] = {
        "towgs84", "nadgrids", "geoidgrids", "hgridshift", "vgridshift", "pm", "axis", "init", "geoc", "lon_wrap",
        "a", "b", "R", "rf", "f", "es", "e", "R_A", "R_V", "R_a", "R_g", "R_h", "R_lat_a", "R_lat_g",
        "vunits", "vto_meter", "step", "inv"};
    // Not a projection to metres: a pipeline, geographic or geocentric output, or a rotated pole
    // (ob_tran, whose output is in angles for o_proj=longlat).
    static constexpr std::string_view kNotProjections[] = {"pipeline", "longlat", "latlong", "lonlat",    "latlon",
                                                           "geocent",  "cart",    "unitconvert", "axisswap", "noop",
                                                           "ob_tran"};
    std::string steps;
    bool wgs84 = false, projection = false;
    std::size_t at = 0;
    while (at < crs.size()) {
        while (at < crs.size() && std::isspace(static_cast<unsigned char>(crs[at]))) ++at;
        std::size_t end = at;
        while (end < crs.size() && !std::isspace(static_cast<unsigned char>(crs[end]))) ++end;
        if (end == at) break;
        const std::string_view token(crs.data() + at, end - at);
        at = end;
        if (token[0] != '+' || token.size() < 2) return std::nullopt;
        const std::size_t eq = token.find('=');
        const std::string_view key = token.substr(1, eq == std::string_view::npos ? std::string_view::npos : eq - 1);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : token.substr(eq + 1);
        for (std::string_view r : kRefused)
            if (key == r) return std::nullopt;
        if (key == "type") {
            if (value != "crs") return std::nullopt;
            continue;
        }
        if (key == "no_defs" || (key == "units" && value == "m")) continue;
        if (key == "datum" || key == "ellps") {
            if (value != "WGS84" || wgs84) return std::nullopt;
            wgs84 = true;
            steps += " +ellps=WGS84";
            continue;
        }
        if (key == "proj") {
            if (projection || value.empty()) return std::nullopt;
            for (std::string_view n : kNotProjections)
                if (value == n) return std::nullopt;
            projection = true;
        }
        steps += ' ';
        steps += token;
    }
    if (!wgs84 || !projection) return std::nullopt;
    return "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step" + steps;
}

namespace {

std::string proj_message(PJ_CONTEXT* ctx) {
    const int err = proj_context_errno(ctx);
    const char* msg = err ? proj_context_errno_string(ctx, err) : nullptr;
    // PROJ says "Unknown error (code 4096)" for a code its database lacks: say what to give instead.
    if (!msg || std::string_view(msg).rfind("Unknown error", 0) == 0)
        return "not a coordinate reference system PROJ knows (give an EPSG code such as EPSG:3857, a "
               "PROJ string such as +proj=eqearth, or WKT)";
    return msg;
}

}  // namespace

Projector::Projector(const std::string& crs) : impl_(std::make_unique<Impl>()), crs_(crs.empty() ? kDefaultCrs : crs) {
    impl_->ctx = proj_context_create();
    if (!impl_->ctx) throw UsageError("cannot create a PROJ context");
    // PROJ would otherwise print its own messages on stderr; we report them as one line.
    proj_log_level(impl_->ctx, PJ_LOG_NONE);
    const std::string target = normalise_crs(crs_);

    // Check the target on its own first: proj_create_crs_to_crs gives vaguer messages.
    PJ* target_crs = proj_create(impl_->ctx, target.c_str());
    if (!target_crs) throw UsageError("unknown --crs '" + crs_ + "': " + proj_message(impl_->ctx));
    const PJ_TYPE type = proj_get_type(target_crs);
    // PROJ also takes a CRS name, and then any name that merely contains the text ("foo" finds
    // "Amersfoort"): a name must match in full.
    const bool structured = target.find('+') != std::string::npos || target.find(':') != std::string::npos ||
                            target.find('[') != std::string::npos || target.find('{') != std::string::npos;
    const char* found = proj_get_name(target_crs);
    const std::string found_name = found ? found : "";
    proj_destroy(target_crs);
    if (!structured && !iequals(found_name, target))
        throw UsageError("unknown --crs '" + crs_ + "': PROJ knows no CRS of that name (nearest: '" + found_name + "')");
    const bool is_crs = type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_GEOGRAPHIC_2D_CRS ||
                        type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_COMPOUND_CRS ||
                        type == PJ_TYPE_BOUND_CRS || type == PJ_TYPE_OTHER_CRS || type == PJ_TYPE_CRS ||
                        type == PJ_TYPE_ENGINEERING_CRS;
    // A bare "+proj=..." string without +type=crs is a conversion, which crs_to_crs also accepts.
    const bool is_conversion = type == PJ_TYPE_CONVERSION || type == PJ_TYPE_OTHER_COORDINATE_OPERATION;
    if (!is_crs && !is_conversion)
        throw UsageError("unknown --crs '" + crs_ + "': not a coordinate reference system");

    // A projection of WGS 84 given as a PROJ string (every projection qantar fits itself): its
    // pipeline directly, without the database's lookups.
    if (type == PJ_TYPE_PROJECTED_CRS)
        if (const std::optional<std::string> direct = direct_pipeline(target))
            if ((impl_->pj = proj_create(impl_->ctx, direct->c_str()))) return;
    PJ* raw = proj_create_crs_to_crs(impl_->ctx, "EPSG:4326", target.c_str(), nullptr);
    if (!raw) throw UsageError("unknown --crs '" + crs_ + "': " + proj_message(impl_->ctx));
    PJ* norm = proj_normalize_for_visualization(impl_->ctx, raw);
    proj_destroy(raw);
    if (!norm) throw UsageError("unknown --crs '" + crs_ + "': " + proj_message(impl_->ctx));
    impl_->pj = norm;
}

Projector::~Projector() = default;
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;

bool Projector::forward(double lon_deg, double lat_deg, Vec2& out_m) const {
    PJ_COORD c = proj_coord(lon_deg, lat_deg, 0, 0);
    PJ_COORD r = proj_trans(impl_->pj, PJ_FWD, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) {
        proj_errno_reset(impl_->pj);
        return false;
    }
    out_m = {r.xy.x, r.xy.y};
    return true;
}

bool Projector::inverse(const Vec2& in_m, double& lon_deg, double& lat_deg) const {
    PJ_COORD c = proj_coord(in_m.x, in_m.y, 0, 0);
    PJ_COORD r = proj_trans(impl_->pj, PJ_INV, c);
    if (!std::isfinite(r.lp.lam) || !std::isfinite(r.lp.phi) || r.lp.lam == HUGE_VAL) {
        proj_errno_reset(impl_->pj);
        return false;
    }
    lon_deg = r.lp.lam;
    lat_deg = r.lp.phi;
    return true;
}

}  // namespace qantar
