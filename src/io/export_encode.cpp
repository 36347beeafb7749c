// Encoding export tables through GDAL's vector drivers into memory (/vsimem/): the bytes of one
// file, which export.cpp then writes with plain POSIX calls. Pulls in libgdal.
#include "export.hpp"

#include "export_rtree.hpp"
#include "gdal_util.hpp"

#include "core/text.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <unistd.h>

namespace qantar {

std::string_view export_format_driver(ExportFormat format) {
    switch (format) {
    case ExportFormat::GeoJSON: return "GeoJSON";
    case ExportFormat::GeoPackage: return "GPKG";
    case ExportFormat::FlatGeobuf: return "FlatGeobuf";
    case ExportFormat::CSV: return "CSV";
    case ExportFormat::KML: return "LIBKML";
    }
    return "GeoJSON";
}

namespace {

std::string_view format_extension(ExportFormat format) {
    switch (format) {
    case ExportFormat::GeoJSON: return "geojson";
    case ExportFormat::GeoPackage: return "gpkg";
    case ExportFormat::FlatGeobuf: return "fgb";
    case ExportFormat::CSV: return "csv";
    case ExportFormat::KML: return "kml";
    }
    return "geojson";
}

struct FeatureDeleter {
    void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};

// A fresh /vsimem/ directory, removed with everything in it when this goes away.
class MemDir {
public:
    MemDir() {
        static std::atomic<unsigned> counter{0};
        path_ = "/vsimem/qantar-export-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1));
        VSIMkdir(path_.c_str(), 0755);
    }
    ~MemDir() { VSIRmdirRecursive(path_.c_str()); }
    MemDir(const MemDir&) = delete;
    MemDir& operator=(const MemDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

OGRwkbGeometryType ogr_type(ExportGeometryKind kind) {
    switch (kind) {
    case ExportGeometryKind::None: return wkbNone;
    case ExportGeometryKind::Point: return wkbPoint;
    case ExportGeometryKind::LineString: return wkbLineString;
    case ExportGeometryKind::MultiPolygon: return wkbMultiPolygon;
    }
    return wkbUnknown;
}

OGRGeometry* make_geometry(const ExportTable& table, const ExportFeature& f) {
    if (!f.has_geometry) return nullptr;
    switch (table.geometry) {
    case ExportGeometryKind::None: return nullptr;
    case ExportGeometryKind::Point:
        if (f.points_deg.empty()) return nullptr;
        return new OGRPoint(f.points_deg[0].x, f.points_deg[0].y);
    case ExportGeometryKind::LineString: {
        auto* line = new OGRLineString();
        for (const Vec2& v : f.points_deg) line->addPoint(v.x, v.y);
        return line;
    }
    case ExportGeometryKind::MultiPolygon: {
        auto* multi = new OGRMultiPolygon();
        for (const Polygon& p : f.polygons_deg) {
            OGRPolygon poly;
            for (const auto& ring : p.rings) {
                OGRLinearRing r;
                for (const Vec2& v : ring) r.addPoint(v.x, v.y);
                poly.addRing(&r);
            }
            multi->addGeometry(&poly);
        }
        return multi;
    }
    }
    return nullptr;
}

std::string fail_message(const gdal::ErrorCapture& errors, const std::string& what) {
    std::string msg = what;
    if (!errors.last_error().empty()) msg += ": " + errors.last_error();
    return msg;
}

// Layer creation options per format.
CPLStringList layer_options(const ExportTable& table, ExportFormat format, bool more_rows) {
    CPLStringList lco;
    switch (format) {
    case ExportFormat::GeoJSON:
        lco.SetNameValue("RFC7946", "YES");
        lco.SetNameValue("COORDINATE_PRECISION", std::to_string(table.coordinate_decimals).c_str());
        lco.SetNameValue("WRITE_NAME", "YES");
        break;
    case ExportFormat::CSV:
        lco.SetNameValue("GEOMETRY",
                         table.geometry == ExportGeometryKind::Point ? "AS_XY" : "AS_WKT");
        lco.SetNameValue("LINEFORMAT", "LF");
        lco.SetNameValue("STRING_QUOTING", "IF_NEEDED");
        break;
    case ExportFormat::FlatGeobuf:
        // Keep our feature order (the spatial index would reorder features along a Hilbert curve).
        // GDAL 3.6 writes no file at all for an empty layer without the index, and the index of
        // nothing is only the header: so the index is asked for only when there is nothing.
        lco.SetNameValue("SPATIAL_INDEX", table.features.empty() && !more_rows ? "YES" : "NO");
        break;
    case ExportFormat::GeoPackage:
    case ExportFormat::KML:
        break;
    }
    return lco;
}

void create_fields(OGRLayer& layer, const ExportTable& table, ExportFormat format, const gdal::ErrorCapture& errors) {
    for (const ExportField& field : table.fields) {
        OGRFieldType type = OFTString;
        OGRFieldSubType sub = OFSTNone;
        switch (field.kind) {
        case ExportFieldKind::String: type = OFTString; break;
        case ExportFieldKind::Time: type = OFTString; break;  // ISO 8601 text keeps the offset
        case ExportFieldKind::Integer: type = OFTInteger64; break;
        case ExportFieldKind::Real: type = OFTReal; break;
        case ExportFieldKind::Boolean: type = OFTInteger; sub = OFSTBoolean; break;
        }
        OGRFieldDefn defn(field.name.c_str(), type);
        defn.SetSubType(sub);
        if (layer.CreateField(&defn) != OGRERR_NONE)
            throw ExportError(fail_message(errors, "cannot create field " + field.name));
    }
    if (layer.GetLayerDefn()->GetFieldCount() != static_cast<int>(table.fields.size()))
        throw ExportError("the " + std::string(export_format_driver(format)) +
                          " driver did not keep every field of layer " + table.name);
}

void set_values(OGRFeature& feat, const ExportFeature& f) {
    for (std::size_t i = 0; i < f.values.size(); ++i) {
        int idx = static_cast<int>(i);
        const ExportValue& v = f.values[i];
        if (std::holds_alternative<std::monostate>(v)) feat.SetFieldNull(idx);
        else if (auto* s = std::get_if<std::string>(&v)) feat.SetField(idx, s->c_str());
        else if (auto* n = std::get_if<std::int64_t>(&v))
            feat.SetField(idx, static_cast<GIntBig>(*n));
        else if (auto* d = std::get_if<double>(&v)) feat.SetField(idx, *d);
        else if (auto* b = std::get_if<bool>(&v)) feat.SetField(idx, *b ? 1 : 0);
        else if (auto* t = std::get_if<LocalTime>(&v))
            feat.SetField(idx, format_iso8601(*t).c_str());
    }
}

// A GeoPackage layer of at least this many rows is written in transactions of kBatchRows (SQLite
// otherwise commits every row). Smaller ones keep the per-row commits: the bytes of their files
// (SQLite's change counter) stay what they were, which the golden exports compare.
constexpr std::size_t kBatchFrom = 10000;
constexpr std::size_t kBatchRows = 100000;

// Rows [from, to) of the table, through one reused feature. With `boxes`, each point's feature id
// and box are added to it (the packed spatial index).
void write_features(OGRLayer& layer, OGRFeature& feat, const ExportTable& table, std::size_t from, std::size_t to,
                    OGRSpatialReference& wgs84, gdal::ErrorCapture& errors, std::vector<io::RTreeEntry>* boxes) {
    for (std::size_t i = from; i < to; ++i) {
        const ExportFeature& f = table.features[i];
        set_values(feat, f);
        OGRGeometry* g = make_geometry(table, f);
        if (g) g->assignSpatialReference(&wgs84);
        feat.SetGeometryDirectly(g);  // null clears the last row's
        feat.SetFID(OGRNullFID);
        if (layer.CreateFeature(&feat) != OGRERR_NONE)
            throw ExportError(fail_message(errors, "cannot write a feature of layer " + table.name));
        if (boxes && g) {
            const Vec2& p = f.points_deg[0];
            boxes->push_back({feat.GetFID(), p.x, p.x, p.y, p.y});
        }
    }
}

// One statement on the GeoPackage's own SQLite connection; the first column of the first row of
// what it returns ("" for none). Throws ExportError when SQLite refuses it.
std::string run_sql(GDALDataset& ds, const std::string& sql, gdal::ErrorCapture& errors, const std::string& layer) {
    CPLErrorReset();  // this statement's failure only (errors keeps what came before)
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::string value;
    if (result) {
        std::unique_ptr<OGRFeature, FeatureDeleter> row(result->GetNextFeature());
        if (row && row->GetFieldCount() > 0 && row->IsFieldSetAndNotNull(0)) value = row->GetFieldAsString(0);
        ds.ReleaseResultSet(result);
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw ExportError(fail_message(errors, "cannot build the spatial index of layer " + layer));
    return value;
}

// A large GeoPackage layer of points gets its spatial index packed (io/export_rtree) instead of
// GDAL 3.6's row-by-row insertion: GDAL makes the empty index (the R-tree table, its triggers,
// the gpkg_extensions row) before the first row; the trigger that would index each new row is
// taken out while the rows are written and put back, as it was, once the packed nodes are in.
class PackedIndex {
public:
    PackedIndex(GDALDataset& ds, OGRLayer& layer, gdal::ErrorCapture& errors) : ds_(ds), errors_(errors) {
        table_ = layer.GetName();
        const std::string geom = layer.GetGeometryColumn();
        run_sql(ds, "SELECT CreateSpatialIndex(" + sql_literal(table_) + ", " + sql_literal(geom) + ")", errors, table_);
        rtree_ = "rtree_" + table_ + "_" + geom;
        trigger_sql_ = run_sql(ds, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = " +
                                       sql_literal(rtree_ + "_insert"), errors, table_);
        if (trigger_sql_.empty())
            throw ExportError("cannot build the spatial index of layer " + table_ + ": GDAL made no " + rtree_ + "_insert trigger");
        run_sql(ds, "DROP TRIGGER " + sql_identifier(rtree_ + "_insert"), errors, table_);
    }
    std::vector<io::RTreeEntry>& boxes() { return boxes_; }

    // After the last row: the nodes, in one transaction with the trigger put back.
    void finish() {
        const std::string size = run_sql(ds_, "SELECT length(data) FROM " + sql_identifier(rtree_ + "_node") +
                                                  " WHERE nodeno = 1", errors_, table_);
        const std::size_t node_bytes = size.empty() ? 0 : static_cast<std::size_t>(std::strtoul(size.c_str(), nullptr, 10));
        if (node_bytes < 4 + 2 * 24)  // two cells of an R-tree of four coordinates
            throw ExportError("cannot build the spatial index of layer " + table_ + ": its root node has " +
                              std::to_string(node_bytes) + " bytes");
        const io::PackedRTree tree = io::pack_rtree(std::move(boxes_), node_bytes);
        if (ds_.StartTransaction() != OGRERR_NONE)
            throw ExportError(fail_message(errors_, "cannot start a transaction on layer " + table_));
        static const char kHex[] = "0123456789ABCDEF";
        insert_rows("INSERT OR REPLACE INTO " + sql_identifier(rtree_ + "_node") + "(nodeno, data) VALUES ", tree.nodes.size(),
                    [&](std::string& sql, std::size_t k) {
                        sql += '(' + std::to_string(k + 1) + ",X'";
                        for (unsigned char c : tree.nodes[k]) {
                            sql += kHex[c >> 4];
                            sql += kHex[c & 15];
                        }
                        sql += "')";
                    });
        auto pairs = [&](const std::vector<std::pair<std::int64_t, std::int64_t>>& v) {
            return [&v](std::string& sql, std::size_t k) {
                sql += '(' + std::to_string(v[k].first) + ',' + std::to_string(v[k].second) + ')';
            };
        };
        insert_rows("INSERT INTO " + sql_identifier(rtree_ + "_parent") + "(nodeno, parentnode) VALUES ", tree.parents.size(),
                    pairs(tree.parents));
        insert_rows("INSERT INTO " + sql_identifier(rtree_ + "_rowid") + "(rowid, nodeno) VALUES ", tree.rowids.size(),
                    pairs(tree.rowids));
        run_sql(ds_, trigger_sql_, errors_, table_);
        if (ds_.CommitTransaction() != OGRERR_NONE)
            throw ExportError(fail_message(errors_, "cannot write layer " + table_));
    }

private:
    // Multi-row INSERTs of about a megabyte each.
    template <class AddRow>
    void insert_rows(const std::string& head, std::size_t n, AddRow add_row) {
        std::string sql;
        for (std::size_t k = 0; k < n; ++k) {
            sql += sql.empty() ? head : std::string(",");
            add_row(sql, k);
            if (sql.size() > (1u << 20) || k + 1 == n) {
                run_sql(ds_, sql, errors_, table_);
                sql.clear();
            }
        }
    }

    GDALDataset& ds_;
    gdal::ErrorCapture& errors_;
    std::string table_, rtree_, trigger_sql_;
    std::vector<io::RTreeEntry> boxes_;
};

void write_table(GDALDataset& ds, const ExportTable& table, ExportFormat format,
                 gdal::ErrorCapture& errors, const ExportSlices& more) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    // LIBKML reads which fields become <name>, <TimeSpan> and <TimeStamp> from config options;
    // thread-local so that nothing leaks to other threads. Unused names point at no field.
    auto opt = [](const std::string& s) { return s.empty() ? std::string("-qantar-none-") : s; };
    CPLConfigOptionSetter name_opt("LIBKML_NAME_FIELD", opt(table.kml_name_field).c_str(), false);
    CPLConfigOptionSetter desc_opt("LIBKML_DESCRIPTION_FIELD", "-qantar-none-", false);
    CPLConfigOptionSetter begin_opt("LIBKML_BEGIN_FIELD", opt(table.kml_begin_field).c_str(), false);
    CPLConfigOptionSetter end_opt("LIBKML_END_FIELD", opt(table.kml_end_field).c_str(), false);
    CPLConfigOptionSetter when_opt("LIBKML_TIMESTAMP_FIELD", opt(table.kml_when_field).c_str(), false);

    const bool batched = format == ExportFormat::GeoPackage && (table.features.size() >= kBatchFrom || more);
    const bool pack_index = batched && table.geometry == ExportGeometryKind::Point;
    CPLStringList lco = layer_options(table, format, static_cast<bool>(more));
    if (pack_index) lco.SetNameValue("SPATIAL_INDEX", "NO");  // PackedIndex makes it
    OGRwkbGeometryType gtype = ogr_type(table.geometry);
    if (format == ExportFormat::CSV && table.geometry != ExportGeometryKind::Point) gtype = wkbUnknown;
    OGRLayer* layer = ds.CreateLayer(table.name.c_str(), gtype == wkbNone ? nullptr : &wgs84, gtype,
                                     lco.List());
    if (!layer) throw ExportError(fail_message(errors, "cannot create layer " + table.name));
    create_fields(*layer, table, format, errors);

    // One feature, refilled for every row (every field is set each time, null or not).
    std::unique_ptr<OGRFeature, FeatureDeleter> feat(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    std::optional<PackedIndex> index;
    if (pack_index) index.emplace(ds, *layer, errors);
    std::vector<io::RTreeEntry>* boxes = index ? &index->boxes() : nullptr;
    std::size_t in_batch = 0;
    auto write = [&](const ExportTable& t) {
        if (!batched) return write_features(*layer, *feat, t, 0, t.features.size(), wgs84, errors, boxes);
        for (std::size_t at = 0; at < t.features.size();) {
            if (in_batch == 0 && ds.StartTransaction() != OGRERR_NONE)
                throw ExportError(fail_message(errors, "cannot start a transaction on layer " + table.name));
            const std::size_t n = std::min(kBatchRows - in_batch, t.features.size() - at);
            write_features(*layer, *feat, t, at, at + n, wgs84, errors, boxes);
            at += n;
            in_batch += n;
            if (in_batch == kBatchRows) {
                if (ds.CommitTransaction() != OGRERR_NONE)
                    throw ExportError(fail_message(errors, "cannot write layer " + table.name));
                in_batch = 0;
            }
        }
    };
    write(table);
    if (more)
        while (const ExportTable* next = more()) write(*next);
    if (in_batch > 0 && ds.CommitTransaction() != OGRERR_NONE)
        throw ExportError(fail_message(errors, "cannot write layer " + table.name));
    if (index) index->finish();
    if (layer->SyncToDisk() != OGRERR_NONE)
        throw ExportError(fail_message(errors, "cannot write layer " + table.name));
}

}  // namespace

void encode_export_file(const std::vector<ExportTable>& tables, ExportFormat format, const std::string& path,
                        const ExportSlices& more) {
    gdal::ensure_registered();
    if (tables.empty()) throw ExportError("nothing to export");
    if (tables.size() > 1 && format != ExportFormat::GeoPackage)
        throw ExportError("only a GeoPackage holds several layers");
    if (tables.size() > 1 && more) throw ExportError("only one table comes in slices");
    std::string driver_name(export_format_driver(format));
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw ExportError("this GDAL has no " + driver_name + " driver");

    gdal::ErrorCapture errors;
    // GeoPackage: a fixed date in gpkg_contents.last_change, so that the file does not depend on
    // the clock. The file is a temporary that is renamed into place or removed: SQLite needs no
    // journal and no fsync per commit (atomic_file renames it whole).
    CPLConfigOptionSetter gpkg_date("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z", false);
    CPLConfigOptionSetter journal("OGR_SQLITE_JOURNAL", "OFF", false);
    CPLConfigOptionSetter sync("OGR_SQLITE_SYNCHRONOUS", "OFF", false);
    CPLStringList dsco;
    {
        gdal::DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
        if (!ds) throw ExportError(fail_message(errors, "GDAL's " + driver_name + " driver cannot create a file"));
        for (const ExportTable& t : tables) write_table(*ds, t, format, errors, more);
        ds->FlushCache(true);
    }  // closed: every driver has written its file now
    if (!errors.last_error().empty())
        throw ExportError("GDAL's " + driver_name + " driver failed: " + errors.last_error());
}

std::string encode_export(const std::vector<ExportTable>& tables, ExportFormat format) {
    if (tables.empty()) throw ExportError("nothing to export");
    MemDir dir;
    // The file's base name is the layer name: some drivers record it (so it must not vary).
    std::string path = dir.path() + "/" + tables.front().name + "." + std::string(format_extension(format));
    encode_export_file(tables, format, path);
    vsi_l_offset size = 0;
    GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
    if (!bytes) throw ExportError("GDAL's " + std::string(export_format_driver(format)) + " driver wrote no file");
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

}  // namespace qantar
