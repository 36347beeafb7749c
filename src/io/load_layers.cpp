// Regions, cities, context layers and the tally, read through the GDAL adapter (field_readers.hpp).
#include "load_layers.hpp"

#include "field_readers.hpp"
#include "time_zone.hpp"
#include "triangulate.hpp"

#include "core/error.hpp"
#include "core/place.hpp"
#include "core/tally.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace qantar::loading {

using namespace qantar::gdal;
using Reader = gdal::LayerReader;

namespace {

// A region's utc_offset column: "+06:00", or a number of hours ("6", "5.0"); else the nominal
// offset at its label point.
std::int32_t region_offset(const Reader& r, int f_off, const std::vector<Polygon>& polygons_deg) {
    const std::string off = trim(r.text(f_off));
    if (off.empty()) return offset_for_lon(label_point(polygons_deg).x);
    auto o = parse_utc_offset(off);
    if (!o) {
        const std::optional<double> h = parse_finite(off);  // "nan" and "inf" are no offsets
        if (!h || std::abs(*h) > 14)
            fail(r, f_off, "'" + abbreviate(off) + "' is not a UTC offset (expected +06:00 or hours from -14 to 14)");
        o = static_cast<std::int32_t>(std::lround(*h * 3600));
    }
    return *o;
}

// A `tz` (or `time_zone`) column: an IANA zone name, checked against the tz database; "" if empty.
std::shared_ptr<const ZoneRules> read_zone(const Reader& r, int f_tz, std::string& name) {
    name = trim(r.text(f_tz));
    if (name.empty()) return nullptr;
    auto z = tz::find_zone(name);
    if (!z) fail(r, f_tz, "'" + abbreviate(name) + "' is not an IANA time zone (for example America/Chicago)");
    return z;
}

}  // namespace

std::vector<Region> load_regions(const std::string& path, const std::string& filter, bool allow_empty) {
    Reader r(path);
    require_polygon_layer(r);
    if (!filter.empty()) r.set_attribute_filter(filter);
    const int f_id = r.field_index_any({"region_id", "id", "iso_3166_2", "code"});
    const int f_name = r.field_index_any({"name_en", "name"});
    if (f_id < 0 && f_name < 0) throw InputError(path, "", "region_id", "missing required field (region_id or name_en)");
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_kind = r.field_index("kind"), f_off = r.field_index("utc_offset");
    const int f_cap = r.field_index("capital_city_id");
    const int f_tz = r.field_index_any({"tz", "time_zone", "timezone"});
    const int f_iso = r.field_index("iso_a3");
    std::vector<Region> out;
    while (r.next()) {
        Region g;
        g.region_id = trim(r.text(f_id >= 0 ? f_id : f_name));
        g.name_en = trim(r.text(f_name >= 0 ? f_name : f_id));
        if (g.region_id.empty()) fail(r, f_id >= 0 ? f_id : f_name, "empty region id");
        g.name_kk = trim(r.text(f_kk));
        g.name_ru = trim(r.text(f_ru));
        g.kind = trim(r.text(f_kind));
        if (g.kind.empty()) g.kind = "region";
        g.capital_city_id = trim(r.text(f_cap));
        g.polygons_deg = read_polygons(r);
        g.iso_a3 = trim(r.text(f_iso));
        g.utc_offset_s = region_offset(r, f_off, g.polygons_deg);
        // Times without an offset: the IANA zone, else the written utc_offset (the nominal offset of
        // the longitude is a guess: no zone then).
        g.zone = read_zone(r, f_tz, g.time_zone);
        if (!g.zone && !trim(r.text(f_off)).empty()) g.zone = std::make_shared<FixedOffsetZone>(g.utc_offset_s);
        out.push_back(std::move(g));
    }
    if (out.empty() && !allow_empty) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<City> load_cities(const std::string& path, const std::string& filter, bool allow_empty) {
    Reader r(path);
    if (!filter.empty()) r.set_attribute_filter(filter);
    const int f_id = require_field(r, {"city_id", "id"}, "city id");
    const int f_name = require_field(r, {"name_en", "name"}, "city name");
    const PointColumns pc = point_columns(r);
    if (!r.layer_may_have_points() && (pc.lon < 0 || pc.lat < 0))
        throw InputError(path, "", "latitude", "missing required field (latitude and longitude, or point geometry)");
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_admin1 = r.field_index("admin1"), f_region = r.field_index("region_id");
    const int f_pop = r.field_index("population"), f_cap = r.field_index("is_capital");
    const int f_src = r.field_index("source");
    const int f_tz = r.field_index_any({"tz", "time_zone", "timezone"});
    std::vector<City> out;
    while (r.next()) {
        City c;
        c.city_id = trim(r.text(f_id));
        if (c.city_id.empty()) fail(r, f_id, "empty city id");
        c.name_en = trim(r.text(f_name));
        if (c.name_en.empty()) fail(r, f_name, "empty name");
        c.name_kk = trim(r.text(f_kk));
        c.name_ru = trim(r.text(f_ru));
        c.admin1 = trim(r.text(f_admin1));
        c.region_id = trim(r.text(f_region));
        c.population = read_count(r, f_pop).value_or(0);
        c.is_capital = f_cap >= 0 && read_bool(r, f_cap);
        c.source = r.text(f_src);
        c.zone = read_zone(r, f_tz, c.time_zone);
        if (!read_point(r, pc, c.lon_deg, c.lat_deg))
            throw InputError(path, r.where(), pc.lat_name, "missing coordinates");
        for (const City& other : out)
            if (iequals(other.city_id, c.city_id)) fail(r, f_id, "duplicate city id '" + c.city_id + "'");
        out.push_back(std::move(c));
    }
    if (out.empty() && !allow_empty) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<ContextFeature> load_context(const std::string& path) {
    Reader r(path);
    require_polygon_layer(r);
    const int f_en = r.field_index_any({"name_en", "name", "NAME", "admin"});
    const int f_kk = r.field_index("name_kk"), f_ru = r.field_index("name_ru");
    const int f_iso = r.field_index_any({"iso_a3", "adm0_a3"});
    const int f_tz = r.field_index_any({"tz", "time_zone", "timezone"});
    std::vector<ContextFeature> out;
    while (r.next()) {
        ContextFeature c;
        c.name_en = trim(r.text(f_en));
        c.name_kk = trim(r.text(f_kk));
        c.name_ru = trim(r.text(f_ru));
        c.iso_a3 = trim(r.text(f_iso));
        read_zone(r, f_tz, c.time_zone);  // checked: a context layer's zone must be real too
        c.polygons_deg = read_polygons(r);
        out.push_back(std::move(c));
    }
    if (out.empty()) throw InputError(path, "", "", "the layer has no features");
    return out;
}

std::vector<TallyEntry> load_tally(const std::string& path) {
    Reader r(path);
    const int f_id = r.field_index("tally_id");
    const int f_at = require_field(r, {"announced_at"}, "announcement time");
    const int f_scope = r.field_index("scope");
    int count_idx[std::size(kTallyColumns)];
    for (std::size_t k = 0; k < std::size(kTallyColumns); ++k) count_idx[k] = r.field_index(kTallyColumns[k].name);
    const int f_by = r.field_index("announced_by"), f_status = r.field_index("status");
    const int f_keys = r.field_index("source_keys"), f_src = r.field_index("source"), f_note = r.field_index("note");
    std::vector<TallyEntry> out;
    while (r.next()) {
        TallyEntry t;
        t.tally_id = trim(r.text(f_id));
        if (t.tally_id.empty()) t.tally_id = "T" + std::to_string(r.ordinal());
        const std::string at = trim(r.text(f_at));
        auto when = parse_iso8601(at, 6 * 3600);
        if (!when) fail(r, f_at, "'" + at + "' is not an ISO 8601 time");
        t.announced_at = *when;
        t.scope = trim(r.text(f_scope));
        if (t.scope.empty()) t.scope = "national";
        for (std::size_t k = 0; k < std::size(kTallyColumns); ++k)
            t.*(kTallyColumns[k].announced) = read_count(r, count_idx[k]);
        t.announced_by = r.text(f_by);
        t.status = trim(r.text(f_status));
        t.source_keys = r.text(f_keys);
        t.source = r.text(f_src);
        t.note = r.text(f_note);
        out.push_back(std::move(t));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TallyEntry& a, const TallyEntry& b) { return a.announced_at.utc_s < b.announced_at.utc_s; });
    return out;
}

}  // namespace qantar::loading
