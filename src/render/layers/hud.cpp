// The HUD: the veil and banner of the shutdown, the date block, the national figures.
#include "layers.hpp"

#include "render/palette.hpp"

#include "core/text.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cstdio>

namespace qantar::render {

namespace {


}  // namespace

void draw_veil(const DrawContext& ctx) {
    if (!ctx.scene.shutdown) return;
    sf::RectangleShape veil({static_cast<float>(ctx.params.size.width_px), static_cast<float>(ctx.params.size.height_px)});
    veil.setFillColor(kVeil);
    ctx.target.draw(veil);
}

void draw_date_block(const DrawContext& ctx) {
    const double u = ctx.u();
    const LocalClock& k = ctx.scene.clock;
    char hm[32];
    std::snprintf(hm, sizeof hm, "%02d:%02d", k.hour, k.minute);
    double x = 40 * u, y = 34 * u;
    // Its own backdrop: the date must stay readable over any tint.
    rounded_rect(ctx.target, {20 * u, 18 * u, 436 * u, 152 * u}, kHudBackdrop, static_cast<float>(8 * u));
    // The story's header, else the dataset's title (given, or derived on a map of any place).
    const Dataset& data = ctx.data();
    const std::string_view code = lang_code(ctx.params.lang);
    std::string header = data.hud_header.in(code);
    if (header.empty() && (!data.title.empty() || !data.subtitle.empty()))  // events at sea have no country: the dates alone
        header = upper_ascii(data.title + (data.title.empty() || data.subtitle.empty() ? "" : "  \xC2\xB7  ") + data.subtitle);
    sf::Text h1 = ctx.text.make(header, 13, kTextFaint, true);
    h1.setLetterSpacing(1.6f);
    place(h1, x, y);
    ctx.target.draw(h1);
    y += 26 * u;
    const Language& words = ctx.params.language();
    const CivilDate today{k.year, static_cast<unsigned>(k.month), static_cast<unsigned>(k.day)};
    sf::Text date = ctx.text.make(words.weekday_date(today, k.weekday), 34, kText, true);
    place(date, x, y);
    ctx.target.draw(date);
    y += 52 * u;
    // The local time of what is in view (layout: one clock, or one per offset when the view spans several).
    sf::Text tod = ctx.text.make(ctx.layout.clock_text.empty()
                                     ? words.tr("{0}  local time ({1})", {hm, "UTC" + format_utc_offset(k.offset_s).substr(0, 3)})
                                     : ctx.layout.clock_text,
                                 18, kTextDim);
    place(tod, x, y);
    ctx.target.draw(tod);
    y += 30 * u;
    const int dn = ctx.scene.unrest_day;
    if (data.day_counter.empty()) return;  // the story has no day counter
    std::string day = data.day_counter.in(code);
    if (const auto at = day.find("{n}"); at != std::string::npos) day.replace(at, 3, std::to_string(dn));
    sf::Text dtext = ctx.text.make(dn > 0 ? day : data.day_before.in(code), 18,
                                   dn > 0 ? kAccent : kTextDim, true);
    place(dtext, x, y);
    ctx.target.draw(dtext);
}

// The national figures where the layout measured them, on a backdrop of their own (a tinted
// region below never makes them unreadable).
void draw_figures(const DrawContext& ctx) {
    const FiguresBlock& F = ctx.layout.figures;
    if (!F.shown) return;  // the story shows no announced figures
    const double u = ctx.u(), rx = F.right_px;
    rounded_rect(ctx.target, F.box, kHudBackdrop, static_cast<float>(8 * u));
    sf::Text ft = ctx.text.make(F.heading, figure_heading_style(), kTextFaint);
    place(ft, rx - ft.getLocalBounds().width, 34 * u);
    ctx.target.draw(ft);
    double ry = 62 * u;
    for (const FigureRow& r : F.rows) {
        sf::Text lab = ctx.text.make(r.label, figure_label_style(), kTextDim);
        sf::Text num = ctx.text.make(r.value, figure_value_style(), r.colour);
        const double lw = lab.getLocalBounds().width;
        place(lab, rx - lw, ry + 10 * u);
        place(num, rx - lw - 10 * u - num.getLocalBounds().width, ry);
        ctx.target.draw(num);
        ctx.target.draw(lab);
        ry += 34 * u;
        if (r.source.empty()) continue;
        sf::Text st = ctx.text.make(r.source, figure_source_style(), kTextFaint);
        place(st, rx - st.getLocalBounds().width, ry);
        ctx.target.draw(st);
        ry += 22 * u;
    }
    if (F.rows.empty()) {
        sf::Text none = ctx.text.make(F.none, figure_label_style(), kTextDim);
        place(none, rx - none.getLocalBounds().width, ry);
        ctx.target.draw(none);
    }
}

void draw_banner(const DrawContext& ctx) {
    if (!ctx.scene.shutdown) return;
    const double u = ctx.u();
    const Box& b = ctx.layout.banner;
    sf::Text text = ctx.text.make(ctx.layout.banner_text, banner_style(), kBannerText);
    rounded_rect(ctx.target, b, kBannerFill, static_cast<float>(b.height / 2));
    place(text, b.left + 18 * u, b.top + (b.height - text.getLocalBounds().height) / 2);
    ctx.target.draw(text);
}

}  // namespace qantar::render
