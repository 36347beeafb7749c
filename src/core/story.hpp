// A presenter's story: an ordered list of beats, each a moment, a caption, its sources and a camera
// target. The types only, pure C++: io/story_loader.hpp reads them from a CSV file, resolving targets
// against a loaded Dataset and projecting them once, so the camera path works in map metres only.
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
    std::string text;     // as written in the file ("lyon", "Rhone", "4,45,6,46")
    int index = -1;       // into Dataset::cities or Dataset::regions; -1 for a bbox
    double lon_min_deg = 0, lat_min_deg = 0, lon_max_deg = 0, lat_max_deg = 0;  // bbox only
};

struct Beat {
    std::string id;            // the `beat` column (a short name, used in messages)
    LocalTime at;              // the data time the beat shows
    CameraTarget target;
    double zoom = 1.0;         // 1 = the whole country fills the view; 4 = a quarter of its width
    StoryText caption;         // short, in the project's own words; each label language ("": en)
    std::string source_keys;   // "R3;R15"
    std::optional<double> hold_s;  // this beat's own hold (autoplay/render); else --beat-seconds
    Vec2 centre_m;             // the camera centre, projected
    int line = 0;              // line in the file (header = 1)
};

struct Story {
    std::string path;
    std::vector<Beat> beats;  // in time order (non-decreasing `at`)
};

// The projected extent of the whole country (national outline, else the regions, else the cities),
// or the framing of the events when the dataset frames on them (Dataset::frame_on_data):
// min and max corners in metres. Zoom 1 shows this.
struct ExtentM {
    Vec2 min_m, max_m;
    double width_m() const { return max_m.x - min_m.x; }
    double height_m() const { return max_m.y - min_m.y; }
    Vec2 centre_m() const { return {(min_m.x + max_m.x) / 2, (min_m.y + max_m.y) / 2}; }
};
ExtentM country_extent_m(const Dataset& data);
// The smallest extent holding the points ({0,0}..{0,0} when there are none).
ExtentM extent_of(const std::vector<Vec2>& points_m);
// The same for the exterior rings of polygons.
ExtentM extent_of(const std::vector<Polygon>& polygons_m);

}  // namespace qantar
