#include "categories.hpp"

#include "text.hpp"

#include <algorithm>
#include <map>

namespace qantar {

namespace {

CategoryDef make(std::string id, std::uint32_t rgb) {
    CategoryDef c;
    c.label_en = id;
    c.id = std::move(id);
    c.rgb = rgb;
    return c;
}

}  // namespace

std::vector<CategoryDef> acled_categories() {
    std::vector<CategoryDef> t;
    CategoryDef protests = make("Protests", kCategoryPalette[0]);
    protests.effect = PlaceEffect::Protest;
    protests.spreads = true;
    t.push_back(protests);
    CategoryDef riots = make("Riots", kCategoryPalette[5]);
    riots.effect = PlaceEffect::Violence;
    riots.spreads = riots.violent = true;
    t.push_back(riots);
    for (auto [id, rgb] : {std::pair{"Battles", kCategoryPalette[6]},
                           std::pair{"Violence against civilians", kCategoryPalette[1]},
                           std::pair{"Explosions/Remote violence", kCategoryPalette[3]}}) {
        CategoryDef c = make(id, rgb);
        c.effect = PlaceEffect::Violence;
        c.violent = true;
        t.push_back(c);
    }
    t.push_back(make("Strategic developments", kCategoryPalette[2]));
    return t;
}

CategoryDef single_category() { return make("Event", kCategoryPalette[0]); }

CategoryDef other_category() { return make("Other", kOtherColour); }

std::vector<CategoryDef> categories_from_values(const std::vector<std::string>& values, bool acled,
                                                std::size_t top_n, std::vector<int>& index) {
    std::vector<std::string> distinct;
    std::vector<std::size_t> counts;
    std::map<std::string, std::size_t> code;
    std::vector<std::size_t> codes;
    codes.reserve(values.size());
    for (const std::string& v : values) {
        auto [it, added] = code.emplace(v, distinct.size());
        if (added) distinct.push_back(v), counts.push_back(0);
        ++counts[it->second];
        codes.push_back(it->second);
    }
    std::vector<int> of_distinct;
    std::vector<CategoryDef> table = categories_from_distinct(distinct, counts, acled, top_n, of_distinct);
    index.clear();
    for (std::size_t c : codes) index.push_back(of_distinct[c]);
    return table;
}

std::vector<CategoryDef> categories_from_distinct(const std::vector<std::string>& distinct,
                                                  const std::vector<std::size_t>& counts, bool acled,
                                                  std::size_t top_n, std::vector<int>& index) {
    const std::vector<std::string>& values = distinct;
    std::vector<CategoryDef> table;
    if (acled) table = acled_categories();
    // Frequencies of the values the table does not hold yet, in order of first appearance.
    std::vector<std::string> order;
    std::map<std::string, std::size_t> count;
    for (std::size_t k = 0; k < values.size(); ++k) {
        const std::string& v = values[k];
        if (v.empty() || find_category(table, v) >= 0) continue;
        if (count[v] == 0) order.push_back(v);
        count[v] += counts[k];
    }
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) { return count[a] > count[b]; });
    const std::size_t keep = acled ? order.size() : std::min(order.size(), top_n);
    const std::size_t palette = std::size(kCategoryPalette);
    for (std::size_t k = 0; k < keep; ++k)
        table.push_back(make(order[k], acled ? kOtherColour : kCategoryPalette[k % palette]));
    int other = -1;
    index.clear();
    for (const std::string& v : values) {
        int i = v.empty() ? -1 : find_category(table, v);
        if (i < 0) {
            if (other < 0) {
                table.push_back(other_category());
                other = static_cast<int>(table.size()) - 1;
            }
            i = other;
        }
        index.push_back(i);
    }
    return table;
}

}  // namespace qantar
