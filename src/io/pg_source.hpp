// PostgreSQL/PostGIS as an events source, through GDAL's PostgreSQL driver ("PG:" datasource names):
// the connection string (a connect timeout, the password never shown), the time window and bbox
// pushed down to the server, and the aggregates (count, extent, per-day counts) computed there.
// Pulls in libgdal in its .cpp only.
#pragma once

#include "io/gdal_util.hpp"
#include "io/load.hpp"

#include <array>
#include <cstdint>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar::io {

// "PG:..." (any case): a PostgreSQL datasource, not a file.
bool is_pg_source(std::string_view path);

// The name to show in messages: password=... (and user:password@ in a URI) replaced by ***.
std::string source_display_name(std::string_view path);

// What GDAL opens: connect_timeout=5 added unless the string gives one.
std::string pg_open_string(std::string_view path);

// Opens a PG: source read-only (with the connect timeout). Throws InputError naming the source
// (no password): the server down or the socket missing, a refused password or role.
gdal::DatasetPtr open_pg(const std::string& path);

// The session qantar reads in: read-only (an --events-sql that writes fails on the server), and
// statement_timeout (seconds; 0 leaves the server's).
void configure_session(GDALDataset& ds, const std::string& shown, double seconds);

// For the length of a load: a connection to options' source opened ahead on a thread of its own
// (GDAL's catalogue queries and the session settled: ~0.1 s) when options read a window of a
// database, for the load's session_for: a window's per-day counts start only once the table's
// columns are known, and then need not wait for a connection. One not taken is closed when this
// goes out of scope.
class ConnectionAhead {
public:
    explicit ConnectionAhead(const LoadOptions& options);
    ~ConnectionAhead();
    ConnectionAhead(const ConnectionAhead&) = delete;
    ConnectionAhead& operator=(const ConnectionAhead&) = delete;
    // The session opened ahead, once; not valid after the first call or when none was opened.
    std::future<gdal::DatasetPtr> take();

private:
    std::mutex mutex_;
    std::future<gdal::DatasetPtr> session_;
};
// A configured session on options' source: the one `ahead` opened if it has one not yet taken
// (its opening's error, if any, is not reported: a new connection is tried and reports its own),
// else a new one. `ahead` may be null.
gdal::DatasetPtr session_for(const LoadOptions& options, ConnectionAhead* ahead);

// A GDAL or libpq message as one line ("ERROR:", "PQconnectdb failed." and line breaks folded).
std::string one_line_error(std::string message);

// The WHERE clause (server SQL) keeping the rows that may show between from and to (UTC
// seconds; either may be absent), on timestamp or date columns: the start column, and the end
// column when there is one. Margins cover day-only dates and local offsets (a superset travels).
std::string pg_time_filter(const std::string& start_column, const std::string& end_column,
                           std::optional<std::int64_t> from_utc_s, std::optional<std::int64_t> to_utc_s);

// Sources smaller than this travel whole: the timeline then sees every day of them.
inline constexpr long long kPushdownMinRows = 200000;

// Applies options' window and bbox to a database layer of at least kPushdownMinRows rows when
// its columns allow it (the time column a timestamp or date); does nothing for files. The
// timeline then knows only the rows that travelled: its histogram and first day are the
// window's. Returns the WHERE clause set, or "".
std::string push_down(gdal::LayerReader& reader, const LoadOptions& options, int start_field, int end_field);

// What the server says about the whole source, without transferring its rows.
struct ServerSummary {
    std::string source;                         // display name (no password)
    std::string relation;                       // the table, or "(query)"
    std::string time_column, geometry_column;   // "" when none could be used
    std::int64_t rows = 0;                      // count(*)
    std::optional<std::array<double, 4>> extent_deg;  // ST_Extent: min lon, min lat, max lon, max lat
    std::vector<std::pair<std::string, std::int64_t>> per_day;  // "YYYY-MM-DD" (UTC), count
};

// Opens its own connection; throws InputError naming the source (no password) on failure.
ServerSummary server_summary(const LoadOptions& options);

// One row of the server's per-day counts: the local day (days since 1970-01-01 in the zone asked
// for), the category column's text ("" without one), the events.
struct ServerDayCount {
    std::int64_t local_day = 0;
    std::string value;
    std::int64_t count = 0;
};

// The events per local day (in `zone`) and per value of category_column ("": none) over every
// row of the source that --filter keeps, not only the rows a window let travel: one GROUP BY on
// the server (an index-only scan with a B-tree on (time, category)). A date column's day is its
// date, a timestamp without zone its wall-clock date. Runs on ahead's connection when it has one
// not taken (ahead may be null), else opens one; throws InputError naming the source (no
// password) on failure.
std::vector<ServerDayCount> server_day_counts(const LoadOptions& options, ConnectionAhead* ahead, const std::string& time_column,
                                              const std::string& category_column, const ZoneRules& zone);

// About n points (x = lon, y = lat) of the whole table, that --filter keeps, sampled by the server
// (TABLESAMPLE SYSTEM, REPEATABLE: the same table gives the same sample) from its geometry column:
// the framing of a map of which only a window travelled. Empty for a query (--events-sql) or a
// table without a geometry column. Throws InputError naming the source on failure.
std::vector<Vec2> server_sample_points(const LoadOptions& options, std::size_t n);

}  // namespace qantar::io
