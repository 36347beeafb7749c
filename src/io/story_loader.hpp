// Reading a presenter's story (core/story.hpp) from its CSV file through GDAL's CSV driver, with
// bbox targets projected through PROJ. Names no C library type.
#pragma once

#include "core/model.hpp"
#include "core/story.hpp"
#include "io/load.hpp"

#include <string>

namespace qantar {

// The story's beats file ([files] beats of its manifest); UsageError when it names none.
std::string story_beats_path(const LoadOptions& load);

// Reads a story CSV with columns beat,at,target,zoom,caption,source_keys,hold_seconds.
//   at:      ISO 8601 with an offset ("2022-01-05T15:00+06:00").
//   target:  a city id or name, a region id or name, or a bbox "lon_min,lat_min,lon_max,lat_max".
//   zoom:    a factor > 0 (1 = whole country); may be empty for a bbox (then fitted to the bbox).
//   hold_seconds: empty, or >= 0.
// Throws InputError (file, line, field) on: a missing file or column, a bad time, a beat earlier
// than the one before, an unknown city/region (the message lists the known ones), a bad zoom or
// bbox, a missing caption, a story with no beats.
Story load_story(const std::string& path, const Dataset& data);

}  // namespace qantar
