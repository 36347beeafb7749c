#include "renderer.hpp"
#include "core/text.hpp"

#include "aa_geometry.hpp"
#include "font.hpp"
#include "palette.hpp"
#include "playback.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace qantar::render {

namespace {

namespace fs = std::filesystem;

// Palette: a dark, quiet base so that the events carry the colour.
const sf::Color kBackground(9, 13, 21);
const sf::Color kCountryFill(22, 27, 36);
const sf::Color kWaterFill(12, 24, 40);
const sf::Color kRegionFill(31, 39, 53);
const sf::Color kCountryLine(48, 56, 70);
const sf::Color kWaterLine(30, 52, 78);
const sf::Color kRegionLine(72, 84, 104);
const sf::Color kOutline(214, 222, 235);
const sf::Color kOutlineGlow(120, 150, 210, 45);
const sf::Color kTextDim(140, 150, 168);
const sf::Color kTextFaint(88, 98, 118);
const sf::Color kSpread(255, 196, 96);
const sf::Color kPanel(12, 16, 25, 215);

sf::Color desaturate(sf::Color c, double s) {
    auto l = static_cast<sf::Uint8>(std::lround(0.299 * c.r + 0.587 * c.g + 0.114 * c.b));
    return mix(c, sf::Color(l, l, l, c.a), s);
}

sf::Color with_alpha(sf::Color c, double a) {
    c.a = static_cast<sf::Uint8>(std::clamp(a, 0.0, 1.0) * 255);
    return c;
}

sf::Color state_tint(PlaceState s) {
    switch (s) {
        case PlaceState::Calm: return kRegionFill;
        case PlaceState::Emergency: return mix(kRegionFill, sf::Color(120, 90, 200), 0.2);
        case PlaceState::Protest: return mix(kRegionFill, sf::Color(255, 170, 60), 0.32);
        case PlaceState::Violence: return mix(kRegionFill, sf::Color(235, 55, 45), 0.45);
    }
    return kRegionFill;
}

sf::Vector2f rel(const Vec2& p, const Vec2& o) {
    return {static_cast<float>(p.x - o.x), static_cast<float>(p.y - o.y)};
}

// Map (relative to origin) -> screen pixels, as an sf::Transform for vertex buffers.
sf::Transform map_transform(const Camera& cam, const ScreenSize& size, const Vec2& origin) {
    sf::Transform t;
    t.translate(static_cast<float>(size.width_px / 2), static_cast<float>(size.height_px / 2));
    t.scale(static_cast<float>(cam.px_per_m), static_cast<float>(-cam.px_per_m));
    t.translate(static_cast<float>(origin.x - cam.center_m.x), static_cast<float>(origin.y - cam.center_m.y));
    return t;
}

std::vector<std::vector<sf::Vector2f>> rings_of(const std::vector<Polygon>& polys, const Vec2& o) {
    std::vector<std::vector<sf::Vector2f>> out;
    for (const auto& p : polys)
        for (const auto& r : p.rings) {
            std::vector<sf::Vector2f> pts;
            pts.reserve(r.size());
            for (const auto& v : r) pts.push_back(rel(v, o));
            out.push_back(std::move(pts));
        }
    return out;
}

void fill_buffer(sf::VertexBuffer& vb, const std::vector<sf::Vertex>& v) {
    vb.setPrimitiveType(sf::Triangles);
    if (v.empty()) return;
    vb.create(v.size());
    vb.update(v.data());
}

// Civil date and weekday from days since 1970-01-01.
struct Ymd { int y, m, d, weekday; };
Ymd civil(std::int64_t days) {
    const CivilDate c = civil_from_days(days);
    return {static_cast<int>(c.y), static_cast<int>(c.m), static_cast<int>(c.d), weekday_from_days(days)};
}

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
const char* const kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

const std::string& pick_name(Lang lang, const std::string& en, const std::string& kk, const std::string& ru) {
    if (lang == Lang::Kk && !kk.empty()) return kk;
    if (lang == Lang::Ru && !ru.empty()) return ru;
    if (lang == Lang::Kk && !ru.empty()) return ru;
    return en;
}

}  // namespace

Lang parse_lang(const std::string& s) {
    if (s == "kk") return Lang::Kk;
    if (s == "ru") return Lang::Ru;
    return Lang::En;
}

std::string default_shader_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path d = exe.parent_path().parent_path() / "shaders";
        if (fs::exists(d / "events.vert")) return d.string();
        d = exe.parent_path().parent_path().parent_path() / "shaders";
        if (fs::exists(d / "events.vert")) return d.string();
    }
    if (fs::exists("shaders/events.vert")) return "shaders";
    if (const char* e = std::getenv("QANTAR_SHADERS")) return e;
    return "shaders";
}

double TimelineBar::x_of(double t) const {
    if (t1_utc_s <= t0_utc_s) return box.left;
    return box.left + (t - t0_utc_s) / (t1_utc_s - t0_utc_s) * box.width;
}
double TimelineBar::t_of(double x) const {
    double s = box.width > 0 ? std::clamp((x - box.left) / box.width, 0.0, 1.0) : 0.0;
    return t0_utc_s + s * (t1_utc_s - t0_utc_s);
}
bool TimelineBar::contains(double x, double y) const {
    return x >= box.left - 6 && x <= box.right() + 6 && y >= box.top - 10 && y <= box.bottom() + 24;
}

double ui_scale(const ScreenSize& s) {
    return std::max(0.62, std::min(s.width_px / 1920.0, s.height_px / 1080.0));
}

struct Renderer::Impl {
    Vec2 origin;
    MapBounds outline_bounds;
    sf::VertexBuffer countries_fill, water_fill, regions_fill;
    std::vector<sf::Vertex> region_vertices;
    std::vector<std::pair<std::size_t, std::size_t>> region_ranges;  // [begin, end) per region
    std::vector<sf::Color> region_colors;                            // last uploaded
    // Border lines, each shared segment once (map units relative to origin).
    std::vector<Polyline> country_lines, water_lines, region_lines, outline_lines;
    sf::VertexBuffer lines{sf::Triangles, sf::VertexBuffer::Static};
    double lines_px_per_m = -1, lines_u = -1;
    // The static base map (background, fills at their current tints, borders) drawn once into a
    // texture and blitted as one sprite while its key holds (issue 3/5: frame speed).
    struct BaseKey {
        double cx = 0, cy = 0, px_per_m = 0, w = 0, h = 0, u = 0;
        std::vector<sf::Color> colors;
        bool operator==(const BaseKey&) const = default;
    };
    bool cache_base = true;
    sf::RenderTexture base;
    bool base_ok = false;
    std::optional<BaseKey> base_key;
    std::unique_ptr<EventLayer> events;
    std::vector<std::size_t> shutdown_events, troop_events;
};

Renderer::Renderer(const Timeline& timeline, const RendererConfig& config)
    : timeline_(timeline), impl_(std::make_unique<Impl>()) {
    const Dataset& data = timeline.data();
    Impl& im = *impl_;
    im.cache_base = config.cache_base_map;

    for (const auto& p : data.national_outline.polygons_m)
        for (const auto& r : p.rings)
            for (const auto& v : r) im.outline_bounds.add(v);
    if (im.outline_bounds.empty())
        for (const auto& reg : data.regions)
            for (const auto& v : reg.triangles_m) im.outline_bounds.add(v);
    if (im.outline_bounds.empty())
        for (const auto& c : data.cities) im.outline_bounds.add(c.pos_m);
    if (im.outline_bounds.empty()) im.outline_bounds.add({0, 0});
    im.origin = {std::round((im.outline_bounds.min_m.x + im.outline_bounds.max_m.x) / 2),
                 std::round((im.outline_bounds.min_m.y + im.outline_bounds.max_m.y) / 2)};

    auto tri = [&](const std::vector<Vec2>& t, sf::Color c, std::vector<sf::Vertex>& out) {
        for (const auto& v : t) out.emplace_back(rel(v, im.origin), c);
    };
    std::vector<sf::Vertex> v;
    for (const auto& c : data.countries) tri(c.triangles_m, kCountryFill, v);
    // Under the regions, the national outline (it has no hole where Baikonur is).
    tri(data.national_outline.triangles_m, kRegionFill, v);
    fill_buffer(im.countries_fill, v);
    v.clear();
    for (const auto& w : data.water) tri(w.triangles_m, kWaterFill, v);
    fill_buffer(im.water_fill, v);
    for (const auto& r : data.regions) {
        std::size_t b = im.region_vertices.size();
        tri(r.triangles_m, kRegionFill, im.region_vertices);
        im.region_ranges.emplace_back(b, im.region_vertices.size());
    }
    im.region_colors.assign(data.regions.size(), kRegionFill);
    im.regions_fill.setUsage(sf::VertexBuffer::Dynamic);
    fill_buffer(im.regions_fill, im.region_vertices);

    {
        std::vector<std::vector<sf::Vector2f>> rings;
        auto gather = [&](const auto& items, std::vector<Polyline>& out) {
            rings.clear();
            for (const auto& it : items)
                for (auto& r : rings_of(it.polygons_m, im.origin)) rings.push_back(std::move(r));
            out = unique_segments(rings);
        };
        gather(data.countries, im.country_lines);
        gather(data.water, im.water_lines);
        gather(data.regions, im.region_lines);
        im.outline_lines = unique_segments(rings_of(data.national_outline.polygons_m, im.origin));
    }

    // Shaders, or the plain fallback with a one-line notice.
    const char* no = std::getenv("QANTAR_NO_SHADERS");
    if (!config.allow_shaders || (no && *no && std::string(no) != "0")) {
        fallback_reason_ = "disabled";
    } else if (!sf::Shader::isAvailable()) {
        fallback_reason_ = "not supported by this OpenGL";
    } else {
        std::string dir = config.shader_dir.empty() ? default_shader_dir() : config.shader_dir;
        auto sh = std::make_unique<sf::Shader>();
        if (sh->loadFromFile(dir + "/events.vert", dir + "/events.frag")) shader_ = std::move(sh);
        else fallback_reason_ = "could not load " + dir + "/events.vert, events.frag";
    }
    if (!shader_)
        std::cerr << "qantar: shaders " << fallback_reason_ << "; drawing plain event markers\n";

    std::string regular = config.font_path.empty() ? find_cyrillic_font() : config.font_path;
    std::string bold = config.bold_font_path.empty() ? find_cyrillic_font("Bold") : config.bold_font_path;
    if (regular.empty() || !font_.loadFromFile(regular))
        throw std::runtime_error("no font covering Cyrillic found through fontconfig "
                                 "(install fonts-noto-core or fonts-dejavu-core)");
    if (bold.empty() || !bold_font_.loadFromFile(bold)) bold_font_.loadFromFile(regular);

    // Event markers from the data (states of emergency are shown as region tints and the internet
    // shutdown as a banner, so they get no marker).
    std::vector<EventMark> marks;
    int capital = -1;
    for (std::size_t c = 0; c < data.cities.size(); ++c)
        if (data.cities[c].is_capital) capital = static_cast<int>(c);
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const Event& e = data.events[i];
        if (e.category == Category::InternetShutdown) { im.shutdown_events.push_back(i); continue; }
        if (e.category == Category::ForeignTroops && e.origin_m) im.troop_events.push_back(i);
        if (e.category == Category::StateOfEmergency) continue;
        EventMark m;
        m.pos_m = e.city_index >= 0 ? data.cities[static_cast<std::size_t>(e.city_index)].pos_m : e.pos_m;
        if (e.city_index < 0 && e.region_index < 0 && capital >= 0) {  // nationwide: at the capital
            m.pos_m = data.cities[static_cast<std::size_t>(capital)].pos_m;
            m.city = capital;
        }
        m.start_utc_s = static_cast<double>(e.start.utc_s);
        m.end_utc_s = static_cast<double>(timeline.end_of(i));
        m.category = e.category;
        m.size_level = size_level_for(e.participants, e.fatalities);
        if (e.city_index >= 0) m.city = e.city_index;
        marks.push_back(m);
    }
    set_event_marks(std::move(marks));
}

Renderer::~Renderer() = default;

void Renderer::set_event_marks(std::vector<EventMark> marks) {
    impl_->events = std::make_unique<EventLayer>(std::move(marks), impl_->origin, shader_.get());
}

Insets Renderer::map_insets(const ScreenSize& size) const {
    double u = ui_scale(size);
    return {40 * u, 150 * u, 40 * u, 190 * u};
}

std::vector<Box> Renderer::hud_obstacles(const ScreenSize& size, double hud_scale) const {
    double u = ui_scale(size) * hud_scale;
    TimelineBar bar = timeline_bar(size, hud_scale);
    return {{0, bar.box.top - 44 * u, size.width_px, size.height_px},  // legend + bar
            {0, 0, 460 * u, 150 * u},                                 // date block
            {size.width_px - 360 * u, 0, 360 * u, 190 * u}};          // figures
}

Camera Renderer::home_camera(const ScreenSize& size) const {
    MapBounds b = impl_->outline_bounds;
    return fit_camera(b, size, map_insets(size));
}

double Renderer::start_utc_s() const {
    const auto& d = timeline_.days();
    return d.empty() ? static_cast<double>(timeline_.start_utc_s()) : static_cast<double>(d.front().day_start.utc_s);
}
double Renderer::end_utc_s() const {
    const auto& d = timeline_.days();
    return d.empty() ? static_cast<double>(timeline_.end_utc_s())
                     : static_cast<double>(d.back().day_start.utc_s + kSecondsPerDay);
}

TimelineBar Renderer::timeline_bar(const ScreenSize& size, double hud_scale) const {
    double u = ui_scale(size) * hud_scale;
    TimelineBar bar;
    double h = 54 * u;
    bar.box = {40 * u, size.height_px - 36 * u - h, size.width_px - 80 * u, h};
    bar.t0_utc_s = start_utc_s();
    bar.t1_utc_s = end_utc_s();
    return bar;
}

namespace {

struct TextMaker {
    const sf::Font& regular;
    const sf::Font& bold;
    double u;
    sf::Text make(const std::string& utf8, double size, sf::Color col, bool is_bold = false) const {
        sf::Text t(sf::String::fromUtf8(utf8.begin(), utf8.end()), is_bold ? bold : regular,
                   static_cast<unsigned>(std::lround(size * u)));
        t.setFillColor(col);
        return t;
    }
};

void place(sf::Text& t, double x, double y) {
    // Position the text so that its visible bounds' top-left is at (x, y), on whole pixels.
    sf::FloatRect lb = t.getLocalBounds();
    t.setPosition(std::round(static_cast<float>(x) - lb.left), std::round(static_cast<float>(y) - lb.top));
}

sf::Vector2f bezier(sf::Vector2f a, sf::Vector2f c, sf::Vector2f b, float s) {
    float r = 1 - s;
    return a * (r * r) + c * (2 * r * s) + b * (s * s);
}

void rounded_rect(sf::RenderTarget& t, const Box& b, sf::Color fill, float radius) {
    // Feathered edges (no multisampling): a convex polygon with a one-pixel ramp.
    std::vector<sf::Vector2f> pts;
    constexpr int kArc = 6;
    auto x0 = static_cast<float>(b.left), y0 = static_cast<float>(b.top);
    auto x1 = static_cast<float>(b.right()), y1 = static_cast<float>(b.bottom());
    const sf::Vector2f centres[4] = {{x1 - radius, y0 + radius}, {x1 - radius, y1 - radius},
                                     {x0 + radius, y1 - radius}, {x0 + radius, y0 + radius}};
    for (int c = 0; c < 4; ++c)
        for (int i = 0; i <= kArc; ++i) {
            float a = (-90.f + 90.f * static_cast<float>(c) + 90.f * static_cast<float>(i) / kArc) * 3.14159265f / 180.f;
            pts.push_back(centres[c] + sf::Vector2f(std::cos(a), std::sin(a)) * radius);
        }
    std::vector<sf::Vertex> v;
    append_aa_convex(v, pts, fill);
    t.draw(v.data(), v.size(), sf::Triangles);
}

}  // namespace

void Renderer::draw(sf::RenderTarget& target, const FrameParams& p) {
    Impl& im = *impl_;
    const Dataset& data = timeline_.data();
    const double t = frame_time(p.t_utc_s);
    const ScreenSize size = p.size;
    const double u = ui_scale(size) * p.hud_scale;
    const Camera& cam = p.camera;
    const double window_s = p.time.mode == TimeMode::Window ? p.time.window_h * 3600.0 : 0.0;
    TextMaker tm{font_, bold_font_, u};

    target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.width_px), static_cast<float>(size.height_px))));
    target.clear(kBackground);
    sf::RenderStates map_states;
    map_states.transform = map_transform(cam, size, im.origin);

    bool shutdown = false;
    for (std::size_t i : im.shutdown_events)
        if (timeline_.is_active(i, t)) shutdown = true;
    // The shutdown greys the map out (not the events, which must stay readable).
    const double desat = shutdown ? 0.6 : 0.0;

    // Base map: fills (region tints follow the regions' states).
    bool changed = false;
    for (std::size_t r = 0; r < data.regions.size(); ++r) {
        sf::Color c = desaturate(state_tint(timeline_.region_state(static_cast<int>(r), t)), desat);
        if (c != im.region_colors[r]) {
            im.region_colors[r] = c;
            for (std::size_t k = im.region_ranges[r].first; k < im.region_ranges[r].second; ++k)
                im.region_vertices[k].color = c;
            changed = true;
        }
    }
    if (changed && !im.region_vertices.empty()) im.regions_fill.update(im.region_vertices.data());

    // Lines: widths are in screen pixels, so the strips are rebuilt when the scale changes.
    if (im.lines_px_per_m != cam.px_per_m || im.lines_u != u) {
        std::vector<sf::Vertex> v;
        // Feathered strips (antialiased by blending, not by multisampling): one pixel is
        // 1 / px_per_m map units.
        auto m_of = [&](double px) { return static_cast<float>(px / cam.px_per_m); };
        const float px = m_of(1.0);
        auto lines = [&](const std::vector<Polyline>& ls, double width_px, sf::Color c) {
            for (const auto& l : ls) append_aa_polyline(v, l.pts, m_of(width_px), px, c, l.closed, false);
        };
        lines(im.country_lines, std::max(0.8, 1.0 * u), kCountryLine);
        lines(im.water_lines, std::max(0.8, 1.0 * u), kWaterLine);
        lines(im.region_lines, std::max(0.7, 0.9 * u), kRegionLine);
        lines(im.outline_lines, 7 * u, kOutlineGlow);
        lines(im.outline_lines, std::max(1.4, 2.0 * u), kOutline);
        fill_buffer(im.lines, v);
        im.lines_px_per_m = cam.px_per_m;
        im.lines_u = u;
    }
    auto draw_base = [&](sf::RenderTarget& to) {
        to.draw(im.countries_fill, map_states);
        to.draw(im.water_fill, map_states);
        to.draw(im.regions_fill, map_states);
        to.draw(im.lines, map_states);
    };
    const auto W = static_cast<unsigned>(size.width_px), H = static_cast<unsigned>(size.height_px);
    if (im.cache_base && W > 0 && H > 0) {
        Impl::BaseKey key{cam.center_m.x, cam.center_m.y, cam.px_per_m, size.width_px, size.height_px, u, im.region_colors};
        if (!im.base_key || !(*im.base_key == key)) {
            if (!im.base_ok || im.base.getSize() != sf::Vector2u(W, H)) im.base_ok = im.base.create(W, H);
            if (im.base_ok) {
                im.base.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(W), static_cast<float>(H))));
                im.base.clear(kBackground);
                draw_base(im.base);
                im.base.display();
                im.base_key = std::move(key);
            }
        }
    }
    if (im.cache_base && im.base_ok && im.base_key) {
        sf::Sprite base(im.base.getTexture());
        target.draw(base, sf::RenderStates(sf::BlendNone));
    } else {
        draw_base(target);
    }

    auto to_screen = [&](const Vec2& m) {
        Vec2 s = map_to_screen(cam, size, m);
        return sf::Vector2f(static_cast<float>(s.x), static_cast<float>(s.y));
    };

    // Context labels: neighbouring countries and seas, kept clear of the HUD.
    const std::vector<Box> hud_boxes = hud_obstacles(size, p.hud_scale);
    for (const auto& c : data.countries) {
        sf::Vector2f s = to_screen(c.label_m);
        sf::Text tx = tm.make(upper_ascii(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru)), 13,
                              desaturate(kTextFaint, desat));
        tx.setLetterSpacing(2.2f);
        sf::FloatRect b = tx.getLocalBounds();
        Box box{s.x - b.width / 2, s.y - b.height / 2, b.width, b.height};
        if (box.left < 0 || box.top < 0 || box.right() > size.width_px || box.bottom() > size.height_px) continue;
        if (p.overlays.hud && std::any_of(hud_boxes.begin(), hud_boxes.end(), [&](const Box& h) { return overlaps(h, box); }))
            continue;
        place(tx, box.left, box.top);
        target.draw(tx);
    }
    for (const auto& w : data.water) {
        sf::Vector2f s = to_screen(w.label_m);
        sf::Text tx = tm.make(pick_name(p.lang, w.name_en, w.name_kk, w.name_ru), 13, sf::Color(70, 100, 140));
        tx.setStyle(sf::Text::Italic);
        sf::FloatRect b = tx.getLocalBounds();
        place(tx, s.x - b.width / 2, s.y - b.height / 2);
        target.draw(tx);
    }

    // The spread: an arc from the city it came from, drawn in the three hours before it arrives,
    // then kept as a faint trace.
    {
        constexpr double kDrawS = 3 * 3600.0;
        std::vector<sf::Vertex> v;
        for (const SpreadLink& l : timeline_.spread()) {
            if (l.from_city < 0) continue;
            double s = (t - (static_cast<double>(l.first_utc_s) - kDrawS)) / kDrawS;
            if (s <= 0) continue;
            s = std::min(1.0, s);
            sf::Vector2f a = to_screen(data.cities[static_cast<std::size_t>(l.from_city)].pos_m);
            sf::Vector2f b = to_screen(data.cities[static_cast<std::size_t>(l.city)].pos_m);
            sf::Vector2f d = b - a, n(-d.y * 0.18f, d.x * 0.18f);
            sf::Vector2f c = (a + b) * 0.5f + n;
            constexpr int kSeg = 40;
            int segs = std::max(1, static_cast<int>(std::ceil(kSeg * s)));
            std::vector<sf::Vector2f> pts;
            for (int i = 0; i <= segs; ++i)
                pts.push_back(bezier(a, c, b, static_cast<float>(s * i / segs)));
            double alpha = s < 1 ? 0.95 : 0.32;
            sf::Color col = desaturate(with_alpha(kSpread, alpha), desat * 0.5);
            append_aa_polyline(v, pts, static_cast<float>(std::max(1.0, (s < 1 ? 2.4 : 1.5) * u)), 1.f, col);
            if (s < 1) {  // the travelling head
                sf::Vector2f h = pts.back();
                append_aa_disc(v, h, static_cast<float>(5 * u) * 0.5f, desaturate(sf::Color(255, 230, 170), desat));
            }
        }
        if (!v.empty()) target.draw(v.data(), v.size(), sf::Triangles);
    }

    // Foreign troops: arcs flying in from beyond the map, the origin named at the screen edge.
    struct EdgeLabel { std::string name; sf::Vector2f at; sf::Text text; };
    std::vector<EdgeLabel> edge_labels;
    {
        std::vector<sf::Vertex> v;
        const sf::Color tc = category_color(Category::ForeignTroops);
        for (std::size_t i : im.troop_events) {
            const Event& e = data.events[i];
            double start = static_cast<double>(e.start.utc_s), end = static_cast<double>(timeline_.end_of(i));
            if (t < start || t > end + 6 * 3600.0) continue;
            double fly = std::min(10 * 3600.0, std::max(1.0, end - start));
            double s = std::clamp((t - start) / fly, 0.0, 1.0);
            bool withdrawal = e.movement == "withdrawal";
            Vec2 dest_m = e.city_index >= 0 ? data.cities[static_cast<std::size_t>(e.city_index)].pos_m : e.pos_m;
            sf::Vector2f o = to_screen(*e.origin_m), d = to_screen(dest_m);
            sf::Vector2f dd = d - o, n(dd.y * 0.12f, -dd.x * 0.12f);
            sf::Vector2f c = (o + d) * 0.5f + n;
            constexpr int kSeg = 60;
            std::vector<sf::Vector2f> pts;
            double from = withdrawal ? 1.0 - s : 0.0, to = withdrawal ? 1.0 : s;
            for (int k = 0; k <= kSeg; ++k)
                pts.push_back(bezier(o, c, d, static_cast<float>(from + (to - from) * k / kSeg)));
            double fade = t > end ? 1 - (t - end) / (6 * 3600.0) : 1.0;
            double alpha = (s < 1 ? 0.95 : 0.22) * fade;
            append_aa_polyline(v, pts, static_cast<float>(std::max(1.0, (s < 1 ? 2.4 : 1.4) * u)), 1.f,
                               desaturate(with_alpha(tc, alpha), desat * 0.5));
            if (s < 1) {
                sf::Vector2f h = withdrawal ? pts.front() : pts.back();
                append_aa_disc(v, h, static_cast<float>(6 * u) * 0.5f, sf::Color(200, 255, 245));
            }
            // The origin's label: where the full arc enters the map area (between the HUD bands),
            // placed later among the city labels.
            Box area{20 * u, 150 * u, size.width_px - 40 * u, timeline_bar(size, p.hud_scale).box.top - 60 * u - 150 * u};
            sf::Vector2f at = o;
            for (int k = 0; k <= kSeg; ++k) {
                sf::Vector2f q = bezier(o, c, d, static_cast<float>(k) / kSeg);
                if (q.x >= area.left && q.y >= area.top && q.x <= area.right() && q.y <= area.bottom()) { at = q; break; }
            }
            if (std::any_of(edge_labels.begin(), edge_labels.end(), [&](const EdgeLabel& l) { return l.name == e.origin_name; }))
                continue;
            std::string name = e.origin_name.empty() ? "abroad" : e.origin_name;
            sf::Text tx = tm.make((withdrawal ? "back to " : "from ") + name, 13, with_alpha(tc, std::max(0.0, fade) * (s < 1 ? 1.0 : 0.6)), true);
            tx.setOutlineColor(kBackground);
            tx.setOutlineThickness(static_cast<float>(2 * u));
            edge_labels.push_back({e.origin_name, at, tx});
        }
        if (!v.empty()) target.draw(v.data(), v.size(), sf::Triangles);
    }

    // Event markers.
    EventFrame ef;
    ef.t_utc_s = t;
    ef.window_s = window_s;
    ef.px_scale = u;
    ef.desaturate = shutdown ? 0.25 : 0.0;
    ef.target_px = {static_cast<float>(size.width_px), static_cast<float>(size.height_px)};
    im.events->draw(target, map_states, ef);

    // The internet-shutdown banner (top centre): laid out here so that labels keep clear of it.
    sf::Text banner_text = tm.make("INTERNET SHUT DOWN NATIONWIDE", 15, sf::Color(255, 235, 230), true);
    banner_text.setLetterSpacing(1.5f);
    const double banner_w = banner_text.getLocalBounds().width + 36 * u, banner_h = 34 * u;
    const Box banner_box{(size.width_px - banner_w) / 2, 30 * u, banner_w, banner_h};
    const bool show_banner = shutdown && p.overlays.hud;

    // Cities: markers by population, labels placed without overlaps, count badges.
    cities_on_screen_.clear();
    std::vector<int> per_city = im.events->visible_per_city(t, window_s, static_cast<int>(data.cities.size()));
    {
        std::vector<sf::Vertex> v;
        std::vector<Box> obstacles;
        std::vector<LabelRequest> req;
        std::vector<sf::Text> texts;
        if (p.overlays.hud) obstacles = hud_boxes;
        if (show_banner) obstacles.push_back(banner_box);
        obstacles.insert(obstacles.end(), p.overlays.obstacles.begin(), p.overlays.obstacles.end());
        if (p.overlays.selected_city >= 0 || p.overlays.selected_region >= 0) obstacles.push_back(panel_box(size));
        for (std::size_t ci = 0; ci < data.cities.size(); ++ci) {
            const City& c = data.cities[ci];
            sf::Vector2f s = to_screen(c.pos_m);
            double r = (1.6 + 1.1 * std::log10(static_cast<double>(std::max<std::int64_t>(c.population, 10000)) / 10000.0)) * u;
            CityOnScreen cs;
            cs.city = static_cast<int>(ci);
            cs.center_px = {s.x, s.y};
            cs.radius_px = r;
            cities_on_screen_.push_back(cs);
            obstacles.push_back({s.x - r, s.y - r, 2 * r, 2 * r});
            PlaceState st = timeline_.city_state(static_cast<int>(ci), t);
            bool hot = st == PlaceState::Protest || st == PlaceState::Violence;
            sf::Color fill = hot ? sf::Color(250, 246, 236) : sf::Color(178, 188, 204);
            // A dark rim, then the disc.
            std::vector<sf::Vector2f> d1{s - sf::Vector2f(static_cast<float>(r + 1.2 * u) * 0.5f, 0), s + sf::Vector2f(static_cast<float>(r + 1.2 * u) * 0.5f, 0)};
            auto disc = [&](float rr, sf::Color col) { append_aa_disc(v, s, rr, col, 1.f, -1, 20); };
            disc(static_cast<float>(r + 1.3 * u), sf::Color(8, 10, 16, 220));
            disc(static_cast<float>(r), desaturate(fill, desat));
            if (c.is_capital) disc(static_cast<float>(r * 0.45), sf::Color(8, 10, 16));
            if (!p.overlays.labels) continue;
            sf::Text tx = tm.make(pick_name(p.lang, c.name_en, c.name_kk, c.name_ru), hot ? 15.5 : 14,
                                  hot ? kText : kTextDim, hot);
            tx.setOutlineColor(sf::Color(8, 11, 18, 230));
            tx.setOutlineThickness(static_cast<float>(2.0 * u));
            sf::FloatRect b = tx.getLocalBounds();
            LabelRequest q;
            q.anchor_x_px = s.x;
            q.anchor_y_px = s.y;
            q.width_px = b.width;
            q.height_px = b.height;
            q.offset_px = r + 4 * u;
            q.priority = static_cast<double>(c.population) + (hot ? 1e8 : 0) + (c.is_capital ? 5e7 : 0) +
                         (static_cast<int>(ci) == p.overlays.selected_city ? 1e9 : 0);
            req.push_back(q);
            texts.push_back(tx);
        }
        target.draw(v.data(), v.size(), sf::Triangles);
        if (p.overlays.labels) {
            Box bounds{4, 4, size.width_px - 8, size.height_px - 8};
            auto placed = place_labels(req, obstacles, bounds, 3 * u);
            for (std::size_t k = 0; k < placed.size(); ++k) {
                if (!placed[k].placed) continue;
                place(texts[k], placed[k].box.left, placed[k].box.top);
                target.draw(texts[k]);
                cities_on_screen_[k].label = placed[k].box;
                obstacles.push_back(placed[k].box);
            }
        }
        // The troops' origins, clear of the city labels and of each other.
        std::vector<LabelRequest> ereq;
        for (const auto& l : edge_labels) {
            sf::FloatRect b = l.text.getLocalBounds();
            ereq.push_back({l.at.x, l.at.y, b.width, b.height, 6 * u, 0});
        }
        auto eplaced = place_labels(ereq, obstacles, Box{4, 4, size.width_px - 8, size.height_px - 8}, 3 * u);
        for (std::size_t k = 0; k < eplaced.size(); ++k) {
            Box b = eplaced[k].box;
            if (!eplaced[k].placed) {
                // Crowded edge: stack it below its anchor, clear of what is placed.
                const LabelRequest& q = ereq[k];
                b = {q.anchor_x_px + q.offset_px, q.anchor_y_px, q.width_px, q.height_px};
                b.left = std::min(b.left, size.width_px - b.width - 8);
                for (int step = 0; step < 12 && std::any_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return overlaps(o, b, 2); }); ++step)
                    b.top += q.height_px + 5 * u;
            }
            obstacles.push_back(b);
            place(edge_labels[k].text, b.left, b.top);
            target.draw(edge_labels[k].text);
        }
        // Count badges: several events visible at one city.
        for (std::size_t ci = 0; ci < per_city.size(); ++ci) {
            if (per_city[ci] < 2) continue;
            const auto& cs = cities_on_screen_[ci];
            sf::Text tx = tm.make(std::to_string(per_city[ci]), 11.5, sf::Color(20, 16, 10), true);
            sf::FloatRect b = tx.getLocalBounds();
            double w = std::max<double>(b.width + 8 * u, 17 * u), h = 15 * u;
            double x = cs.center_px.x + 7 * u, y = cs.center_px.y - 7 * u - h;
            rounded_rect(target, {x, y, w, h}, desaturate(sf::Color(255, 214, 140, 235), desat), static_cast<float>(h / 2));
            place(tx, x + (w - b.width) / 2, y + (h - b.height) / 2);
            target.draw(tx);
        }
    }

    // The internet shutdown: a grey veil over the map and a banner.
    if (shutdown) {
        sf::RectangleShape veil({static_cast<float>(size.width_px), static_cast<float>(size.height_px)});
        veil.setFillColor(sf::Color(40, 44, 52, 70));
        target.draw(veil);
    }

    if (p.overlays.hud) {
        // Date block (top left).
        const std::int32_t off = timeline_.display_offset_s();
        auto local = static_cast<std::int64_t>(std::floor(t)) + off;
        std::int64_t day = (local >= 0 ? local : local - 86399) / 86400;
        Ymd ymd = civil(day);
        std::int64_t sod = local - day * 86400;
        char hm[32];
        std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60));
        double x = 40 * u, y = 34 * u;
        sf::Text h1 = tm.make("KAZAKHSTAN  \xC2\xB7  JANUARY 2022 UNREST", 13, kTextFaint, true);
        h1.setLetterSpacing(1.6f);
        place(h1, x, y);
        target.draw(h1);
        y += 26 * u;
        sf::Text date = tm.make(std::string(kWeekdays[ymd.weekday]) + " " + std::to_string(ymd.d) + " " +
                                    kMonths[ymd.m - 1] + " " + std::to_string(ymd.y), 34, kText, true);
        place(date, x, y);
        target.draw(date);
        y += 52 * u;
        sf::Text tod = tm.make(std::string(hm) + "  local time (UTC" + format_utc_offset(off).substr(0, 3) + ")", 18, kTextDim);
        place(tod, x, y);
        target.draw(tod);
        y += 30 * u;
        int dn = timeline_.unrest_day(t);
        sf::Text dtext = tm.make(dn > 0 ? "Day " + std::to_string(dn) + " of the unrest" : "Before the unrest", 18,
                                 dn > 0 ? kAccent : kTextDim, true);
        place(dtext, x, y);
        target.draw(dtext);

        // National figures (top right).
        TallyAt ta = timeline_.tally_at(t);
        double rx = size.width_px - 40 * u;
        double ry = 34 * u;
        sf::Text ft = tm.make("OFFICIAL NATIONAL FIGURES", 13, kTextFaint, true);
        ft.setLetterSpacing(1.6f);
        place(ft, rx - ft.getLocalBounds().width, ry);
        target.draw(ft);
        ry += 28 * u;
        // Each figure with who announced it and when: announcements differ in what they count.
        struct Row { const char* label; Count v; int entry; sf::Color c; };
        const Row rows[] = {{"killed", ta.killed, ta.killed_entry, sf::Color(255, 110, 96)},
                            {"security forces killed", ta.security_killed, ta.security_killed_entry,
                             sf::Color(255, 140, 120)},
                            {"injured", ta.injured, ta.injured_entry, sf::Color(255, 190, 110)},
                            {"detained", ta.detained, ta.detained_entry, sf::Color(150, 170, 255)}};
        bool any = false;
        for (const Row& r : rows) {
            if (!r.v) continue;
            any = true;
            sf::Text lab = tm.make(r.label, 15, kTextDim);
            sf::Text num = tm.make(with_thousands(*r.v), 28, r.c, true);
            double lw = lab.getLocalBounds().width;
            place(lab, rx - lw, ry + 10 * u);
            place(num, rx - lw - 10 * u - num.getLocalBounds().width, ry);
            target.draw(num);
            target.draw(lab);
            ry += 34 * u;
            if (r.entry >= 0) {
                const TallyEntry& te = data.tally[static_cast<std::size_t>(r.entry)];
                std::string src = format_human(te.announced_at);
                src.resize(src.size() - 6);  // the date; the hour of many announcements is not known
                if (!te.announced_by.empty()) src += " \u00B7 " + te.announced_by;
                if (!te.source_keys.empty()) src += " [" + te.source_keys + "]";
                sf::Text st = tm.make(src, 12, kTextFaint);
                place(st, rx - st.getLocalBounds().width, ry);
                target.draw(st);
                ry += 22 * u;
            }
        }
        if (!any) {
            sf::Text none = tm.make("none announced yet", 15, kTextDim);
            place(none, rx - none.getLocalBounds().width, ry);
            target.draw(none);
            ry += 26 * u;
        }

        // Internet shutdown banner (top centre).
        if (shutdown) {
            rounded_rect(target, banner_box, sf::Color(150, 40, 40, 220), static_cast<float>(banner_h / 2));
            place(banner_text, banner_box.left + 18 * u, banner_box.top + (banner_h - banner_text.getLocalBounds().height) / 2);
            target.draw(banner_text);
        }

        // Timeline bar: per-day histogram stacked by category, the window, the playhead.
        TimelineBar bar = timeline_bar(size, p.hud_scale);
        const bool show_bar = p.overlays.timeline;  // hidden: only the legend stays, lower down
        const auto& days = timeline_.days();
        int max_count = 1;
        for (const auto& d : days) max_count = std::max(max_count, d.count);
        sf::RectangleShape bg({static_cast<float>(bar.box.width), static_cast<float>(bar.box.height)});
        bg.setPosition(static_cast<float>(bar.box.left), static_cast<float>(bar.box.top));
        bg.setFillColor(sf::Color(18, 23, 33, 200));
        if (show_bar) target.draw(bg);
        if (show_bar && window_s > 0) {
            double x0 = std::max(bar.box.left, bar.x_of(t - window_s)), x1 = bar.x_of(t);
            sf::RectangleShape w({static_cast<float>(std::max(0.0, x1 - x0)), static_cast<float>(bar.box.height)});
            w.setPosition(static_cast<float>(x0), static_cast<float>(bar.box.top));
            w.setFillColor(sf::Color(255, 255, 255, 22));
            target.draw(w);
        }
        std::vector<sf::Vertex> hv;
        for (const auto& d : days) {
            double dx0 = bar.x_of(static_cast<double>(d.day_start.utc_s)) + 1.5 * u;
            double dx1 = bar.x_of(static_cast<double>(d.day_start.utc_s + kSecondsPerDay)) - 1.5 * u;
            bool past = static_cast<double>(d.day_start.utc_s) <= t;
            double yb = bar.box.bottom();
            for (int c = 0; c < kCategoryCount; ++c) {
                int n = d.count_by_category[c];
                if (n <= 0) continue;
                double h = (bar.box.height - 6 * u) * n / max_count;
                sf::Color col = category_color(static_cast<Category>(c));
                col = past ? col : mix(col, sf::Color(30, 36, 48), 0.7);
                auto X0 = static_cast<float>(dx0), X1 = static_cast<float>(dx1);
                auto Y0 = static_cast<float>(yb - h), Y1 = static_cast<float>(yb);
                hv.insert(hv.end(), {{{X0, Y0}, col}, {{X1, Y0}, col}, {{X0, Y1}, col},
                                     {{X1, Y0}, col}, {{X1, Y1}, col}, {{X0, Y1}, col}});
                yb -= h;
            }
            Ymd dd = civil((d.day_start.utc_s + d.day_start.offset_s) / 86400);
            sf::Text lab = tm.make(std::to_string(dd.d) + (dd.d == 1 || &d == &days.front() ? " Jan" : ""), 11.5,
                                   past ? kTextDim : kTextFaint);
            place(lab, (dx0 + dx1) / 2 - lab.getLocalBounds().width / 2, bar.box.bottom() + 6 * u);
            if (show_bar) target.draw(lab);
        }
        if (show_bar && !hv.empty()) target.draw(hv.data(), hv.size(), sf::Triangles);
        double px = bar.x_of(t);
        if (show_bar) {  // the playhead, feathered so that it moves smoothly between pixels
            std::vector<sf::Vertex> head;
            append_aa_polyline(head, {{static_cast<float>(px), static_cast<float>(bar.box.top - 5 * u)},
                                      {static_cast<float>(px), static_cast<float>(bar.box.bottom() + 5 * u)}},
                               static_cast<float>(2 * u), 1.f, sf::Color::White, false, false);
            target.draw(head.data(), head.size(), sf::Triangles);
        }

        // Legend (above the bar, left) and playback state (right).
        double lx = bar.box.left, ly = show_bar ? bar.box.top - 34 * u : bar.box.bottom() - 16 * u;
        std::vector<sf::Vertex> dots;
        for (Category c : {Category::PeacefulProtest, Category::Riot, Category::SecurityOperation,
                           Category::PoliticalDecision, Category::ForeignTroops}) {
            sf::Color col = category_color(c);
            float cx = static_cast<float>(lx + 6 * u), cy = static_cast<float>(ly + 8 * u), r = static_cast<float>(5 * u);
            append_aa_disc(dots, {cx, cy}, r, col, 1.f, -1, 20);
            sf::Text lab = tm.make(std::string(category_label(c)), 13, kTextDim);
            place(lab, lx + 16 * u, ly + 8 * u - lab.getLocalBounds().height / 2 - 1 * u);
            target.draw(lab);
            lx += 16 * u + lab.getLocalBounds().width + 22 * u;
        }
        target.draw(dots.data(), dots.size(), sf::Triangles);
        lx += 14 * u;
        for (PlaceState st : {PlaceState::Protest, PlaceState::Violence, PlaceState::Emergency}) {
            sf::RectangleShape sw({static_cast<float>(16 * u), static_cast<float>(12 * u)});
            sw.setPosition(static_cast<float>(lx), static_cast<float>(ly + 2 * u));
            sw.setFillColor(mix(state_tint(st), sf::Color::White, 0.08));
            sw.setOutlineColor(kRegionLine);
            sw.setOutlineThickness(static_cast<float>(u));
            target.draw(sw);
            std::string label = st == PlaceState::Emergency ? "State of emergency" : st == PlaceState::Violence ? "Region: violence" : "Region: protest";
            sf::Text lab = tm.make(label, 13, kTextDim);
            place(lab, lx + 22 * u, ly + 8 * u - lab.getLocalBounds().height / 2 - 1 * u);
            target.draw(lab);
            lx += 22 * u + lab.getLocalBounds().width + 22 * u;
        }
        char sp[96];
        std::snprintf(sp, sizeof sp, "%s  \xC2\xB7  %g s per day  \xC2\xB7  %s", p.playing ? "Playing" : "Paused",
                      p.seconds_per_day,
                      window_s > 0 ? ("last " + std::to_string(static_cast<int>(p.time.window_h)) + " h").c_str() : "cumulative");
        std::string state = sp;
        if (!p.overlays.controls) state = state.substr(state.find("  \xC2\xB7  ") + 6);  // no play state
        if (!shader_) state += "  \xC2\xB7  plain markers";
        if (p.overlays.controls) state += "  \xC2\xB7  H: help";
        sf::Text st = tm.make(state, 13, kTextFaint);
        place(st, bar.box.right() - st.getLocalBounds().width, ly + 8 * u - st.getLocalBounds().height / 2 - 1 * u);
        target.draw(st);
    }

    if (!p.overlays.caption.empty()) {
        sf::Text c = tm.make(p.overlays.caption, 22, kText);
        double w = c.getLocalBounds().width + 40 * u, h = c.getLocalBounds().height + 28 * u;
        Box b{(size.width_px - w) / 2, size.height_px - 260 * u, w, h};
        rounded_rect(target, b, kPanel, static_cast<float>(10 * u));
        place(c, b.left + 20 * u, b.top + 14 * u);
        target.draw(c);
    }
    // Issue 4: the focus ring, the selection, its details panel and the hover tooltip.
    auto city_on_screen = [&](int c) -> const CityOnScreen* {
        return c >= 0 && static_cast<std::size_t>(c) < cities_on_screen_.size() ? &cities_on_screen_[static_cast<std::size_t>(c)] : nullptr;
    };
    if (const CityOnScreen* f = city_on_screen(p.overlays.focus_city); f && p.overlays.focus_city != p.overlays.selected_city)
        draw_selection_ring(target, f->center_px, f->radius_px, u, true);
    if (const CityOnScreen* s = city_on_screen(p.overlays.selected_city)) draw_selection_ring(target, s->center_px, s->radius_px, u, false);
    if (p.overlays.selected_region >= 0 && static_cast<std::size_t>(p.overlays.selected_region) < data.regions.size()) {
        std::vector<sf::Vertex> v;  // the selected region's outline, in the accent colour
        for (const auto& ring : rings_of(data.regions[static_cast<std::size_t>(p.overlays.selected_region)].polygons_m, im.origin)) {
            std::vector<sf::Vector2f> pts;
            for (const auto& q : ring) pts.push_back(map_states.transform.transformPoint(q));
            append_aa_polyline(v, pts, static_cast<float>(2.4 * u), 1.f, kAccent, true);
        }
        if (!v.empty()) target.draw(v.data(), v.size(), sf::Triangles);
    }
    panel_layout_ = {};
    Selection sel = p.overlays.selected_city >= 0 ? Selection{Selection::Kind::City, p.overlays.selected_city}
                    : p.overlays.selected_region >= 0 ? Selection{Selection::Kind::Region, p.overlays.selected_region} : Selection{};
    if (!sel.empty()) panel_layout_ = draw_panel(target, details_for(timeline_, sel, t), font_, bold_font_, size, p.overlays.panel_scroll_px);
    Selection hover = p.overlays.hover_city >= 0 ? Selection{Selection::Kind::City, p.overlays.hover_city}
                      : p.overlays.hover_region >= 0 ? Selection{Selection::Kind::Region, p.overlays.hover_region} : Selection{};
    if (!hover.empty() && hover != sel)  // the panel already tells all about the selection
        draw_tooltip(target, tooltip_lines(timeline_, hover, t), font_, bold_font_, size, p.overlays.hover_px,
                     panel_layout_.open ? &panel_layout_.box : nullptr);

    if (!p.overlays.notice.empty()) {
        sf::Text c = tm.make(p.overlays.notice, 16, kText);
        double w = c.getLocalBounds().width + 30 * u, h = c.getLocalBounds().height + 20 * u;
        Box b{(size.width_px - w) / 2, 90 * u, w, h};
        rounded_rect(target, b, kPanel, static_cast<float>(h / 2));
        place(c, b.left + 15 * u, b.top + 10 * u);
        target.draw(c);
    }
    if (p.overlays.help) {
        static const char* const kKeys[][2] = {
            {"Space", "play / pause"},
            {"Left / Right", "one day back / forward"},
            {"Shift + Left / Right", "one hour back / forward"},
            {"Home / End", "start / end"},
            {"+ / -", "faster / slower"},
            {"Click or drag the timeline", "go to that moment"},
            {"Mouse wheel", "zoom at the cursor"},
            {"Drag the map", "pan"},
            {"R", "reset the view"},
            {"F or F11", "full screen"},
            {"L", "city labels on / off"},
            {"M", "moving window / cumulative"},
            {"Click a city or region", "its details, with sources"},
            {"Tab / Shift+Tab, Enter", "cycle cities in spread order, open"},
            {"C", "copy the details with their sources"},
            {"E", "export this moment (GeoPackage)"},
            {"H or ?", "this help"},
            {"Esc", "close the help or panel (or quit)"},
        };
        // Rows tighten so the whole list fits a short window.
        double w = 560 * u, n_keys = static_cast<double>(std::size(kKeys));
        double row = std::clamp((size.height_px - 40 * u - 90 * u) / n_keys, 18 * u, 30 * u);
        double h = 90 * u + row * n_keys;
        Box b{(size.width_px - w) / 2, (size.height_px - h) / 2, w, h};
        rounded_rect(target, b, sf::Color(12, 16, 25, 240), static_cast<float>(14 * u));
        sf::Text title = tm.make("Keys", 22, kText, true);
        place(title, b.left + 30 * u, b.top + 26 * u);
        target.draw(title);
        double y = b.top + 72 * u;
        for (const auto& k : kKeys) {
            sf::Text a = tm.make(k[0], 15, kAccent, true), d = tm.make(k[1], 15, kText);
            place(a, b.left + 30 * u, y);
            place(d, b.left + 290 * u, y);
            target.draw(a);
            target.draw(d);
            y += row;
        }
    }
}

}  // namespace qantar::render
