// Loading every layer through GDAL/OGR, from any format it reads (GeoJSON, GeoPackage, Shapefile,
// FlatGeobuf, CSV with longitude/latitude columns, real ACLED exports), then projecting once through
// PROJ and triangulating through GEOS. Names no C library type.
#pragma once

#include "core/limits.hpp"
#include "core/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace qantar {

struct LoadOptions {
    std::string geodata_dir;   // where the bundled files are; default: found by find_geodata_dir()
    std::string events_path;   // empty: <geodata>/events.csv
    std::string cities_path;   // empty: <geodata>/cities.csv
    std::string regions_path;  // empty: <geodata>/regions.geojson
    std::string tally_path;    // empty: <geodata>/tally.csv (only when events_path is empty)
    std::string crs;           // empty: kDefaultCrs
    std::string time_field;    // empty: start_time, else event_date (ACLED)
    std::string end_field;     // empty: end_time
    bool skip_invalid = false; // skip bad event rows (report them) instead of failing
    bool context = true;       // load countries, water and outline (the renderer needs them)
    double max_span_years = kDefaultMaxSpanYears;  // --max-span-years: refuse events spread wider

    // Events from a database (--events "PG:..."; io/pg_source.hpp): which table or query, and
    // what the server filters so that only the rows needed travel.
    std::string events_layer;            // --events-layer TABLE (also a layer of a multi-layer file)
    std::string events_sql;              // --events-sql "SELECT ..." (databases)
    double statement_timeout_s = 300;    // --statement-timeout (0: the server's)
    std::optional<std::int64_t> pushdown_from_utc_s, pushdown_to_utc_s;  // only events that may show
    std::optional<std::array<double, 4>> pushdown_bbox_deg;  // min lon, min lat, max lon, max lat
};

// The geodata directory: $QANTAR_GEODATA if set, else <exe dir>/../geodata, else ./geodata,
// else the install location. Throws InputError if none has events.csv.
std::string find_geodata_dir();

// Loads, validates, resolves cities and regions, projects, triangulates regions, sorts events.
// Throws InputError (one line: file, feature/line, field) or UsageError (bad --crs).
Dataset load_dataset(const LoadOptions& options);

}  // namespace qantar
