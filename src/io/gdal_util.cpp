// The GDAL adapter (see gdal_util.hpp). Pulls in libgdal.
#include "gdal_util.hpp"

#include "gdal_arrow.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "input_guard.hpp"
#include "pg_source.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace qantar::gdal {

void DatasetDeleter::operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }

namespace {

void capture_handler(CPLErr cls, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self && cls >= CE_Failure && msg) self->record(msg);
}

// ISO 8601 text of a date or date-time field (drivers that type their columns give values).
std::string iso_date_time(OGRFeature& feature, int index, bool date_only) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    feature.GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &sec, &tz);
    char buf[64];
    if (date_only) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, static_cast<int>(sec));
    std::string out = buf;
    if (tz > 1) {  // 100 is UTC; each step is 15 minutes (2..99 are west of UTC)
        const int off_min = (tz - 100) * 15, a = off_min < 0 ? -off_min : off_min;
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", off_min < 0 ? '-' : '+', a / 60, a % 60);
        out += buf;
    }
    return out;
}

Polygon to_polygon(const OGRPolygon& p) {
    Polygon poly;
    for (const OGRLinearRing* ring : p) {
        std::vector<Vec2> pts;
        pts.reserve(static_cast<std::size_t>(ring->getNumPoints()));
        for (int i = 0; i < ring->getNumPoints(); ++i) pts.push_back({ring->getX(i), ring->getY(i)});
        poly.rings.push_back(std::move(pts));
    }
    return poly;
}

}  // namespace

ErrorCapture::ErrorCapture() { CPLPushErrorHandlerEx(&capture_handler, this); }

ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void ensure_registered() {
    static std::once_flag once;
    std::call_once(once, [] {
        io::install_gdal_guards();
        GDALAllRegister();
    });
}

bool looks_like_csv(std::string_view path) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

DatasetPtr open_vector(const std::string& path) {
    ensure_registered();
    io::check_input_path(path);  // before GDAL: a FIFO would block it, a URL would reach the network
    if (io::is_pg_source(path)) return io::open_pg(path);

    CPLStringList options;
    if (looks_like_csv(path)) {
        // Every column as text. Longitude and latitude are parsed by the loader rather than by
        // X_POSSIBLE_NAMES: OGR turns "abc" into a null geometry without a word, while the loader
        // can name the column and the value.
        options.AddString("AUTODETECT_TYPE=NO");
        options.AddString("EMPTY_STRING_AS_NULL=NO");
    }
    ErrorCapture capture;
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                        io::allowed_input_drivers(), options.List(), nullptr);
    if (!ds) {
        std::string why = capture.last_error();
        if (why.empty() || why.find("not recognized as") != std::string::npos)
            why = iends_with(path, ".vrt")
                      ? "GDAL cannot open it as a vector file qantar reads: OGR VRT files are not read, since they "
                        "can point anywhere, the network included (convert it with ogr2ogr -f GPKG)"
                      : "GDAL cannot open it as a vector file (unknown or unsupported format)";
        throw InputError(path, "", "", why);
    }
    return DatasetPtr(ds);
}

struct LayerReader::Impl {
    std::unique_ptr<ArrowRows> arrow;  // rows as Arrow batches (decided at the first next())
    bool decided = false;
    DatasetPtr ds;
    OGRLayer* layer = nullptr;
    std::string sql;         // the query when the layer is a result set
    bool result_set = false; // layer came from ExecuteSQL: released before the dataset closes
    std::string attribute_filter;  // the filters set so far, ANDed (plain layers)
    OGRFeatureUniquePtr feature;
    std::unordered_map<std::string, int> fields;  // lower-case name -> index
    std::vector<std::string> names;               // a piece's: the whole file's names (else the layer's)
    std::int64_t rows_before = 0;                 // a piece's: the rows of the file before it
    OGRwkbGeometryType type() const { return wkbFlatten(layer->GetGeomType()); }
    void release() {
        arrow.reset();  // the stream before its layer
        feature.reset();
        if (result_set && layer) ds->ReleaseResultSet(layer);
        layer = nullptr;
        result_set = false;
    }
    ~Impl() {
        if (ds) release();
    }
};

namespace {

// The layer a select names: a query's result set, a layer by name, or the first layer.
OGRLayer* select_layer(GDALDataset& ds, const std::string& shown, const LayerSelect& select, bool& result_set) {
    ErrorCapture capture;
    result_set = false;
    if (!select.sql.empty()) {
        OGRLayer* l = ds.ExecuteSQL(select.sql.c_str(), nullptr, nullptr);
        if (!l)
            throw InputError(shown, "", "", "the query failed: " + io::one_line_error(capture.last_error().empty()
                                                                         ? "it returns no rows (give a SELECT)"
                                                                         : capture.last_error()));
        result_set = true;
        return l;
    }
    if (!select.layer.empty()) {
        OGRLayer* l = ds.GetLayerByName(select.layer.c_str());
        if (!l)
            throw InputError(shown, "", "", "no table or layer named '" + select.layer + "'" +
                                                (capture.last_error().empty() ? "" : " (" + io::one_line_error(capture.last_error()) + ")"));
        return l;
    }
    if (ds.GetLayerCount() < 1) throw InputError(shown, "", "", "the file has no layer");
    return ds.GetLayer(0);
}

}  // namespace

LayerReader::LayerReader(const std::string& path, const LayerSelect& select)
    : path_(io::source_display_name(path)), impl_(std::make_unique<Impl>()) {
    is_database_ = io::is_pg_source(path);
    if (is_database_ && select.layer.empty() && select.sql.empty())
        throw UsageError(path_ + ": a database source needs --events-layer TABLE or --events-sql \"SELECT ...\"");
    impl_->ds = open_vector(path);
    if (is_database_) io::configure_session(*impl_->ds, path_, select.statement_timeout_s);
    impl_->sql = select.sql;
    impl_->layer = select_layer(*impl_->ds, path_, select, impl_->result_set);
    is_csv_ = std::string_view(impl_->ds->GetDriver()->GetDescription()) == "CSV";
    OGRFeatureDefn* defn = impl_->layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const char* name = defn->GetFieldDefn(i)->GetNameRef();
        // Column names travel into every export: they must be text too.
        if (!CPLIsUTF8(name, -1))
            throw InputError(path, is_csv_ ? "line 1" : "", "column " + std::to_string(i + 1),
                             "the column name is not valid UTF-8 (convert the file to UTF-8)");
        impl_->fields.emplace(lower(name), i);
    }
    if (is_csv_ && impl_->fields.empty()) throw InputError(path, "", "", "the file is empty");
    impl_->layer->ResetReading();
}

LayerReader::LayerReader(const LayerReader& whole, const std::string& file, std::uint64_t offset,
                         std::uint64_t length, std::int64_t rows_before)
    : path_(whole.path_), impl_(std::make_unique<Impl>()), is_csv_(true), ordinal_(rows_before) {
    ensure_registered();
    const std::string name = "CSV:/vsisubfile/" + std::to_string(offset) + "_" + std::to_string(length) + "," + file;
    // The first piece holds the header and opens as the whole file does.
    const char* const options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", offset == 0 ? nullptr : "HEADERS=NO", nullptr};
    const char* const drivers[] = {"CSV", nullptr};
    ErrorCapture capture;
    GDALDataset* ds = GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options, nullptr);
    const std::string where = "line " + std::to_string(rows_before + 2);  // the piece's first row
    if (!ds) throw InputError(path_, where, "", "cannot read this part of the file: " + io::one_line_error(capture.last_error()));
    impl_->ds = DatasetPtr(ds);
    impl_->layer = ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr;
    if (!impl_->layer || impl_->layer->GetLayerDefn()->GetFieldCount() < whole.field_count())
        throw InputError(path_, where, "", "this part of the file does not read with the header's columns");
    impl_->fields = whole.impl_->fields;
    for (int i = 0; i < whole.field_count(); ++i) impl_->names.push_back(whole.field_name(i));
    impl_->rows_before = rows_before;
    impl_->decided = true;  // feature by feature
}

LayerReader::~LayerReader() = default;

bool LayerReader::csv_splittable() const {
    if (!is_csv_ || !impl_->names.empty() || impl_->decided || !impl_->attribute_filter.empty()) return false;
    OGRFeatureDefn* defn = impl_->layer->GetLayerDefn();
    if (defn->GetGeomFieldCount() != 0) return false;  // WKT or X/Y columns GDAL made geometry of
    bool numbered = true;  // HEADERS=AUTO found no header: field_1, field_2, ...
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* f = defn->GetFieldDefn(i);
        if (f->GetType() != OFTString) return false;  // a .csvt beside the file typed it
        numbered = numbered && std::string_view(f->GetNameRef()) == "field_" + std::to_string(i + 1);
    }
    return !numbered;
}

void LayerReader::set_spatial_filter(double min_lon, double min_lat, double max_lon, double max_lat) {
    impl_->layer->SetSpatialFilterRect(min_lon, min_lat, max_lon, max_lat);
}

std::string LayerReader::query_scalar(const std::string& sql) const {
    ErrorCapture capture;
    OGRLayer* l = impl_->ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    std::string value;
    if (l) {
        OGRFeatureUniquePtr f(l->GetNextFeature());
        if (f && f->GetFieldCount() > 0) value = f->GetFieldAsString(0);
        impl_->ds->ReleaseResultSet(l);
    }
    if (!capture.first_error().empty())
        throw InputError(path_, "", "", "the query failed: " + io::one_line_error(capture.first_error()));
    return value;
}

std::string LayerReader::relation_sql() const {
    if (impl_->result_set) return "(" + impl_->sql + ") AS qantar_query";
    return sql_relation(impl_->layer->GetName());
}

bool LayerReader::field_is_date(int index) const {
    return index >= 0 && impl_->layer->GetLayerDefn()->GetFieldDefn(index)->GetType() == OFTDate;
}

bool LayerReader::field_is_date_or_time(int index) const {
    if (index < 0) return false;
    const OGRFieldType t = impl_->layer->GetLayerDefn()->GetFieldDefn(index)->GetType();
    return t == OFTDate || t == OFTDateTime;
}

int LayerReader::field_index(std::string_view name) const {
    auto it = impl_->fields.find(lower(name));
    return it == impl_->fields.end() ? -1 : it->second;
}

int LayerReader::field_index_any(std::initializer_list<std::string_view> names) const {
    for (std::string_view n : names) {
        int i = field_index(n);
        if (i >= 0) return i;
    }
    return -1;
}

std::string LayerReader::field_name(int index) const {
    if (index < 0) return "";
    if (!impl_->names.empty()) return impl_->names[static_cast<std::size_t>(index)];
    return impl_->layer->GetLayerDefn()->GetFieldDefn(index)->GetNameRef();
}

int LayerReader::field_count() const {
    if (!impl_->names.empty()) return static_cast<int>(impl_->names.size());
    return impl_->layer->GetLayerDefn()->GetFieldCount();
}

bool LayerReader::layer_may_have_points() const {
    const auto t = impl_->type();
    return t == wkbPoint || t == wkbMultiPoint || t == wkbUnknown;
}

bool LayerReader::layer_may_have_polygons() const {
    const auto t = impl_->type();
    return t == wkbPolygon || t == wkbMultiPolygon || t == wkbUnknown;
}

std::string LayerReader::layer_geometry_name() const { return OGRGeometryTypeToName(impl_->type()); }

// Filters add up: --filter and the database's window pushdown both hold.
void LayerReader::set_attribute_filter(const std::string& expression) {
    ErrorCapture capture;
    if (impl_->result_set) {
        // A query's rows: the filter wraps the query, so the server plans both together.
        impl_->release();
        LayerSelect wrapped;
        wrapped.sql = "SELECT * FROM (" + impl_->sql + ") AS qantar_query WHERE " + expression;
        impl_->layer = select_layer(*impl_->ds, path_, wrapped, impl_->result_set);
        impl_->sql = wrapped.sql;
        return;
    }
    const std::string combined =
        impl_->attribute_filter.empty() ? expression : "(" + impl_->attribute_filter + ") AND (" + expression + ")";
    if (impl_->layer->SetAttributeFilter(combined.c_str()) != OGRERR_NONE) {
        std::string reason = capture.last_error().empty() ? "it does not parse" : io::one_line_error(capture.last_error());
        std::replace(reason.begin(), reason.end(), '\n', ' ');
        throw InputError(path_, "", "", "filter '" + abbreviate(expression, 200) + "': " + reason);
    }
    impl_->attribute_filter = combined;
}

bool LayerReader::reads_arrow() const { return impl_->arrow != nullptr; }

bool LayerReader::next() {
    if (!impl_->decided) {
        impl_->decided = true;
        if (!impl_->result_set) impl_->arrow = ArrowRows::open(*impl_->ds, *impl_->layer);
    }
    if (impl_->arrow) {
        if (!impl_->arrow->next(path_, ordinal_ + 1)) return false;
        ++ordinal_;
        return true;
    }
    ErrorCapture capture;
    impl_->feature.reset(impl_->layer->GetNextFeature());
    if (!impl_->feature) {
        if (!capture.last_error().empty())
            throw InputError(path_, "feature " + std::to_string(ordinal_ + 1), "",
                             is_database_ ? "reading stopped: " + io::one_line_error(capture.first_error())
                                          : capture.last_error());
        return false;
    }
    ++ordinal_;
    return true;
}

std::string LayerReader::where() const {
    if (is_csv_) {
        // OGR's CSV driver numbers data rows from 1; the header is line 1.
        const GIntBig fid = impl_->feature ? impl_->feature->GetFID() : OGRNullFID;
        return "line " + std::to_string(fid == OGRNullFID ? ordinal_ + 1 : impl_->rows_before + fid + 1);
    }
    return "feature " + std::to_string(ordinal_);
}

bool LayerReader::is_null(int index) const {
    if (impl_->arrow) return impl_->arrow->is_null(index);
    return index < 0 || !impl_->feature || !impl_->feature->IsFieldSetAndNotNull(index);
}

std::string LayerReader::text(int index) const {
    std::string out;
    text_into(index, out);
    return out;
}

void LayerReader::text_into(int index, std::string& out) const {
    out.clear();
    if (is_null(index)) return;
    OGRFeature* source = impl_->feature.get();
    if (const ArrowRows* rows = impl_->arrow.get()) {
        if (const auto v = rows->text(index)) {
            if (!scan_text(*v).ascii && !CPLIsUTF8(v->data(), static_cast<int>(v->size())))
                throw InputError(path_, where(), field_name(index), "text is not valid UTF-8 (convert the file to UTF-8)");
            out.assign(*v);
            return;
        }
        source = &rows->number(index);
    }
    OGRFeature& feature = *source;
    const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
    if (type == OFTDateTime || type == OFTDate) {
        out = iso_date_time(feature, index, type == OFTDate);
        return;
    }
    const char* s = feature.GetFieldAsString(index);
    if (!s) return;
    // One pass finds what needs a closer look: bytes beyond ASCII (then GDAL's UTF-8 check), a line break.
    const std::string_view v(s);
    const TextScan scan = scan_text(v);
    if (!scan.ascii && !CPLIsUTF8(s, static_cast<int>(v.size())))
        throw InputError(path_, where(), field_name(index), "text is not valid UTF-8 (convert the file to UTF-8)");
    if (is_csv_ && scan.line_break) check_quoted_lines(index, s);
    out.assign(v);  // into the capacity `out` already has
}

// A quoted CSV value may hold line breaks (ACLED's notes do), but a quote left open swallows the
// rows after it into one value without a word: a continuation line that holds as many separators
// as a whole row is a row, not text.
void LayerReader::check_quoted_lines(int index, const char* value) const {
    const int columns = field_count();
    if (columns < 3) return;
    int lines = 0;
    for (const char* p = std::strchr(value, '\n'); p; p = std::strchr(p + 1, '\n')) {
        ++lines;
        int separators = 0;
        for (const char* q = p + 1; *q && *q != '\n'; ++q) separators += (*q == ',' || *q == ';' || *q == '\t');
        if (separators >= columns - 1)
            throw InputError(path_, where(), field_name(index),
                             "a quote opened in this value is not closed where the row ends: the value runs on over " +
                                 std::to_string(lines) + " more line(s) that look like rows of their own (close or remove the quote)");
    }
}

std::unique_ptr<OGRGeometry> LayerReader::arrow_geometry() const {
    const std::optional<std::string_view> wkb = impl_->arrow->wkb();
    if (!wkb) return nullptr;
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb->data(), nullptr, &g, wkb->size()) != OGRERR_NONE)
        throw InputError(path_, where(), "geometry", "the geometry cannot be read (bad WKB)");
    return std::unique_ptr<OGRGeometry>(g);
}

std::optional<Vec2> LayerReader::point() const {
    std::unique_ptr<OGRGeometry> made;
    const OGRGeometry* g = impl_->feature ? impl_->feature->GetGeometryRef() : nullptr;
    if (impl_->arrow) {
        const std::optional<std::string_view> wkb = impl_->arrow->wkb();
        if (!wkb) return std::nullopt;
        if (const auto p = wkb_point(*wkb)) {
            if (std::isnan(p->x) && std::isnan(p->y)) return std::nullopt;  // POINT EMPTY
            return p;
        }
        made = arrow_geometry();
        g = made.get();
    }
    if (!g || g->IsEmpty()) return std::nullopt;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPoint) return Vec2{g->toPoint()->getX(), g->toPoint()->getY()};
    if (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
        const auto* p = g->toMultiPoint()->getGeometryRef(0);
        return Vec2{p->getX(), p->getY()};
    }
    throw InputError(path_, where(), "geometry", std::string("expected a point, found ") + OGRGeometryTypeToName(type));
}

std::vector<Polygon> LayerReader::polygons() const {
    std::unique_ptr<OGRGeometry> made;
    const OGRGeometry* g = impl_->feature ? impl_->feature->GetGeometryRef() : nullptr;
    if (impl_->arrow) {
        made = arrow_geometry();
        g = made.get();
    }
    if (!g || g->IsEmpty()) throw InputError(path_, where(), "geometry", "no geometry (expected polygons)");
    std::vector<Polygon> out;
    auto add = [&](const OGRPolygon* p) {
        Polygon poly = to_polygon(*p);
        if (!poly.rings.empty()) out.push_back(std::move(poly));
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: add(g->toPolygon()); break;
        case wkbMultiPolygon:
            for (const OGRPolygon* p : *g->toMultiPolygon()) add(p);
            break;
        default:
            throw InputError(path_, where(), "geometry",
                             std::string("expected polygons, found ") +
                                 OGRGeometryTypeToName(wkbFlatten(g->getGeometryType())));
    }
    return out;
}

}  // namespace qantar::gdal
