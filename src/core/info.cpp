// The data summary behind `qantar info` (see info.hpp).
#include "info.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace qantar {

namespace {

constexpr std::size_t kMaxReasons = 10;

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string city_name(const Dataset& d, int city) { return city >= 0 ? d.cities[city].name_en : std::string(); }

LocalTime end_time(const Timeline& tl) { return {tl.end_utc_s(), tl.display_offset_at(static_cast<double>(tl.end_utc_s()))}; }
LocalTime start_time(const Timeline& tl) {
    const auto& ev = tl.data().events;
    return ev.empty() ? LocalTime{0, tl.display_offset_s()} : LocalTime{tl.start_utc_s(), ev.front().start().offset_s};
}

}  // namespace

std::string format_delay_h(double hours) {
    if (hours < 0) return "-" + format_delay_h(-hours);
    const auto total_min = static_cast<long long>(std::llround(hours * 60));
    const long long d = total_min / (24 * 60), h = (total_min / 60) % 24, m = total_min % 60;
    std::string s;
    if (d > 0) s += std::to_string(d) + " d ";
    if (d > 0 || h > 0) s += std::to_string(h) + " h";
    if (d == 0 && m > 0) {
        if (h > 0) s += ' ';
        s += std::to_string(m);
        s += " min";
    }
    if (s.empty()) s = "0 h";
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::string info_text(const Timeline& tl) {
    const Dataset& d = tl.data();
    std::ostringstream out;
    out << "qantar: " << d.events.size() << " events, " << d.cities.size() << " cities, " << d.regions.size()
        << " regions\n";
    if (!d.events.empty())
        out << "From " << format_iso8601_minutes(start_time(tl)) << " to " << format_iso8601_minutes(end_time(tl))
            << " (" << tl.days().size() << " days; dates shown at UTC" << format_utc_offset(tl.display_offset_s())
            << ")\n";
    out << "Projection: " << d.crs << "\n";
    if (!d.time_field.empty())
        out << "Times: field " << d.time_field << " (" << d.time_format << "); zone "
            << (d.time_zone.empty() ? tl.display_zone().name() : d.time_zone) << ", days in "
            << tl.display_zone().name() << "\n";
    if (!d.time_zone_warning.empty()) out << "Warning: " << d.time_zone_warning << "\n";
    if (!d.title.empty()) out << "Title: " << d.title << (d.subtitle.empty() ? "" : " \xC2\xB7 " + d.subtitle) << "\n";
    {
        const LonLatBox& f = d.framing_deg;
        out << "Framing: " << fixed(f.lon_min_deg, 2) << ", " << fixed(f.lat_min_deg, 2) << " to " << fixed(f.lon_max_deg, 2)
            << ", " << fixed(f.lat_max_deg, 2) << " (lon, lat); " << d.outside_extent << " event"
            << (d.outside_extent == 1 ? "" : "s") << " outside it\n";
    }

    std::vector<int> counts(d.categories.size(), 0);
    for (const EventRef e : d.events) ++counts[static_cast<std::size_t>(e.category())];
    out << "\nEvents by category:\n";
    for (std::size_t c = 0; c < counts.size(); ++c)
        if (counts[c] > 0) {
            char line[160];
            std::snprintf(line, sizeof line, "  %-20s %6d\n", d.categories[c].label().c_str(), counts[c]);
            out << line;
        }

    const auto& spread = tl.spread();
    if (!spread.empty()) {
        out << "\nHow the unrest spread (" << spread.size() << " cities; first unrest in each, after "
            << city_name(d, spread.front().city) << "):\n";
        for (std::size_t k = 0; k < spread.size(); ++k) {
            const SpreadLink& s = spread[k];
            const EventRef e = d.events[s.first_event];
            char line[256];
            std::snprintf(line, sizeof line, "  %2zu. %-16s %s  +%-10s", k + 1, city_name(d, s.city).c_str(),
                          format_iso8601_minutes(e.start()).c_str(), format_delay_h(s.after_root_h).c_str());
            out << line;
            if (s.from_city >= 0)
                out << "  nearest already active: " << city_name(d, s.from_city) << " (" << fixed(s.distance_km, 0)
                    << " km, " << format_delay_h(s.delay_h) << " before" << (spread_arc_supported(s) ? "" : "; no arc") << ")";
            else out << "  (root)";
            out << '\n';
        }
    }

    if (!tl.days().empty()) {
        out << "\nEvents per day:\n";
        int peak = 1;
        for (const DayBin& b : tl.days()) peak = std::max(peak, b.count);
        for (const DayBin& b : tl.days()) {
            const std::string day = format_iso8601(b.day_start).substr(0, 10);
            const int bar = static_cast<int>(std::lround(40.0 * b.count / peak));
            char line[64];
            std::snprintf(line, sizeof line, "  %s %5d ", day.c_str(), b.count);
            out << line << std::string(static_cast<std::size_t>(bar), '#') << '\n';
        }
    }

    if (!d.tally.empty()) {
        const TallyAt t = tl.tally_at(std::numeric_limits<double>::max());
        out << "\nOfficial national tally";
        if (t.latest_entry >= 0) out << " (latest: " << format_iso8601_minutes(d.tally[t.latest_entry].announced_at) << ")";
        out << ":\n";
        for (const TallyColumn& col : kTallyColumns)
            if (const Count& v = t.*col.running) out << "  " << col.name << ": " << *v << '\n';
    }

    if (!d.skipped.empty()) {
        out << "\nSkipped " << d.skipped.size() << " invalid event record" << (d.skipped.size() == 1 ? "" : "s") << " in " << d.skipped.front().file
            << (d.skipped.size() > kMaxReasons ? "; the first " + std::to_string(kMaxReasons) : std::string()) << ":\n";
        for (std::size_t i = 0; i < std::min(kMaxReasons, d.skipped.size()); ++i) out << "  " << d.skipped[i].reason << '\n';
    } else {
        out << "\nNothing skipped.\n";
    }
    return out.str();
}

nlohmann::json info_json(const Timeline& tl) {
    using nlohmann::json;
    const Dataset& d = tl.data();
    json j;
    j["events"] = d.events.size();
    j["cities"] = d.cities.size();
    j["regions"] = d.regions.size();
    j["start"] = d.events.empty() ? json(nullptr) : json(format_iso8601(start_time(tl)));
    j["end"] = d.events.empty() ? json(nullptr) : json(format_iso8601(end_time(tl)));
    j["display_offset"] = format_utc_offset(tl.display_offset_s());
    // Times (issue 10): the zone (IANA name, "per place", or a fixed "UTC+06:00"), the column, its form.
    j["time_zone"] = d.time_zone.empty() ? tl.display_zone().name() : d.time_zone;
    j["display_zone"] = tl.display_zone().name();
    j["time_field"] = d.time_field;
    j["time_format"] = d.time_format;
    j["time_zone_warning"] = d.time_zone_warning.empty() ? json(nullptr) : json(d.time_zone_warning);
    j["crs"] = d.crs;
    j["title"] = d.title;
    j["spread_root"] = tl.spread().empty() ? json(nullptr) : json(city_name(d, tl.spread().front().city));
    j["skipped"] = d.skipped.size();

    json cats = json::object();
    for (const CategoryDef& c : d.categories) cats[c.id] = 0;
    for (const EventRef e : d.events) cats[d.category_of(e).id] = cats[d.category_of(e).id].get<int>() + 1;
    j["categories"] = cats;

    json spread = json::array();
    for (const SpreadLink& s : tl.spread()) {
        const EventRef e = d.events[s.first_event];
        spread.push_back({{"city", d.cities[s.city].name_en},
                          {"city_id", d.cities[s.city].city_id},
                          {"first_event", e.event_id_cnty()},
                          {"first_time", format_iso8601(e.start())},
                          {"after_root_h", s.after_root_h},
                          {"from", s.from_city >= 0 ? json(d.cities[s.from_city].name_en) : json(nullptr)},
                          {"from_city_id", s.from_city >= 0 ? json(d.cities[s.from_city].city_id) : json(nullptr)},
                          {"delay_h", s.delay_h},
                          {"distance_km", std::round(s.distance_km * 10) / 10}});
    }
    j["spread"] = spread;

    json days = json::array();
    for (const DayBin& b : tl.days()) {
        json by = json::object();
        for (std::size_t c = 0; c < b.count_by_category.size(); ++c)
            if (b.count_by_category[c] > 0) by[d.categories[c].id] = b.count_by_category[c];
        days.push_back({{"date", format_iso8601(b.day_start).substr(0, 10)}, {"count", b.count}, {"categories", by}});
    }
    j["days"] = days;

    json tally = json::object();
    const TallyAt t = tl.tally_at(std::numeric_limits<double>::max());
    for (const TallyColumn& col : kTallyColumns)
        if (const Count& v = t.*col.running) tally[std::string(col.name)] = *v;
    if (t.latest_entry >= 0) tally["announced_at"] = format_iso8601(d.tally[t.latest_entry].announced_at);
    j["tally"] = tally;

    json reasons = json::array();
    for (std::size_t i = 0; i < std::min(kMaxReasons, d.skipped.size()); ++i) reasons.push_back(d.skipped[i].reason);
    j["skipped_reasons"] = reasons;
    j["input_files"] = d.input_files;
    // The framing (a map of any place, or --bbox): [lon_min, lat_min, lon_max, lat_max] in degrees;
    // across the antimeridian lon_min > lon_max, as in a GeoJSON bbox (RFC 7946, 5.2).
    const LonLatBox& f = d.framing_deg;
    j["extent"] = {f.lon_min_deg, f.lat_min_deg, f.lon_max_deg > 180 ? f.lon_max_deg - 360 : f.lon_max_deg, f.lat_max_deg};
    j["outside_extent"] = d.outside_extent;
    j["title"] = d.title;
    j["subtitle"] = d.subtitle;
    return j;
}

}  // namespace qantar
