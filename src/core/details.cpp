// The details panel's content (see details.hpp). Pure: no clock, no I/O.
#include "details.hpp"
#include "language.hpp"
#include "text.hpp"

#include "error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qantar {

namespace {

// The states as place_state_label names them, for the catalogue (the tooltip translates them).
[[maybe_unused]] const char* const kStateNames[] = {N_("Calm"), N_("Protest"), N_("Violence"), N_("State of emergency")};

// A city's name in the language.
const std::string& city_name(const Dataset& data, int city, std::string_view lang) {
    const City& c = data.cities[static_cast<std::size_t>(city)];
    return name_in(lang, c.name_en, c.name_kk, c.name_ru);
}

// "R5;R73" -> "R5; R73"
std::string spaced_keys(std::string_view keys) {
    std::string out;
    std::size_t b = 0;
    while (b <= keys.size()) {
        std::size_t e = keys.find(';', b);
        if (e == std::string::npos) e = keys.size();
        std::string k = trim(keys.substr(b, e - b));
        if (!k.empty()) out += (out.empty() ? "" : "; ") + k;
        b = e + 1;
    }
    return out;
}

std::string hours_text(double h, const Language& words) {
    char a[32], b[32];
    std::snprintf(a, sizeof a, "%.0f", h);
    std::snprintf(b, sizeof b, "%.1f", h / 24);
    return h < 48 ? words.tr("{0} h", {a}) : words.tr("{0} h ({1} days)", {a, b});
}

DetailsEvent make_event(const Timeline& tl, std::size_t i, double t, bool with_place, const Language& words) {
    const Dataset& data = tl.data();
    const EventRef e = data.events[i];
    DetailsEvent d;
    d.event = i;
    d.past = static_cast<double>(e.start().utc_s) <= t;
    d.active = tl.is_active(i, t);
    d.when_local = words.date_time(e.start());
    d.utc_offset = short_utc_offset(e.start().offset_s);
    if (e.hour_precision() == "approx") d.time_note = words.tr("time approximate");
    else if (e.hour_precision() == "day") d.time_note = words.tr("time of day unknown");
    d.category = e.category();
    d.category_label = category_label(data.category_of(e), words.code());
    d.category_rgb = data.category_of(e).rgb;
    if (with_place) {
        if (e.city_index() >= 0) d.place = city_name(data, e.city_index(), words.code());
        else if (!e.location().empty()) d.place = e.location();
    }
    d.description = trim(event_text(e, "notes", e.notes(), words.code()));
    Figures f;
    f.add(e);
    d.figures = figures_text(f, words);
    d.source = trim(e.source());
    d.source_keys = spaced_keys(e.source_keys());
    d.citations = data.citations(e.source_keys());
    d.disputed = e.disputed();
    d.disputed_note = trim(event_text(e, "disputed_note", e.disputed_note(), words.code()));
    return d;
}

void fill_events(Details& d, const Timeline& tl, const std::vector<std::size_t>& idx, double t, bool with_place,
                 const Language& words) {
    for (std::size_t i : idx) {
        d.events.push_back(make_event(tl, i, t, with_place, words));
        if (d.events.back().past) {
            ++d.past_count;
            d.totals.add(tl.data().events[i]);
        }
    }
}

void fill_moment(Details& d, const Timeline& tl, double t, const Language& words) {
    LocalTime lt{static_cast<std::int64_t>(std::floor(t)), tl.display_offset_s()};
    d.moment_local = words.date_time(lt);
    d.moment_offset = short_utc_offset(lt.offset_s);
}

std::string names_line(const Details& d) {
    std::string s = d.name_en;
    std::string other;
    if (!d.name_kk.empty()) other = d.name_kk;
    if (!d.name_ru.empty() && d.name_ru != d.name_kk) other += (other.empty() ? "" : " / ") + d.name_ru;
    if (!other.empty()) s += " (" + other + ")";
    return s;
}

// A place's details with its selection and names filled in.
template <class Place>
Details named(Selection::Kind kind, int index, const Place& place) {
    Details d;
    d.selection = {kind, index};
    d.name_en = place.name_en;
    d.name_kk = place.name_kk;
    d.name_ru = place.name_ru;
    return d;
}

}  // namespace

std::string figures_text(const Figures& f, const Language& words) {
    std::string s;
    auto add = [&](const Count& c, const char* what) {
        if (!c) return;
        if (!s.empty()) s += " \xC2\xB7 ";
        s += words.number(*c) + " " + words.tr(what);
    };
    add(f.participants, N_("participants"));
    add(f.injured, N_("injured"));
    add(f.killed, N_("killed"));
    add(f.detained, N_("detained"));
    add(f.vehicles_burned, N_("vehicles burned"));
    add(f.buildings_burned, N_("buildings burned"));
    return s;
}

std::string short_utc_offset(std::int32_t offset_s) {
    int a = std::abs(offset_s);
    std::string s = std::string("UTC") + (offset_s < 0 ? "-" : "+") + std::to_string(a / 3600);
    if (a % 3600) {
        char b[8];
        std::snprintf(b, sizeof b, ":%02d", a % 3600 / 60);
        s += b;
    }
    return s;
}

Selection find_selection(const Dataset& data, std::string_view name) {
    if (int c = data.find_city(name); c >= 0) return {Selection::Kind::City, c};
    if (int r = data.find_region(name); r >= 0) return {Selection::Kind::Region, r};
    std::vector<std::string> names;
    for (const City& c : data.cities) names.push_back(c.name_en);
    std::sort(names.begin(), names.end());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw UsageError("--select: no city or region named '" + std::string(name) + "'; known cities: " + list +
                     " (or a region's name)");
}

Details city_details(const Timeline& tl, int city, double t, const Language& words) {
    const Dataset& data = tl.data();
    const City& c = data.cities.at(static_cast<std::size_t>(city));
    Details d = named(Selection::Kind::City, city, c);
    const std::string& lang = words.code();
    std::string region = c.admin1;
    std::string region_local;  // the region's own name in kk or ru ("Маңғыстау облысы"), which says "region" itself
    if (c.region_index >= 0) {
        const Region& r = data.regions[static_cast<std::size_t>(c.region_index)];
        if (region.empty()) region = r.name_en;
        if (lang != "en") region_local = name_in(lang, "", r.name_kk, r.name_ru);
    }
    if (!region.empty() && region != c.name_en)
        d.subtitle = region_local.empty() ? words.tr("{0} region", {region}) : region_local;
    else if (!region.empty()) d.subtitle = data.city_region_label.in(words.code());
    if (c.population > 0)
        d.subtitle += d.subtitle.empty() ? words.tr("Population {0}", {words.number(c.population)})
                                         : " \xC2\xB7 " + words.tr("population {0}", {words.number(c.population)});
    if (c.is_capital) d.subtitle += " \xC2\xB7 " + words.tr("capital");
    d.state = tl.city_state(city, t);
    d.emergency = tl.emergency_for_region(c.region_index, t);
    if (const SpreadLink* l = tl.spread_link(city)) {
        SpreadInfo s;
        const LocalTime first_start = data.events.start(l->first_event);
        s.root = l->from_city < 0;
        s.when_local = words.date_time(first_start);
        s.utc_offset = short_utc_offset(first_start.offset_s);
        s.after_root_h = l->after_root_h;
        if (!tl.spread().empty())
            s.root_name = city_name(data, tl.spread().front().city, lang);
        if (l->from_city >= 0) {
            s.from_name = city_name(data, l->from_city, lang);
            if (const SpreadLink* from = tl.spread_link(l->from_city))
                s.from_since_local = words.date_time(data.events.start(from->first_event));
        }
        s.distance_km = l->distance_km;
        s.arc_drawn = spread_arc_supported(*l);
        s.reached_by_t = static_cast<double>(l->first_utc_s) <= t;
        d.spread = s;
    }
    fill_events(d, tl, tl.city_events(city), t, false, words);
    fill_moment(d, tl, t, words);
    return d;
}

Details region_details(const Timeline& tl, int region, double t, const Language& words) {
    const Dataset& data = tl.data();
    const Region& r = data.regions.at(static_cast<std::size_t>(region));
    Details d = named(Selection::Kind::Region, region, r);
    std::vector<const City*> cs;
    std::int64_t pop = 0;
    for (const City& c : data.cities)
        if (c.region_index == region) {
            cs.push_back(&c);
            pop += c.population;
        }
    std::sort(cs.begin(), cs.end(), [](const City* a, const City* b) { return a->population > b->population; });
    for (const City* c : cs) d.cities.push_back(name_in(words.code(), c->name_en, c->name_kk, c->name_ru));
    d.subtitle = r.kind == "city" ? data.city_region_label.in(words.code()) : words.tr("Region");
    if (!cs.empty())
        d.subtitle += " \xC2\xB7 " + words.tr(cs.size() == 1 ? N_("{0} city mapped, {1} people") : N_("{0} cities mapped, {1} people"),
                                            {std::to_string(cs.size()), words.number(pop)});
    d.state = tl.region_state(region, t);
    d.emergency = tl.emergency_for_region(region, t);
    fill_events(d, tl, tl.region_events(region), t, true, words);
    fill_moment(d, tl, t, words);
    return d;
}

Details details_for(const Timeline& tl, const Selection& s, double t, const Language& words) {
    Details d;
    if (s.kind == Selection::Kind::City) d = city_details(tl, s.index, t, words);
    else if (s.kind == Selection::Kind::Region) d = region_details(tl, s.index, t, words);
    else return d;
    d.data_note = tl.data().data_note.in(words.code());
    return d;
}

int events_shown(const Timeline& tl, const std::vector<std::size_t>& events, double t, const TimeSettings& time) {
    int n = 0;
    for (std::size_t i : events)
        if (tl.is_visible(i, t, time)) ++n;
    return n;
}

std::vector<std::string> tooltip_lines(const Timeline& tl, const Selection& s, double t, const TimeSettings& time,
                                       const Language& words) {
    if (s.empty()) return {};
    const Dataset& data = tl.data();
    const std::vector<std::size_t>& idx = s.kind == Selection::Kind::City ? tl.city_events(s.index) : tl.region_events(s.index);
    std::size_t so_far = 0;
    for (std::size_t i : idx)
        if (static_cast<double>(data.events.start_s(i)) <= t) ++so_far;
    const int shown = events_shown(tl, idx, t, time);
    PlaceState st = s.kind == Selection::Kind::City ? tl.city_state(s.index, t) : tl.region_state(s.index, t);
    std::string name = s.kind == Selection::Kind::City ? data.cities[static_cast<std::size_t>(s.index)].name_en
                                                       : data.regions[static_cast<std::size_t>(s.index)].name_en;
    std::string count;
    if (so_far == 0) count = words.tr("no events yet");
    else if (time.mode == TimeMode::Cumulative || shown == static_cast<int>(so_far))
        count = words.tr(so_far == 1 ? N_("{0} event so far") : N_("{0} events so far"), {std::to_string(so_far)});
    else
        count = words.tr(shown == 1 ? N_("{0} event in the last {1} h ({2} so far)") : N_("{0} events in the last {1} h ({2} so far)"),
                         {std::to_string(shown), std::to_string(static_cast<int>(time.window_h)), std::to_string(so_far)});
    if (idx.size() > so_far) count += words.tr(", {0} later", {std::to_string(idx.size() - so_far)});
    return {name, words.tr(std::string(place_state_label(st))), count};
}

std::string spread_nearest_text(const SpreadInfo& sp, const Language& words) {
    if (sp.root || sp.from_name.empty()) return {};
    char km[32];
    std::snprintf(km, sizeof km, "%.0f", sp.distance_km);
    std::string s = words.tr("Nearest place already active: {0}", {sp.from_name});
    if (!sp.from_since_local.empty()) s += words.tr(", since {0}", {sp.from_since_local});
    s += sp.arc_drawn ? words.tr(" ({0} km).", {km}) : words.tr(" ({0} km; too far or too late for a spread arc).", {km});
    return s;
}

std::string details_text(const Details& d, const Language& words) {
    std::string s = names_line(d) + "\n";
    if (!d.subtitle.empty()) s += d.subtitle + "\n";
    if (!d.cities.empty()) {
        s += words.tr("Cities:");
        for (std::size_t i = 0; i < d.cities.size(); ++i) s += (i ? ", " : " ") + d.cities[i];
        s += "\n";
    }
    s += words.tr("As of {0} ({1}): {2}", {d.moment_local, d.moment_offset, words.tr(std::string(place_state_label(d.state)))});
    if (d.emergency && d.state != PlaceState::Emergency) s += words.tr("; state of emergency");
    s += "\n";
    if (d.spread) {
        const SpreadInfo& sp = *d.spread;
        if (sp.root) s += words.tr("The unrest began here on {0} ({1}).", {sp.when_local, sp.utc_offset}) + "\n";
        else {
            s += words.tr(sp.reached_by_t ? N_("The unrest reached it on {0} ({1}), {2} after {3}.")
                                          : N_("The unrest reaches it on {0} ({1}), {2} after {3}."),
                          {sp.when_local, sp.utc_offset, hours_text(sp.after_root_h, words), sp.root_name}) +
                 "\n" + spread_nearest_text(sp, words) + "\n";
        }
    }
    const std::string tot = figures_text(d.totals, words);
    s += words.tr("Totals so far: {0}", {tot.empty() ? words.tr("no figures reported") : tot}) + "\n";
    auto event_text = [&](const DetailsEvent& e) {
        std::string x = "- " + e.when_local + " " + e.utc_offset;
        if (!e.time_note.empty()) x += " (" + e.time_note + ")";
        x += " \xC2\xB7 " + e.category_label;
        if (!e.place.empty()) x += " \xC2\xB7 " + e.place;
        x += "\n";
        if (!e.description.empty()) x += "  " + e.description + "\n";
        if (!e.figures.empty()) x += "  " + words.tr("Figures: {0}", {e.figures}) + "\n";
        if (e.disputed)
            x += "  " + words.tr("DISPUTED: {0}", {e.disputed_note.empty() ? words.tr("the figures are disputed") : e.disputed_note}) + "\n";
        if (!e.source.empty() || !e.source_keys.empty()) {
            x += "  " + words.tr("Sources: ") + e.source;
            if (!e.source_keys.empty()) x += (e.source.empty() ? "" : " ") + std::string("[") + e.source_keys + "]";
            x += "\n";
        }
        return x;
    };
    s += "\n" + words.tr("Events so far ({0}):", {std::to_string(d.past_count)}) + "\n";
    if (d.past_count == 0) s += "- " + words.tr("none yet") + "\n";
    for (std::size_t i = 0; i < d.past_count; ++i) s += event_text(d.events[i]);
    if (d.events.size() > d.past_count) {
        s += "\n" + words.tr("Later (after {0}):", {d.moment_local}) + "\n";
        for (std::size_t i = d.past_count; i < d.events.size(); ++i) s += event_text(d.events[i]);
    }
    if (!d.data_note.empty()) s += "\n" + d.data_note + "\n";
    return s;
}

}  // namespace qantar
