// PostgreSQL/PostGIS through GDAL's PostgreSQL driver (pg_source.hpp). Pulls in libgdal.
#include "pg_source.hpp"

#include "gdal_util.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <future>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

namespace qantar::io {

namespace {

// Day-only dates last a day, and a time without an offset may be up to 14 hours either way.
constexpr std::int64_t kFilterMarginS = 24 * 3600 + 14 * 3600;

bool has_key(std::string_view conn, std::string_view key) {
    const std::string l = lower(conn);
    const std::string k = lower(key);
    for (std::size_t at = l.find(k); at != std::string::npos; at = l.find(k, at + 1)) {
        const bool starts = at == 0 || !(std::isalnum(static_cast<unsigned char>(l[at - 1])) || l[at - 1] == '_');
        std::size_t after = at + k.size();
        while (after < l.size() && l[after] == ' ') ++after;
        if (starts && after < l.size() && l[after] == '=') return true;
    }
    return false;
}

std::string timestamp_literal(std::int64_t utc_s) { return sql_literal(format_iso8601(LocalTime{utc_s, 0})); }

struct ResultSet {
    GDALDataset& ds;
    OGRLayer* layer;
    ~ResultSet() {
        if (layer) ds.ReleaseResultSet(layer);
    }
};

// Runs a query on the server; every row as a feature. Throws InputError naming the source.
OGRLayer* run_sql(GDALDataset& ds, const std::string& shown, const std::string& sql) {
    gdal::ErrorCapture capture;
    OGRLayer* l = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!capture.last_error().empty()) {
        if (l) ds.ReleaseResultSet(l);
        throw InputError(shown, "", "", "the query failed: " + one_line_error(capture.last_error()));
    }
    return l;
}

// A query that answers one text value (one row, one column), read whole; "" when it answers no
// row. GDAL materialises a statement's rows feature by feature (about 3 us of CPU a row: 44,000
// rows for the per-day counts of 10M events); a query that folds its rows into one JSON text
// travels as one value instead. (The framing's sample, 20,000 points, travels as rows: folding
// them costs the server about what it saves here.)
std::string one_text(GDALDataset& ds, const std::string& shown, const std::string& sql, const std::string& what) {
    ResultSet rs{ds, run_sql(ds, shown, sql)};
    if (!rs.layer) return {};
    gdal::ErrorCapture capture;
    OGRFeatureUniquePtr f(rs.layer->GetNextFeature());
    if (!capture.last_error().empty())
        throw InputError(shown, "", "", what + ": reading stopped: " + one_line_error(capture.first_error()));
    return f && f->IsFieldSetAndNotNull(0) ? std::string(f->GetFieldAsString(0)) : std::string();
}

// The JSON text a query folded its rows into, as a JSON array ([] for none).
nlohmann::json json_rows(const std::string& text, const std::string& shown, const std::string& what) {
    if (text.empty()) return nlohmann::json::array();
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) throw InputError(shown, "", "", what + ": the server's answer is no JSON array");
    return j;
}

}  // namespace

bool is_pg_source(std::string_view path) { return path.size() >= 3 && lower(path.substr(0, 3)) == "pg:"; }

std::string source_display_name(std::string_view path) {
    if (!is_pg_source(path)) return std::string(path);
    static const std::regex kKeyword(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))", std::regex::icase);
    static const std::regex kUri(R"((postgres(ql)?://[^:/@\s]*:)[^@\s]*@)", std::regex::icase);
    std::string s = std::regex_replace(std::string(path), kKeyword, "$1***");
    return std::regex_replace(s, kUri, "$1***@");
}

std::string pg_open_string(std::string_view path) {
    std::string s(path);
    if (has_key(s, "connect_timeout")) return s;
    const std::string l = lower(s);
    if (l.rfind("pg:postgres", 0) == 0 && l.find("://") != std::string::npos)
        return s + (s.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
    return s + " connect_timeout=5";
}

std::string one_line_error(std::string message) {
    for (const char* prefix : {"PQconnectdb failed.", "ERROR:", "FATAL:"}) {
        const auto at = message.find(prefix);
        if (at != std::string::npos && trim(message.substr(0, at)).empty()) message.erase(0, at + std::strlen(prefix));
    }
    // The server's excerpt of the query ("LINE 1: ... ^") adds lines, not meaning.
    if (const auto at = message.find("\nLINE "); at != std::string::npos) message.erase(at);
    std::string out;
    bool space = false;
    for (char c : message) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out.empty() ? "unknown error" : out;
}

gdal::DatasetPtr open_pg(const std::string& path) {
    gdal::ensure_registered();  // a connection may be the first thing a thread opens
    const std::string shown = source_display_name(path);
    gdal::ErrorCapture capture;
    const char* const drivers[] = {"PostgreSQL", nullptr};
    GDALDataset* ds = GDALDataset::Open(pg_open_string(path).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                        nullptr, nullptr);
    if (!ds) {
        std::string why = one_line_error(capture.last_error());
        if (why.find("password") != std::string::npos || why.find("role") != std::string::npos)
            why = "the server refused the login (wrong password or role): " + why;
        else if (why.find("timeout") != std::string::npos)
            why = "no answer from the server within the connect timeout: " + why;
        else
            why = "cannot connect to the database server: " + why;
        throw InputError(shown, "", "", why);
    }
    return gdal::DatasetPtr(ds);
}

void configure_session(GDALDataset& ds, const std::string& shown, double seconds) {
    if (OGRLayer* l = run_sql(ds, shown, "SET default_transaction_read_only = on")) ds.ReleaseResultSet(l);
    if (!(seconds > 0)) return;
    const auto ms = static_cast<long long>(seconds * 1000.0 + 0.5);
    if (OGRLayer* l = run_sql(ds, shown, "SET statement_timeout = " + std::to_string(ms))) ds.ReleaseResultSet(l);
}

namespace {

gdal::DatasetPtr open_session(const LoadOptions& o) {
    gdal::DatasetPtr ds = open_pg(o.events_path);
    configure_session(*ds, source_display_name(o.events_path), o.statement_timeout_s);
    return ds;
}

}  // namespace

ConnectionAhead::ConnectionAhead(const LoadOptions& options) {
    if (is_pg_source(options.events_path) && (options.pushdown_from_utc_s || options.pushdown_to_utc_s))
        session_ = std::async(std::launch::async, [options] { return open_session(options); });
}

ConnectionAhead::~ConnectionAhead() {
    if (session_.valid()) try {
            session_.get();  // not taken: closed as it goes out of scope
        } catch (...) {
        }
}

std::future<gdal::DatasetPtr> ConnectionAhead::take() {
    std::lock_guard lock(mutex_);
    return std::move(session_);
}

gdal::DatasetPtr session_for(const LoadOptions& options, ConnectionAhead* ahead) {
    if (ahead)
        if (std::future<gdal::DatasetPtr> found = ahead->take(); found.valid()) try {
                return found.get();
            } catch (const std::exception&) {
            }
    return open_session(options);
}

std::string pg_time_filter(const std::string& start_column, const std::string& end_column,
                           std::optional<std::int64_t> from_utc_s, std::optional<std::int64_t> to_utc_s) {
    const std::string start = sql_identifier(start_column);
    std::string where;
    if (to_utc_s) where = start + " <= " + timestamp_literal(*to_utc_s + kFilterMarginS);
    if (from_utc_s) {
        const std::string lo = timestamp_literal(*from_utc_s - kFilterMarginS);
        std::string lower_bound = start + " >= " + lo;
        if (!end_column.empty()) lower_bound = "(" + lower_bound + " OR " + sql_identifier(end_column) + " >= " + lo + ")";
        where += (where.empty() ? "" : " AND ") + lower_bound;
    }
    return where;
}

std::string push_down(gdal::LayerReader& r, const LoadOptions& o, int start_field, int end_field) {
    if (!r.is_database()) return "";
    if (o.pushdown_bbox_deg) {
        const auto& b = *o.pushdown_bbox_deg;
        r.set_spatial_filter(b[0], b[1], b[2], b[3]);
    }
    if (!o.pushdown_from_utc_s && !o.pushdown_to_utc_s) return "";
    if (!r.field_is_date_or_time(start_field)) return "";  // text dates do not compare as times
    // A small source travels whole, so that the histogram and the day count cover all of it;
    // counting stops at the threshold, so the check costs little on a large table.
    const std::string probe = "SELECT count(*) FROM (SELECT 1 FROM " + r.relation_sql() + " LIMIT " +
                              std::to_string(kPushdownMinRows) + ") AS qantar_probe";
    if (std::stoll("0" + r.query_scalar(probe)) < kPushdownMinRows) return "";
    std::optional<std::int64_t> from = o.pushdown_from_utc_s;
    std::string end_column;
    if (end_field >= 0) {
        if (r.field_is_date_or_time(end_field)) end_column = r.field_name(end_field);
        else from.reset();  // an end given as text: no lower bound can be trusted
    }
    const std::string where = pg_time_filter(r.field_name(start_field), end_column, from, o.pushdown_to_utc_s);
    if (!where.empty()) r.set_attribute_filter(where);
    return where;
}

namespace {

// The columns of the source (without its rows): the time column and the geometry column.
void describe_source(GDALDataset& ds, const LoadOptions& o, ServerSummary& s, std::string& from_clause) {
    OGRLayer* layer = nullptr;
    OGRLayer* probe = nullptr;
    if (!o.events_sql.empty()) {
        from_clause = "(" + o.events_sql + ") AS qantar_query";
        probe = run_sql(ds, s.source, "SELECT * FROM " + from_clause + " LIMIT 0");
        layer = probe;
        s.relation = "(query)";
    } else {
        gdal::ErrorCapture capture;
        layer = ds.GetLayerByName(o.events_layer.c_str());
        if (!layer) throw InputError(s.source, "", "", "no table or layer named '" + o.events_layer + "'");
        from_clause = sql_relation(o.events_layer);
        s.relation = o.events_layer;
    }
    ResultSet guard{ds, probe};
    if (!layer) return;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    auto find = [&](std::initializer_list<std::string> names) -> int {
        for (const std::string& n : names)
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                if (lower(defn->GetFieldDefn(i)->GetNameRef()) == lower(n)) return i;
        return -1;
    };
    const int t = o.time_field.empty() ? find({"start_time", "event_date"}) : find({o.time_field});
    if (t >= 0) {
        const OGRFieldType type = defn->GetFieldDefn(t)->GetType();
        if (type == OFTDate || type == OFTDateTime) s.time_column = defn->GetFieldDefn(t)->GetNameRef();
    }
    if (const char* g = layer->GetGeometryColumn(); g && *g) s.geometry_column = g;
}

}  // namespace

ServerSummary server_summary(const LoadOptions& o) {
    ServerSummary s;
    s.source = source_display_name(o.events_path);
    gdal::DatasetPtr ds = open_pg(o.events_path);
    configure_session(*ds, s.source, o.statement_timeout_s);
    if (OGRLayer* l = run_sql(*ds, s.source, "SET TIME ZONE 'UTC'")) ds->ReleaseResultSet(l);
    std::string from;
    describe_source(*ds, o, s, from);

    std::string totals = "SELECT count(*) AS n";
    if (!s.geometry_column.empty()) {
        const std::string g = sql_identifier(s.geometry_column);
        totals = "SELECT n, ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT "
                 "count(*) AS n, ST_Extent(" + g + ") AS e FROM " + from + ") AS totals";
    } else {
        totals += " FROM " + from;
    }
    {
        ResultSet rs{*ds, run_sql(*ds, s.source, totals)};
        if (rs.layer) {
            OGRFeatureUniquePtr f(rs.layer->GetNextFeature());
            if (f) {
                s.rows = f->GetFieldAsInteger64(0);
                if (f->GetFieldCount() == 5 && f->IsFieldSetAndNotNull(1))
                    s.extent_deg = std::array<double, 4>{f->GetFieldAsDouble(1), f->GetFieldAsDouble(2),
                                                         f->GetFieldAsDouble(3), f->GetFieldAsDouble(4)};
            }
        }
    }
    if (!s.time_column.empty()) {
        const std::string t = sql_identifier(s.time_column);
        ResultSet rs{*ds, run_sql(*ds, s.source,
                                  "SELECT to_char(date_trunc('day', " + t + "::timestamptz), 'YYYY-MM-DD') AS d, "
                                  "count(*) AS n FROM " + from + " WHERE " + t + " IS NOT NULL GROUP BY 1 ORDER BY 1")};
        if (rs.layer)
            for (OGRFeatureUniquePtr f(rs.layer->GetNextFeature()); f; f.reset(rs.layer->GetNextFeature()))
                s.per_day.emplace_back(f->GetFieldAsString(0), f->GetFieldAsInteger64(1));
    }
    return s;
}

namespace {

// The day of a time column in the display zone, as server SQL.
std::string local_date_sql(const std::string& column, const std::string& type, const ZoneRules& zone) {
    const std::string t = sql_identifier(column);
    if (type == "date") return t;
    if (type != "timestamp with time zone") return t + "::date";  // a wall-clock time: its own date
    if (const auto* fixed = dynamic_cast<const FixedOffsetZone*>(&zone))
        return "((" + t + " AT TIME ZONE 'UTC') + interval '" + std::to_string(fixed->offset_at(0)) + " seconds')::date";
    return "(" + t + " AT TIME ZONE " + sql_literal(zone.name()) + ")::date";  // an IANA name
}

}  // namespace

std::vector<Vec2> server_sample_points(const LoadOptions& o, std::size_t n) {
    std::vector<Vec2> out;
    if (!o.events_sql.empty()) return out;
    const std::string shown = source_display_name(o.events_path);
    gdal::DatasetPtr ds = open_pg(o.events_path);
    configure_session(*ds, shown, o.statement_timeout_s);
    OGRLayer* layer = nullptr;
    {
        gdal::ErrorCapture capture;
        layer = ds->GetLayerByName(o.events_layer.c_str());
    }
    const char* g = layer ? layer->GetGeometryColumn() : nullptr;
    if (!g || !*g) return out;
    const std::string table = sql_relation(o.events_layer), geom = sql_identifier(g);
    // The share of the table's pages that holds about n rows, from the planner's row estimate.
    double rows = 0;
    {
        ResultSet rs{*ds, run_sql(*ds, shown, "SELECT reltuples FROM pg_class WHERE oid = to_regclass('" + table + "')")};
        if (rs.layer)
            if (OGRFeatureUniquePtr f(rs.layer->GetNextFeature()); f) rows = f->GetFieldAsDouble(0);
    }
    const double percent = rows > static_cast<double>(n) ? 100.0 * static_cast<double>(n) / rows : 100.0;
    std::string where = geom + " IS NOT NULL";
    if (!o.filter.empty()) where += " AND (" + o.filter + ")";
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.6f", percent);
    ResultSet rs{*ds, run_sql(*ds, shown, "WITH qantar_sample AS (SELECT ST_X(ST_PointOnSurface(" + geom + ")) AS x, ST_Y(ST_PointOnSurface(" +
                                              geom + ")) AS y FROM " + table + " TABLESAMPLE SYSTEM (" + pct +
                                              ") REPEATABLE (11) WHERE " + where + ") SELECT x, y FROM qantar_sample")};
    if (!rs.layer) return out;
    for (OGRFeatureUniquePtr f(rs.layer->GetNextFeature()); f; f.reset(rs.layer->GetNextFeature()))
        if (f->IsFieldSetAndNotNull(0) && f->IsFieldSetAndNotNull(1)) out.push_back({f->GetFieldAsDouble(0), f->GetFieldAsDouble(1)});
    return out;
}

std::vector<ServerDayCount> server_day_counts(const LoadOptions& o, ConnectionAhead* ahead, const std::string& time_column,
                                              const std::string& category_column, const ZoneRules& zone) {
    const std::string shown = source_display_name(o.events_path);
    gdal::DatasetPtr ds = session_for(o, ahead);
    const std::string from = o.events_sql.empty() ? sql_relation(o.events_layer) : "(" + o.events_sql + ") AS qantar_query";
    const std::string t = sql_identifier(time_column);
    std::string type;
    {
        ResultSet rs{*ds, run_sql(*ds, shown, "SELECT pg_typeof(" + t + ")::text AS type FROM " + from + " LIMIT 1")};
        if (rs.layer)
            if (OGRFeatureUniquePtr f(rs.layer->GetNextFeature()); f) type = f->GetFieldAsString(0);
    }
    std::string where = t + " IS NOT NULL";
    if (!o.filter.empty()) where += " AND (" + o.filter + ")";
    // Grouped by the columns themselves where it can be (a date): an index on (time, category)
    // then gives the groups in order, without hashing.
    const std::string day = local_date_sql(time_column, type, zone);
    const std::string category = category_column.empty() ? "" : sql_identifier(category_column);
    // In a WITH: GDAL then runs it as one statement instead of through a cursor, for which the
    // server would not plan parallel workers (measured at 10M rows: 2.8 s instead of 6.3 s).
    const std::string sql = "WITH qantar_days AS (SELECT (" + day + " - DATE '1970-01-01') AS day, " +
                            (category.empty() ? "''" : category + "::text") + " AS value, count(*) AS n FROM " + from +
                            " WHERE " + where + " GROUP BY " + (type == "date" ? t : day) +
                            (category.empty() ? "" : ", " + category) +
                            ") SELECT json_agg(json_build_array(day, value, n))::text FROM qantar_days";
    // A one-off aggregate: compiling it (JIT) costs more than it saves. A server on this machine
    // (a Unix socket, a loopback address) shares its cores with the rows of the window this process
    // reads meanwhile, and with its world map: it gets at most the cores beyond two as parallel
    // workers (measured at 10M rows on 2 cores: the first frame 0.2 s sooner without them).
    const unsigned cores = std::thread::hardware_concurrency();
    const std::string spare = std::to_string(cores > 2 ? cores - 2 : 0);
    if (OGRLayer* l = run_sql(*ds, shown,
                              "SELECT set_config('jit', 'off', false), CASE WHEN inet_server_addr() IS NULL OR "
                              "inet_server_addr() <<= inet '127.0.0.0/8' OR inet_server_addr() = inet '::1' THEN "
                              "set_config('max_parallel_workers_per_gather', LEAST(current_setting("
                              "'max_parallel_workers_per_gather')::int, " + spare + ")::text, false) END")) {
        OGRFeatureUniquePtr(l->GetNextFeature());  // a SELECT runs as its row is fetched
        ds->ReleaseResultSet(l);
    }
    // The (day, value, count) rows folded into one JSON text: [[day, "value", n], ...].
    const std::string what = "per-day counts";
    const nlohmann::json rows = json_rows(one_text(*ds, shown, sql, what), shown, what);
    std::vector<ServerDayCount> out;
    out.reserve(rows.size());
    for (const nlohmann::json& r : rows) {
        if (!r.is_array() || r.size() != 3 || !r[0].is_number_integer() || !r[2].is_number_integer())
            throw InputError(shown, "", "", what + ": the server's answer has a row that is not [day, value, count]");
        out.push_back({r[0].get<std::int64_t>(), r[1].is_string() ? r[1].get<std::string>() : std::string(),
                       r[2].get<std::int64_t>()});
    }
    return out;
}

}  // namespace qantar::io
