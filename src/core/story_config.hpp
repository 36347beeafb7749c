// A story's manifest (story.toml, read by io/story_manifest) as plain values: its titles, files,
// field mapping, categories, HUD texts, time zone, projection and framing. A plain events file
// has none; everything here is then empty and the defaults of each part apply.
#pragma once

#include "model.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace qantar {

// What the HUD says (carried by the Dataset so that every frame reads the same).
struct HudConfig {
    StoryText header;            // the line above the date ("" : the title, in capitals)
    StoryText day_counter;       // "Day {n} of the unrest"; empty: no day counter
    StoryText day_before;        // before day 1 ("Before the unrest")
    StoryText tally_heading;     // above the announced figures
    std::vector<std::string> tally_columns;  // which TallyEntry figures the HUD shows, in order
};

struct StoryConfig {
    std::string manifest;    // the story.toml read
    std::string dir;         // its folder; file names below are already joined to it
    StoryText title, subtitle;
    std::string window_title;
    StoryText city_region_label;    // a region of kind "city" ("": "City")
    StoryText data_note;            // the credit line under a place's details
    double seconds_per_day = 0;     // the animation's speed (0: about a minute for the whole span)
    std::string events, cities, regions, tally, outline, countries, water, beats, sources;
    std::string time_field, end_field, category_field;
    std::vector<CategoryDef> categories;
    HudConfig hud;
    std::string time_zone;   // IANA ("Europe/Paris"); applied by the time module
    std::string crs;         // PROJ string or EPSG code
    std::optional<std::array<double, 4>> bbox;  // lon_min, lat_min, lon_max, lat_max
};

}  // namespace qantar
