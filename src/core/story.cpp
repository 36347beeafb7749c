// Loading a story (story.hpp) through GDAL's CSV driver, via the project's GDAL adapter.
#include "story.hpp"
#include "text.hpp"

#include "error.hpp"
#include "gdal_util.hpp"
#include "projection.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <limits>

namespace qantar {

namespace {

// A whole string as a finite double, or nullopt.
std::optional<double> parse_double(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string known_places(const Dataset& data) {
    std::string s = "known cities: ";
    for (std::size_t i = 0; i < data.cities.size(); ++i)
        s += (i ? ", " : "") + data.cities[i].city_id;
    s += "; known regions: ";
    for (std::size_t i = 0; i < data.regions.size(); ++i)
        s += (i ? ", " : "") + data.regions[i].region_id;
    return s + "; or a bbox \"lon_min,lat_min,lon_max,lat_max\"";
}

void grow(ExtentM& e, bool& any, const Vec2& p) {
    if (!any) {
        e.min_m = e.max_m = p;
        any = true;
        return;
    }
    e.min_m.x = std::min(e.min_m.x, p.x);
    e.min_m.y = std::min(e.min_m.y, p.y);
    e.max_m.x = std::max(e.max_m.x, p.x);
    e.max_m.y = std::max(e.max_m.y, p.y);
}

void grow(ExtentM& e, bool& any, const std::vector<Polygon>& polygons) {
    for (const Polygon& poly : polygons)
        if (!poly.rings.empty())
            for (const Vec2& p : poly.rings.front()) grow(e, any, p);
}

}  // namespace

std::string bundled_story_path(const std::string& geodata_dir) {
    return (std::filesystem::path(geodata_dir) / "story-2022-01.csv").string();
}

ExtentM country_extent_m(const Dataset& data) {
    ExtentM e;
    bool any = false;
    grow(e, any, data.national_outline.polygons_m);
    if (!any)
        for (const Region& r : data.regions) grow(e, any, r.polygons_m);
    if (!any)
        for (const City& c : data.cities) grow(e, any, c.pos_m);
    if (!any || e.width_m() <= 0 || e.height_m() <= 0) {
        // Nothing to measure: Kazakhstan's rough extent in the default projection (~3,000 km wide).
        e.min_m = {-1'500'000, -900'000};
        e.max_m = {1'500'000, 900'000};
    }
    return e;
}

Story load_story(const std::string& path, const Dataset& data) {
    gdal::LayerReader reader(path);
    const char* const columns[] = {"beat", "at", "target", "zoom", "caption", "source_keys", "hold_seconds"};
    int col[7];
    for (int i = 0; i < 7; ++i) {
        col[i] = reader.field_index(columns[i]);
        // hold_seconds may be left out altogether.
        if (col[i] < 0 && i != 6)
            throw InputError(path, "line 1", columns[i],
                             "missing column (a story has the columns beat,at,target,zoom,caption,"
                             "source_keys,hold_seconds)");
    }
    enum { kBeat, kAt, kTarget, kZoom, kCaption, kSources, kHold };

    const std::string crs = data.crs.empty() ? std::string(kDefaultCrs) : data.crs;
    std::optional<Projector> projector;  // made only when a bbox needs it
    const ExtentM country = country_extent_m(data);

    Story story;
    story.path = path;
    while (reader.next()) {
        const std::string where = reader.where();
        const auto fail = [&](int c, const std::string& message) {
            throw InputError(path, where, columns[c], message);
        };
        Beat b;
        b.line = std::atoi(where.c_str() + (where.rfind(' ') + 1));
        b.id = trim(reader.text(col[kBeat]));

        const std::string at_text = trim(reader.text(col[kAt]));
        if (at_text.empty()) fail(kAt, "missing time (ISO 8601 with an offset, e.g. 2022-01-05T15:00+06:00)");
        const auto at = parse_iso8601(at_text);
        if (!at)
            fail(kAt, "bad time '" + at_text + "' (ISO 8601 with an offset, e.g. 2022-01-05T15:00+06:00)");
        b.at = *at;
        if (!story.beats.empty() && b.at.utc_s < story.beats.back().at.utc_s)
            fail(kAt, "beat out of order: " + at_text + " is earlier than the previous beat ('" +
                          story.beats.back().id + "' at " + format_iso8601_minutes(story.beats.back().at) +
                          ", line " + std::to_string(story.beats.back().line) + ")");

        const std::string target = trim(reader.text(col[kTarget]));
        b.target.text = target;
        if (target.empty()) fail(kTarget, "missing camera target (a city, a region or a bbox)");
        std::optional<double> bbox_zoom;
        if (target.find(',') != std::string::npos) {
            const auto parts = split(target, ',');
            double v[4] = {};
            bool ok = parts.size() == 4;
            for (std::size_t i = 0; ok && i < 4; ++i) {
                const auto d = parse_double(parts[i]);
                ok = d.has_value();
                if (ok) v[i] = *d;
            }
            if (!ok || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
                fail(kTarget, "bad bbox '" + target +
                                  "' (lon_min,lat_min,lon_max,lat_max in degrees, min < max)");
            b.target.kind = CameraTarget::Kind::BBox;
            b.target.lon_min_deg = v[0];
            b.target.lat_min_deg = v[1];
            b.target.lon_max_deg = v[2];
            b.target.lat_max_deg = v[3];
            if (!projector) projector.emplace(crs);
            // Project the corners and edge midpoints: a conic bends the bbox's edges.
            ExtentM e;
            bool any = false;
            for (double fx : {0.0, 0.5, 1.0})
                for (double fy : {0.0, 0.5, 1.0}) {
                    Vec2 p;
                    if (!projector->forward(v[0] + fx * (v[2] - v[0]), v[1] + fy * (v[3] - v[1]), p))
                        fail(kTarget, "bbox '" + target + "' lies outside the map projection");
                    grow(e, any, p);
                }
            b.centre_m = e.centre_m();
            bbox_zoom = std::min(country.width_m() / e.width_m(), country.height_m() / e.height_m());
        } else if (int c = data.find_city(target); c >= 0) {
            b.target.kind = CameraTarget::Kind::City;
            b.target.index = c;
            b.centre_m = data.cities[c].pos_m;
        } else if (int r = data.find_region(target); r >= 0) {
            b.target.kind = CameraTarget::Kind::Region;
            b.target.index = r;
            b.centre_m = data.regions[r].label_m;
        } else {
            fail(kTarget, "unknown city or region '" + target + "' (" + known_places(data) + ")");
        }

        const std::string zoom_text = trim(reader.text(col[kZoom]));
        if (zoom_text.empty() && bbox_zoom) {
            b.zoom = std::clamp(*bbox_zoom, 0.25, 1000.0);
        } else {
            const auto z = parse_double(zoom_text);
            if (!z || *z < 0.25 || *z > 1000)
                fail(kZoom, "bad zoom '" + zoom_text + "' (a factor from 0.25 to 1000; 1 = the whole country)");
            b.zoom = *z;
        }

        b.caption = trim(reader.text(col[kCaption]));
        if (b.caption.empty()) fail(kCaption, "missing caption (every beat needs a short caption)");
        b.source_keys = trim(reader.text(col[kSources]));

        if (col[kHold] >= 0) {
            const std::string hold_text = trim(reader.text(col[kHold]));
            if (!hold_text.empty()) {
                const auto h = parse_double(hold_text);
                if (!h || *h < 0 || *h > 3600)
                    fail(kHold, "bad hold '" + hold_text + "' (seconds, 0 to 3600, or empty)");
                b.hold_s = *h;
            }
        }
        story.beats.push_back(std::move(b));
    }
    if (story.beats.empty()) throw InputError(path, "", "", "the story has no beats");
    return story;
}

}  // namespace qantar
