// Loading a story (story_loader.hpp) through the GDAL adapter; bboxes projected by a Projector.
#include "story_loader.hpp"

#include "gdal_util.hpp"
#include "projection.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>

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

constexpr const char* kColumns[] = {"beat", "at", "target", "zoom", "caption", "source_keys", "hold_seconds"};
enum Column { kBeat, kAt, kTarget, kZoom, kCaption, kSources, kHold };
using Fail = std::function<void(int column, const std::string& message)>;  // throws

// Reads one file's beats, resolving targets; the projector is made only when a bbox needs it.
class BeatReader {
public:
    BeatReader(const Dataset& data) : data_(data), country_(country_extent_m(data)) {}

    // A bbox's centre and the zoom that fits it; throws through `fail`.
    void bbox_target(const std::string& target, Beat& b, std::optional<double>& bbox_zoom, const Fail& fail) {
        const auto parts = split(target, ',');
        double v[4] = {};
        bool ok = parts.size() == 4;
        for (std::size_t i = 0; ok && i < 4; ++i) {
            const auto d = parse_double(parts[i]);
            ok = d.has_value();
            if (ok) v[i] = *d;
        }
        if (!ok || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
            fail(kTarget, "bad bbox '" + target + "' (lon_min,lat_min,lon_max,lat_max in degrees, min < max)");
        b.target.kind = CameraTarget::Kind::BBox;
        b.target.lon_min_deg = v[0];
        b.target.lat_min_deg = v[1];
        b.target.lon_max_deg = v[2];
        b.target.lat_max_deg = v[3];
        if (!projector_) projector_.emplace(data_.crs.empty() ? std::string(kDefaultCrs) : data_.crs);
        // Project the corners and edge midpoints: a conic bends the bbox's edges.
        std::vector<Vec2> points;
        for (double fx : {0.0, 0.5, 1.0})
            for (double fy : {0.0, 0.5, 1.0}) {
                Vec2 p;
                if (!projector_->forward(v[0] + fx * (v[2] - v[0]), v[1] + fy * (v[3] - v[1]), p))
                    fail(kTarget, "bbox '" + target + "' lies outside the map projection");
                points.push_back(p);
            }
        const ExtentM e = extent_of(points);
        b.centre_m = e.centre_m();
        bbox_zoom = std::min(country_.width_m() / e.width_m(), country_.height_m() / e.height_m());
    }

    // The camera target: a bbox, a city or a region. Returns the zoom that fits a bbox.
    std::optional<double> target(const std::string& target, Beat& b, const Fail& fail) {
        b.target.text = target;
        if (target.empty()) fail(kTarget, "missing camera target (a city, a region or a bbox)");
        std::optional<double> bbox_zoom;
        if (target.find(',') != std::string::npos) {
            bbox_target(target, b, bbox_zoom, fail);
        } else if (int c = data_.find_city(target); c >= 0) {
            b.target.kind = CameraTarget::Kind::City;
            b.target.index = c;
            b.centre_m = data_.cities[c].pos_m;
        } else if (int r = data_.find_region(target); r >= 0) {
            b.target.kind = CameraTarget::Kind::Region;
            b.target.index = r;
            b.centre_m = data_.regions[r].label_m;
        } else {
            fail(kTarget, "unknown city or region '" + target + "' (" + known_places(data_) + ")");
        }
        return bbox_zoom;
    }

private:
    const Dataset& data_;
    const ExtentM country_;
    std::optional<Projector> projector_;
};

void read_at(const std::string& at_text, const Story& story, Beat& b, const Fail& fail) {
    if (at_text.empty()) fail(kAt, "missing time (ISO 8601 with an offset, e.g. 2022-01-05T15:00+06:00)");
    const auto at = parse_iso8601(at_text);
    if (!at) fail(kAt, "bad time '" + at_text + "' (ISO 8601 with an offset, e.g. 2022-01-05T15:00+06:00)");
    b.at = *at;
    if (!story.beats.empty() && b.at.utc_s < story.beats.back().at.utc_s)
        fail(kAt, "beat out of order: " + at_text + " is earlier than the previous beat ('" +
                      story.beats.back().id + "' at " + format_iso8601_minutes(story.beats.back().at) +
                      ", line " + std::to_string(story.beats.back().line) + ")");
}

void read_zoom(const std::string& zoom_text, std::optional<double> bbox_zoom, Beat& b, const Fail& fail) {
    if (zoom_text.empty() && bbox_zoom) {
        b.zoom = std::clamp(*bbox_zoom, 0.25, 1000.0);
        return;
    }
    const auto z = parse_double(zoom_text);
    if (!z || *z < 0.25 || *z > 1000)
        fail(kZoom, "bad zoom '" + zoom_text + "' (a factor from 0.25 to 1000; 1 = the whole country)");
    b.zoom = *z;
}

void read_hold(const std::string& hold_text, Beat& b, const Fail& fail) {
    if (hold_text.empty()) return;
    const auto h = parse_double(hold_text);
    if (!h || *h < 0 || *h > 3600) fail(kHold, "bad hold '" + hold_text + "' (seconds, 0 to 3600, or empty)");
    b.hold_s = *h;
}

}  // namespace

std::string story_beats_path(const LoadOptions& load) {
    if (!load.story || load.story->beats.empty())
        throw UsageError("no presenter beats: the story names none ([files] beats in story.toml); give --beats FILE");
    return load.story->beats;
}

Story load_story(const std::string& path, const Dataset& data) {
    gdal::LayerReader reader(path);
    int col[std::size(kColumns)];
    for (std::size_t i = 0; i < std::size(kColumns); ++i) {
        col[i] = reader.field_index(kColumns[i]);
        // hold_seconds may be left out altogether.
        if (col[i] < 0 && i != kHold)
            throw InputError(path, "line 1", kColumns[i],
                             "missing column (a story has the columns beat,at,target,zoom,caption,"
                             "source_keys,hold_seconds)");
    }
    BeatReader beats(data);
    Story story;
    story.path = path;
    while (reader.next()) {
        const std::string where = reader.where();
        const Fail fail = [&](int c, const std::string& message) { throw InputError(path, where, kColumns[c], message); };
        Beat b;
        b.line = std::atoi(where.c_str() + (where.rfind(' ') + 1));
        b.id = trim(reader.text(col[kBeat]));
        read_at(trim(reader.text(col[kAt])), story, b, fail);
        const std::optional<double> bbox_zoom = beats.target(trim(reader.text(col[kTarget])), b, fail);
        read_zoom(trim(reader.text(col[kZoom])), bbox_zoom, b, fail);
        b.caption.en = trim(reader.text(col[kCaption]));
        if (b.caption.empty()) fail(kCaption, "missing caption (every beat needs a short caption)");
        b.source_keys = trim(reader.text(col[kSources]));
        if (col[kHold] >= 0) read_hold(trim(reader.text(col[kHold])), b, fail);
        // Optional translations of the caption.
        if (const int k = reader.field_index("caption_kk"); k >= 0) b.caption.kk = trim(reader.text(k));
        if (const int r = reader.field_index("caption_ru"); r >= 0) b.caption.ru = trim(reader.text(r));
        story.beats.push_back(std::move(b));
    }
    if (story.beats.empty()) throw InputError(path, "", "", "the story has no beats");
    return story;
}

}  // namespace qantar
