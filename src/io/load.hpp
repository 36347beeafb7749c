// Loading every layer through GDAL/OGR, from any format it reads (GeoJSON, GeoPackage, Shapefile,
// FlatGeobuf, CSV with longitude/latitude columns, real ACLED exports), then projecting once through
// PROJ and triangulating through GEOS. Names no C library type.
#pragma once

#include "core/limits.hpp"
#include "core/model.hpp"

#include <optional>
#include <string>

namespace qantar {

struct LoadOptions {
    std::string geodata_dir;   // where the bundled files are; default: found by find_geodata_dir()
    std::string events_path;   // empty: <geodata>/events.csv
    std::string cities_path;   // empty: <geodata>/cities.csv
    std::string regions_path;  // empty: <geodata>/regions.geojson
    std::string tally_path;    // empty: <geodata>/tally.csv (only when events_path is empty)
    std::string sources_path;  // the sources table (key, short, outlet, date, title, url); empty:
                               // <geodata>/sources.csv if it exists (only when events_path is empty)
    std::string crs;           // empty: kDefaultCrs
    std::string time_field;    // empty: start_time, else event_date (ACLED)
    std::string end_field;     // empty: end_time
    bool skip_invalid = false; // skip bad event rows (report them) instead of failing
    bool context = true;       // load countries, water and outline (the renderer needs them)
    double max_span_years = kDefaultMaxSpanYears;  // --max-span-years: refuse events spread wider
};

// The geodata directory: $QANTAR_GEODATA if set, else <exe dir>/../geodata, else ./geodata,
// else the install location. Throws InputError if none has events.csv.
std::string find_geodata_dir();

// Loads, validates, resolves cities and regions, projects, triangulates regions, sorts events.
// Throws InputError (one line: file, feature/line, field) or UsageError (bad --crs).
Dataset load_dataset(const LoadOptions& options);

}  // namespace qantar
