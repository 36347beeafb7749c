// Categories and look-ups of the data model.
#include "model.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace qantar {

std::string_view event_text(EventRef e, std::string_view field, std::string_view english, std::string_view lang) {
    if (lang.empty() || lang == "en") return english;
    for (const auto& [k, v] : e.extra())
        if (k.size() == field.size() + 1 + lang.size() && k.compare(0, field.size(), field) == 0 &&
            k[field.size()] == '_' && k.compare(field.size() + 1, std::string::npos, lang) == 0 &&
            !trim(v).empty())
            return v;
    return english;
}

int find_category(const std::vector<CategoryDef>& table, std::string_view id) {
    for (std::size_t i = 0; i < table.size(); ++i)
        if (iequals(table[i].id, id)) return static_cast<int>(i);
    return -1;
}

namespace {

// By id (ASCII case ignored), then by English name (case ignored) or exact Kazakh or Russian name.
template <class Place>
int find_place(const std::vector<Place>& places, std::string Place::*id, std::string_view id_or_name) {
    if (id_or_name.empty()) return -1;
    for (std::size_t i = 0; i < places.size(); ++i)
        if (iequals(places[i].*id, id_or_name)) return static_cast<int>(i);
    for (std::size_t i = 0; i < places.size(); ++i) {
        const Place& p = places[i];
        if (iequals(p.name_en, id_or_name) || (!p.name_kk.empty() && p.name_kk == id_or_name) ||
            (!p.name_ru.empty() && p.name_ru == id_or_name))
            return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

int Dataset::find_city(std::string_view id_or_name) const { return find_place(cities, &City::city_id, id_or_name); }

int Dataset::find_region(std::string_view id_or_name) const {
    return find_place(regions, &Region::region_id, id_or_name);
}

const SourceRef* Dataset::find_source(std::string_view key) const {
    for (const SourceRef& s : sources)
        if (s.key == key) return &s;
    return nullptr;
}

std::vector<std::string> Dataset::citations(std::string_view source_keys) const {
    std::vector<std::string> out;
    for (const std::string& k : split(source_keys, ';')) {
        const SourceRef* s = find_source(trim(k));
        if (!s) continue;
        const std::string& c = s->short_citation.empty() ? s->outlet : s->short_citation;
        if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

}  // namespace qantar
