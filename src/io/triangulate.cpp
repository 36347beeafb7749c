// Triangulation and label points through the GEOS C API (reentrant _r functions, one handle per
// call behind a RAII wrapper). Pulls in libgeos_c.
#include "triangulate.hpp"

#include "core/ear_clip.hpp"
#include "core/geometry.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <memory>

namespace qantar {

namespace {

class Geos {
public:
    Geos() : h_(GEOS_init_r()) {}
    ~Geos() { GEOS_finish_r(h_); }
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
    GEOSContextHandle_t get() const { return h_; }

private:
    GEOSContextHandle_t h_;
};

struct GeomDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g) GEOSGeom_destroy_r(h, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSGeometry* make_ring(GEOSContextHandle_t h, const std::vector<Vec2>& ring) {
    const auto n = static_cast<unsigned>(ring.size());
    const bool closed = n > 0 && ring.front() == ring.back();
    const unsigned count = closed ? n : n + 1;
    if (count < 4) return nullptr;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, count, 2);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_setXY_r(h, seq, i, ring[i].x, ring[i].y);
    if (!closed) GEOSCoordSeq_setXY_r(h, seq, n, ring[0].x, ring[0].y);
    return GEOSGeom_createLinearRing_r(h, seq);
}

// The polygon as GEOS geometry, made valid; nullptr if it has no usable exterior ring.
GeomPtr make_polygon(GEOSContextHandle_t h, const Polygon& p) {
    if (p.rings.empty()) return GeomPtr(nullptr, {h});
    GEOSGeometry* shell = make_ring(h, p.rings[0]);
    if (!shell) return GeomPtr(nullptr, {h});
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < p.rings.size(); ++i)
        if (GEOSGeometry* r = make_ring(h, p.rings[i])) holes.push_back(r);
    GeomPtr poly(GEOSGeom_createPolygon_r(h, shell, holes.data(), static_cast<unsigned>(holes.size())), {h});
    if (poly && GEOSisValid_r(h, poly.get()) != 1) {
        GeomPtr valid(GEOSMakeValid_r(h, poly.get()), {h});
        if (valid) return valid;
    }
    return poly;
}

std::vector<Vec2> ring_points(GEOSContextHandle_t h, const GEOSGeometry* ring) {
    std::vector<Vec2> out;
    const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
    unsigned size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size)) return out;
    out.resize(size);
    for (unsigned k = 0; k < size; ++k) GEOSCoordSeq_getXY_r(h, seq, k, &out[k].x, &out[k].y);
    return out;
}

// A valid GEOS polygon as the model's.
Polygon polygon_of(GEOSContextHandle_t h, const GEOSGeometry* polygon) {
    Polygon p;
    p.rings.push_back(ring_points(h, GEOSGetExteriorRing_r(h, polygon)));
    const int holes = GEOSGetNumInteriorRings_r(h, polygon);
    for (int i = 0; i < holes; ++i) p.rings.push_back(ring_points(h, GEOSGetInteriorRingN_r(h, polygon, i)));
    return p;
}

void append_triangles(GEOSContextHandle_t h, const GEOSGeometry* area, std::vector<Vec2>& out) {
    // Triangulation works on polygons; a made-valid geometry may be a collection.
    const int type = GEOSGeomTypeId_r(h, area);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, area);
        for (int i = 0; i < n; ++i) append_triangles(h, GEOSGetGeometryN_r(h, area, i), out);
        return;
    }
    if (type != GEOS_POLYGON) return;
    // Ear clipping first (the polygon is valid: checked or made so): ~10x faster than GEOS's
    // constrained Delaunay, whose Delaunay improvement the fills do not need. It refuses what it
    // cannot cover exactly, and that goes to GEOS.
    if (ear_clip(polygon_of(h, area), out)) return;
    GeomPtr tris(GEOSConstrainedDelaunayTriangulation_r(h, area), {h});
    if (!tris) return;
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, area);
    const int n = GEOSGetNumGeometries_r(h, tris.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, tris.get(), i);
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(h, tri);
        const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
        unsigned size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size < 3) continue;
        Vec2 v[3];
        for (unsigned k = 0; k < 3; ++k) GEOSCoordSeq_getXY_r(h, seq, k, &v[k].x, &v[k].y);
        const double cx = (v[0].x + v[1].x + v[2].x) / 3, cy = (v[0].y + v[1].y + v[2].y) / 3;
        GeomPtr centroid(GEOSGeom_createPointFromXY_r(h, cx, cy), {h});
        if (prepared && GEOSPreparedContains_r(h, prepared, centroid.get()) == 1) {
            out.insert(out.end(), v, v + 3);
        }
    }
    if (prepared) GEOSPreparedGeom_destroy_r(h, prepared);
}

}  // namespace

std::vector<Vec2> triangulate(const std::vector<Polygon>& polygons) {
    Geos geos;
    std::vector<Vec2> out;
    for (const Polygon& p : polygons) {
        GeomPtr g = make_polygon(geos.get(), p);
        if (g) append_triangles(geos.get(), g.get(), out);
    }
    return out;
}

void triangulate_all(const std::vector<TriangulationJob>& jobs, unsigned threads) {
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs.size())));
    // The work of a job is about its number of points: the largest first, to the lightest thread.
    auto points = [](const TriangulationJob& j) {
        std::size_t n = 0;
        for (const Polygon& p : *j.polygons)
            for (const auto& r : p.rings) n += r.size();
        return n;
    };
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (points, job)
    order.reserve(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) order.emplace_back(points(jobs[i]), i);
    std::sort(order.begin(), order.end(), std::greater<>());
    std::vector<std::vector<std::size_t>> share(threads);
    std::vector<std::size_t> load(threads, 0);
    for (const auto& [n, i] : order) {
        const auto t = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        share[t].push_back(i);
        load[t] += n;
    }
    auto run = [&jobs](const std::vector<std::size_t>& mine) {
        for (std::size_t i : mine) *jobs[i].triangles = triangulate(*jobs[i].polygons);
    };
    std::vector<std::future<void>> others;
    for (std::size_t t = 1; t < threads; ++t) others.push_back(std::async(std::launch::async, run, std::cref(share[t])));
    run(share[0]);
    for (auto& f : others) f.get();
}

Vec2 label_point(const std::vector<Polygon>& polygons) {
    const Polygon* best = nullptr;
    double best_area = -1;
    for (const Polygon& p : polygons) {
        if (p.rings.empty() || p.rings[0].size() < 3) continue;
        const double a = ring_area(p.rings[0]);
        if (a > best_area) {
            best_area = a;
            best = &p;
        }
    }
    if (!best) return {};
    Geos geos;
    GeomPtr g = make_polygon(geos.get(), *best);
    if (!g) return best->rings[0][0];
    GeomPtr pt(GEOSPointOnSurface_r(geos.get(), g.get()), {geos.get()});
    Vec2 out = best->rings[0][0];
    if (pt) GEOSGeomGetX_r(geos.get(), pt.get(), &out.x), GEOSGeomGetY_r(geos.get(), pt.get(), &out.y);
    return out;
}

}  // namespace qantar
