// A large CSV file read in pieces on several threads (io/csv_split.hpp, io/load_events.cpp): the
// cuts fall where GDAL ends a record, and the load gives what one reader gives: the same events in
// the same order, the same skipped rows, the same first error (issue 11).
#include "io/csv_split.hpp"
#include "load_fixture.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

using namespace qantar;
using namespace qantar::test;
using io::CsvPiece;
using io::split_csv;
namespace fs = std::filesystem;

namespace {

// The bytes of each piece, joined: the whole file, whatever the cuts.
std::string joined(const std::string& text, const std::vector<CsvPiece>& pieces) {
    std::string out;
    for (const CsvPiece& p : pieces) out += text.substr(p.offset, p.length);
    return out;
}

// Every field of every event, one line each, in the store's order.
std::string dump(const Dataset& d) {
    std::string out;
    for (std::size_t i = 0; i < d.events.size(); ++i) {
        const EventRef e = d.events[i];
        out += std::to_string(e.start_s()) + "|" + std::to_string(e.start().offset_s) + "|" +
               (e.end() ? std::to_string(e.end()->utc_s) : "-") + "|" + std::to_string(e.lon_deg()) + "," +
               std::to_string(e.lat_deg()) + "|" + std::to_string(e.category()) + "|" + std::to_string(e.city_index()) +
               "|" + std::to_string(e.region_index()) + "|" + (e.local_time() ? "L" : "U");
        for (std::size_t c = 0; c < kEventTextColumns; ++c) out += "|" + d.events.text_copy(static_cast<EventText>(c), i);
        for (const auto& [name, value] : e.extra()) out += "|" + std::string(name) + "=" + std::string(value);
        out += "\n";
    }
    return out;
}

std::string skipped_list(const Dataset& d) {
    std::string out;
    for (const Skipped& s : d.skipped) out += s.where + " " + s.field + ": " + s.reason + "\n";
    return out;
}

// ~12,000 ACLED-like rows: quoted notes with commas, doubled quotes and line breaks, empty lines
// between rows, a custom column; `bad` rows get a time that does not parse.
std::string big_csv(const std::string& eol, const std::vector<int>& bad, int rows = 12000) {
    std::string text = "event_id_cnty,category,start_time,city_id,notes,custom" + eol;
    for (int i = 0; i < rows; ++i) {
        const bool is_bad = std::find(bad.begin(), bad.end(), i) != bad.end();
        const int minute = 59 - i % 60;
        text += "E" + std::to_string(100000 + i) + "," + (i % 3 ? "riot" : "peaceful_protest") + "," +
                (is_bad ? std::string("never")
                        : "2022-01-0" + std::to_string(2 + i % 5) + "T19:" + (minute < 10 ? "0" : "") +
                              std::to_string(minute) + "+06:00") +
                "," + (i % 2 ? "almaty" : "aktau") + ",\"Note " + std::to_string(i) + ", said \"\"X\"\"" +
                (i % 7 == 0 ? eol + "second line, of " + std::to_string(i) : std::string()) + "\",c" +
                std::to_string(i % 11) + eol;
        if (i % 1000 == 999) text += eol;  // an empty line: no row to GDAL
    }
    return text;
}

}  // namespace

TEST_CASE("a CSV file is cut only where GDAL ends a record", "[csv][issue11]") {
    const fs::path dir = load_dir("csv-split");
    SECTION("quoted line breaks, empty lines, CRLF, no final line break") {
        const std::string text = "a,b,c\r\n1,\"x\r\ny\",3\r\n\r\n2,\"p,\"\"q\"\"\",4\r\n3,z,5\r\n4,w,6";
        const std::string path = write_file(dir / "crlf.csv", text);
        const auto pieces = split_csv(path, 1);  // a cut wherever one may fall
        REQUIRE(pieces.size() == 4);
        CHECK(pieces[0] == CsvPiece{0, 21, 0, 1});   // the header, row 1 with its quoted line break, an empty line
        CHECK(pieces[1] == CsvPiece{21, 15, 1, 1});  // (no cut before the empty line: it is no row of 3 fields)
        CHECK(pieces[2] == CsvPiece{36, 7, 2, 1});
        CHECK(pieces[3] == CsvPiece{43, 5, 3, 1});   // the last row has no line break
        CHECK(joined(text, pieces) == text);
        CHECK(split_csv(path, 1000).size() == 1);  // nothing to cut
    }
    SECTION("what cannot be cut safely") {
        CHECK(split_csv(write_file(dir / "cr.csv", "a,b\r1,2\r3,4\r"), 1).empty());  // lone CRs end lines too
        CHECK(split_csv(write_file(dir / "open.csv", "a,b\n1,\"open\n2,3\n"), 1).empty());  // a quote left open
        CHECK(split_csv(write_file(dir / "semi.csv", "a;b\n1;2\n3;4\n"), 1).empty());  // not comma-separated
        CHECK(split_csv(write_file(dir / "empty.csv", ""), 1).empty());
        CHECK(split_csv(write_file(dir / "blank.csv", "\na,b\n1,2\n"), 1).empty());  // the header is not line 1
        CHECK_THROWS_AS(split_csv((dir / "missing.csv").string(), 1), std::runtime_error);
    }
    SECTION("a cut is dropped where the next line would not read alone as it reads in the file") {
        // Line 3 has a tab (GDAL would weigh it as the separator), line 4 fewer fields than the header.
        const std::string text = "a,b,c\n1,2,3\nx\ty,2,3\n1,2\n5,6,7\n";
        const auto pieces = split_csv(write_file(dir / "odd.csv", text), 1);
        REQUIRE(pieces.size() == 2);
        CHECK(pieces[0] == CsvPiece{0, 24, 0, 3});
        CHECK(pieces[1] == CsvPiece{24, 6, 3, 1});
    }
    CHECK(io::csv_detect_separator("a;b,c") == ',');  // mixed: GDAL takes ','
    CHECK(io::csv_detect_separator("\"a,b\";c") == ';');
    CHECK(io::csv_detect_separator("a b") == ' ');
}

TEST_CASE("a CSV file read in pieces on several threads loads as it does in one go", "[csv][load][issue11]") {
    const fs::path dir = load_dir("csv-pieces");
    for (const std::string eol : {"\n", "\r\n"}) {
        INFO("line ends " << (eol == "\n" ? "LF" : "CRLF, a BOM"));
        const std::vector<int> bad{3, 4100, 4101, 11999};
        // The CRLF file starts with a UTF-8 BOM, as Excel writes it: the first piece holds it with the header.
        LoadOptions o = fixture_options(write_file(dir / "big.csv", (eol == "\n" ? "" : "\xEF\xBB\xBF") + big_csv(eol, bad)));
        o.skip_invalid = true;
        std::string one_go, one_go_skipped, one_go_error;
        {
            ScopedEnv threads("QANTAR_CSV_THREADS", "1");
            const Dataset d = load_dataset(o);
            one_go = dump(d);
            one_go_skipped = skipped_list(d);
            CHECK(d.events.size() == 12000 - bad.size());
            LoadOptions strict = o;
            strict.skip_invalid = false;
            one_go_error = load_error(strict);
        }
        CHECK(one_go_skipped.find("line 5 start_time") == 0);
        for (const char* piece : {"4096", "20000", "100000"}) {
            INFO("pieces of " << piece << " bytes");
            ScopedEnv threads("QANTAR_CSV_THREADS", "3");
            ScopedEnv bytes("QANTAR_CSV_PIECE_BYTES", piece);
            REQUIRE(split_csv(o.events_path, std::stoull(piece)).size() > 5);
            const Dataset d = load_dataset(o);
            CHECK(dump(d) == one_go);
            CHECK(skipped_list(d) == one_go_skipped);
            LoadOptions strict = o;
            strict.skip_invalid = false;
            CHECK(load_error(strict) == one_go_error);
        }
    }
}

TEST_CASE("a bad row in a later piece is the error, and mixed time formats are named as in one go", "[csv][load][bad][issue11]") {
    const fs::path dir = load_dir("csv-pieces-bad");
    ScopedEnv bytes("QANTAR_CSV_PIECE_BYTES", "4096");
    // Only a row far into the file is bad: a later piece holds it, and earlier ones read on.
    LoadOptions o = fixture_options(write_file(dir / "late.csv", big_csv("\n", {9876})));
    {
        ScopedEnv threads("QANTAR_CSV_THREADS", "2");
        // GDAL numbers rows, not lines (a quoted line break or an empty line is no row): row 9,877, line 9,878.
        require_input_error(o, {"late.csv", "line 9878:", "start_time", "'never'"});
    }
    // Epoch seconds in one row of a later piece: the message names that row and the file's first.
    std::string text = big_csv("\n", {});
    const std::string row = "E100500,riot,2022-01-0";
    const std::size_t at = text.find(row);
    REQUIRE(at != std::string::npos);
    const std::size_t time_at = text.find(",20", at + 7) + 1;
    text.replace(time_at, std::string("2022-01-04T19:20+06:00").size(), "1641322800");
    o.events_path = write_file(dir / "mixed.csv", text);
    std::string one_go;
    {
        ScopedEnv threads("QANTAR_CSV_THREADS", "1");
        one_go = load_error(o);
    }
    CHECK(one_go.find("mixed time formats") != std::string::npos);
    CHECK(one_go.find("line 2 is") != std::string::npos);
    ScopedEnv threads("QANTAR_CSV_THREADS", "2");
    CHECK(load_error(o) == one_go);
    o.skip_invalid = true;
    const Dataset pieces = load_dataset(o);
    ::setenv("QANTAR_CSV_THREADS", "1", 1);
    const Dataset whole = load_dataset(o);
    CHECK(dump(pieces) == dump(whole));
    CHECK(skipped_list(pieces) == skipped_list(whole));
    CHECK(whole.skipped.size() == 1);
}
