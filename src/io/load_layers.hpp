// Reading each layer of a dataset through the GDAL adapter, in lon/lat, unprojected; internal to
// load.cpp. Each throws InputError (one line: file, feature or line, field).
#pragma once

#include "load.hpp"

#include "core/model.hpp"

#include <string>
#include <vector>

namespace qantar::loading {

std::vector<Region> load_regions(const std::string& path);
std::vector<City> load_cities(const std::string& path);
std::vector<ContextFeature> load_context(const std::string& path);  // polygons_deg only
std::vector<TallyEntry> load_tally(const std::string& path);        // sorted by announced_at
// The sources table: key (required, unique), short, outlet, date (ISO 8601 date or empty), title, url.
std::vector<SourceRef> load_sources(const std::string& path);

// Events, against the dataset's cities and regions (linked already). Bad rows are skipped into
// `skipped` with options.skip_invalid, else the first throws.
void load_events(const LoadOptions& options, const Dataset& data, const std::string& path,
                 std::vector<Event>& out, std::vector<Skipped>& skipped);

}  // namespace qantar::loading
