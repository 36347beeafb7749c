// The world base map for a map of any place: from geodata/world (countries.fgb, admin1.fgb,
// cities.csv; geodata/README.md has the schema), the admin-1 units of the countries where the
// events fall become the regions, the countries around them the context, the larger cities in
// view the cities. Names no C library type; reads through the GDAL adapter.
#pragma once

#include "data_dirs.hpp"

#include "core/model.hpp"

#include <string>
#include <vector>

namespace qantar {

// The world's countries (countries.fgb), in lon/lat. They do not depend on the events: a load reads
// them while the events are read. Throws InputError naming the file.
std::vector<ContextFeature> read_world_countries(const std::string& world_dir);

// With data.events read (lon/lat) and data.framing_deg set, and `countries` from
// read_world_countries: fills data.regions, data.cities and, with `context`, data.countries and
// data.water, in lon/lat; names each event's country when the file did not; links cities and
// events to the regions. cities_path: the user's cities file, read whole instead of the world's
// (empty: the world's). Throws InputError naming a file.
void load_world_basemap(const std::string& world_dir, std::vector<ContextFeature> countries, bool context,
                        const std::string& cities_path, Dataset& data);

}  // namespace qantar
