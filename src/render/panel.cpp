// The details panel and tooltip (see panel.hpp).
#include "panel.hpp"

#include "event_style.hpp"
#include "palette.hpp"
#include "shapes.hpp"
#include "text_wrap.hpp"
#include "renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace qantar::render {

namespace {

// Upcoming events: pulled towards the panel's background so they read as "not yet".
sf::Color dim(sf::Color c, bool dimmed) { return dimmed ? mix(c, sf::Color(kPanelBase.r, kPanelBase.g, kPanelBase.b, c.a), 0.58) : c; }

sf::Color state_color(PlaceState s) {
    switch (s) {
        case PlaceState::Calm: return {120, 132, 150};
        case PlaceState::Emergency: return {190, 110, 255};
        case PlaceState::Protest: return {255, 184, 64};
        case PlaceState::Violence: return {255, 72, 56};
    }
    return kPanelTextDim;
}

// Content built top to bottom in panel-content coordinates, then drawn through a clipping view.
struct Builder {
    const sf::Font& regular;
    const sf::Font& bold;
    double u;
    double width;  // content width
    double y = 0;
    std::vector<std::unique_ptr<sf::Drawable>> ops;
    // false: only advance y (a row off screen is measured, not built); ops are recorded when true.
    bool record = true;
    sf::Text scratch{};
    std::map<std::pair<unsigned, bool>, GlyphAdvances> glyphs{};  // by pixel size and boldness

    const GlyphAdvances& glyphs_of(unsigned size_px, bool is_bold) {
        auto key = std::make_pair(size_px, is_bold);
        auto it = glyphs.find(key);
        if (it == glyphs.end()) it = glyphs.emplace(key, GlyphAdvances(is_bold ? bold : regular, size_px, is_bold)).first;
        return it->second;
    }

    unsigned px(double s) const { return static_cast<unsigned>(std::max(8L, std::lround(s * u))); }

    void add(std::unique_ptr<sf::Drawable> op) {
        if (record) ops.push_back(std::move(op));
    }

    sf::Text& text_at(const sf::String& s, double x, double yy, double size, sf::Color col, bool is_bold) {
        if (!record) return scratch;  // measured by the caller where it matters (wrap_text)
        auto t = std::make_unique<sf::Text>(s, is_bold ? bold : regular, px(size));
        t->setFillColor(col);
        t->setPosition(std::round(static_cast<float>(x)), std::round(static_cast<float>(yy)));
        sf::Text& ref = *t;
        ops.push_back(std::move(t));
        return ref;
    }
    // A wrapped paragraph starting at x (lines after the first start at x too).
    void para(const std::string& utf8, double x, double size, sf::Color col, bool is_bold = false, double gap = 0) {
        if (utf8.empty()) return;
        const sf::Font& f = is_bold ? bold : regular;
        double lh = f.getLineSpacing(px(size)) * 1.08;
        const GlyphAdvances& g = glyphs_of(px(size), is_bold);
        if (!record) {
            // Line by line, as the lines are placed below (the same sum to the last bit).
            for (std::size_t n = wrap_line_count(g, utf8, width - x); n > 0; --n) y += lh;
        } else {
            for (const sf::String& line : wrap_text(g, utf8, width - x)) {
                text_at(line, x, y, size, col, is_bold);
                y += lh;
            }
        }
        y += gap * u;
    }
    double text_w(const std::string& utf8, double size, bool is_bold) {
        return glyphs_of(px(size), is_bold).width(sf::String::fromUtf8(utf8.begin(), utf8.end()));
    }
    // A pill with text, at (x, y); returns its width.
    double pill(const std::string& utf8, double x, double yy, double size, sf::Color fill, sf::Color ink) {
        double w = text_w(utf8, size, true) + 14 * u, h = regular.getLineSpacing(px(size)) + 4 * u;
        if (record) ops.push_back(rounded_shape({x, yy, w, h}, fill, static_cast<float>(h / 2)));
        text_at(sf::String::fromUtf8(utf8.begin(), utf8.end()), x + 7 * u, yy + 1.5 * u, size, ink, true);
        return w;
    }
    double pill_h(double size) const { return regular.getLineSpacing(px(size)) + 4 * u; }
    void rule(double x0, double x1, sf::Color col, double thick = 1) {
        if (!record) return;
        auto r = std::make_unique<sf::RectangleShape>(sf::Vector2f(static_cast<float>(x1 - x0), static_cast<float>(std::max(1.0, thick * u))));
        r->setPosition(static_cast<float>(x0), std::round(static_cast<float>(y)));
        r->setFillColor(col);
        ops.push_back(std::move(r));
    }
    void disc(double cx, double cy, double r, sf::Color col) {
        if (!record) return;
        auto c = std::make_unique<sf::CircleShape>(static_cast<float>(r), 20);
        c->setOrigin(static_cast<float>(r), static_cast<float>(r));
        c->setPosition(static_cast<float>(cx), static_cast<float>(cy));
        c->setFillColor(col);
        ops.push_back(std::move(c));
    }
    void heading(const std::string& s) {
        sf::Text& t = text_at(sf::String::fromUtf8(s.begin(), s.end()), 0, y, 12, kPanelTextFaint, true);
        t.setLetterSpacing(1.5f);
        y += regular.getLineSpacing(px(12)) + 6 * u;
    }
};

// The states as the pills name them (upper_copy of place_state_label), for the catalogue.
[[maybe_unused]] const char* const kStatePills[] = {N_("CALM"), N_("PROTEST"), N_("VIOLENCE"), N_("STATE OF EMERGENCY")};

std::string upper_copy(std::string s) {
    for (auto& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::string short_moment(const std::string& human) {
    // "5 Jan 2022 18:00" -> "5 Jan 18:00"
    auto sp1 = human.find(' '), sp2 = sp1 == std::string::npos ? sp1 : human.find(' ', sp1 + 1);
    auto sp3 = sp2 == std::string::npos ? sp2 : human.find(' ', sp2 + 1);
    if (sp3 == std::string::npos) return human;
    return human.substr(0, sp2) + human.substr(sp3);
}

}  // namespace


double panel_scale(const ScreenSize& size) { return std::max(0.8, ui_scale(size)); }

Box panel_box(const ScreenSize& size) {
    double u = panel_scale(size);
    double w = std::min(std::max(470 * u, 300.0), size.width_px * 0.45);
    double right = 24 * u;
    // Full height on the right: it covers the national figures while open (the panel has the
    // place's own totals), which keeps it clear of however tall that block grows.
    double top = 24 * u;
    double bottom = size.height_px - (36 + 54 + 44 + 12) * u;  // above the legend and timeline bar
    if (bottom - top < 160) top = std::max(8.0, bottom - 160);
    return {std::round(size.width_px - right - w), std::round(top), std::round(w), std::round(std::max(40.0, bottom - top))};
}

double free_width_px(const ScreenSize& size) { return std::max(1.0, panel_box(size).left - 8 * panel_scale(size)); }

Camera beside_panel(const Camera& fitted, const ScreenSize& size, double free_w) {
    Camera c = fitted;
    c.centre_m.x = fitted.centre_m.x + (size.width_px - free_w) / 2 / fitted.px_per_m;
    return c;
}

namespace {

// The names (in the frame's language, then the other two with their language codes) and the subtitle.
void add_names(Builder& b, const Details& d, const Language& words) {
    const double u = b.u;
    const sf::Font& regular = b.regular;
    const std::string& lang = words.code();
    b.para(name_in(lang, d.name_en, d.name_kk, d.name_ru), 0, 26, kText, true, 2);
    // The other languages' names, each with its language code.
    double x = 0;
    for (const auto& [code, name] : {std::pair<const char*, const std::string*>{"EN", &d.name_en}, {"KK", &d.name_kk},
                                     {"RU", &d.name_ru}}) {
        if (name->empty() || (lang == "en" && std::string_view(code) == "EN") || (lang == "kk" && std::string_view(code) == "KK") ||
            (lang == "ru" && std::string_view(code) == "RU"))
            continue;
        double cw = b.text_w(code, 10, true), nw = b.text_w(*name, 16, false);
        if (x > 0 && x + cw + 6 * u + nw > b.width) {
            x = 0;
            b.y += regular.getLineSpacing(b.px(16)) + 2 * u;
        }
        b.text_at(code, x, b.y + 4 * u, 10, kPanelTextFaint, true);
        b.text_at(sf::String::fromUtf8(name->begin(), name->end()), x + cw + 6 * u, b.y, 16, kPanelTextDim, false);
        x += cw + 6 * u + nw + 18 * u;
    }
    if (x > 0) b.y += regular.getLineSpacing(b.px(16)) + 4 * u;
    b.para(d.subtitle, 0, 13.5, kPanelTextDim, false, 10);
}

// The state at the moment, as pills, and the moment itself.
void add_state(Builder& b, const Details& d, const Language& words) {
    const double u = b.u;
    sf::Color sc = state_color(d.state);
    double x = b.pill(words.tr(upper_copy(std::string(place_state_label(d.state)))), 0, b.y, 11.5, mix(sc, kPanelBase, 0.25),
                      kPillText);
    if (d.emergency && d.state != PlaceState::Emergency)
        x += 6 * u + b.pill(words.tr("STATE OF EMERGENCY"), x + 6 * u, b.y, 11.5, state_color(PlaceState::Emergency), kPillText);
    std::string at = words.tr("at {0} ({1})", {d.moment_local, d.moment_offset});
    double ph = b.pill_h(11.5);
    if (x + 8 * u + b.text_w(at, 12.5, false) <= b.width) {
        b.text_at(sf::String::fromUtf8(at.begin(), at.end()), x + 8 * u, b.y + 2.5 * u, 12.5, kPanelTextDim, false);
        b.y += ph + 12 * u;
    } else {
        b.y += ph + 4 * u;
        b.para(at, 0, 12.5, kPanelTextDim, false, 8);
    }
}

// How the unrest reached a city; a region lists its cities.
void add_spread(Builder& b, const Details& d, const Language& words) {
    if (d.selection.kind == Selection::Kind::City) {
        if (d.spread) {
            const SpreadInfo& s = *d.spread;
            std::string txt;
            if (s.root) txt = words.tr("The unrest began here, {0} ({1}).", {s.when_local, s.utc_offset});
            else {
                char h[48];
                std::snprintf(h, sizeof h, "%.0f", s.after_root_h);
                txt = words.tr(s.reached_by_t ? N_("Unrest reached it {0} ({1}), {2} h after {3}.")
                                              : N_("Unrest will reach it {0} ({1}), {2} h after {3}."),
                               {s.when_local, s.utc_offset, h, s.root_name}) +
                      " " + spread_nearest_text(s, words);
            }
            b.para(txt, 0, 14.5, s.reached_by_t ? kText : kPanelTextDim, false, 12);
        } else {
            b.para(words.tr("No protest or riot recorded here."), 0, 14.5, kPanelTextDim, false, 12);
        }
    } else if (!d.cities.empty()) {
        std::string cs = words.tr("Cities: ");
        for (std::size_t i = 0; i < d.cities.size(); ++i) cs += (i ? ", " : "") + d.cities[i];
        b.para(cs, 0, 14, kPanelTextDim, false, 12);
    }
}

// The totals so far, in four columns (two rows on a narrow panel).
void add_totals(Builder& b, const Details& d, const Language& words) {
    const double u = b.u;
    const sf::Font& regular = b.regular;
    b.heading(words.tr("SO FAR"));
    struct Col { const char* label; Count v; sf::Color c; };
    const Col cols[] = {{N_("participants"), d.totals.participants, kParticipants},
                        {N_("injured"), d.totals.injured, kInjured},
                        {N_("killed"), d.totals.killed, kKilled},
                        {N_("detained"), d.totals.detained, kDetained}};
    double cw = b.width / 4;
    bool two_rows = cw < 70 * u + 20;
    double x = 0, row_top = b.y, nh = regular.getLineSpacing(b.px(21));
    for (int k = 0; k < 4; ++k) {
        const Col& c = cols[k];
        std::string v = c.v ? words.number(*c.v) : "\xE2\x80\x94";
        b.text_at(sf::String::fromUtf8(v.begin(), v.end()), x, row_top, 21, c.v ? c.c : kPanelTextFaint, true);
        const std::string& label = words.tr(c.label);
        b.text_at(sf::String::fromUtf8(label.begin(), label.end()), x, row_top + nh + 1 * u, 11.5, kPanelTextDim, false);
        x += two_rows ? b.width / 2 : cw;
        if (two_rows && k == 1) {
            x = 0;
            row_top += nh + regular.getLineSpacing(b.px(11.5)) + 10 * u;
        }
    }
    b.y = row_top + nh + regular.getLineSpacing(b.px(11.5)) + 16 * u;
}

// One event row, and the "now" rule above it when it is the first later event (its content y
// goes to now_y_px).
void add_event_row(Builder& b, const Details& d, std::size_t i, double& now_y_px, const Language& words) {
    const double u = b.u;
    const sf::Font& regular = b.regular;
    const DetailsEvent& e = d.events[i];
    const bool dimmed = !e.past;
    if (i == d.past_count) {  // the "now" line between the past and what is to come
        now_y_px = b.y;
        double ty = b.y;
        // English shortens "5 Jan 2022 18:00" to "5 Jan 18:00"; other languages keep their format whole.
        std::string now = words.tr("NOW") + "  \xC2\xB7  " + (words.code() == "en" ? short_moment(d.moment_local) : d.moment_local);
        b.y += 7 * u;
        b.rule(0, b.width, mix(kAccent, kPanelBase, 0.35), 1.5);
        double tw = b.text_w(now, 11, true) + 12 * u;
        b.add(rounded_shape({b.width - tw, ty, tw, 15 * u}, kPanelBase, 3));
        sf::Text& tt = b.text_at(sf::String::fromUtf8(now.begin(), now.end()), b.width - tw + 6 * u, ty + 0.5 * u, 11, kAccent, true);
        tt.setLetterSpacing(1.2f);
        b.y = ty + 22 * u;
    }
    const double x0 = 16 * u;
    const sf::Color cc = from_rgb(e.category_rgb);
    double top = b.y;
    // Time, and where it is for region panels.
    std::string when = e.when_local + "  " + e.utc_offset;
    sf::Text& tt = b.text_at(sf::String::fromUtf8(when.begin(), when.end()), x0, b.y, 14, dim(kText, dimmed), true);
    double tx = x0 + tt.getLocalBounds().width + tt.getLocalBounds().left;
    if (!e.past) {
        const std::string& later_pill = words.tr("LATER");
        b.pill(later_pill, b.width - b.text_w(later_pill, 10, true) - 14 * u, b.y + 1 * u, 10, kLaterPill, kPanelTextDim);
    } else if (e.active) {
        const std::string& ongoing = words.tr("ONGOING");
        b.pill(ongoing, b.width - b.text_w(ongoing, 10, true) - 14 * u, b.y + 1 * u, 10,
               mix(cc, kPanelBase, 0.2), kPillText);
    }
    (void)tx;
    b.y += regular.getLineSpacing(b.px(14)) + 3 * u;
    b.disc(x0 / 2 - 1 * u, top + regular.getLineSpacing(b.px(14)) * 0.55, 5 * u, dim(cc, dimmed));
    // Category chip and place.
    double cw = b.pill(e.category_label, x0, b.y, 11.5, dim(mix(cc, kPanelBase, 0.15), dimmed),
                       kPillText);
    double after = x0 + cw + 8 * u;
    std::string place = e.place;
    if (!e.time_note.empty()) place += (place.empty() ? "" : "  \xC2\xB7  ") + e.time_note;
    if (!place.empty() && after + b.text_w(place, 12.5, false) <= b.width)
        b.text_at(sf::String::fromUtf8(place.begin(), place.end()), after, b.y + 1.5 * u, 12.5, dim(kPanelTextDim, dimmed), false);
    b.y += b.pill_h(11.5) + 6 * u;
    if (!place.empty() && after + b.text_w(place, 12.5, false) > b.width) b.para(place, x0, 12.5, dim(kPanelTextDim, dimmed), false, 4);
    b.para(e.description, x0, 14, dim(kEventText, dimmed), false, 4);
    if (!e.figures.empty()) b.para(e.figures, x0, 13.5, dim(kEventFigures, dimmed), true, 4);
    if (e.disputed) {
        b.y += 2 * u;
        b.pill(words.tr("DISPUTED"), x0, b.y, 10.5, dim(kDisputed, dimmed), kDisputedText);
        b.y += b.pill_h(10.5) + 3 * u;
        b.para(e.disputed_note.empty() ? words.tr("The figures are disputed.") : e.disputed_note, x0, 13,
               dim(kDisputedNote, dimmed), false, 4);
    }
    // Citations as a person would give them (outlet, date), from the sources table; without
    // one, the event's own source text. Never the raw keys.
    const std::vector<std::string>& cites = e.citations;
    std::string src = words.tr("Sources: ");
    if (cites.empty()) src += e.source;
    for (std::size_t k = 0; k < cites.size(); ++k) src += (k ? " \xC2\xB7 " : "") + cites[k];
    b.para(src, x0, 12, dim(kPanelTextFaint, dimmed), false, 0);
    // A left rule joins the event's lines to its dot.
    auto bar = std::make_unique<sf::RectangleShape>(sf::Vector2f(static_cast<float>(std::max(1.0, 1.5 * u)),
                                                                 static_cast<float>(std::max(0.0, b.y - top - 22 * u))));
    bar->setPosition(static_cast<float>(x0 / 2 - 1.75 * u), static_cast<float>(top + 20 * u));
    bar->setFillColor(dim(mix(cc, kPanelBase, 0.6), dimmed));
    b.add(std::move(bar));
    b.y += 10 * u;
    if (i + 1 < d.events.size() && i + 1 != d.past_count) {
        b.rule(x0, b.width, kRule);
        b.y += 12 * u;
    }
}

// The rows a panel lists: at most kPanelRows, those nearest the moment (half before the "now"
// rule, half after, more on one side when the other has fewer), so that a place with ten thousand
// events opens as fast as one with a hundred. The clipboard copy (C) keeps them all.
constexpr std::size_t kPanelRows = 200;

struct RowSpan {
    std::size_t first = 0, last = 0;  // d.events[first, last) are listed
    std::vector<double> tops;         // content y of each listed row's top, then of their end
};

// The events, past then later, with the "now" rule between them. Returns the content y of that
// rule (or of the end, when nothing is later). The rows are only measured here (wrapped for their
// height): build_event_rows builds those in view.
double add_events(Builder& b, const Details& d, RowSpan& rows, const Language& words) {
    std::size_t later = d.events.size() - d.past_count;
    const std::string dot = "  \xC2\xB7  ";
    std::string h = words.tr("EVENTS") + dot + words.tr("{0} SO FAR", {std::to_string(d.past_count)});
    if (later) h += dot + words.tr("{0} LATER", {std::to_string(later)});
    b.heading(h);
    if (d.events.empty()) b.para(words.tr("No events recorded here."), 0, 14, kPanelTextDim, false, 6);
    if (d.past_count == 0 && !d.events.empty()) b.para(words.tr("Nothing yet at this moment."), 0, 14, kPanelTextDim, false, 8);
    const std::size_t n = d.events.size();
    rows.first = d.past_count > kPanelRows / 2 ? d.past_count - kPanelRows / 2 : 0;
    rows.last = std::min(n, rows.first + kPanelRows);
    rows.first = rows.last > kPanelRows ? std::min(rows.first, rows.last - kPanelRows) : 0;
    if (rows.first > 0)
        b.para(words.tr("{0} earlier events not listed here (C copies them all)", {words.number(static_cast<std::int64_t>(rows.first))}),
               16 * b.u, 13, kPanelTextFaint, false, 10);
    double now_y_px = -1;
    const bool record = b.record;
    b.record = false;
    rows.tops.clear();
    for (std::size_t i = rows.first; i < rows.last; ++i) {
        rows.tops.push_back(b.y);
        add_event_row(b, d, i, now_y_px, words);
    }
    rows.tops.push_back(b.y);
    b.record = record;
    if (rows.last < n)
        b.para(words.tr("{0} later events not listed here (C copies them all)", {words.number(static_cast<std::int64_t>(n - rows.last))}),
               16 * b.u, 13, kPanelTextFaint, false, 4);
    return now_y_px < 0 ? b.y : now_y_px;
}

// Builds the listed rows that meet [top, bottom) (content y), where add_events measured them.
void build_event_rows(Builder& b, const Details& d, const RowSpan& rows, double top, double bottom, const Language& words) {
    const double end_y = b.y;
    double now_y_px = -1;
    auto at = std::upper_bound(rows.tops.begin(), rows.tops.end() - 1, top);
    std::size_t k = at == rows.tops.begin() ? 0 : static_cast<std::size_t>(at - rows.tops.begin()) - 1;
    for (; rows.first + k < rows.last && rows.tops[k] < bottom; ++k) {
        b.y = rows.tops[k];
        add_event_row(b, d, rows.first + k, now_y_px, words);
    }
    b.y = end_y;
}

// The scroll bar, and a fade at the bottom edge while there is more below.
void draw_scroll_bar(sf::RenderTarget& target, const PanelLayout& lay, double u) {
    if (lay.max_scroll_px <= 0) return;
    double track = lay.viewport.height;
    double thumb = std::max(24 * u, track * lay.viewport.height / lay.content_px);
    double ty = lay.viewport.top + (track - thumb) * lay.scroll_px / lay.max_scroll_px;
    target.draw(*rounded_shape({lay.box.right() - 9 * u, lay.viewport.top, 4 * u, track}, kScrollTrack, static_cast<float>(2 * u)));
    target.draw(*rounded_shape({lay.box.right() - 9 * u, ty, 4 * u, thumb}, kScrollThumb, static_cast<float>(2 * u)));
    // A fade at the bottom edge says that there is more below.
    if (lay.scroll_px < lay.max_scroll_px - 1) {
        sf::Vertex fade[] = {
            {{static_cast<float>(lay.box.left + 2), static_cast<float>(lay.viewport.bottom() - 28 * u)}, kPanelFadeClear},
            {{static_cast<float>(lay.box.right() - 12 * u), static_cast<float>(lay.viewport.bottom() - 28 * u)}, kPanelFadeClear},
            {{static_cast<float>(lay.box.right() - 12 * u), static_cast<float>(lay.viewport.bottom())}, kPanelFadeOpaque},
            {{static_cast<float>(lay.box.left + 2), static_cast<float>(lay.viewport.bottom())}, kPanelFadeOpaque}};
        target.draw(fade, 4, sf::Quads);
    }
}

// The footer: a rule and the keys.
void draw_footer(sf::RenderTarget& target, const PanelLayout& lay, const sf::Font& regular, double pad, double footer_h, double u,
                 const Language& words) {
    const std::string sep = "   \xC2\xB7   ";
    std::string hint = words.tr("C  copy with sources") + sep + words.tr("Esc  close");
    if (lay.max_scroll_px > 0) hint += sep + words.tr("wheel  scroll");
    unsigned cs = static_cast<unsigned>(std::max(8L, std::lround(12 * u)));
    sf::RectangleShape r(sf::Vector2f(static_cast<float>(lay.box.width - 2 * pad), static_cast<float>(std::max(1.0, u))));
    r.setPosition(static_cast<float>(lay.box.left + pad), static_cast<float>(std::round(lay.box.bottom() - footer_h)));
    r.setFillColor(kRule);
    target.draw(r);
    auto lines = wrap_text(regular, cs, hint, lay.box.width - 2 * pad);
    sf::Text t(lines.front(), regular, cs);
    t.setFillColor(kPanelTextFaint);
    t.setPosition(std::round(static_cast<float>(lay.box.left + pad)), std::round(static_cast<float>(lay.box.bottom() - footer_h + 7 * u)));
    target.draw(t);
}

}  // namespace

PanelLayout draw_panel(sf::RenderTarget& target, const Details& d, const sf::Font& regular, const sf::Font& bold,
                       const ScreenSize& size, double scroll_px, const Language& words) {
    const double u = panel_scale(size);
    PanelLayout lay;
    lay.open = true;
    lay.box = panel_box(size);
    const double pad = std::round(20 * u);
    const double footer_h = std::round(regular.getLineSpacing(static_cast<unsigned>(std::lround(12 * u))) + 16 * u);
    lay.viewport = {lay.box.left + pad, lay.box.top + pad * 0.8, lay.box.width - 2 * pad, lay.box.height - pad * 0.8 - footer_h};
    lay.viewport.left = std::round(lay.viewport.left);
    lay.viewport.top = std::round(lay.viewport.top);
    lay.viewport.height = std::max(10.0, std::round(lay.viewport.height));

    Builder b{regular, bold, u, lay.viewport.width - 8 * u, 0, {}};

    add_names(b, d, words);
    add_state(b, d, words);
    add_spread(b, d, words);
    add_totals(b, d, words);
    RowSpan rows;
    lay.now_y_px = add_events(b, d, rows, words);
    b.y += 8 * u;

    lay.content_px = b.y;
    lay.max_scroll_px = std::max(0.0, lay.content_px - lay.viewport.height);
    lay.scroll_px = std::clamp(scroll_px, 0.0, lay.max_scroll_px);
    // The rows in view (with a margin for what a row draws past its own box).
    const double margin = 40 * u, view_top = std::round(lay.scroll_px);
    build_event_rows(b, d, rows, view_top - margin, view_top + lay.viewport.height + margin, words);

    // The panel, its content through a clipping view, a scroll bar, the footer.
    target.draw(*rounded_shape(lay.box, kPanelFill, static_cast<float>(12 * u)));
    {
        auto edge = rounded_shape(lay.box, sf::Color::Transparent, static_cast<float>(12 * u));
        edge->setOutlineColor(kPanelEdge);
        edge->setOutlineThickness(static_cast<float>(-std::max(1.0, u)));
        target.draw(*edge);
    }
    const sf::View saved = target.getView();
    sf::View clip(sf::FloatRect(0, static_cast<float>(std::round(lay.scroll_px)), static_cast<float>(lay.viewport.width),
                                static_cast<float>(lay.viewport.height)));
    clip.setViewport(sf::FloatRect(static_cast<float>(lay.viewport.left / size.width_px), static_cast<float>(lay.viewport.top / size.height_px),
                                   static_cast<float>(lay.viewport.width / size.width_px), static_cast<float>(lay.viewport.height / size.height_px)));
    target.setView(clip);
    for (const auto& op : b.ops) target.draw(*op);
    target.setView(saved);

    draw_scroll_bar(target, lay, u);
    draw_footer(target, lay, regular, pad, footer_h, u, words);
    return lay;
}

}  // namespace qantar::render
