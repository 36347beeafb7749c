// Packing a GeoPackage's R-tree in SQLite's node format (see export_rtree.hpp).
#include "export_rtree.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace qantar::io {

namespace {

using Box = std::array<float, 4>;  // min x, max x, min y, max y: the order of the table's columns

// SQLite's rtreeValueDown / rtreeValueUp: a float that is not above (below) the double.
float round_down(double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) > d) f = static_cast<float>(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
    return f;
}
float round_up(double d) {
    float f = static_cast<float>(d);
    if (static_cast<double>(f) < d) f = static_cast<float>(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
    return f;
}

struct Cell {
    std::int64_t id;  // the entry's id in a leaf; the child's index in the level below elsewhere
    Box box;
};

struct Node {
    std::vector<Cell> cells;
    Box box{};
};

Box union_of(const std::vector<Cell>& cells) {
    Box b = cells.front().box;
    for (const Cell& c : cells) {
        b[0] = std::min(b[0], c.box[0]);
        b[1] = std::max(b[1], c.box[1]);
        b[2] = std::min(b[2], c.box[2]);
        b[3] = std::max(b[3], c.box[3]);
    }
    return b;
}

// The distance along a Hilbert curve of order 16 of the cell (x, y), 0 <= x, y < 65536.
std::uint64_t hilbert_d(std::uint32_t x, std::uint32_t y) {
    std::uint64_t d = 0;
    for (std::uint32_t s = 1u << 15; s > 0; s >>= 1) {
        const std::uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {  // rotate the quadrant
            if (rx == 1) {
                x = s - 1 - (x & (s - 1)) + (x & ~(s - 1));
                y = s - 1 - (y & (s - 1)) + (y & ~(s - 1));
            }
            std::swap(x, y);
        }
    }
    return d;
}

// Groups cells into nodes of at most `per_node`, in order.
std::vector<Node> pack_level(std::vector<Cell> cells, std::size_t per_node) {
    std::vector<Node> nodes;
    nodes.reserve(cells.size() / per_node + 1);
    for (std::size_t at = 0; at < cells.size(); at += per_node) {
        Node n;
        const auto end = cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), at + per_node));
        n.cells.assign(cells.begin() + static_cast<std::ptrdiff_t>(at), end);
        n.box = union_of(n.cells);
        nodes.push_back(std::move(n));
    }
    return nodes;
}

void put_be(char* out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        out[i] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
}

std::string encode_node(const Node& node, std::int64_t id_base, std::size_t node_bytes, int depth_field) {
    std::string out(node_bytes, '\0');
    put_be(out.data(), static_cast<std::uint64_t>(depth_field), 2);
    put_be(out.data() + 2, node.cells.size(), 2);
    char* p = out.data() + 4;
    for (const Cell& c : node.cells) {
        put_be(p, static_cast<std::uint64_t>(c.id + id_base), 8);
        p += 8;
        for (float f : c.box) {
            std::uint32_t bits = 0;
            std::memcpy(&bits, &f, sizeof bits);
            put_be(p, bits, 4);
            p += 4;
        }
    }
    return out;
}

}  // namespace

PackedRTree pack_rtree(std::vector<RTreeEntry> entries, std::size_t node_bytes) {
    constexpr std::size_t kCellBytes = 8 + 4 * 4;
    const std::size_t per_node = node_bytes < 4 ? 0 : (node_bytes - 4) / kCellBytes;
    if (per_node < 2) throw std::invalid_argument("R-tree nodes of " + std::to_string(node_bytes) + " bytes");

    // Leaves: the entries along a Hilbert curve through their boxes' centres.
    std::vector<Cell> cells;
    cells.reserve(entries.size());
    double lo_x = std::numeric_limits<double>::max(), lo_y = lo_x, hi_x = -lo_x, hi_y = -lo_x;
    for (const RTreeEntry& e : entries) {
        cells.push_back({e.id, {round_down(e.min_x), round_up(e.max_x), round_down(e.min_y), round_up(e.max_y)}});
        lo_x = std::min(lo_x, (e.min_x + e.max_x) / 2);
        hi_x = std::max(hi_x, (e.min_x + e.max_x) / 2);
        lo_y = std::min(lo_y, (e.min_y + e.max_y) / 2);
        hi_y = std::max(hi_y, (e.min_y + e.max_y) / 2);
    }
    std::vector<std::vector<Node>> levels;  // levels[0]: the leaves; the last one: the root alone
    if (cells.empty()) {
        levels.push_back(std::vector<Node>(1));
    } else {
        auto grid = [](double v, double lo, double hi) {
            const double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
            return static_cast<std::uint32_t>(std::clamp(t, 0.0, 1.0) * 65535.0);
        };
        std::vector<std::pair<std::uint64_t, std::size_t>> order(entries.size());
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const RTreeEntry& e = entries[i];
            order[i] = {hilbert_d(grid((e.min_x + e.max_x) / 2, lo_x, hi_x), grid((e.min_y + e.max_y) / 2, lo_y, hi_y)), i};
        }
        std::sort(order.begin(), order.end());  // ties by input order: deterministic
        std::vector<Cell> sorted;
        sorted.reserve(cells.size());
        for (const auto& [key, i] : order) sorted.push_back(cells[i]);
        levels.push_back(pack_level(std::move(sorted), per_node));
        while (levels.back().size() > 1) {
            std::vector<Cell> up;
            up.reserve(levels.back().size());
            for (std::size_t j = 0; j < levels.back().size(); ++j)
                up.push_back({static_cast<std::int64_t>(j), levels.back()[j].box});
            levels.push_back(pack_level(std::move(up), per_node));
        }
    }

    // Node numbers from the root (1) down, level by level.
    const std::size_t depth = levels.size() - 1;
    std::vector<std::int64_t> first_number(levels.size());
    std::int64_t next = 1;
    for (std::size_t l = levels.size(); l-- > 0;) {
        first_number[l] = next;
        next += static_cast<std::int64_t>(levels[l].size());
    }
    PackedRTree out;
    out.nodes.reserve(static_cast<std::size_t>(next - 1));
    for (std::size_t l = levels.size(); l-- > 0;) {
        const std::int64_t child_base = l == 0 ? 0 : first_number[l - 1];
        for (std::size_t j = 0; j < levels[l].size(); ++j) {
            const Node& n = levels[l][j];
            const std::int64_t number = first_number[l] + static_cast<std::int64_t>(j);
            out.nodes.push_back(encode_node(n, child_base, node_bytes, l == depth ? static_cast<int>(depth) : 0));
            if (l < depth)
                out.parents.emplace_back(number, first_number[l + 1] + static_cast<std::int64_t>(j / per_node));
            if (l == 0)
                for (const Cell& c : n.cells) out.rowids.emplace_back(c.id, number);
        }
    }
    // By id: rows appended to the _rowid table's B-tree in key order, not scattered through it.
    std::sort(out.rowids.begin(), out.rowids.end());
    return out;
}

}  // namespace qantar::io
