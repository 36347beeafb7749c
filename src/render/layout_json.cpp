// The frame's layout as JSON for the sweep (scripts/sweep.sh, issue 12): the text boxes, the legend
// with its swatch colours, the colours drawn and the HUD clock with the zones it was computed from.
#include "layout.hpp"

#include "event_style.hpp"
#include "layers/base_map.hpp"
#include "palette.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace qantar::render {

namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char ch : s) {
        if (ch == '"' || ch == '\\') out += '\\', out += static_cast<char>(ch);
        else if (ch < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", ch);
            out += b;
        } else out += static_cast<char>(ch);
    }
    return out + "\"";
}

std::string hex(sf::Color c) {
    char b[8];
    std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
    return json_string(b);
}

void json_box(std::ostringstream& o, const std::string& kind, const std::string& text, const Box& b) {
    o << "{\"kind\":" << json_string(kind) << ",\"text\":" << json_string(text) << ",\"x\":" << b.left
      << ",\"y\":" << b.top << ",\"w\":" << b.width << ",\"h\":" << b.height << "}";
}

std::string region_key(PlaceState st) { return "region:" + std::string(place_state_id(st)); }

}  // namespace

std::string legend_key(const LegendEntry& e) {
    if (e.spread) return "spread";
    if (e.category >= 0) return e.id;
    return region_key(static_cast<PlaceState>(e.state));
}

sf::Color legend_swatch_colour(const Dataset& data, const LegendEntry& e) {
    if (e.spread) return kSpread;
    if (e.category >= 0) return category_color(data.categories[static_cast<std::size_t>(e.category)]);
    return state_tint(static_cast<PlaceState>(e.state));
}

std::vector<DrawnColour> drawn_colours(const Timeline& tl, const Scene& scene, const FrameParams& p) {
    const Dataset& data = tl.data();
    std::vector<DrawnColour> out;
    auto add = [&](const std::string& what, const std::string& key, sf::Color c) {
        if (std::none_of(out.begin(), out.end(), [&](const DrawnColour& d) { return d.what == what && d.key == key; }))
            out.push_back({what, key, c});
    };
    for (std::size_t i = 0; i < data.events.size(); ++i) {
        const CategoryDef& c = data.category_of(data.events[i]);
        if (c.marker && tl.is_visible(i, p.t_utc_s, p.time)) add("marker", c.id, category_color(c));
    }
    if (p.overlays.timeline)
        for (const DayBin& d : tl.days())
            for (std::size_t c = 0; c < d.count_by_category.size(); ++c)
                if (d.count_by_category[c] > 0) add("histogram", data.categories[c].id, category_color(data.categories[c]));
    for (const TroopArc& a : scene.troops) {
        const CategoryDef& c = data.category_of(data.events[a.event]);
        add("arc", c.id, category_color(c));
    }
    if (p.overlays.spread && !scene.spread.empty()) add("arc", "spread", kSpread);
    for (PlaceState st : scene.region_states)
        if (st != PlaceState::Calm) add("region", region_key(st), state_tint(st));
    if (!scene.banner.empty() && p.overlays.hud) add("banner", "banner", kBannerFill);
    return out;
}

std::string layout_json(const Dataset& data, const FrameLayout& L, const std::vector<DrawnColour>& drawn) {
    std::ostringstream o;
    o.precision(10);
    o << "{\"width\":" << L.size.width_px << ",\"height\":" << L.size.height_px << ",\"hud\":" << (L.hud ? "true" : "false")
      << ",\"texts\":[";
    bool first = true;
    for (const LaidOutText& t : laid_out_texts(L)) {
        o << (first ? "" : ",");
        json_box(o, t.kind, t.text, t.box);
        first = false;
    }
    // The city markers on screen (their discs' boxes): the banner must not cover one.
    o << "],\"markers\":[";
    first = true;
    for (const CityOnScreen& c : L.cities) {
        if (c.center_px.x + c.radius_px < 0 || c.center_px.y + c.radius_px < 0 ||
            c.center_px.x - c.radius_px > L.size.width_px || c.center_px.y - c.radius_px > L.size.height_px)
            continue;
        o << (first ? "" : ",");
        json_box(o, "marker", c.label_text,
                 Box{c.center_px.x - c.radius_px, c.center_px.y - c.radius_px, 2 * c.radius_px, 2 * c.radius_px});
        first = false;
    }
    // The zones the HUD, the caption card and the panel hold: texts must keep out of them.
    o << "],\"zones\":[";
    first = true;
    for (const Box& b : L.hud ? L.hud_boxes : std::vector<Box>{}) {
        o << (first ? "" : ",");
        json_box(o, "hud", "", b);
        first = false;
    }
    for (const Box& b : L.obstacles) {
        o << (first ? "" : ",");
        json_box(o, "obstacle", "", b);
        first = false;
    }
    o << "],\"legend\":[";
    for (std::size_t i = 0; i < L.legend.size(); ++i)
        o << (i ? "," : "") << "{\"key\":" << json_string(legend_key(L.legend[i]))
          << ",\"label\":" << json_string(L.legend[i].label) << ",\"colour\":" << hex(legend_swatch_colour(data, L.legend[i]))
          << "}";
    o << "],\"drawn\":[";
    for (std::size_t i = 0; i < drawn.size(); ++i)
        o << (i ? "," : "") << "{\"what\":" << json_string(drawn[i].what) << ",\"key\":" << json_string(drawn[i].key)
          << ",\"colour\":" << hex(drawn[i].colour) << "}";
    o << "],\"clock\":{\"text\":" << json_string(L.clock_text) << ",\"t_utc_s\":" << L.clock_t_utc_s
      << ",\"fallback_offset_s\":" << L.clock_fallback_offset_s << ",\"offsets_s\":[";
    for (std::size_t i = 0; i < L.clock_offsets.size(); ++i) o << (i ? "," : "") << L.clock_offsets[i];
    o << "],\"zones_in_view\":[";
    for (std::size_t i = 0; i < L.clock_zones.size(); ++i) {
        const ZoneInView& z = L.clock_zones[i];
        o << (i ? "," : "") << "{\"zone\":" << json_string(z.zone ? z.zone->name() : std::string())
          << ",\"offset_s\":" << (z.zone ? z.zone->offset_at(L.clock_t_utc_s) : 0) << ",\"weight\":" << z.weight << "}";
    }
    o << "]}}";
    return o.str();
}

}  // namespace qantar::render
