#include "aa_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace qantar::render {

namespace {

float length(sf::Vector2f v) { return std::sqrt(v.x * v.x + v.y * v.y); }
float dot(sf::Vector2f a, sf::Vector2f b) { return a.x * b.x + a.y * b.y; }
sf::Vector2f left_normal(sf::Vector2f a, sf::Vector2f b) {
    sf::Vector2f d = b - a;
    float l = length(d);
    return l > 0 ? sf::Vector2f(-d.y / l, d.x / l) : sf::Vector2f(0, 0);
}

// One cross-section of a strip: the point and the offset direction (the miter, |m| >= 1).
struct Row {
    sf::Vector2f p, m;
};

struct Strip {
    std::vector<sf::Vertex>& out;
    float hi, ho;           // core and outer half widths
    sf::Color core, edge;   // colours at the core and at the outer edge (alpha 0)

    void quad(const sf::Vertex& a, const sf::Vertex& b, const sf::Vertex& c, const sf::Vertex& d) {
        out.insert(out.end(), {a, b, c, b, d, c});
    }
    // Rows a -> b; cap_a / cap_b: that row is all transparent (an end cap).
    void connect(const Row& a, const Row& b, bool cap_a = false, bool cap_b = false) {
        auto row = [&](const Row& r, bool cap, sf::Vertex* v) {
            sf::Color c = cap ? edge : core;
            v[0] = {r.p + r.m * ho, edge};
            v[1] = {r.p + r.m * hi, c};
            v[2] = {r.p - r.m * hi, c};
            v[3] = {r.p - r.m * ho, edge};
        };
        sf::Vertex va[4], vb[4];
        row(a, cap_a, va);
        row(b, cap_b, vb);
        quad(va[0], va[1], vb[0], vb[1]);
        if (hi > 0) quad(va[1], va[2], vb[1], vb[2]);
        quad(va[2], va[3], vb[2], vb[3]);
    }
};

// The miter between two unit normals; nullopt-like (false) when the turn is too sharp to join.
bool miter(sf::Vector2f n0, sf::Vector2f n1, sf::Vector2f& m) {
    sf::Vector2f s = n0 + n1;
    float l = length(s);
    if (dot(n0, n1) < -0.2f || l < 1e-6f) return false;
    s /= l;
    float c = dot(s, n1);
    m = s / std::max(c, 0.5f);  // at most 2x the half width at the corner
    return true;
}

}  // namespace

void append_aa_polyline(std::vector<sf::Vertex>& out, const std::vector<sf::Vector2f>& in, float width,
                        float feather, sf::Color col, bool closed, bool caps) {
    // Drop repeated points (and a closing point equal to the first).
    std::vector<sf::Vector2f> pts;
    pts.reserve(in.size());
    for (const auto& p : in)
        if (pts.empty() || p != pts.back()) pts.push_back(p);
    if (closed && pts.size() > 1 && pts.front() == pts.back()) pts.pop_back();
    if (pts.size() < 2 || width <= 0 || col.a == 0) return;
    if (closed && pts.size() < 3) closed = false;

    Strip st{out, 0, 0, col, col};
    st.edge.a = 0;
    if (width >= feather) {
        st.hi = (width - feather) / 2;
        st.ho = (width + feather) / 2;
    } else {  // a tent one feather wide on each side, its peak lowered to keep the coverage
        st.hi = 0;
        st.ho = (width + feather) / 2;
        st.core.a = static_cast<sf::Uint8>(std::lround(col.a * std::min(1.f, width / st.ho)));
    }

    const std::size_t n = pts.size();
    const std::size_t segs = closed ? n : n - 1;
    std::vector<sf::Vector2f> normal(segs);
    for (std::size_t s = 0; s < segs; ++s) normal[s] = left_normal(pts[s], pts[(s + 1) % n]);

    // For each point, the row that ends the segment before it and the row that starts the next.
    auto rows_at = [&](std::size_t i, Row& in_row, Row& out_row) {
        bool has_prev = closed || i > 0, has_next = closed || i + 1 < n;
        sf::Vector2f np = has_prev ? normal[(i + segs - 1) % segs] : normal[i];
        sf::Vector2f nn = has_next ? normal[i % segs] : np;
        if (!has_prev) np = nn;
        sf::Vector2f m;
        if (miter(np, nn, m)) {
            in_row = out_row = {pts[i], m};
        } else {  // a sharp turn: the strip breaks here and the two pieces overlap
            in_row = {pts[i], np};
            out_row = {pts[i], nn};
        }
    };
    Row first_in, first_out;
    rows_at(0, first_in, first_out);
    Row prev_out = first_out;
    for (std::size_t i = 1; i < n; ++i) {
        Row ri, ro;
        rows_at(i, ri, ro);
        st.connect(prev_out, ri);
        prev_out = ro;
    }
    if (closed) {
        st.connect(prev_out, first_in);
    } else if (caps) {
        sf::Vector2f d0(normal.front().y, -normal.front().x), d1(normal.back().y, -normal.back().x);
        Row a{pts.front() - d0 * feather, first_out.m}, b{pts.back() + d1 * feather, prev_out.m};
        st.connect(a, first_out, true, false);
        st.connect(prev_out, b, false, true);
    }
}

void append_aa_disc(std::vector<sf::Vertex>& out, sf::Vector2f c, float r, sf::Color col, float feather,
                    float inner, int segments) {
    if (r <= 0 || col.a == 0) return;
    sf::Color edge = col;
    edge.a = 0;
    float h = feather / 2;
    float r_core = std::max(0.f, r - h), r_out = r + h;
    float i_core = inner < 0 ? -1 : inner + h, i_out = inner < 0 ? -1 : std::max(0.f, inner - h);
    sf::Color core = col;
    if (inner >= 0 && i_core > r_core) {  // a ring thinner than the feather: meet in the middle
        float mid = (inner + r) / 2;
        core.a = static_cast<sf::Uint8>(std::lround(col.a * std::min(1.f, (r - inner) / feather)));
        i_core = r_core = mid;
    }
    auto P = [&](int k, float rad) {
        float a = 6.2831853f * static_cast<float>(k % segments) / static_cast<float>(segments);
        return c + sf::Vector2f(std::cos(a), std::sin(a)) * rad;
    };
    for (int k = 0; k < segments; ++k) {
        auto quad = [&](float r0, sf::Color c0, float r1, sf::Color c1) {
            sf::Vertex a{P(k, r0), c0}, b{P(k + 1, r0), c0}, d{P(k, r1), c1}, e{P(k + 1, r1), c1};
            out.insert(out.end(), {a, b, d, b, e, d});
        };
        if (inner < 0) {
            if (r_core > 0) out.insert(out.end(), {{c, core}, {P(k, r_core), core}, {P(k + 1, r_core), core}});
        } else {
            if (r_core > i_core) quad(i_core, core, r_core, core);
            if (i_core > i_out) quad(i_out, edge, i_core, core);
        }
        quad(r_core, core, r_out, edge);
    }
}

void append_aa_convex(std::vector<sf::Vertex>& out, const std::vector<sf::Vector2f>& pts, sf::Color col,
                      float feather) {
    const std::size_t n = pts.size();
    if (n < 3 || col.a == 0) return;
    // Outward normals: the polygon's winding decides which side is outside.
    float area = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto &a = pts[i], &b = pts[(i + 1) % n];
        area += a.x * b.y - b.x * a.y;
    }
    const float sign = area > 0 ? -1.f : 1.f;  // left normal points inward for a CCW (y-down: CW) ring
    std::vector<sf::Vector2f> inner(n), outer(n);
    const float h = feather / 2;
    for (std::size_t i = 0; i < n; ++i) {
        sf::Vector2f np = left_normal(pts[(i + n - 1) % n], pts[i]) * sign;
        sf::Vector2f nn = left_normal(pts[i], pts[(i + 1) % n]) * sign;
        sf::Vector2f m;
        if (!miter(np, nn, m)) m = nn;
        inner[i] = pts[i] - m * h;
        outer[i] = pts[i] + m * h;
    }
    sf::Color edge = col;
    edge.a = 0;
    for (std::size_t i = 1; i + 1 < n; ++i) out.insert(out.end(), {{inner[0], col}, {inner[i], col}, {inner[i + 1], col}});
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t j = (i + 1) % n;
        out.insert(out.end(), {{inner[i], col}, {outer[i], edge}, {inner[j], col},
                               {outer[i], edge}, {outer[j], edge}, {inner[j], col}});
    }
}

namespace {

// The segments seen so far, as (smaller, larger) endpoint keys: open addressing in one table sized
// for every segment of the rings (a world map's borders: some 600,000), where a node-based set
// allocated a node per segment.
class SegmentSet {
public:
    explicit SegmentSet(std::size_t segments) {
        std::size_t cap = 16;
        while (cap < 2 * segments) cap <<= 1;
        keys_.resize(cap);
        used_.assign(cap, 0);
        mask_ = cap - 1;
    }
    // True when (a, b) was not in the set (it is now).
    bool insert(std::uint64_t a, std::uint64_t b) {
        std::uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93ull;
        h ^= h >> 32;
        for (std::size_t i = static_cast<std::size_t>(h) & mask_;; i = (i + 1) & mask_) {
            if (!used_[i]) {
                used_[i] = 1;
                keys_[i] = {a, b};
                return true;
            }
            if (keys_[i].first == a && keys_[i].second == b) return false;
        }
    }

private:
    std::vector<std::pair<std::uint64_t, std::uint64_t>> keys_;
    std::vector<std::uint8_t> used_;
    std::size_t mask_ = 0;
};

}  // namespace

std::vector<Polyline> unique_segments(const std::vector<std::vector<sf::Vector2f>>& rings) {
    auto key = [](sf::Vector2f p) {
        auto q = [](float v) { return static_cast<std::uint64_t>(static_cast<std::uint32_t>(static_cast<std::int32_t>(std::lround(v)))); };
        return (q(p.x) << 32) | q(p.y);
    };
    std::size_t segments = 0;
    for (const auto& ring : rings) segments += ring.size();
    SegmentSet seen(segments);
    std::vector<Polyline> out;
    for (const auto& ring : rings) {
        std::vector<sf::Vector2f> pts;
        for (const auto& p : ring)
            if (pts.empty() || p != pts.back()) pts.push_back(p);
        if (pts.size() > 1 && pts.front() == pts.back()) pts.pop_back();
        const std::size_t n = pts.size();
        if (n < 2) continue;
        std::vector<char> keep(n);
        bool all = true;
        for (std::size_t s = 0; s < n; ++s) {
            std::uint64_t a = key(pts[s]), b = key(pts[(s + 1) % n]);
            keep[s] = seen.insert(std::min(a, b), std::max(a, b));
            all = all && keep[s];
        }
        if (all) {
            out.push_back({std::move(pts), true});
            continue;
        }
        std::size_t k0 = 0;
        while (keep[k0]) ++k0;
        Polyline run;
        for (std::size_t k = 1; k <= n; ++k) {
            std::size_t s = (k0 + k) % n;
            if (keep[s]) {
                if (run.pts.empty()) run.pts.push_back(pts[s]);
                run.pts.push_back(pts[(s + 1) % n]);
            } else if (!run.pts.empty()) {
                out.push_back(std::move(run));
                run = {};
            }
        }
        if (!run.pts.empty()) out.push_back(std::move(run));
    }
    return out;
}

namespace {

// Distance from p to the segment a-b.
float segment_distance(sf::Vector2f p, sf::Vector2f a, sf::Vector2f b) {
    const sf::Vector2f ab = b - a, ap = p - a;
    const float len2 = ab.x * ab.x + ab.y * ab.y;
    float t = len2 > 0 ? (ap.x * ab.x + ap.y * ab.y) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const sf::Vector2f d = ap - ab * t;
    return std::sqrt(d.x * d.x + d.y * d.y);
}

// Marks in keep the points of pts[first..last] that Douglas-Peucker keeps (first and last included).
void douglas_peucker(const std::vector<sf::Vector2f>& pts, std::size_t first, std::size_t last, float tolerance,
                     std::vector<char>& keep) {
    keep[first] = keep[last] = 1;
    std::vector<std::pair<std::size_t, std::size_t>> todo{{first, last}};
    while (!todo.empty()) {
        const auto [a, b] = todo.back();
        todo.pop_back();
        float far = -1;
        std::size_t at = a;
        for (std::size_t k = a + 1; k < b; ++k) {
            const float d = segment_distance(pts[k], pts[a], pts[b]);
            if (d > far) far = d, at = k;
        }
        if (far > tolerance) {
            keep[at] = 1;
            todo.emplace_back(a, at);
            todo.emplace_back(at, b);
        }
    }
}

}  // namespace

Polyline simplified(const Polyline& line, float tolerance) {
    const std::vector<sf::Vector2f>& pts = line.pts;
    const std::size_t n = pts.size();
    if (n < 3 || !(tolerance > 0)) return line;
    std::vector<char> keep(n, 0);
    if (!line.closed) {
        douglas_peucker(pts, 0, n - 1, tolerance, keep);
    } else {
        // A ring: split at its first point and the point farthest from it, each half simplified;
        // the second half ends at the first point again (a copy at the end, dropped after).
        std::size_t far = 0;
        float best = -1;
        for (std::size_t k = 1; k < n; ++k) {
            const sf::Vector2f d = pts[k] - pts[0];
            const float d2 = d.x * d.x + d.y * d.y;
            if (d2 > best) best = d2, far = k;
        }
        std::vector<sf::Vector2f> loop(pts);
        loop.push_back(pts[0]);
        std::vector<char> keep_loop(n + 1, 0);
        douglas_peucker(loop, 0, far, tolerance, keep_loop);
        douglas_peucker(loop, far, n, tolerance, keep_loop);
        std::copy(keep_loop.begin(), keep_loop.begin() + static_cast<std::ptrdiff_t>(n), keep.begin());
    }
    Polyline out;
    out.closed = line.closed;
    for (std::size_t k = 0; k < n; ++k)
        if (keep[k]) out.pts.push_back(pts[k]);
    if (line.closed && out.pts.size() < 3) return line;
    return out;
}

}  // namespace qantar::render
