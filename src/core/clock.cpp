// The HUD clock text (see clock.hpp).
#include "clock.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace qantar {

namespace {

struct Group {
    std::int32_t offset_s = 0;
    double weight = 0;
    const ZoneRules* named = nullptr;  // its heaviest IANA zone
    double named_weight = -1;
};

bool is_iana(const ZoneRules& z) { return z.name().find('/') != std::string::npos; }

std::vector<Group> groups(const std::vector<ZoneInView>& zones, std::int64_t t, const ZoneRules& fallback,
                          double min_share, std::size_t max_clocks) {
    std::map<std::int32_t, Group> by_offset;
    double total = 0;
    for (const ZoneInView& z : zones) {
        if (!z.zone || !(z.weight > 0)) continue;
        const std::int32_t off = z.zone->offset_at(t);
        Group& g = by_offset[off];
        g.offset_s = off;
        g.weight += z.weight;
        total += z.weight;
        if (is_iana(*z.zone) && z.weight > g.named_weight) g.named = z.zone, g.named_weight = z.weight;
    }
    std::vector<Group> out;
    for (const auto& [off, g] : by_offset)
        if (g.weight >= min_share * total) out.push_back(g);
    if (out.empty()) {
        Group g;
        g.offset_s = fallback.offset_at(t);
        g.named = &fallback;
        return {g};
    }
    if (out.size() > max_clocks) {
        std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.weight > b.weight; });
        out.resize(max_clocks);
    }
    std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.offset_s < b.offset_s; });
    return out;
}

std::string hh_mm(std::int64_t t, std::int32_t off) {
    const std::int64_t local = t + off;
    const std::int64_t sod = local - floor_div(local, kSecondsPerDay) * kSecondsPerDay;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60));
    return buf;
}

}  // namespace

std::string short_utc_name(std::int32_t offset_s) {
    if (offset_s == 0) return "UTC";
    const std::string full = format_utc_offset(offset_s);  // "+05:30"
    return "UTC" + (full.substr(3) == ":00" ? full.substr(0, 3) : full);
}

std::string zone_place_name(const ZoneRules& zone, std::int32_t offset_s, const Language& words) {
    const std::string& n = zone.name();
    if (std::string local = words.zone_city(n); !local.empty()) return local;
    const auto slash = n.rfind('/');
    if (slash == std::string::npos || slash + 1 >= n.size()) return short_utc_name(offset_s);
    std::string city = n.substr(slash + 1);
    std::replace(city.begin(), city.end(), '_', ' ');
    return city;
}

std::vector<std::int32_t> hud_clock_offsets(const std::vector<ZoneInView>& zones, std::int64_t t_utc_s,
                                            const ZoneRules& fallback, double min_share, std::size_t max_clocks) {
    std::vector<std::int32_t> out;
    for (const Group& g : groups(zones, t_utc_s, fallback, min_share, max_clocks)) out.push_back(g.offset_s);
    return out;
}

std::string hud_clock_text(const std::vector<ZoneInView>& zones, std::int64_t t_utc_s, const ZoneRules& fallback,
                           double min_share, std::size_t max_clocks, const Language& words) {
    const std::vector<Group> gs = groups(zones, t_utc_s, fallback, min_share, max_clocks);
    if (gs.size() == 1)
        return words.tr("{0}  local time ({1})", {hh_mm(t_utc_s, gs[0].offset_s), short_utc_name(gs[0].offset_s)});
    std::string s;
    for (const Group& g : gs) {
        if (!s.empty()) s += "  \xC2\xB7  ";
        s += hh_mm(t_utc_s, g.offset_s) + " " +
             (g.named ? zone_place_name(*g.named, g.offset_s, words) : short_utc_name(g.offset_s));
    }
    return s;
}

}  // namespace qantar
