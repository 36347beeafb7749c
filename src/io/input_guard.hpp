// What qantar lets GDAL open: checked before GDAL sees a path, so that no input can block the
// program (a FIFO without a writer), reach the network (a VRT pointing at /vsicurl/) or end in a
// raw GDAL message. Pulls in libgdal in its .cpp only.
#pragma once

#include <string>

namespace qantar::io {

// Throws InputError naming the path when it cannot be an input file: it does not exist, cannot be
// read (permission denied), is a directory (other than a File Geodatabase, *.gdb), a FIFO, a
// socket or a device, or is a GDAL network path (/vsicurl/, /vsis3/, ...). Database connection
// strings ("PG:...") are not files and pass unchecked.
void check_input_path(const std::string& path);

// The GDAL drivers qantar reads, for GDALOpenEx: local file formats that never fetch anything
// (no VRT, no GML or LIBKML, which may resolve remote references). A null-terminated list.
const char* const* allowed_input_drivers();

// Once per process: turns GDAL's own HTTP fetching off and routes GDAL's error printing through
// qantar (so no "ERROR 1: ..." line reaches the terminal outside a captured message).
void install_gdal_guards();

}  // namespace qantar::io
