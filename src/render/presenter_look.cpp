#include "presenter_look.hpp"

#include "palette.hpp"
#include "text_wrap.hpp"
#include "renderer.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>

namespace qantar::render {

namespace {

double card_width_px(const ScreenSize& size, double u) { return std::min(0.3 * size.width_px, 560 * u); }

sf::Color faded(sf::Color c, double alpha) {
    c.a = static_cast<sf::Uint8>(std::lround(c.a * std::clamp(alpha, 0.0, 1.0)));
    return c;
}

sf::Text make_text(const std::string& utf8, const sf::Font& font, unsigned px, sf::Color col) {
    sf::Text t(sf::String::fromUtf8(utf8.begin(), utf8.end()), font, px);
    t.setFillColor(col);
    return t;
}

// The caption card's content, measured: the box it needs at the bottom of the column.
struct Card {
    Box box;
    std::vector<std::string> lines;
    std::vector<std::string> source_lines;  // the citations, wrapped
    unsigned caption_px = 0, small_px = 0;
    double pad_px = 0, line_px = 0, head_px = 0, foot_px = 0, small_line_px = 0;
};

// "Sources: Kursiv, 11 Jan 2022 · TASS": short citations from the data's sources table, never the
// raw keys nor a file path; empty when the table names none of the beat's keys.
std::string source_line(const Dataset& data, const std::string& keys, const Language& words) {
    const std::vector<std::string> cites = data.citations(keys);
    if (cites.empty()) return {};
    std::string out = words.tr("Sources: ");
    for (std::size_t i = 0; i < cites.size(); ++i) out += (i ? " \xC2\xB7 " : "") + cites[i];
    return out;
}

// The caption in the view's language (English when the beat has none in it).
const std::string& caption_in(const Beat& beat, Lang lang) { return beat.caption.in(lang_code(lang)); }

Card measure_card(const Beat& beat, const Box& column, const sf::Font& font, double u, const Dataset& data,
                  const PresenterView& view) {
    const Language& words = view.words ? *view.words : english();
    Card c;
    c.caption_px = static_cast<unsigned>(std::lround(21 * u));
    c.small_px = static_cast<unsigned>(std::lround(13 * u));
    c.pad_px = 22 * u;
    c.line_px = std::round(c.caption_px * 1.36);
    c.head_px = std::round(c.small_px * 2.2);
    c.small_line_px = std::round(c.small_px * 1.35);
    const std::string sources = source_line(data, beat.source_keys, words);
    if (!sources.empty()) c.source_lines = wrap_words_by_ink(font, c.small_px, sources, column.width - 2 * c.pad_px);
    c.foot_px = c.source_lines.empty() ? 0 : std::round(c.small_px * 1.1 + c.small_line_px * static_cast<double>(c.source_lines.size()));
    // A long caption on a short screen gets a smaller size rather than losing its last lines.
    const auto min_px = static_cast<unsigned>(std::lround(15 * u));
    double h = 0;
    for (;;) {
        c.line_px = std::round(c.caption_px * 1.36);
        c.lines = wrap_words_by_ink(font, c.caption_px, caption_in(beat, view.lang), column.width - 2 * c.pad_px);
        h = 2 * c.pad_px + c.head_px + c.line_px * static_cast<double>(c.lines.size()) + c.foot_px;
        if (h <= column.height || c.caption_px <= min_px) break;
        --c.caption_px;
    }
    h = std::min(h, column.height);
    c.box = {column.left, column.bottom() - h, column.width, h};
    return c;
}


}  // namespace

bool card_on_left(const Beat& beat, const ExtentM& country) {
    return beat.centre_m.x <= country.centre_m().x;
}

PresenterLayout presenter_layout(const Story& story, const CameraFrame& frame, const ScreenSize& size,
                                 const ExtentM& country, double hud_scale) {
    const double u = ui_scale(size) * hud_scale;
    const double w = card_width_px(size, u), side = 40 * u, column = w + 28 * u;
    PresenterLayout l;
    if (story.beats.empty()) {
        l.insets = {side, 150 * u, side, 70 * u};
        return l;
    }
    const auto last = static_cast<int>(story.beats.size()) - 1;
    const int b = std::clamp(frame.beat, 0, last);
    const int next = std::min(b + 1, last);
    const double left_b = card_on_left(story.beats[static_cast<std::size_t>(b)], country) ? 1 : 0;
    const double left_n = card_on_left(story.beats[static_cast<std::size_t>(next)], country) ? 1 : 0;
    const double s = frame.holding ? 0.0 : smoothstep(frame.flight);
    const double left = left_b + (left_n - left_b) * s;
    l.insets = {side + left * column, 150 * u, side + (1 - left) * column, 70 * u};

    int shown = b;
    double alpha = 1;
    if (!frame.holding) {
        constexpr double kFade = 0.2;  // of the flight, at each end
        if (frame.flight < kFade) alpha = 1 - frame.flight / kFade;
        else if (frame.flight > 1 - kFade) { shown = next; alpha = (frame.flight - (1 - kFade)) / kFade; }
        else alpha = 0;
    }
    const bool on_left = card_on_left(story.beats[static_cast<std::size_t>(shown)], country);
    // The column: below the date (left) or the figures (right), above the legend and the bar.
    const double top = on_left ? 182 * u : 330 * u, bottom = size.height_px - 140 * u;
    l.card = {on_left ? side : size.width_px - side - w, top, w, std::max(0.0, bottom - top)};
    l.caption_beat = alpha > 0 ? shown : -1;
    l.card_alpha = std::clamp(alpha, 0.0, 1.0);
    return l;
}

Camera presenter_camera(const CameraFrame& frame, const ScreenSize& size, const Insets& in, const ExtentM& country) {
    const double free_w = std::max(1.0, size.width_px - in.left_px - in.right_px);
    const double free_h = std::max(1.0, size.height_px - in.top_px - in.bottom_px);
    const double fit = std::min(free_w / std::max(1.0, country.width_m()), free_h / std::max(1.0, country.height_m()));
    Camera cam;
    cam.px_per_m = fit * std::max(1e-6, frame.zoom);
    // Put centre_m at the free area's centre: screen x = W/2 + (m.x - c.x) * k, y = H/2 - (m.y - c.y) * k.
    const double fx = in.left_px + free_w / 2, fy = in.top_px + free_h / 2;
    cam.centre_m = {frame.centre_m.x - (fx - size.width_px / 2) / cam.px_per_m,
                    frame.centre_m.y + (fy - size.height_px / 2) / cam.px_per_m};
    return cam;
}

Presenter::Presenter(Renderer& renderer, const Story& story, const ExtentM& country)
    : renderer_(renderer), story_(story), country_(country) {}

FrameParams Presenter::params(const CameraFrame& frame, const PresenterView& view) const {
    const PresenterLayout l = presenter_layout(story_, frame, view.size, country_);
    FrameParams p;
    p.t_utc_s = frame.t_utc_s;
    p.time = view.time;
    p.size = view.size;
    p.camera = presenter_camera(frame, view.size, l.insets, country_);
    p.lang = view.lang;
    p.words = view.words;
    p.playing = !frame.holding;
    p.seconds_per_day = view.seconds_per_day;
    p.hud_scale = kPresenterHudScale;
    p.overlays.controls = false;
    p.overlays.timeline = view.timeline;
    p.overlays.spread = view.spread;
    if (l.caption_beat >= 0) {
        const double u = ui_scale(view.size) * kPresenterHudScale;
        const Card c = measure_card(story_.beats[static_cast<std::size_t>(l.caption_beat)], l.card, renderer_.font(), u,
                                    renderer_.timeline().data(), view);
        p.overlays.obstacles.push_back(c.box);
    }
    return p;
}

// Key I: the beat's sources in full, one per line ("Outlet, 2022-01-26: Title"), in the middle
// of the screen over the map.
void Presenter::draw_sources_list(sf::RenderTarget& target, const Beat& beat, const ScreenSize& size, double u,
                                  const Language& words) const {
    const Dataset& data = renderer_.timeline().data();
    std::vector<std::string> lines;
    for (const std::string& k : split(beat.source_keys, ';')) {
        const SourceRef* s = data.find_source(trim(k));
        if (!s) continue;
        std::string line = s->outlet.empty() ? s->short_citation : s->outlet;
        if (!s->date.empty()) line += ", " + s->date;
        if (!s->title.empty()) line += ": " + s->title;
        if (!s->url.empty()) line += " (" + s->url + ")";
        lines.push_back(line);
    }
    if (lines.empty()) lines.push_back(words.tr("No sources table is loaded (--sources FILE)."));
    const auto px = static_cast<unsigned>(std::lround(15 * u));
    const double w = std::min(size.width_px - 80 * u, 900 * u), pad = 24 * u, lh = std::round(px * 1.45);
    std::vector<std::string> wrapped;
    for (const std::string& l : lines)
        for (std::string& part : wrap_words_by_ink(renderer_.font(), px, l, w - 2 * pad)) wrapped.push_back(std::move(part));
    const double h = std::min(size.height_px - 80 * u, 2 * pad + lh * (1.6 + static_cast<double>(wrapped.size())));
    const Box b{(size.width_px - w) / 2, (size.height_px - h) / 2, w, h};
    sf::RectangleShape bg({static_cast<float>(b.width), static_cast<float>(b.height)});
    bg.setPosition(static_cast<float>(b.left), static_cast<float>(b.top));
    bg.setFillColor(kHelpFill);
    target.draw(bg);
    double y = b.top + pad;
    sf::Text head = make_text("SOURCES OF THIS SLIDE  \xC2\xB7  I: close", renderer_.bold_font(), px, kCardEdge);
    head.setPosition(std::round(static_cast<float>(b.left + pad)), std::round(static_cast<float>(y)));
    target.draw(head);
    y += lh * 1.6;
    for (const std::string& l : wrapped) {
        if (y + lh > b.bottom() - pad + 1) break;
        sf::Text t = make_text(l, renderer_.font(), px, kCardText);
        t.setPosition(std::round(static_cast<float>(b.left + pad)), std::round(static_cast<float>(y)));
        target.draw(t);
        y += lh;
    }
}

FrameLayout Presenter::draw(sf::RenderTarget& target, const CameraFrame& frame, const PresenterView& view) {
    if (view.black) {
        target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(view.size.width_px), static_cast<float>(view.size.height_px))));
        target.clear(sf::Color::Black);
        return {};
    }
    const FrameParams p = params(frame, view);
    FrameLayout laid = renderer_.draw(target, p);
    const PresenterLayout l = presenter_layout(story_, frame, view.size, country_);
    if (l.caption_beat < 0) return laid;

    const double u = ui_scale(view.size) * kPresenterHudScale;
    const Beat& beat = story_.beats[static_cast<std::size_t>(l.caption_beat)];
    const Card c = measure_card(beat, l.card, renderer_.font(), u, renderer_.timeline().data(), view);
    const double a = l.card_alpha;

    sf::RectangleShape bg({static_cast<float>(c.box.width), static_cast<float>(c.box.height)});
    bg.setPosition(static_cast<float>(c.box.left), static_cast<float>(c.box.top));
    bg.setFillColor(faded(kCardFill, a));
    target.draw(bg);
    sf::RectangleShape edge({static_cast<float>(4 * u), static_cast<float>(c.box.height)});
    const bool on_left = c.box.left < view.size.width_px / 2;
    edge.setPosition(static_cast<float>(on_left ? c.box.right() - 4 * u : c.box.left), static_cast<float>(c.box.top));
    edge.setFillColor(faded(kCardEdge, a));
    target.draw(edge);

    auto put = [&](sf::Text& t, double x, double y) {
        t.setPosition(std::round(static_cast<float>(x)), std::round(static_cast<float>(y)));
        target.draw(t);
    };
    const double x = c.box.left + c.pad_px;
    double y = c.box.top + c.pad_px;
    sf::Text head = make_text(std::to_string(l.caption_beat + 1) + " / " + std::to_string(story_.beats.size()),
                              renderer_.bold_font(), c.small_px, faded(kCardEdge, a));
    head.setLetterSpacing(1.5f);
    put(head, x, y);
    y += c.head_px;
    for (const auto& line : c.lines) {
        if (y + c.line_px > c.box.bottom() - c.pad_px - c.foot_px + 1) break;
        sf::Text t = make_text(line, renderer_.font(), c.caption_px, faded(kCardText, a));
        put(t, x, y);
        y += c.line_px;
    }
    double sy = c.box.bottom() - c.pad_px - c.small_line_px * static_cast<double>(c.source_lines.size());
    for (const auto& line : c.source_lines) {
        sf::Text s = make_text(line, renderer_.font(), c.small_px, faded(kCardDim, a));
        put(s, x, sy);
        sy += c.small_line_px;
    }
    if (view.sources) draw_sources_list(target, beat, view.size, u, p.language());
    return laid;
}


}  // namespace qantar::render
