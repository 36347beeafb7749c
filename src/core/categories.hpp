// Categories derived from the data when no story manifest gives them (a plain events file):
// ACLED's six event types with a fixed colour-blind-safe palette, or the top values of a field
// (the rest "Other"), or one category "Event". Pure.
#pragma once

#include "model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace qantar {

// The Okabe-Ito palette (colour-blind safe) without its black, then a neutral grey for "Other".
inline constexpr std::uint32_t kCategoryPalette[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                     0x0072B2, 0xD55E00, 0xCC79A7};
inline constexpr std::uint32_t kOtherColour = 0x999999;

// ACLED's six event types, labels as ACLED writes them, each with a fixed colour and a meaning on
// the map (protests and riots spread; riots, battles, explosions and violence against civilians
// are violent).
std::vector<CategoryDef> acled_categories();

// Categories from one text value per event: ACLED types when `acled` (values it does not know
// come after them), else the `top_n` most frequent values (ties: first seen) and "Other" for the
// rest; an empty value counts as "Other" too. Fills `index` with each event's category.
std::vector<CategoryDef> categories_from_values(const std::vector<std::string>& values, bool acled,
                                                std::size_t top_n, std::vector<int>& index);
// The same from the distinct values (in order of first appearance) and how many events carry
// each: `index` gets each distinct value's category. Millions of events, a handful of values.
std::vector<CategoryDef> categories_from_distinct(const std::vector<std::string>& distinct,
                                                  const std::vector<std::size_t>& counts, bool acled,
                                                  std::size_t top_n, std::vector<int>& index);

// The single category of a file without any category field.
CategoryDef single_category();

// "Other", grey: the values that have no category of their own.
CategoryDef other_category();

}  // namespace qantar
