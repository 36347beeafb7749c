#include "event_layer.hpp"

#include "aa_geometry.hpp"

#include "core/place.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace qantar::render {

std::vector<EventMark> event_marks_for(const Timeline& timeline) {
    const Dataset& data = timeline.data();
    std::vector<EventMark> marks;
    int capital = -1;
    for (std::size_t c = 0; c < data.cities.size(); ++c)
        if (data.cities[c].is_capital) capital = static_cast<int>(c);
    // --size-by: the values on a log scale from the smallest to the largest present.
    double lo = 1e300, hi = -1e300;
    for (const EventRef e : data.events)
        if (e.size_value()) lo = std::min(lo, std::log1p(std::max(0.0, *e.size_value()))), hi = std::max(hi, std::log1p(std::max(0.0, *e.size_value())));
    auto size_of = [&](const EventRef& e) {
        if (!e.size_value()) return size_level_for(e.participants(), e.fatalities());
        const double s = hi > lo ? (std::log1p(std::max(0.0, *e.size_value())) - lo) / (hi - lo) : 0.5;
        return static_cast<std::uint8_t>(std::lround(8 + 44 * s));
    };
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const EventRef e = data.events[i];
        if (!data.category_of(e).marker) continue;
        EventMark m;
        m.pos_m = e.city_index() >= 0 ? data.cities[static_cast<std::size_t>(e.city_index())].pos_m : e.pos_m();
        // A nationwide event at the capital; an event outside every region stays where it is.
        if (e.city_index() < 0 && e.region_index() < 0 && capital >= 0 && says_nationwide(e)) {
            m.pos_m = data.cities[static_cast<std::size_t>(capital)].pos_m;
            m.city = capital;
        }
        m.start_utc_s = static_cast<double>(e.start().utc_s);
        m.end_utc_s = static_cast<double>(timeline.end_of(i));
        m.color = category_color(data.category_of(e));
        m.size_level = size_of(e);
        if (e.city_index() >= 0) m.city = e.city_index();
        marks.push_back(m);
    }
    return marks;
}

namespace {

constexpr double kMinute = 60.0;

// The density grid's colour ramp: a log scale normalised by the densest cell over all time (so
// a frame does not depend on how it was reached). Writes RGBA.
void ramp_of(std::int32_t count, std::int32_t norm_count, sf::Uint8* px) {
    const double norm = std::log1p(static_cast<double>(norm_count));
    double v = count > 0 ? std::log1p(static_cast<double>(count)) / norm : 0.0;
    double r = std::clamp(0.35 + 1.6 * v, 0.0, 1.0), g = std::clamp(1.6 * v - 0.35, 0.0, 1.0),
           b = std::clamp(2.2 * v - 1.3, 0.0, 1.0), a = count > 0 ? std::clamp(0.25 + 1.5 * v, 0.0, 0.95) : 0.0;
    px[0] = static_cast<sf::Uint8>(r * 255);
    px[1] = static_cast<sf::Uint8>(g * 255);
    px[2] = static_cast<sf::Uint8>(b * 255);
    px[3] = static_cast<sf::Uint8>(a * 255);
}

sf::Vector2f rel(const Vec2& p, const Vec2& o) {
    return {static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y)};
}

}  // namespace

EventLayer::EventLayer(std::vector<EventMark> marks, Vec2 origin_m, sf::Shader* shader)
    : origin_m_(origin_m), shader_(shader) {
    std::stable_sort(marks.begin(), marks.end(), [](const EventMark& a, const EventMark& b) {
        return a.start_utc_s < b.start_utc_s;
    });
    if (!marks.empty()) t0_ = std::floor(marks.front().start_utc_s / 3600.0) * 3600.0;
    for (auto& m : marks) {
        if (m.end_utc_s - m.start_utc_s > kLongS) long_.push_back(m);
        else short_.push_back(m);
    }
    short_start_.reserve(short_.size());
    for (const auto& m : short_) {
        short_start_.push_back(m.start_utc_s);
        max_short_s_ = std::max(max_short_s_, m.end_utc_s - m.start_utc_s);
    }
    if (shader_) {
        build_buffer(short_, short_vb_);
        build_buffer(long_, long_vb_);
    }

    // Density grid over the marks' extent.
    if (!short_.empty()) grid_min_ = grid_max_ = short_.front().pos_m;
    for (const auto& m : short_) {
        grid_min_ = {std::min(grid_min_.x, m.pos_m.x), std::min(grid_min_.y, m.pos_m.y)};
        grid_max_ = {std::max(grid_max_.x, m.pos_m.x), std::max(grid_max_.y, m.pos_m.y)};
    }
    if (short_.size() > kGridFrom) {
        double pad = 0.02 * std::max(grid_max_.x - grid_min_.x, grid_max_.y - grid_min_.y) + 1;
        grid_min_ = {grid_min_.x - pad, grid_min_.y - pad};
        grid_max_ = {grid_max_.x + pad, grid_max_.y + pad};
        double aspect = (grid_max_.y - grid_min_.y) / (grid_max_.x - grid_min_.x);
        grid_h_ = static_cast<unsigned>(std::clamp(std::lround(grid_w_ * aspect), 16L, 512L));
        grid_.assign(std::size_t{grid_w_} * grid_h_, 0);
        cell_of_.resize(short_.size());
        std::vector<std::int32_t> total(grid_.size(), 0);
        for (std::size_t i = 0; i < short_.size(); ++i) {
            const Vec2& p = short_[i].pos_m;
            auto cx = static_cast<unsigned>(std::clamp((p.x - grid_min_.x) / (grid_max_.x - grid_min_.x) * grid_w_, 0.0, grid_w_ - 1.0));
            auto cy = static_cast<unsigned>(std::clamp((grid_max_.y - p.y) / (grid_max_.y - grid_min_.y) * grid_h_, 0.0, grid_h_ - 1.0));
            cell_of_[i] = cy * grid_w_ + cx;
            grid_norm_ = std::max(grid_norm_, ++total[cell_of_[i]]);
        }
        // Counts up to the densest cell's (at most a million) looked up, any higher computed.
        ramp_.resize(static_cast<std::size_t>(std::min(grid_norm_, 1 << 20)) + 1);
        for (std::size_t n = 0; n < ramp_.size(); ++n) ramp_of(static_cast<std::int32_t>(n), grid_norm_, ramp_[n].data());
        grid_tex_.create(grid_w_, grid_h_);
        grid_tex_.setSmooth(true);
        grid_px_.assign(grid_.size() * 4, 0);
    }
}

void EventLayer::build_buffer(const std::vector<EventMark>& marks, sf::VertexBuffer& vb) {
    if (marks.empty()) return;
    std::vector<sf::Vertex> v;
    v.reserve(marks.size() * 6);
    static constexpr int kCorners[6] = {0, 1, 2, 1, 3, 2};
    for (const auto& m : marks) {
        sf::Color c = m.color;
        sf::Vector2f p = rel(m.pos_m, origin_m_);
        sf::Vector2f tc{static_cast<float>((m.start_utc_s - t0_) / kMinute),
                        static_cast<float>((m.end_utc_s - t0_) / kMinute)};
        for (int k : kCorners) {
            c.a = static_cast<sf::Uint8>(std::min<int>(m.size_level, 63) * 4 + k);
            v.emplace_back(p, c, tc);
        }
    }
    vb.create(v.size());
    vb.update(v.data());
}

std::pair<std::size_t, std::size_t> EventLayer::candidate_range(double t, double window_s) const {
    auto hi = static_cast<std::size_t>(
        std::upper_bound(short_start_.begin(), short_start_.end(), t) - short_start_.begin());
    std::size_t lo = 0;
    if (window_s > 0) {
        // A mark is visible while it is active and for window_s after it ends (its trail).
        double earliest = t - window_s - max_short_s_ - kShrinkS;
        lo = static_cast<std::size_t>(
            std::lower_bound(short_start_.begin(), short_start_.end(), earliest) - short_start_.begin());
    }
    return {lo, std::max(lo, hi)};
}

double EventLayer::fill_px(double t, double window_s, double px_scale) const {
    auto [lo, hi] = candidate_range(t, window_s);
    double px = 0;
    for (std::size_t i = lo; i < hi; ++i) {
        const MarkLook k = mark_look(short_[i], t, window_s, px_scale);
        if (!k.visible) continue;
        // As shaders/events.vert sizes the quad: the glow's reach while lit, else the dot's.
        const double half = k.radius_px * (k.glow > 0.01 || k.ring >= 0 ? kGlowExtent : 1.05);
        px += 4 * half * half;
    }
    return px;
}

bool EventLayer::dense_at(double t, double window_s, double px_scale, sf::Vector2f target_px) const {
    if (grid_.empty()) return false;
    auto [lo, hi] = candidate_range(t, window_s);
    if (hi - lo > kDenseThreshold) return true;
    const double screen = static_cast<double>(target_px.x) * static_cast<double>(target_px.y);
    return fill_px(t, window_s, px_scale) > kFillBudget * screen;
}

void EventLayer::draw(sf::RenderTarget& target, const sf::RenderStates& map_states, const EventFrame& f) {
    auto [lo, hi] = candidate_range(f.t_utc_s, f.window_s);
    const bool dense = dense_at(f.t_utc_s, f.window_s, f.px_scale, f.target_px);
    if (dense) {
        std::size_t dlo = lo;
        if (f.window_s > 0)
            dlo = static_cast<std::size_t>(std::upper_bound(short_start_.begin(), short_start_.end(),
                                                            f.t_utc_s - f.window_s) - short_start_.begin());
        update_density(dlo, hi);
        draw_density(target, map_states);
    }
    std::size_t long_hi = static_cast<std::size_t>(
        std::upper_bound(long_.begin(), long_.end(), f.t_utc_s,
                         [](double t, const EventMark& m) { return t < m.start_utc_s; }) - long_.begin());
    if (shader_) {
        shader_->setUniform("u_t", static_cast<float>((f.t_utc_s - t0_) / kMinute));
        shader_->setUniform("u_window", static_cast<float>(f.window_s / kMinute));
        shader_->setUniform("u_px_to_ndc", sf::Vector2f(2.f / f.target_px.x, 2.f / f.target_px.y));
        shader_->setUniform("u_px_scale", static_cast<float>(f.px_scale));
        shader_->setUniform("u_desaturate", static_cast<float>(f.desaturate));
        sf::RenderStates s = map_states;
        s.shader = shader_;
        s.blendMode = sf::BlendAdd;
        if (long_hi > 0) target.draw(long_vb_, 0, long_hi * 6, s);
        if (!dense && hi > lo) target.draw(short_vb_, lo * 6, (hi - lo) * 6, s);
    } else {
        draw_plain(target, map_states, long_, 0, long_hi, f);
        if (!dense) draw_plain(target, map_states, short_, lo, hi, f);
    }
}

void EventLayer::draw_plain(sf::RenderTarget& target, const sf::RenderStates& map_states,
                            const std::vector<EventMark>& marks, std::size_t lo, std::size_t hi,
                            const EventFrame& f) {
    // The fallback: flat discs in screen space, the same sizes and opacities as the shader's.
    // Feathered edges: antialiased by blending, as the shader's glows are (no multisampling).
    std::vector<sf::Vertex> va;
    const sf::Transform& tf = map_states.transform;
    auto disc = [&](sf::Vector2f c, float r, sf::Color col, float inner = -1) {
        append_aa_disc(va, c, r, col, 1.f, inner, 20);
    };
    for (std::size_t i = lo; i < hi; ++i) {
        const EventMark& m = marks[i];
        MarkLook k = mark_look(m, f.t_utc_s, f.window_s, f.px_scale);
        if (!k.visible) continue;
        sf::Color base = m.color;
        if (f.desaturate > 0) {
            auto l = static_cast<sf::Uint8>(0.299 * base.r + 0.587 * base.g + 0.114 * base.b);
            base = sf::Color(l, l, l);
        }
        sf::Vector2f c = tf.transformPoint(rel(m.pos_m, origin_m_));
        auto r = static_cast<float>(k.radius_px);
        sf::Color glow = base; glow.a = static_cast<sf::Uint8>(std::clamp(k.glow * 70.0, 0.0, 255.0));
        if (glow.a > 0) disc(c, r * 2.2f, glow);
        sf::Color core = base; core.a = static_cast<sf::Uint8>(std::clamp(k.core * 230.0, 0.0, 255.0));
        if (core.a > 0) disc(c, r, core);
        if (k.ring >= 0) {
            float rr = r * static_cast<float>(0.9 + k.ring * (kGlowExtent - 1.1));
            sf::Color ring = base; ring.a = static_cast<sf::Uint8>(std::clamp(k.ring_alpha * 200.0, 0.0, 255.0));
            disc(c, rr + 1.2f, ring, std::max(0.f, rr - 1.2f));
        }
    }
    sf::RenderStates s;  // screen space
    s.blendMode = sf::BlendAlpha;
    if (!va.empty()) target.draw(va.data(), va.size(), sf::Triangles, s);
}

void EventLayer::update_density(std::size_t lo, std::size_t hi) {
    if (!grid_dirty_ && lo == grid_lo_ && hi == grid_hi_) return;
    auto add = [&](std::size_t a, std::size_t b, int d) {
        for (std::size_t i = a; i < b; ++i) grid_[cell_of_[i]] += d;
    };
    std::size_t delta = (lo > grid_lo_ ? lo - grid_lo_ : grid_lo_ - lo) +
                        (hi > grid_hi_ ? hi - grid_hi_ : grid_hi_ - hi);
    if (grid_dirty_ || delta > hi - lo || lo >= grid_hi_ || hi <= grid_lo_) {
        std::fill(grid_.begin(), grid_.end(), 0);
        add(lo, hi, 1);
    } else {
        if (hi > grid_hi_) add(grid_hi_, hi, 1); else add(hi, grid_hi_, -1);
        if (lo > grid_lo_) add(grid_lo_, lo, -1); else add(lo, grid_lo_, 1);
    }
    grid_lo_ = lo;
    grid_hi_ = hi;
    grid_dirty_ = false;
    // The colours of the counts (ramp_of) looked up: a log1p per count once, not per cell and frame.
    for (std::size_t i = 0; i < grid_.size(); ++i) {
        const auto n = static_cast<std::size_t>(std::max(0, grid_[i]));
        if (n < ramp_.size()) std::memcpy(&grid_px_[i * 4], &ramp_[n], 4);
        else ramp_of(grid_[i], grid_norm_, &grid_px_[i * 4]);
    }
    grid_tex_.update(grid_px_.data());
}

void EventLayer::draw_density(sf::RenderTarget& target, const sf::RenderStates& map_states) {
    sf::Vector2f a = rel(grid_min_, origin_m_), b = rel(grid_max_, origin_m_);
    auto w = static_cast<float>(grid_w_), h = static_cast<float>(grid_h_);
    sf::Vertex quad[6] = {
        {{a.x, b.y}, {0, 0}}, {{b.x, b.y}, {w, 0}}, {{a.x, a.y}, {0, h}},
        {{b.x, b.y}, {w, 0}}, {{b.x, a.y}, {w, h}}, {{a.x, a.y}, {0, h}},
    };
    sf::RenderStates s = map_states;
    s.texture = &grid_tex_;
    s.blendMode = sf::BlendAlpha;
    target.draw(quad, 6, sf::Triangles, s);
}

}  // namespace qantar::render
