// Small string utilities, the one home for them in qantar: ASCII case folding, trimming, affixes,
// splitting and number formatting. Pure C++; byte-oriented (UTF-8 passes through untouched).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qantar {

// ASCII lower/upper case; other bytes (UTF-8 included) are kept.
std::string lower(std::string_view s);
std::string upper_ascii(std::string s);
// Equal / contains / ends with, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view hay, std::string_view needle);
bool iends_with(std::string_view s, std::string_view suffix);
bool ends_with(std::string_view s, std::string_view suffix);
// Without leading and trailing white space (std::isspace in the C locale).
std::string trim(std::string_view s);
// "a;b;;c" by ';' -> {"a", "b", "", "c"}; an empty string gives {""}.
std::vector<std::string> split(std::string_view s, char sep);
// 1234567 -> "1,234,567"; -1234 -> "-1,234".
std::string with_thousands(std::int64_t v);
// "{0} of {1}" with {0}, {1}, ... replaced by args (a message's placeholders; an index without an
// argument is kept as written).
std::string fill(std::string_view pattern, std::initializer_list<std::string> args);
// A whole string (surrounding spaces and a leading '+' allowed) as a finite decimal number: no hex
// ("0x2B"), no "inf" or "nan", nothing after the number. nullopt otherwise.
std::optional<double> parse_finite(std::string_view s);
// The shortest text that reads back as v ("43.25", "1e+308"), for messages.
std::string format_number(double v);
// SQL quoting (SQLite, PostgreSQL, OGR SQL): a 'literal' ('' inside) and an "identifier" ("" inside).
std::string sql_literal(std::string_view s);
std::string sql_identifier(std::string_view s);
// "schema.table" as "schema"."table"; a name without a dot as one identifier.
std::string sql_relation(std::string_view name);
// 'a', 'b', 'c': the values as literals, comma-separated (for IN (...)).
std::string sql_literal_list(const std::vector<std::string>& values);
// s cut to at most max_bytes (at a UTF-8 boundary) with "..." appended when cut, for messages.
std::string abbreviate(std::string_view s, std::size_t max_bytes = 60);

// What one pass over a value finds (eight bytes at a time): whether every byte is ASCII (then it
// is valid UTF-8 without a closer look) and whether it holds a line break ('\n').
struct TextScan {
    bool ascii = true;
    bool line_break = false;
};
TextScan scan_text(std::string_view s);

}  // namespace qantar
