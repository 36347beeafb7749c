// Reading a layer two ways through GDAL (issue 11: "read through OGR_L_GetArrowStream where it is
// faster than feature-by-feature reading"): every attribute of every row, as text, either with
// OGR_L_GetNextFeature + OGR_F_GetFieldAsString (how qantar's loader reads CSV) or as Arrow record
// batches (OGR_L_GetArrowStream, GDAL >= 3.6: how it reads a GeoPackage table), reading every
// string's bytes in both (strlen, memchr). Prints rows, bytes, wall and CPU seconds for each.
// Runs with qantar's memory settings (app::tune_process_memory) and batches of 512 rows, as the
// loader reads a GeoPackage (BENCH_ARROW_BATCH=N for others; GDAL's default is 65,536).
// usage: bench_arrow FILE [feature|arrow ...]   (CSV files read with longitude/latitude as points)
#include <gdal/gdal.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_recordbatch.h>

#include "app/process_memory.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>

namespace {

struct Figures {
    std::size_t rows = 0, bytes = 0, nuls = 0;
};

double cpu_s() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

GDALDatasetH open(const std::string& path) {
    const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    const char* csv_oo[] = {"AUTODETECT_TYPE=NO", "X_POSSIBLE_NAMES=longitude", "Y_POSSIBLE_NAMES=latitude", nullptr};
    return GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, csv ? csv_oo : nullptr, nullptr);
}

Figures by_feature(OGRLayerH layer) {
    Figures f;
    const int n = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer));
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        ++f.rows;
        for (int i = 0; i < n; ++i)
            if (OGR_F_IsFieldSetAndNotNull(feature, i)) f.bytes += std::strlen(OGR_F_GetFieldAsString(feature, i));
        if (OGRGeometryH g = OGR_F_GetGeometryRef(feature)) f.bytes += OGR_G_GetX(g, 0) > 1e9;
        OGR_F_Destroy(feature);
    }
    return f;
}

Figures by_arrow(OGRLayerH layer) {
    Figures f;
    ArrowArrayStream stream{};
    const char* batch_rows = std::getenv("BENCH_ARROW_BATCH");
    std::string rows = std::string("MAX_FEATURES_IN_BATCH=") + (batch_rows && *batch_rows ? batch_rows : "512");
    char* options[] = {rows.data(), nullptr};
    if (!OGR_L_GetArrowStream(layer, &stream, options)) {
        std::fprintf(stderr, "bench_arrow: no Arrow stream for this layer\n");
        return f;
    }
    ArrowSchema schema{};
    if (stream.get_schema(&stream, &schema) != 0) return f;
    while (true) {
        ArrowArray batch{};
        if (stream.get_next(&stream, &batch) != 0 || !batch.release) break;
        f.rows += static_cast<std::size_t>(batch.length);
        for (std::int64_t c = 0; c < batch.n_children; ++c) {
            const ArrowArray* column = batch.children[c];
            const std::string_view format = schema.children[c]->format;
            if (format != "u" && format != "z") continue;  // strings and binary (the geometry)
            const auto* offsets = static_cast<const std::int32_t*>(column->buffers[1]);
            const auto* data = static_cast<const char*>(column->buffers[2]);
            for (std::int64_t r = column->offset; r < column->offset + column->length; ++r) {  // read each value, as the loader would
                const auto n = static_cast<std::size_t>(offsets[r + 1] - offsets[r]);
                f.bytes += n;
                f.nuls += std::memchr(data + offsets[r], 0, n) != nullptr;
            }
        }
        batch.release(&batch);
    }
    schema.release(&schema);
    stream.release(&stream);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_arrow FILE [feature|arrow ...]\n");
        return 2;
    }
    qantar::app::tune_process_memory();
    GDALAllRegister();
    for (int a = 2; a < (argc > 2 ? argc : 4); ++a) {
        const std::string how = argc > 2 ? argv[a] : (a == 2 ? "feature" : "arrow");
        GDALDatasetH ds = open(argv[1]);
        if (!ds) return 1;
        OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_s();
        const Figures f = how == "arrow" ? by_arrow(layer) : by_feature(layer);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%-8s %9zu rows %12zu bytes  %7.2f s wall %7.2f s CPU\n", how.c_str(), f.rows, f.bytes, wall,
                    cpu_s() - c0);
        GDALClose(ds);
    }
    return 0;
}
