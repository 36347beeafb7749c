// A story's manifest (story.toml, TOML) read into a StoryConfig, and a StoryConfig applied to the
// load options. toml++ stays in the .cpp.
#pragma once

#include "core/story_config.hpp"
#include "io/load.hpp"

#include <string>

namespace qantar {

// The manifest of `dir_or_file` (a folder holding story.toml, or the .toml itself). Relative file
// names are joined to the manifest's folder. Throws InputError as one line naming the manifest and
// the key ("FILE: key 'categories[3].colour': ..."): unknown keys, missing files, categories
// without a colour, bad colours, duplicate ids, bad values.
StoryConfig read_story_manifest(const std::string& dir_or_file);

// "#rrggbb" -> 0xRRGGBB; nullopt for anything else.
std::optional<std::uint32_t> parse_hex_colour(std::string_view text);

// Fills what the options leave empty from the story (explicit options win): files, fields,
// categories, crs, time zone, title, HUD texts. When the options name their own events file, only
// the story's base map is used (cities, regions, context layers, crs): the hook where a plain file
// without a story gets its base map.
void apply_story(const StoryConfig& story, LoadOptions& options);

// The manifest of the bundled story inside a geodata directory.
std::string bundled_story_manifest(const std::string& geodata_dir);

}  // namespace qantar

namespace qantar {

// A manifest for `story`, as commented TOML that read_story_manifest reads back (qantar init).
// File names are written as they are in `story` (the caller makes them relative).
std::string story_manifest_text(const StoryConfig& story);

}  // namespace qantar
