// The string utilities of core/text.hpp: ASCII folding, trimming, affixes, splitting, thousands.
#include "core/text.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

TEST_CASE("lower and upper_ascii fold ASCII only", "[text]") {
    CHECK(lower("Almaty ALA") == "almaty ala");
    CHECK(lower("") == "");
    CHECK(lower("Алматы") == "Алматы");  // UTF-8 bytes pass through
    CHECK(upper_ascii("zhanaozen-1") == "ZHANAOZEN-1");
    CHECK(upper_ascii("Ä") == "Ä");
}

TEST_CASE("iequals, icontains, iends_with and ends_with", "[text]") {
    CHECK(iequals("Nur-Sultan", "nur-sultan"));
    CHECK_FALSE(iequals("Almaty", "Almat"));
    CHECK(iequals("", ""));
    CHECK(icontains("Protests (excessive force)", "EXCESSIVE FORCE"));
    CHECK(icontains("riot", ""));
    CHECK_FALSE(icontains("riot", "riots"));
    CHECK(iends_with("events.GeoJSON", ".geojson"));
    CHECK_FALSE(iends_with("json", ".geojson"));
    CHECK(ends_with("events.csv", ".csv"));
    CHECK_FALSE(ends_with("events.CSV", ".csv"));
}

TEST_CASE("trim removes white space at both ends only", "[text]") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("") == "");
    CHECK(trim(" \t ") == "");
    CHECK(trim("x") == "x");
}

TEST_CASE("split keeps empty parts", "[text]") {
    CHECK(split("a;b;;c", ';') == std::vector<std::string>{"a", "b", "", "c"});
    CHECK(split("", ';') == std::vector<std::string>{""});
    CHECK(split(";", ';') == std::vector<std::string>{"", ""});
    CHECK(split("50,42,56,45", ',').size() == 4);
}

TEST_CASE("with_thousands groups digits by three", "[text]") {
    CHECK(with_thousands(0) == "0");
    CHECK(with_thousands(999) == "999");
    CHECK(with_thousands(1000) == "1,000");
    CHECK(with_thousands(1234567) == "1,234,567");
    CHECK(with_thousands(-1234) == "-1,234");
    CHECK(with_thousands(-100) == "-100");
    CHECK(with_thousands(INT64_MIN) == "-9,223,372,036,854,775,808");
}

TEST_CASE("SQL quoting doubles the quote character and nothing else", "[text]") {
    CHECK(sql_literal("") == "''");
    CHECK(sql_literal("O'Brien") == "'O''Brien'");
    CHECK(sql_literal("a\"b") == "'a\"b'");
    CHECK(sql_literal("Côte d'Ivoire") == "'Côte d''Ivoire'");
    CHECK(sql_identifier("ev") == "\"ev\"");
    CHECK(sql_identifier("my \"odd\" table") == "\"my \"\"odd\"\" table\"");
    CHECK(sql_identifier("a'b") == "\"a'b\"");
    CHECK(sql_relation("public.ev") == "\"public\".\"ev\"");
    CHECK(sql_relation("ev") == "\"ev\"");
    CHECK(sql_relation("s.t.u") == "\"s\".\"t.u\"");  // the first dot parts schema and table
    CHECK(sql_literal_list({}) == "");
    CHECK(sql_literal_list({"KAZ", "O'X"}) == "'KAZ', 'O''X'");
}

TEST_CASE("scan_text finds bytes beyond ASCII and line breaks wherever they are", "[text]") {
    CHECK(scan_text("").ascii);
    CHECK_FALSE(scan_text("").line_break);
    // Every length from 0 to 40 and every position: the eight-byte words and the tail alike.
    for (std::size_t n = 0; n <= 40; ++n) {
        const std::string plain(n, 'a');
        CHECK(scan_text(plain).ascii);
        CHECK_FALSE(scan_text(plain).line_break);
        for (std::size_t i = 0; i < n; ++i) {
            std::string high = plain, brk = plain, other = plain;
            high[i] = '\xD0';
            brk[i] = '\n';
            other[i] = '\x0b';  // a byte one away from '\n' is neither
            INFO("n " << n << " at " << i);
            CHECK_FALSE(scan_text(high).ascii);
            CHECK_FALSE(scan_text(high).line_break);
            CHECK(scan_text(brk).ascii);
            CHECK(scan_text(brk).line_break);
            CHECK(scan_text(other).ascii);
            CHECK_FALSE(scan_text(other).line_break);
        }
    }
    CHECK_FALSE(scan_text("Almaty \xD0\x90\xD0\xBB\xD0\xBC\xD0\xB0\xD1\x82\xD1\x8B").ascii);
    CHECK(scan_text(std::string("a\0b\tc\r\x7f", 7)).ascii);
}
