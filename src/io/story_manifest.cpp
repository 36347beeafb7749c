#include "story_manifest.hpp"

#include "core/limits.hpp"
#include "core/error.hpp"

#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

namespace qantar {

namespace fs = std::filesystem;

namespace {

// Reads one table, refusing keys it does not know: a typo must not be silently ignored.
class TableReader {
public:
    TableReader(const std::string& file, const toml::table& t, std::string prefix)
        : file_(file), t_(t), prefix_(std::move(prefix)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw InputError(file_, "key '" + prefix_ + key + "'", "", message);
    }
    const toml::node* get(const std::string& key) {
        seen_.insert(key);
        return t_.get(key);
    }
    std::string str(const std::string& key, const std::string& def = {}) {
        const toml::node* n = get(key);
        if (!n) return def;
        if (!n->is_string()) fail(key, "expected a string");
        return **n->as_string();
    }
    bool flag(const std::string& key, bool def = false) {
        const toml::node* n = get(key);
        if (!n) return def;
        if (!n->is_boolean()) fail(key, "expected true or false");
        return **n->as_boolean();
    }
    // A text in three languages: "text" (English) or { en = "...", kk = "...", ru = "..." }.
    StoryText text(const std::string& key) {
        const toml::node* n = get(key);
        StoryText t;
        if (!n) return t;
        if (n->is_string()) {
            t.en = **n->as_string();
            return t;
        }
        if (!n->is_table()) fail(key, "expected a string or a table { en = ..., kk = ..., ru = ... }");
        TableReader r(file_, *n->as_table(), prefix_ + key + ".");
        t.en = r.str("en");
        t.kk = r.str("kk");
        t.ru = r.str("ru");
        r.done();
        if (t.en.empty()) fail(key + ".en", "missing (the English text is required)");
        return t;
    }
    const toml::table* table(const std::string& key) {
        const toml::node* n = get(key);
        if (!n) return nullptr;
        if (!n->is_table()) fail(key, "expected a table");
        return n->as_table();
    }
    std::vector<std::string> strings(const std::string& key) {
        std::vector<std::string> out;
        const toml::node* n = get(key);
        if (!n) return out;
        if (!n->is_array()) fail(key, "expected an array of strings");
        for (const toml::node& v : *n->as_array()) {
            if (!v.is_string()) fail(key, "expected an array of strings");
            out.push_back(**v.as_string());
        }
        return out;
    }
    void done() const {
        for (auto&& [k, v] : t_)
            if (!seen_.count(std::string(k.str()))) fail(std::string(k.str()), "unknown key");
    }
    const std::string& prefix() const { return prefix_; }

private:
    const std::string& file_;
    const toml::table& t_;
    std::string prefix_;
    std::set<std::string> seen_;
};

PlaceEffect parse_state(TableReader& r, const std::string& text) {
    if (text.empty() || text == "none") return PlaceEffect::None;
    if (text == "emergency") return PlaceEffect::Emergency;
    if (text == "protest") return PlaceEffect::Protest;
    if (text == "violence") return PlaceEffect::Violence;
    r.fail("state", "'" + text + "' is not a state (expected emergency, protest, violence or none)");
}

CategoryDef read_category(const std::string& file, const toml::node& node, std::size_t k) {
    const std::string prefix = "categories[" + std::to_string(k + 1) + "].";
    if (!node.is_table()) throw InputError(file, "key 'categories[" + std::to_string(k + 1) + "]'", "", "expected a table");
    TableReader r(file, *node.as_table(), prefix);
    CategoryDef c;
    c.id = r.str("id");
    if (c.id.empty()) r.fail("id", "missing (every category needs an id)");
    const StoryText label = r.text("label");
    c.label_en = label.en.empty() ? c.id : label.en;
    c.label_kk = label.kk;
    c.label_ru = label.ru;
    const std::string colour = r.str("colour");
    if (colour.empty()) r.fail("colour", "missing (every category needs a colour, \"#rrggbb\")");
    const auto rgb = parse_hex_colour(colour);
    if (!rgb) r.fail("colour", "'" + colour + "' is not a colour (expected \"#rrggbb\")");
    c.rgb = *rgb;
    c.effect = parse_state(r, r.str("state", "none"));
    c.spreads = r.flag("spreads");
    c.violent = r.flag("violent");
    c.marker = r.flag("marker", true);
    c.movement = r.flag("movement");
    const StoryText banner = r.text("banner");
    c.banner = !banner.empty();
    c.banner_en = banner.en;
    c.banner_kk = banner.kk;
    c.banner_ru = banner.ru;
    if (const toml::node* d = r.get("duration_h")) {
        if (d->is_string() && **d->as_string() == "until_end") {
            c.until_end = true;
        } else if (d->is_number() && d->value<double>().value_or(-1) >= 0) {
            c.default_duration_s = static_cast<std::int64_t>(*d->value<double>() * 3600.0 + 0.5);
        } else {
            r.fail("duration_h", "expected a number of hours >= 0 or \"until_end\"");
        }
    }
    r.done();
    return c;
}

void read_categories(const std::string& file, const toml::node* n, StoryConfig& s) {
    if (!n) return;
    if (!n->is_array()) throw InputError(file, "key 'categories'", "", "expected an array of tables ([[categories]])");
    const toml::array& a = *n->as_array();
    for (std::size_t k = 0; k < a.size(); ++k) {
        CategoryDef c = read_category(file, a[k], k);
        if (find_category(s.categories, c.id) >= 0)
            throw InputError(file, "key 'categories[" + std::to_string(k + 1) + "].id'", "",
                             "duplicate id '" + c.id + "'");
        s.categories.push_back(std::move(c));
    }
}

// A file named by the manifest, relative to its folder; it must exist.
std::string story_file(TableReader& r, const std::string& key, const std::string& dir, bool required) {
    const std::string name = r.str(key);
    if (name.empty()) {
        if (required) r.fail(key, "missing (the story's " + key + " file)");
        return {};
    }
    const fs::path p = fs::path(name).is_absolute() ? fs::path(name) : fs::path(dir) / name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) r.fail(key, "no such file: " + p.string());
    return p.lexically_normal().string();
}

void read_files(const std::string& file, TableReader& top, StoryConfig& s) {
    const toml::table* t = top.table("files");
    if (!t) top.fail("files", "missing (the [files] table names at least the events file)");
    TableReader r(file, *t, "files.");
    s.events = story_file(r, "events", s.dir, true);
    s.cities = story_file(r, "cities", s.dir, false);
    s.regions = story_file(r, "regions", s.dir, false);
    s.tally = story_file(r, "tally", s.dir, false);
    s.outline = story_file(r, "outline", s.dir, false);
    s.countries = story_file(r, "countries", s.dir, false);
    s.water = story_file(r, "water", s.dir, false);
    s.beats = story_file(r, "beats", s.dir, false);
    s.sources = story_file(r, "sources", s.dir, false);
    r.done();
}

void read_fields_and_hud(const std::string& file, TableReader& top, StoryConfig& s) {
    if (const toml::table* t = top.table("fields")) {
        TableReader r(file, *t, "fields.");
        s.time_field = r.str("time");
        s.end_field = r.str("end");
        s.category_field = r.str("category");
        r.done();
    }
    if (const toml::table* t = top.table("hud")) {
        TableReader r(file, *t, "hud.");
        s.hud.header = r.text("header");
        s.hud.day_counter = r.text("day_counter");
        s.hud.day_before = r.text("day_before");
        if (!s.hud.day_counter.empty() && s.hud.day_counter.en.find("{n}") == std::string::npos)
            r.fail("day_counter", "must hold {n}, the day number");
        s.hud.tally_heading = r.text("tally_heading");
        s.hud.tally_columns = r.strings("tally_columns");
        // The headline figures: the HUD names who announced each.
        static const std::set<std::string> kColumns = {"killed", "security_killed", "injured", "detained"};
        for (const std::string& c : s.hud.tally_columns)
            if (!kColumns.count(c))
                r.fail("tally_columns", "'" + c + "' is not a headline column (killed, security_killed, injured, detained)");
        r.done();
    }
}

}  // namespace

std::optional<std::uint32_t> parse_hex_colour(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    std::uint32_t v = 0;
    for (char ch : text.substr(1)) {
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0) return std::nullopt;
        v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
}

StoryConfig read_story_manifest(const std::string& dir_or_file) {
    std::error_code ec;
    fs::path path = dir_or_file;
    if (fs::is_directory(path, ec)) path /= "story.toml";
    const std::string file = path.string();
    if (!fs::is_regular_file(path, ec)) throw InputError(file, "", "", "no such file (a story is a folder with a story.toml)");
    toml::table root;
    try {
        root = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
        throw InputError(file, "line " + std::to_string(e.source().begin.line), "", std::string(e.description()));
    }
    StoryConfig s;
    s.manifest = file;
    s.dir = path.parent_path().empty() ? std::string(".") : path.parent_path().string();
    TableReader r(file, root, "");
    s.title = r.text("title");
    s.subtitle = r.text("subtitle");
    s.window_title = r.str("window_title");
    s.city_region_label = r.text("city_region_label");
    s.data_note = r.text("data_note");
    s.time_zone = r.str("time_zone");
    s.crs = r.str("crs");
    if (const toml::node* n = r.get("seconds_per_day")) {
        const auto v = n->value<double>();
        if (!v || !(*v > 0) || *v > kMaxSecondsPerDay)
            r.fail("seconds_per_day", "expected a number of seconds more than 0 and at most 86400");
        s.seconds_per_day = *v;
    }
    if (const toml::node* b = r.get("bbox")) {
        const toml::array* a = b->as_array();
        std::array<double, 4> v{};
        if (!a || a->size() != 4) r.fail("bbox", "expected [lon_min, lat_min, lon_max, lat_max]");
        for (std::size_t i = 0; i < 4; ++i) {
            auto x = (*a)[i].value<double>();
            if (!x) r.fail("bbox", "expected four numbers [lon_min, lat_min, lon_max, lat_max]");
            v[i] = *x;
        }
        if (!(v[0] < v[2] && v[1] < v[3] && v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90))
            r.fail("bbox", "expected lon_min < lon_max and lat_min < lat_max, in degrees");
        s.bbox = v;
    }
    read_files(file, r, s);
    read_fields_and_hud(file, r, s);
    read_categories(file, r.get("categories"), s);
    r.done();
    return s;
}

void apply_story(const StoryConfig& s, LoadOptions& o) {
    auto fill = [](std::string& field, const std::string& value) {
        if (field.empty()) field = value;
    };
    // --events replaces the story's data: only its base map (cities, regions, context, crs) is used.
    const bool own_events = o.events_path.empty();
    if (own_events) {
        fill(o.events_path, s.events);
        fill(o.tally_path, s.tally);
        fill(o.sources_path, s.sources);
        fill(o.time_field, s.time_field);
        fill(o.end_field, s.end_field);
        fill(o.category_field, s.category_field);
        if (o.categories.empty() && o.color_by.empty()) o.categories = s.categories;
    }
    fill(o.cities_path, s.cities);
    fill(o.regions_path, s.regions);
    fill(o.outline_path, s.outline);
    fill(o.countries_path, s.countries);
    fill(o.water_path, s.water);
    if (o.geodata_dir.empty()) o.geodata_dir = s.dir;
    fill(o.crs, s.crs);
    if (!own_events) return;
    fill(o.time_zone, s.time_zone);
    fill(o.title, s.title.en);
    fill(o.subtitle, s.subtitle.en);
    o.story = s;
}

std::string bundled_story_manifest(const std::string& geodata_dir) {
    // The bundled story's folder is named in <geodata>/bundled-story (one line), so that no
    // story's name is written in the code.
    std::ifstream in(fs::path(geodata_dir) / "bundled-story");
    std::string name;
    std::getline(in, name);
    while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
    if (name.empty())
        throw InputError((fs::path(geodata_dir) / "bundled-story").string(), "", "",
                         "no such file or empty (it names the bundled story's folder)");
    return (fs::path(geodata_dir) / name / "story.toml").string();
}

}  // namespace qantar

namespace qantar {

namespace {

// A TOML basic string.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04X", c);
            out += b;
        } else out += static_cast<char>(c);
    }
    return out + "\"";
}

std::string hex_colour(std::uint32_t rgb) {
    char b[8];
    std::snprintf(b, sizeof b, "#%06x", rgb & 0xFFFFFFu);
    return b;
}

const char* state_name(PlaceEffect e) {
    switch (e) {
        case PlaceEffect::Emergency: return "emergency";
        case PlaceEffect::Protest: return "protest";
        case PlaceEffect::Violence: return "violence";
        case PlaceEffect::None: break;
    }
    return "none";
}

// key = "value", or the key commented out when there is no value.
std::string line(const std::string& key, const std::string& value, const std::string& hint) {
    return (value.empty() ? "# " + key + " = " + quoted(hint) : key + " = " + quoted(value)) + "\n";
}

}  // namespace

std::string story_manifest_text(const StoryConfig& s) {
    std::string t;
    t += "# A qantar story, written by `qantar init` from what it found in the events file.\n"
         "# Edit it freely: every key is explained in the comments, and an unknown key is an error.\n"
         "# Open it with `qantar --story DIR` (DIR: this folder).\n\n";
    t += "# The title and subtitle: one English string, or { en = \"...\", kk = \"...\", ru = \"...\" }.\n";
    t += line("title", s.title.en, "The story's title");
    t += line("subtitle", s.subtitle.en, "What it shows");
    t += "\n# The time zone of the events' places (IANA name); times without an offset are local.\n";
    t += line("time_zone", s.time_zone, "Europe/Paris");
    t += "\n# The map projection: a PROJ string or an EPSG code.\n";
    t += line("crs", s.crs, "EPSG:3857");
    t += "\n# The framing: [lon_min, lat_min, lon_max, lat_max] in degrees.\n";
    if (s.bbox) {
        char b[160];
        std::snprintf(b, sizeof b, "bbox = [%.2f, %.2f, %.2f, %.2f]\n", (*s.bbox)[0], (*s.bbox)[1], (*s.bbox)[2], (*s.bbox)[3]);
        t += b;
    } else {
        t += "# bbox = [-10.0, 35.0, 30.0, 60.0]\n";
    }
    t += "\n# The data files, relative to this folder: `events` is required, the others optional\n"
         "# (cities, regions, tally, outline, countries, water, beats, sources).\n[files]\n";
    t += line("events", s.events, "events.csv");
    t += line("cities", s.cities, "cities.csv");
    t += line("regions", s.regions, "regions.geojson");
    t += line("outline", s.outline, "outline.geojson");
    t += line("countries", s.countries, "countries.geojson");
    t += line("water", s.water, "water.geojson");
    t += line("tally", s.tally, "tally.csv");
    t += line("beats", s.beats, "beats.csv");
    t += line("sources", s.sources, "sources.csv");
    t += "\n# Which column holds the start time, the end time and the category.\n[fields]\n";
    t += line("time", s.time_field, "start_time");
    t += line("end", s.end_field, "end_time");
    t += line("category", s.category_field, "category");
    t += "\n# What the HUD says: the header above the date, and a day counter ({n}: the day, counted from\n"
         "# the first event whose category spreads). Leave day_counter out for none.\n[hud]\n";
    t += line("header", s.hud.header.en, "MY STORY");
    t += line("day_counter", s.hud.day_counter.en, "Day {n} of the protests");
    t += line("day_before", s.hud.day_before.en, "Before the protests");
    t += "\n# The categories, in legend order. id: the value in the category field; colour: \"#rrggbb\";\n"
         "# state: what an active event does to its place (emergency, protest, violence, none);\n"
         "# spreads: counts for the spread tree and the day counter; violent; marker: drawn and in the\n"
         "# legend; banner = \"TEXT\": shown over the map while active; movement: an arc from the origin;\n"
         "# duration_h: hours an event without an end lasts, or \"until_end\".\n";
    for (const CategoryDef& c : s.categories) {
        t += "\n[[categories]]\nid = " + quoted(c.id) + "\n";
        t += "label = " + quoted(c.label_en.empty() ? c.id : c.label_en) + "\n";
        t += "colour = " + quoted(hex_colour(c.rgb)) + "\n";
        t += "state = " + quoted(state_name(c.effect)) + "\n";
        t += std::string("spreads = ") + (c.spreads ? "true" : "false") + "\n";
        t += std::string("violent = ") + (c.violent ? "true" : "false") + "\n";
        if (!c.marker) t += "marker = false\n";
        if (c.banner) t += "banner = " + quoted(c.banner_en) + "\n";
        if (c.movement) t += "movement = true\n";
        if (c.until_end) t += "duration_h = \"until_end\"\n";
        else t += "duration_h = " + std::to_string(static_cast<double>(c.default_duration_s) / 3600.0).substr(0, 6) + "\n";
    }
    return t;
}

}  // namespace qantar
