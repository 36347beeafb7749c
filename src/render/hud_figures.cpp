// The national figures block of the HUD (layout.hpp): its rows and its box, measured before drawing
// so that map labels keep clear of all of it and its backdrop fits its longest line in any language.
#include "layout.hpp"

#include "palette.hpp"

#include "core/language.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <iterator>

namespace qantar::render {

TextStyle figure_heading_style() { return {13, true, false, 1.6f, 0}; }
TextStyle figure_value_style() { return {28, true, false, 1.f, 0}; }
TextStyle figure_label_style() { return {15, false, false, 1.f, 0}; }
TextStyle figure_source_style() { return {12, false, false, 1.f, 0}; }

FiguresBlock lay_out_figures(const Dataset& data, const Scene& scene, const ScreenSize& size, double u,
                             const TextMeasure& measure, const Language& words, std::string_view lang) {
    FiguresBlock F;
    if (data.tally_columns.empty()) return F;  // the story shows no announced figures
    F.shown = true;
    F.heading = data.tally_heading.in(lang);
    F.none = words.tr("none announced yet");
    const TallyAt& ta = scene.tally;
    struct Column { const char* column; const char* label; Count v; int entry; sf::Color c; };
    const Column cols[] = {{"killed", N_("killed"), ta.killed, ta.killed_entry, kKilled},
                           {"security_killed", N_("security forces killed"), ta.security_killed, ta.security_killed_entry, kSecurityKilled},
                           {"injured", N_("injured"), ta.injured, ta.injured_entry, kInjured},
                           {"detained", N_("detained"), ta.detained, ta.detained_entry, kDetained}};
    for (const std::string& column : data.tally_columns) {
        const auto it = std::find_if(std::begin(cols), std::end(cols), [&](const Column& c) { return column == c.column; });
        if (it == std::end(cols) || !it->v) continue;
        FigureRow r{words.number(*it->v), words.tr(it->label), "", it->c};
        if (it->entry >= 0) {  // who announced it and when: announcements differ in what they count
            const TallyEntry& te = data.tally[static_cast<std::size_t>(it->entry)];
            r.source = words.date_short(te.announced_at);  // the hour of many announcements is not known
            if (!te.announced_by.empty()) r.source += " \u00B7 " + te.announced_by;
            const std::vector<std::string> cites = data.citations(te.source_keys);  // as a person cites it
            if (!cites.empty()) r.source += " \u00B7 " + cites.front();
        }
        F.rows.push_back(std::move(r));
    }
    // The extent, as hud.cpp draws it: the heading at 34u, rows from 62u (34u each, 22u more with a
    // source line), or the "none" line.
    F.right_px = size.width_px - 40 * u;
    double w = measure.measure(F.heading, figure_heading_style()).width, y = 62 * u;
    for (const FigureRow& r : F.rows) {
        w = std::max(w, measure.measure(r.value, figure_value_style()).width + 10 * u +
                            measure.measure(r.label, figure_label_style()).width);
        y += 34 * u;
        if (!r.source.empty()) {
            w = std::max(w, measure.measure(r.source, figure_source_style()).width);
            y += 22 * u;
        }
    }
    if (F.rows.empty()) {
        w = std::max(w, measure.measure(F.none, figure_label_style()).width);
        y += 24 * u;
    }
    F.box = {F.right_px - w - 20 * u, 18 * u, w + 40 * u, y - 18 * u + 6 * u};
    return F;
}

}  // namespace qantar::render
