// The HUD: the veil and banner of the shutdown, the date block, the national figures.
#include "layers.hpp"

#include "render/palette.hpp"

#include "core/text.hpp"
#include "core/time.hpp"

#include <algorithm>
#include <cstdio>

namespace qantar::render {

namespace {

// One row of the national figures, with who announced it and when: announcements differ in what
// they count. Returns the y below it.
double draw_figure_row(const DrawContext& ctx, const char* label, const Count& v, int entry, sf::Color c,
                       double rx, double ry) {
    const double u = ctx.u();
    const Language& words = ctx.params.language();
    sf::Text lab = ctx.text.make(words.tr(label), 15, kTextDim);
    sf::Text num = ctx.text.make(words.number(*v), 28, c, true);
    double lw = lab.getLocalBounds().width;
    place(lab, rx - lw, ry + 10 * u);
    place(num, rx - lw - 10 * u - num.getLocalBounds().width, ry);
    ctx.target.draw(num);
    ctx.target.draw(lab);
    ry += 34 * u;
    if (entry >= 0) {
        const TallyEntry& te = ctx.data().tally[static_cast<std::size_t>(entry)];
        std::string src = words.date_short(te.announced_at);  // the hour of many announcements is not known
        if (!te.announced_by.empty()) src += " \u00B7 " + te.announced_by;
        // Who said it, cited as a person would (never the raw key).
        const std::vector<std::string> cites = ctx.data().citations(te.source_keys);
        if (!cites.empty()) src += " \u00B7 " + cites.front();
        sf::Text st = ctx.text.make(src, 12, kTextFaint);
        place(st, rx - st.getLocalBounds().width, ry);
        ctx.target.draw(st);
        ry += 22 * u;
    }
    return ry;
}

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

void draw_figures(const DrawContext& ctx) {
    const double u = ctx.u();
    const TallyAt& ta = ctx.scene.tally;
    double rx = ctx.params.size.width_px - 40 * u;
    double ry = 34 * u;
    const Dataset& data = ctx.data();
    if (data.tally_columns.empty()) return;  // the story shows no announced figures
    sf::Text ft = ctx.text.make(data.tally_heading.in(lang_code(ctx.params.lang)), 13, kTextFaint, true);
    ft.setLetterSpacing(1.6f);
    place(ft, rx - ft.getLocalBounds().width, ry);
    ctx.target.draw(ft);
    ry += 28 * u;
    struct Row { const char* column; const char* label; Count v; int entry; sf::Color c; };
    const Row rows[] = {{"killed", N_("killed"), ta.killed, ta.killed_entry, kKilled},
                        {"security_killed", N_("security forces killed"), ta.security_killed, ta.security_killed_entry, kSecurityKilled},
                        {"injured", N_("injured"), ta.injured, ta.injured_entry, kInjured},
                        {"detained", N_("detained"), ta.detained, ta.detained_entry, kDetained}};
    bool any = false;
    for (const std::string& column : data.tally_columns) {
        const auto it = std::find_if(std::begin(rows), std::end(rows), [&](const Row& r) { return column == r.column; });
        if (it == std::end(rows) || !it->v) continue;
        const Row& r = *it;
        any = true;
        ry = draw_figure_row(ctx, r.label, r.v, r.entry, r.c, rx, ry);
    }
    if (!any) {
        sf::Text none = ctx.text.make(ctx.params.language().tr("none announced yet"), 15, kTextDim);
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
