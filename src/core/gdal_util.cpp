// The GDAL adapter (see gdal_util.hpp). Pulls in libgdal.
#include "gdal_util.hpp"
#include "text.hpp"

#include "error.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace qantar::gdal {

ErrorCapture::ErrorCapture() { CPLPushErrorHandlerEx(&ErrorCapture::handler, this); }

ErrorCapture::~ErrorCapture() { CPLPopErrorHandler(); }

void ErrorCapture::handler(CPLErr cls, CPLErrorNum, const char* msg) {
    auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self && cls >= CE_Failure && msg) self->error_ = msg;
}

void ensure_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

bool looks_like_csv(std::string_view path) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

DatasetPtr open_vector(const std::string& path) {
    ensure_registered();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) throw InputError(path, "", "", "no such file");
    if (std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, ec) == 0)
        throw InputError(path, "", "", "the file is empty");

    CPLStringList options;
    if (looks_like_csv(path)) {
        // Every column as text. Longitude and latitude are parsed by the loader rather than by
        // X_POSSIBLE_NAMES: OGR turns "abc" into a null geometry without a word, while the loader
        // can name the column and the value.
        options.AddString("AUTODETECT_TYPE=NO");
        options.AddString("EMPTY_STRING_AS_NULL=NO");
    }
    ErrorCapture capture;
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                        options.List(), nullptr);
    if (!ds) {
        std::string why = capture.last_error();
        if (why.empty() || why.find("not recognized as") != std::string::npos)
            why = "GDAL cannot open it as a vector file (unknown or unsupported format)";
        throw InputError(path, "", "", why);
    }
    return DatasetPtr(ds);
}

LayerReader::LayerReader(const std::string& path) : path_(path), ds_(open_vector(path)) {
    if (ds_->GetLayerCount() < 1) throw InputError(path, "", "", "the file has no layer");
    layer_ = ds_->GetLayer(0);
    is_csv_ = std::string_view(ds_->GetDriver()->GetDescription()) == "CSV";
    OGRFeatureDefn* defn = layer_->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        fields_.emplace(lower(defn->GetFieldDefn(i)->GetNameRef()), i);
    if (is_csv_ && fields_.empty()) throw InputError(path, "", "", "the file is empty");
    layer_->ResetReading();
}

int LayerReader::field_index(std::string_view name) const {
    auto it = fields_.find(lower(name));
    return it == fields_.end() ? -1 : it->second;
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
    return layer_->GetLayerDefn()->GetFieldDefn(index)->GetNameRef();
}

int LayerReader::field_count() const { return layer_->GetLayerDefn()->GetFieldCount(); }

OGRwkbGeometryType LayerReader::geometry_type() const { return wkbFlatten(layer_->GetGeomType()); }

bool LayerReader::next() {
    ErrorCapture capture;
    feature_.reset(layer_->GetNextFeature());
    if (!feature_) {
        if (!capture.last_error().empty())
            throw InputError(path_, "feature " + std::to_string(ordinal_ + 1), "", capture.last_error());
        return false;
    }
    ++ordinal_;
    return true;
}

std::string LayerReader::where() const {
    if (is_csv_) {
        // OGR's CSV driver numbers data rows from 1; the header is line 1.
        const GIntBig fid = feature_ ? feature_->GetFID() : OGRNullFID;
        return "line " + std::to_string(fid == OGRNullFID ? ordinal_ + 1 : fid + 1);
    }
    return "feature " + std::to_string(ordinal_);
}

bool LayerReader::is_null(int index) const {
    return index < 0 || !feature_ || !feature_->IsFieldSetAndNotNull(index);
}

std::string LayerReader::text(int index) const {
    if (is_null(index)) return {};
    const OGRFieldType type = feature_->GetFieldDefnRef(index)->GetType();
    if (type == OFTDateTime || type == OFTDate) {
        // Drivers that type their columns (GeoJSON, GPKG) give dates as values: back to ISO 8601.
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        feature_->GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &sec, &tz);
        char buf[64];
        if (type == OFTDate) {
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
    const char* s = feature_->GetFieldAsString(index);
    if (!s) return {};
    if (!CPLIsUTF8(s, -1))
        throw InputError(path_, where(), field_name(index), "text is not valid UTF-8 (convert the file to UTF-8)");
    return s;
}

const OGRGeometry* LayerReader::geometry() const { return feature_ ? feature_->GetGeometryRef() : nullptr; }

}  // namespace qantar::gdal
