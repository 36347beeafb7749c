// Loading every layer through GDAL/OGR, from any format it reads (GeoJSON, GeoPackage, Shapefile,
// FlatGeobuf, CSV with longitude/latitude columns, real ACLED exports), then projecting once through
// PROJ and triangulating through GEOS. Names no C library type.
#pragma once

#include "data_dirs.hpp"

#include "core/limits.hpp"
#include "core/model.hpp"
#include "core/story_config.hpp"

#include <array>
#include <cstdint>
#include <functional>
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
    std::string time_field;    // empty: found by name (io/event_row.cpp kTimeFieldNames)
    std::string end_field;     // empty: end_time
    // --tz: the IANA zone of times written without an offset where their place has none
    // (io/time_zone; not a zone: UsageError). Empty: none.
    std::string time_zone;
    bool skip_invalid = false; // skip bad event rows (report them) instead of failing
    bool context = true;       // countries, water and outline, and every fill triangulated (what
                               // drawing needs; info and export do without)
    double max_span_years = kDefaultMaxSpanYears;  // --max-span-years: refuse events spread wider

    // A story (io/story_manifest) fills these; a plain events file leaves them empty.
    std::string outline_path;    // empty: <geodata>/outline.geojson when present
    std::string countries_path;  // empty: <geodata>/countries.geojson when present
    std::string water_path;      // empty: <geodata>/water.geojson when present
    std::vector<CategoryDef> categories;  // the story's table; empty: derived from the data
    std::string category_field;  // the category column (with a table); empty: "category"
    std::string color_by;        // --color-by FIELD: categories from a field (no table)
    std::optional<StoryConfig> story;  // the story read (--story, or the bundled one); none: a plain file
    // A map of any place (io/basemap.hpp): with events and no regions, no --geodata and no
    // $QANTAR_GEODATA, the regions, context and cities come from the world base map.
    std::string world_dir;     // empty: found by find_world_dir()
    std::string bbox;          // --bbox lon_min,lat_min,lon_max,lat_max: the framing (else the events')
    std::string title, subtitle;  // --title/--subtitle or the story's; empty: derived from the events
    std::string size_by;       // --size-by FIELD: numeric, the markers' size (log scale)
    std::string filter;        // --filter EXPR: OGR SQL attribute filter on the events layer
    // Events from a database (--events "PG:..."; io/pg_source.hpp): which table or query, and
    // what the server filters so that only the rows needed travel.
    std::string events_layer;            // --events-layer TABLE (also a layer of a multi-layer file)
    std::string events_sql;              // --events-sql "SELECT ..." (databases)
    double statement_timeout_s = 300;    // --statement-timeout (0: the server's)
    std::optional<std::int64_t> pushdown_from_utc_s, pushdown_to_utc_s;  // only events that may show
    std::optional<std::array<double, 4>> pushdown_bbox_deg;  // min lon, min lat, max lon, max lat
};

// True when this load draws the world base map: events given, no regions file, no data directory
// (neither --geodata nor $QANTAR_GEODATA, passed in as geodata_env_set).
bool uses_world_basemap(const LoadOptions& options, bool geodata_env_set);

// Called once on the loading thread with the data read, projected and triangulated, before a
// database's per-day counts are waited for (they alone are still missing: day_counts, and the
// "Other" category they may add): work that needs only the geometry, such as the base map's
// preparation, runs while the server counts.
using GeometryReady = std::function<void(const Dataset&)>;

// Loads, validates, resolves cities and regions, projects, triangulates regions, sorts events.
// Throws InputError (one line: file, feature/line, field) or UsageError (bad --crs).
Dataset load_dataset(const LoadOptions& options, const GeometryReady& projected = {});

}  // namespace qantar
