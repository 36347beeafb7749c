// Ear clipping over a doubly linked ring of vertex nodes (indices into one vector), holes joined
// to the exterior by bridges first. Orientation: the exterior counter-clockwise (positive
// shoelace area, y up), holes clockwise, so that the joined ring is one counter-clockwise
// boundary. An ear b (between a and c) is a strictly convex corner whose triangle holds no
// reflex corner of what is left.
#include "ear_clip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace qantar {

namespace {

constexpr std::int32_t kNone = -1;
// Rings with more points than this find their ears through the z-order index.
constexpr std::size_t kHashFrom = 80;

struct Node {
    Vec2 p;
    std::uint32_t z = 0;
    std::int32_t prev = kNone, next = kNone;
    std::int32_t prev_z = kNone, next_z = kNone;
    bool removed = false;
};

// Twice the signed area of the triangle a, b, c: positive when counter-clockwise.
double cross(const Vec2& a, const Vec2& b, const Vec2& c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// Twice the signed area of a ring (positive when counter-clockwise), its points taken relative
// to `o` (projected metres are large; the polygon small).
double signed_area2(const std::vector<Vec2>& ring, const Vec2& o) {
    double s = 0;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        s += (ring[j].x - o.x) * (ring[i].y - o.y) - (ring[i].x - o.x) * (ring[j].y - o.y);
    return s;
}

// p inside or on the counter-clockwise triangle a, b, c.
bool in_triangle(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& p) {
    return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

// p inside or on the triangle a, b, c, whatever its orientation.
bool in_triangle_any(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& p) {
    const double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

class Clipper {
public:
    explicit Clipper(std::vector<Vec2>& out) : out_(out) {}

    bool run(const Polygon& polygon) {
        std::int32_t outer = link_ring(polygon.rings[0], true);
        if (outer == kNone) return true;  // fewer than 3 distinct points: nothing to fill
        if (polygon.rings.size() > 1) {
            outer = join_holes(polygon, outer);
            if (outer == kNone || failed_) return false;
        }
        if (nodes_.size() > kHashFrom) index_curve(outer);
        return clip(outer) && !failed_;
    }

private:
    std::vector<Node> nodes_;
    std::vector<Vec2>& out_;
    double min_x_ = 0, min_y_ = 0, inv_size_ = 0;
    bool failed_ = false;  // a walk met a node already removed, or ran past every node

    Node& at(std::int32_t i) { return nodes_[static_cast<std::size_t>(i)]; }
    const Vec2& p(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)].p; }
    std::int32_t next(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)].next; }
    std::int32_t prev(std::int32_t i) const { return nodes_[static_cast<std::size_t>(i)].prev; }

    std::int32_t add(const Vec2& v, std::int32_t last) {
        const auto i = static_cast<std::int32_t>(nodes_.size());
        nodes_.push_back(Node{v});
        if (last == kNone) {
            at(i).prev = at(i).next = i;
        } else {
            at(i).next = next(last);
            at(i).prev = last;
            at(next(last)).prev = i;
            at(last).next = i;
        }
        return i;
    }

    void remove(std::int32_t i) {
        Node& n = at(i);
        n.removed = true;
        at(n.next).prev = n.prev;
        at(n.prev).next = n.next;
        if (n.prev_z != kNone) at(n.prev_z).next_z = n.next_z;
        if (n.next_z != kNone) at(n.next_z).prev_z = n.prev_z;
    }

    // The ring as a circular list in the wanted orientation, consecutive duplicates (and the
    // closing point) left out; kNone when fewer than 3 points remain.
    std::int32_t link_ring(const std::vector<Vec2>& ring, bool counter_clockwise) {
        if (ring.size() < 3) return kNone;
        const bool reverse = (signed_area2(ring, ring[0]) > 0) != counter_clockwise;
        const std::size_t first = nodes_.size();
        std::int32_t last = kNone;
        const std::size_t n = ring.size();
        for (std::size_t k = 0; k < n; ++k) {
            const Vec2& v = ring[reverse ? n - 1 - k : k];
            if (last != kNone && p(last) == v) continue;
            last = add(v, last);
        }
        if (last != kNone && last != next(last) && p(last) == p(next(last))) {
            const std::int32_t dup = last;
            last = prev(last);
            remove(dup);
        }
        std::size_t count = 0;
        if (last != kNone) {
            std::int32_t q = last;
            do {
                ++count;
                q = next(q);
            } while (q != last && count < 4);
        }
        if (count < 3) {
            nodes_.resize(first);
            return kNone;
        }
        return last;
    }

    // Each hole joined to the exterior by a bridge from its leftmost point, the holes taken from
    // left to right (a hole's bridge may land on one joined before it).
    std::int32_t join_holes(const Polygon& polygon, std::int32_t outer) {
        std::vector<std::int32_t> lefts;
        for (std::size_t r = 1; r < polygon.rings.size(); ++r) {
            const std::int32_t ring = link_ring(polygon.rings[r], false);
            if (ring == kNone) continue;
            std::int32_t left = ring, q = ring;
            do {
                if (p(q).x < p(left).x || (p(q).x == p(left).x && p(q).y < p(left).y)) left = q;
                q = next(q);
            } while (q != ring);
            lefts.push_back(left);
        }
        std::sort(lefts.begin(), lefts.end(), [this](std::int32_t a, std::int32_t b) {
            return p(a).x < p(b).x || (p(a).x == p(b).x && p(a).y < p(b).y);
        });
        for (const std::int32_t hole : lefts) {
            const std::int32_t bridge = find_bridge(hole, outer);
            if (bridge == kNone) return kNone;
            const std::int32_t after = split(bridge, hole);
            filter(after, next(after));
            outer = filter(bridge, next(bridge));
        }
        return outer;
    }

    // The exterior point the hole's leftmost point h can be joined to: the nearest edge a ray from
    // h to the left meets, its endpoint of lesser x, unless a reflex point lies inside the
    // triangle h, the ray's hit, that endpoint: then the one of them closest in angle to the ray.
    std::int32_t find_bridge(std::int32_t h, std::int32_t outer) {
        const Vec2 hp = p(h);
        double qx = -std::numeric_limits<double>::infinity();
        std::int32_t m = kNone;
        std::int32_t q = outer;
        if (at(outer).removed) return kNone;
        do {
            const Vec2 a = p(q), b = p(next(q));
            // Counter-clockwise, the boundary left of an inside point runs downwards.
            if (hp.y <= a.y && hp.y >= b.y && b.y != a.y) {
                const double x = a.x + (hp.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if (x <= hp.x && x > qx) {
                    qx = x;
                    m = a.x < b.x ? q : next(q);  // the endpoint of lesser x: mx <= x <= hx
                    if (x == hp.x) return m;  // h lies on the edge
                }
            }
            q = next(q);
        } while (q != outer);
        if (m == kNone) return kNone;

        const std::int32_t stop = m;
        const Vec2 mp = p(m);
        const Vec2 hit{qx, hp.y};
        double tan_min = std::numeric_limits<double>::infinity();
        q = m;
        do {
            const Vec2 c = p(q);
            if (hp.x >= c.x && c.x >= mp.x && hp.x != c.x && in_triangle_any(hp, hit, mp, c)) {
                const double tan = std::abs(hp.y - c.y) / (hp.x - c.x);
                if (locally_inside(q, hp) && (tan < tan_min || (tan == tan_min && c.x > p(m).x))) {
                    m = q;
                    tan_min = tan;
                }
            }
            q = next(q);
        } while (q != stop);
        return m;
    }

    // Whether the segment from node a towards point b starts inside the polygon at a.
    bool locally_inside(std::int32_t a, const Vec2& b) const {
        const Vec2 &ap = p(a), &pp = p(prev(a)), &np = p(next(a));
        if (cross(pp, ap, np) < 0) return cross(ap, pp, b) <= 0 || cross(ap, b, np) <= 0;  // reflex corner
        return cross(ap, np, b) > 0 && cross(ap, b, pp) > 0;
    }

    // Joins a (exterior) and b (hole) with two coincident edges: a -> b -> ... round the hole ...
    // -> b' -> a' -> what followed a. Returns b'.
    std::int32_t split(std::int32_t a, std::int32_t b) {
        const std::int32_t a2 = static_cast<std::int32_t>(nodes_.size());
        nodes_.push_back(Node{p(a)});
        const std::int32_t b2 = static_cast<std::int32_t>(nodes_.size());
        nodes_.push_back(Node{p(b)});
        const std::int32_t an = next(a), bp = prev(b);
        at(a).next = b;
        at(b).prev = a;
        at(a2).next = an;
        at(an).prev = a2;
        at(b2).next = a2;
        at(a2).prev = b2;
        at(bp).next = b2;
        at(b2).prev = bp;
        return b2;
    }

    // Removes repeated and collinear points from start to end (the whole ring when end is
    // kNone); returns a node still in the ring.
    std::int32_t filter(std::int32_t start, std::int32_t end = kNone) {
        if (end == kNone) end = start;
        if (at(start).removed || at(end).removed) {
            failed_ = true;
            return start;
        }
        std::int32_t q = start;
        bool again = false;
        std::size_t steps = 0;
        do {
            if (++steps > 2 * nodes_.size() + 4) {
                failed_ = true;
                return end;
            }
            again = false;
            if (p(q) == p(next(q)) || cross(p(prev(q)), p(q), p(next(q))) == 0) {
                remove(q);
                q = end = prev(q);
                if (q == next(q)) break;
                again = true;
            } else {
                q = next(q);
            }
        } while (again || q != end);
        return end;
    }

    std::uint32_t z_order(const Vec2& v) const {
        auto spread = [](std::uint32_t x) {
            x = (x | (x << 8)) & 0x00FF00FFu;
            x = (x | (x << 4)) & 0x0F0F0F0Fu;
            x = (x | (x << 2)) & 0x33333333u;
            x = (x | (x << 1)) & 0x55555555u;
            return x;
        };
        const auto cell = [this](double d) {
            return static_cast<std::uint32_t>(std::clamp(d * inv_size_, 0.0, 32767.0));
        };
        return spread(cell(v.x - min_x_)) | (spread(cell(v.y - min_y_)) << 1);
    }

    // The ring's nodes linked a second time, in z-order of their points.
    void index_curve(std::int32_t start) {
        double max_x = p(start).x, max_y = p(start).y;
        min_x_ = max_x;
        min_y_ = max_y;
        std::vector<std::int32_t> ring;
        std::int32_t q = start;
        do {
            ring.push_back(q);
            min_x_ = std::min(min_x_, p(q).x);
            min_y_ = std::min(min_y_, p(q).y);
            max_x = std::max(max_x, p(q).x);
            max_y = std::max(max_y, p(q).y);
            q = next(q);
        } while (q != start);
        const double size = std::max(max_x - min_x_, max_y - min_y_);
        inv_size_ = size > 0 ? 32767.0 / size : 0;
        for (const std::int32_t i : ring) at(i).z = z_order(p(i));
        std::sort(ring.begin(), ring.end(), [this](std::int32_t a, std::int32_t b) { return at(a).z < at(b).z; });
        for (std::size_t k = 0; k < ring.size(); ++k) {
            at(ring[k]).prev_z = k > 0 ? ring[k - 1] : kNone;
            at(ring[k]).next_z = k + 1 < ring.size() ? ring[k + 1] : kNone;
        }
    }

    bool is_ear(std::int32_t ear) const {
        const std::int32_t ia = prev(ear), ic = next(ear);
        const Vec2 &a = p(ia), &b = p(ear), &c = p(ic);
        if (cross(a, b, c) <= 0) return false;
        for (std::int32_t q = next(ic); q != ia; q = next(q)) {
            const Vec2& v = p(q);
            if (v != a && in_triangle(a, b, c, v) && cross(p(prev(q)), v, p(next(q))) <= 0) return false;
        }
        return true;
    }

    // The same, looking only at the nodes whose z-order lies within the triangle's box.
    bool is_ear_indexed(std::int32_t ear) const {
        const std::int32_t ia = prev(ear), ic = next(ear);
        const Vec2 &a = p(ia), &b = p(ear), &c = p(ic);
        if (cross(a, b, c) <= 0) return false;
        const Vec2 lo{std::min({a.x, b.x, c.x}), std::min({a.y, b.y, c.y})};
        const Vec2 hi{std::max({a.x, b.x, c.x}), std::max({a.y, b.y, c.y})};
        const std::uint32_t z_lo = z_order(lo), z_hi = z_order(hi);
        auto blocks = [&](std::int32_t q) {
            if (q == ia || q == ic) return false;
            const Vec2& v = p(q);
            return v.x >= lo.x && v.x <= hi.x && v.y >= lo.y && v.y <= hi.y && v != a && in_triangle(a, b, c, v) &&
                   cross(p(prev(q)), v, p(next(q))) <= 0;
        };
        const Node& e = nodes_[static_cast<std::size_t>(ear)];
        for (std::int32_t q = e.prev_z; q != kNone && nodes_[static_cast<std::size_t>(q)].z >= z_lo;
             q = nodes_[static_cast<std::size_t>(q)].prev_z)
            if (blocks(q)) return false;
        for (std::int32_t q = e.next_z; q != kNone && nodes_[static_cast<std::size_t>(q)].z <= z_hi;
             q = nodes_[static_cast<std::size_t>(q)].next_z)
            if (blocks(q)) return false;
        return true;
    }

    bool clip(std::int32_t ear) {
        const bool indexed = inv_size_ > 0;
        bool filtered = false;
        std::int32_t stop = ear;
        while (prev(ear) != next(ear)) {
            const std::int32_t a = prev(ear), c = next(ear);
            if (indexed ? is_ear_indexed(ear) : is_ear(ear)) {
                out_.push_back(p(a));
                out_.push_back(p(ear));
                out_.push_back(p(c));
                remove(ear);
                // Skipping the next corner gives fewer slivers.
                ear = stop = next(c);
                filtered = false;
                continue;
            }
            ear = c;
            if (ear == stop) {
                if (filtered) return false;  // a whole turn without an ear, twice
                ear = stop = filter(ear);
                if (failed_) return false;
                filtered = true;
            }
        }
        return true;
    }
};

}  // namespace

bool ear_clip(const Polygon& polygon, std::vector<Vec2>& out) {
    if (polygon.rings.empty()) return true;
    const std::size_t before = out.size();
    Clipper clipper(out);
    bool ok = clipper.run(polygon);
    if (ok) {
        // The triangles must cover the polygon's area: a ring that crosses itself or a hole
        // outside would not.
        double want = 0, have = 0, scale = 0;
        const Vec2 o = polygon.rings[0].empty() ? Vec2{} : polygon.rings[0][0];
        for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
            if (polygon.rings[r].size() < 3) continue;
            const double a = std::abs(signed_area2(polygon.rings[r], o));
            want += r == 0 ? a : -a;
            scale += a;
        }
        for (std::size_t i = before; i < out.size(); i += 3) have += cross(out[i], out[i + 1], out[i + 2]);
        ok = std::abs(have - want) <= 1e-8 * scale;
    }
    if (!ok) out.resize(before);
    return ok;
}

}  // namespace qantar
