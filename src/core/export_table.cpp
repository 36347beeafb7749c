// Export tables: layer ids, formats by extension, and building a layer (see export_table.hpp).
#include "export_table.hpp"

#include "export_rows.hpp"
#include "text.hpp"

#include <limits>

namespace qantar {

std::string_view export_layer_id(ExportLayer layer) {
    switch (layer) {
    case ExportLayer::Events: return "events";
    case ExportLayer::Cities: return "cities";
    case ExportLayer::Regions: return "regions";
    case ExportLayer::Spread: return "spread";
    case ExportLayer::Tally: return "tally";
    }
    return "events";
}

std::optional<ExportLayer> parse_export_layer(std::string_view id) {
    for (ExportLayer l : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Regions,
                          ExportLayer::Spread, ExportLayer::Tally})
        if (export_layer_id(l) == id) return l;
    return std::nullopt;
}

std::optional<ExportFormat> export_format_for_path(std::string_view path) {
    if (path == "-") return ExportFormat::GeoJSON;
    std::string p = lower(path);
    if (ends_with(p, ".geojson") || ends_with(p, ".json")) return ExportFormat::GeoJSON;
    if (ends_with(p, ".gpkg")) return ExportFormat::GeoPackage;
    if (ends_with(p, ".fgb")) return ExportFormat::FlatGeobuf;
    if (ends_with(p, ".csv")) return ExportFormat::CSV;
    if (ends_with(p, ".kml")) return ExportFormat::KML;
    return std::nullopt;
}

int ExportTable::field_index(std::string_view field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return static_cast<int>(i);
    return -1;
}

namespace {

ExportTable layer_table(const Timeline& tl, const ExportRequest& req, bool kml, ExportRows rows = {}) {
    using namespace export_detail;
    if (req.layer != ExportLayer::Events && rows.first > 0) return {};
    switch (req.layer) {
    case ExportLayer::Events: return events_table(tl, req, kml, rows.first, rows.count);
    case ExportLayer::Cities: return cities_table(tl, req, kml);
    case ExportLayer::Regions: return regions_table(tl, req, kml);
    case ExportLayer::Spread: return spread_table(tl, req, kml);
    case ExportLayer::Tally: return tally_table(tl, req, kml);
    }
    return {};
}

}  // namespace

ExportTable build_export_table(const Timeline& timeline, const ExportRequest& request, bool for_kml, ExportRows rows) {
    if (request.window_h && !(*request.window_h > 0))
        throw ExportError("--window must be a positive number of hours");
    ExportTable table = layer_table(timeline, request, for_kml, rows);
    if (table.fields.empty()) {
        // A layer with no rows yet: its fields as at the end of time, where every layer that has
        // data has rows, so that the schema does not depend on the moment.
        ExportRequest all = request;
        all.at_utc_s = std::numeric_limits<std::int64_t>::max() / 2;
        all.window_h.reset();
        table.fields = layer_table(timeline, all, for_kml, {0, 1}).fields;
    }
    return table;
}

struct ExportSlicer::Selection : export_detail::EventsSelection {};

ExportSlicer::ExportSlicer(const Timeline& timeline, const ExportRequest& request, bool for_kml)
    : timeline_(timeline), request_(request), for_kml_(for_kml) {
    if (request.window_h && !(*request.window_h > 0))
        throw ExportError("--window must be a positive number of hours");
    if (request.layer == ExportLayer::Events)
        selection_ = std::make_unique<const Selection>(Selection{export_detail::select_events(timeline, request, for_kml)});
}

ExportSlicer::~ExportSlicer() = default;

ExportTable ExportSlicer::slice(ExportRows rows) const {
    if (!selection_) return build_export_table(timeline_, request_, for_kml_, rows);
    ExportTable table = export_detail::events_table(timeline_, *selection_, for_kml_, rows.first, rows.count);
    // No rows yet: build_export_table gives the fields as at the end of time.
    if (table.fields.empty()) return build_export_table(timeline_, request_, for_kml_, rows);
    return table;
}

}  // namespace qantar
