// A GeoPackage's spatial index (SQLite's R*Tree module) built in one pass, for io/export_encode:
// the entries are sorted along a Hilbert curve and packed into full nodes, bottom up, in SQLite's
// own node format, so that they can be written straight into the R-tree's three shadow tables
// (_node, _parent, _rowid). GDAL 3.6 instead inserts every row through the R-tree module, one
// by one in feature order, which dominated writing a large GeoPackage. No library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace qantar::io {

// One feature's box (degrees, as the geometry holds them) under its feature id.
struct RTreeEntry {
    std::int64_t id = 0;
    double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

struct PackedRTree {
    // nodes[k] is node number k + 1 (node 1 is the root), each exactly node_bytes long.
    std::vector<std::string> nodes;
    std::vector<std::pair<std::int64_t, std::int64_t>> parents;  // (node, its parent), root excluded
    std::vector<std::pair<std::int64_t, std::int64_t>> rowids;   // (entry id, its leaf node), by id
};

// Packs the entries into nodes of `node_bytes` bytes (the size of the empty root that SQLite
// made: 1228 for four coordinates on 4 KiB pages, 51 cells). The boxes are stored as SQLite
// stores them (float, minima rounded down and maxima up). No entries: one empty root.
PackedRTree pack_rtree(std::vector<RTreeEntry> entries, std::size_t node_bytes);

}  // namespace qantar::io
