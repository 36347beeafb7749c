// Framing and projection choice from lon/lat (see framing.hpp).
#include "framing.hpp"

#include "error.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>

namespace qantar {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Longitude in [-180, 180).
double wrap180(double lon) {
    double l = std::fmod(lon + 180.0, 360.0);
    if (l < 0) l += 360.0;
    return l - 180.0;
}

// The q-quantile of sorted values, interpolated between order statistics.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.size() == 1) return sorted.front();
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

struct Range {
    double lo, hi;
};

Range bulk(std::vector<double> v, const FramingRules& r) {
    std::sort(v.begin(), v.end());
    return {quantile(v, r.low_quantile), quantile(v, r.high_quantile)};
}

// Grown by the margin on each side, then to at least min_size around its centre.
Range grown(Range r, double margin, double min_size) {
    const double m = (r.hi - r.lo) * margin;
    r.lo -= m;
    r.hi += m;
    if (r.hi - r.lo < min_size) {
        const double c = (r.lo + r.hi) / 2;
        r.lo = c - min_size / 2;
        r.hi = c + min_size / 2;
    }
    return r;
}

// Rounded to 0.01 degree and written as briefly as it reads back: "43", "-33.45".
std::string deg(double v) {
    const double r = std::round(v * 100) / 100;
    return format_number(r == 0 ? 0.0 : r);
}

}  // namespace

double LonLatBox::centre_lon_deg() const { return wrap180((lon_min_deg + lon_max_deg) / 2); }

bool LonLatBox::contains(double lon_deg, double lat_deg) const {
    if (lat_deg < lat_min_deg || lat_deg > lat_max_deg) return false;
    if (width_deg() >= 360) return true;
    double l = lon_deg;
    while (l < lon_min_deg) l += 360;
    while (l >= lon_min_deg + 360) l -= 360;
    return l <= lon_max_deg;
}

int count_outside(const LonLatBox& box, const std::vector<Vec2>& lon_lat) {
    int n = 0;
    for (const Vec2& p : lon_lat)
        if (!box.contains(p.x, p.y)) ++n;
    return n;
}

Framing robust_framing(const std::vector<Vec2>& lon_lat, const FramingRules& rules) {
    Framing f;
    if (lon_lat.empty()) {
        f.box = {-180, -90, 180, 90};
        return f;
    }
    std::vector<double> lats, lons, lons360;
    for (const Vec2& p : lon_lat) {
        lats.push_back(p.y);
        const double l = wrap180(p.x);
        lons.push_back(l);
        lons360.push_back(l < 0 ? l + 360 : l);  // the same points seen across the antimeridian
    }
    const Range lat = bulk(lats, rules);
    Range lon = bulk(lons, rules);
    const Range across = bulk(lons360, rules);
    if (across.hi - across.lo < lon.hi - lon.lo - 1e-9) lon = across;

    const Range g_lat = grown(lat, rules.margin, rules.min_height_deg);
    const double cos_lat = std::max(0.2, std::cos(std::clamp((g_lat.lo + g_lat.hi) / 2, -90.0, 90.0) * kPi / 180));
    Range g_lon = grown(lon, rules.margin, rules.min_height_deg / cos_lat);

    f.box.lat_min_deg = std::max(-90.0, g_lat.lo);
    f.box.lat_max_deg = std::min(90.0, g_lat.hi);
    if (g_lon.hi - g_lon.lo >= 360) {
        g_lon = {-180, 180};
    } else {
        // lon_min in [-180, 180); lon_max past 180 only when the box crosses the antimeridian.
        const double shift = wrap180(g_lon.lo) - g_lon.lo;
        g_lon.lo += shift;
        g_lon.hi += shift;
    }
    f.box.lon_min_deg = g_lon.lo;
    f.box.lon_max_deg = g_lon.hi;
    f.outside = count_outside(f.box, lon_lat);
    return f;
}

LonLatBox parse_bbox(std::string_view text) {
    const std::string shown = "--bbox '" + abbreviate(text) + "': ";
    const std::vector<std::string> parts = split(text, ',');
    if (parts.size() != 4)
        throw UsageError(shown + "expected four numbers lon_min,lat_min,lon_max,lat_max in degrees");
    double v[4];
    for (std::size_t k = 0; k < 4; ++k) {
        const auto n = parse_finite(parts[k]);
        if (!n) throw UsageError(shown + "'" + abbreviate(trim(parts[k])) + "' is not a number");
        v[k] = *n;
    }
    for (int k : {0, 2})
        if (v[k] < -180 || v[k] > 180) throw UsageError(shown + "a longitude must be from -180 to 180");
    for (int k : {1, 3})
        if (v[k] < -90 || v[k] > 90) throw UsageError(shown + "a latitude must be from -90 to 90");
    if (v[1] >= v[3]) throw UsageError(shown + "lat_min must be less than lat_max");
    if (v[0] == v[2]) throw UsageError(shown + "lon_min and lon_max must differ");
    LonLatBox b{v[0], v[1], v[2], v[3]};
    if (b.lon_max_deg < b.lon_min_deg) b.lon_max_deg += 360;  // across the antimeridian
    return b;
}

bool is_world_extent(const LonLatBox& box) { return box.width_deg() > 120 || box.height_deg() > 90; }

std::string projection_for(const LonLatBox& box) {
    const std::string tail = " +datum=WGS84 +units=m +no_defs";
    if (is_world_extent(box)) {
        const double lon_0 = box.crosses_antimeridian() && box.width_deg() < 360 ? std::round(box.centre_lon_deg()) : 0;
        return "+proj=eqearth +lon_0=" + deg(lon_0) + tail;
    }
    const double sixth = box.height_deg() / 6;
    const double lat_1 = box.lat_min_deg + sixth, lat_2 = box.lat_max_deg - sixth;
    if (lat_1 < 0 && lat_2 > 0) return "+proj=merc +lon_0=" + deg(box.centre_lon_deg()) + tail;
    return "+proj=lcc +lat_0=" + deg(box.centre_lat_deg()) + " +lon_0=" + deg(box.centre_lon_deg()) +
           " +lat_1=" + deg(lat_1) + " +lat_2=" + deg(lat_2) + " +x_0=0 +y_0=0" + tail;
}

std::int64_t city_population_threshold(const LonLatBox& box) {
    const double size = std::max(box.height_deg(), box.width_deg() / 2);
    if (is_world_extent(box)) return 2'000'000;
    if (size > 40) return 500'000;
    if (size > 12) return 100'000;
    if (size > 3) return 20'000;
    return 0;
}

int drop_parts_across_seam(std::vector<Polygon>& polygons_deg, double lon_0_deg, double max_from_centre_deg) {
    const auto before = polygons_deg.size();
    std::erase_if(polygons_deg, [&](const Polygon& poly) {
        if (poly.rings.empty()) return true;
        double prev = 0;
        bool first = true;
        for (const Vec2& v : poly.rings.front()) {
            const double d = wrap180(v.x - lon_0_deg);
            if (std::abs(d) > max_from_centre_deg) return true;
            if (!first && std::abs(d - prev) > 180) return true;
            prev = d;
            first = false;
        }
        return false;
    });
    return static_cast<int>(before - polygons_deg.size());
}

}  // namespace qantar
