// Categories and look-ups of the data model.
#include "model.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace qantar {

namespace {

struct CategoryName {
    Category category;
    std::string_view id, label;
};

constexpr std::array<CategoryName, kCategoryCount> kCategories{{
    {Category::PeacefulProtest, "peaceful_protest", "Peaceful protest"},
    {Category::Riot, "riot", "Riot"},
    {Category::SecurityOperation, "security_operation", "Security operation"},
    {Category::StateOfEmergency, "state_of_emergency", "State of emergency"},
    {Category::PoliticalDecision, "political_decision", "Political decision"},
    {Category::ForeignTroops, "foreign_troops", "Foreign troops"},
    {Category::InternetShutdown, "internet_shutdown", "Internet shutdown"},
}};

}  // namespace

std::string_view category_id(Category c) { return kCategories[static_cast<std::size_t>(c)].id; }

std::string_view category_label(Category c) { return kCategories[static_cast<std::size_t>(c)].label; }

std::optional<Category> parse_category(std::string_view id) {
    for (const auto& n : kCategories)
        if (iequals(n.id, id)) return n.category;
    return std::nullopt;
}

// ACLED event types: Protests (Peaceful protest, Protest with intervention, Excessive force against
// protesters), Riots (Violent demonstration, Mob violence), Battles, Violence against civilians,
// Explosions/Remote violence, Strategic developments (Agreement, Arrests, Change to group/activity,
// Disrupted weapons use, Headquarters or base established, Looting/property destruction,
// Non-violent transfer of territory, Other).
Category category_from_acled(std::string_view event_type, std::string_view sub_event_type) {
    if (icontains(event_type, "protest")) {
        if (icontains(sub_event_type, "excessive force")) return Category::SecurityOperation;
        return Category::PeacefulProtest;
    }
    if (icontains(event_type, "riot")) return Category::Riot;
    if (icontains(event_type, "battle") || icontains(event_type, "violence against civilians") ||
        icontains(event_type, "explosion"))
        return Category::SecurityOperation;
    if (icontains(event_type, "strategic")) {
        if (icontains(sub_event_type, "arrest") || icontains(sub_event_type, "disrupted weapons"))
            return Category::SecurityOperation;
        if (icontains(sub_event_type, "looting")) return Category::Riot;
        if (icontains(sub_event_type, "headquarters") || icontains(sub_event_type, "base established"))
            return Category::ForeignTroops;
        return Category::PoliticalDecision;
    }
    return Category::PoliticalDecision;
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
