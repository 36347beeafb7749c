// A presenter's story: an ordered list of beats, each a moment, a caption, its sources and a camera
// target. Loaded from a plain CSV file through GDAL (see story.cpp); targets are resolved against a
// loaded Dataset and projected once, so the camera path (camera_path.hpp) works in map metres only.
#pragma once

#include "model.hpp"
#include "time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace qantar {

struct CameraTarget {
    enum class Kind { City, Region, BBox };
    Kind kind = Kind::City;
    std::string text;     // as written in the file ("almaty", "Mangystau", "50,42,56,45")
    int index = -1;       // into Dataset::cities or Dataset::regions; -1 for a bbox
    double lon_min_deg = 0, lat_min_deg = 0, lon_max_deg = 0, lat_max_deg = 0;  // bbox only
};

struct Beat {
    std::string id;            // the `beat` column (a short name, used in messages)
    LocalTime at;              // the data time the beat shows
    CameraTarget target;
    double zoom = 1.0;         // 1 = the whole country fills the view; 4 = a quarter of its width
    std::string caption;       // short, in the project's own words
    std::string source_keys;   // "R3;R15"
    std::optional<double> hold_s;  // this beat's own hold (autoplay/render); else --beat-seconds
    Vec2 centre_m;             // the camera centre, projected
    int line = 0;              // line in the file (header = 1)
};

struct Story {
    std::string path;
    std::vector<Beat> beats;  // in time order (non-decreasing `at`)
};

// <geodata>/story-2022-01.csv
std::string bundled_story_path(const std::string& geodata_dir);

// Reads a story CSV with columns beat,at,target,zoom,caption,source_keys,hold_seconds.
//   at:      ISO 8601 with an offset ("2022-01-05T15:00+06:00").
//   target:  a city id or name, a region id or name, or a bbox "lon_min,lat_min,lon_max,lat_max".
//   zoom:    a factor > 0 (1 = whole country); may be empty for a bbox (then fitted to the bbox).
//   hold_seconds: empty, or >= 0.
// Throws InputError (file, line, field) on: a missing file or column, a bad time, a beat earlier
// than the one before, an unknown city/region (the message lists the known ones), a bad zoom or
// bbox, a missing caption, a story with no beats.
Story load_story(const std::string& path, const Dataset& data);

// The projected extent of the whole country (national outline, else the regions, else the cities):
// min and max corners in metres. Zoom 1 shows this.
struct ExtentM {
    Vec2 min_m, max_m;
    double width_m() const { return max_m.x - min_m.x; }
    double height_m() const { return max_m.y - min_m.y; }
    Vec2 centre_m() const { return {(min_m.x + max_m.x) / 2, (min_m.y + max_m.y) / 2}; }
};
ExtentM country_extent_m(const Dataset& data);

}  // namespace qantar
