// Input checks before GDAL (input_guard.hpp). Pulls in libgdal (cpl_http.h, cpl_error.h).
#include "input_guard.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace qantar::io {

namespace {

bool is_network_path(const std::string& path) {
    static const char* const kPrefixes[] = {"/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsiadls", "/vsioss",
                                            "/vsiswift", "/vsiwebhdfs", "/vsihdfs", "http://", "https://",
                                            "ftp://"};
    const std::string p = lower(path);
    for (const char* prefix : kPrefixes)
        if (p.rfind(prefix, 0) == 0 || p.find(std::string(prefix) + "/") != std::string::npos) return true;
    return false;
}

// GDAL's HTTP layer asks this before each request; qantar never asks for one.
CPLHTTPResult* refuse_http(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*,
                           void*) {
    CPLError(CE_Failure, CPLE_AppDefined, "qantar reads no network resources (refused %s)", url ? url : "");
    return nullptr;
}

// Errors outside an ErrorCapture are dropped: every error qantar reports goes through one.
void quiet(CPLErr, CPLErrorNum, const char*) {}

}  // namespace

void check_input_path(const std::string& path) {
    if (path.rfind("PG:", 0) == 0) return;
    if (is_network_path(path))
        throw InputError(path, "", "", "is a network path; qantar reads only local files");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        throw InputError(path, "", "", err == ENOENT ? "no such file" : std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        if (iends_with(path, ".gdb") || iends_with(path, ".gdb/")) return;
        throw InputError(path, "", "", "is a directory; give the data file inside it");
    }
    if (S_ISFIFO(st.st_mode)) throw InputError(path, "", "", "is a FIFO (named pipe); qantar reads regular files only");
    if (S_ISSOCK(st.st_mode)) throw InputError(path, "", "", "is a socket; qantar reads regular files only");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        throw InputError(path, "", "", "is a device; qantar reads regular files only");
    if (!S_ISREG(st.st_mode)) throw InputError(path, "", "", "is not a regular file");
    if (::access(path.c_str(), R_OK) != 0) throw InputError(path, "", "", std::strerror(errno));
    if (st.st_size == 0) throw InputError(path, "", "", "the file is empty");
}

const char* const* allowed_input_drivers() {
    static const char* const kDrivers[] = {"CSV",      "GeoJSON",       "GeoJSONSeq", "ESRIJSON", "TopoJSON",
                                           "GPKG",     "SQLite",        "FlatGeobuf", "ESRI Shapefile",
                                           "MapInfo File", "KML",       "OpenFileGDB", "Parquet", "Arrow",
                                           "XLSX",     "ODS",           "PostgreSQL", nullptr};
    return kDrivers;
}

void install_gdal_guards() {
    static std::once_flag once;
    std::call_once(once, [] {
        CPLSetErrorHandler(quiet);
        CPLHTTPSetFetchCallback(refuse_http, nullptr);
        // /vsicurl/ and its kin use libcurl directly, not the callback above: paths are refused by
        // check_input_path, and no allowed driver refers to another file by URL. These keep GDAL
        // from even probing a remote listing should one slip through.
        CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".qantar-no-network");
        CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    });
}

}  // namespace qantar::io
