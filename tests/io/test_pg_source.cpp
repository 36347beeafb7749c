// Known-answer tests for the database source's strings: the name shown (no password), the
// connect timeout added, and the WHERE clause a window becomes (with its margins).
#include "io/pg_source.hpp"

#include "core/error.hpp"
#include "io/load.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace qantar;

TEST_CASE("a PG: source is shown without its password", "[pg]") {
    CHECK(io::is_pg_source("PG:dbname=x"));
    CHECK(io::is_pg_source("pg:dbname=x"));
    CHECK_FALSE(io::is_pg_source("events.csv"));
    CHECK(io::source_display_name("PG:dbname=x password=s3cret host=/tmp") == "PG:dbname=x password=*** host=/tmp");
    CHECK(io::source_display_name("PG:dbname=x PASSWORD = 'a b\\' c' user=u") == "PG:dbname=x PASSWORD = *** user=u");
    CHECK(io::source_display_name("PG:postgresql://me:s3cret@db.example/x") == "PG:postgresql://me:***@db.example/x");
    CHECK(io::source_display_name("dir/password=1.csv") == "dir/password=1.csv");  // files as given
}

TEST_CASE("a PG: source gets a connect timeout unless it names one", "[pg]") {
    CHECK(io::pg_open_string("PG:dbname=x") == "PG:dbname=x connect_timeout=5");
    CHECK(io::pg_open_string("PG:dbname=x connect_timeout = 2") == "PG:dbname=x connect_timeout = 2");
    CHECK(io::pg_open_string("PG:dbname=my_connect_timeout") == "PG:dbname=my_connect_timeout connect_timeout=5");
    CHECK(io::pg_open_string("PG:postgresql://h/x") == "PG:postgresql://h/x?connect_timeout=5");
    CHECK(io::pg_open_string("PG:postgresql://h/x?sslmode=disable") == "PG:postgresql://h/x?sslmode=disable&connect_timeout=5");
}

TEST_CASE("a window becomes a WHERE clause with 38 hours of margin", "[pg]") {
    const std::int64_t from = 1641340800;  // 2022-01-05T00:00Z
    const std::int64_t to = from + 7 * 86400;
    CHECK(io::pg_time_filter("start_time", "", from, to) ==
          "\"start_time\" <= '2022-01-13T14:00:00+00:00' AND \"start_time\" >= '2022-01-03T10:00:00+00:00'");
    CHECK(io::pg_time_filter("t", "end", from, std::nullopt) ==
          "(\"t\" >= '2022-01-03T10:00:00+00:00' OR \"end\" >= '2022-01-03T10:00:00+00:00')");
    CHECK(io::pg_time_filter("we\"ird", "", std::nullopt, to) == "\"we\"\"ird\" <= '2022-01-13T14:00:00+00:00'");
    CHECK(io::pg_time_filter("t", "", std::nullopt, std::nullopt).empty());
}

TEST_CASE("server messages become one line", "[pg]") {
    CHECK(io::one_line_error("PQconnectdb failed.\nconnection to server failed: No such file\n\tIs the server running?\n") ==
          "connection to server failed: No such file Is the server running?");
    CHECK(io::one_line_error("ERROR:  column \"x\" does not exist\nLINE 1: SELECT x\n               ^\n") ==
          "column \"x\" does not exist");
    CHECK(io::one_line_error("") == "unknown error");
}

TEST_CASE("a connection opened ahead to a server that is not there: the new one reports, once", "[pg][issue11]") {
    // No server listens in an empty directory: both connections fail at once (no timeout).
    const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/qantar-no-server";
    LoadOptions o;
    o.events_path = "PG:dbname=x host=" + dir + " user=nobody password=s3cret";
    o.events_layer = "ev";
    {
        io::ConnectionAhead none(o);  // no window: nothing opened ahead
        CHECK_FALSE(none.take().valid());
    }
    o.pushdown_from_utc_s = 0;
    io::ConnectionAhead ahead(o);
    try {
        io::session_for(o, &ahead);
        FAIL("no server, yet a session");
    } catch (const InputError& e) {
        const std::string line = e.what();
        CHECK(line.find("PG:dbname=x") != std::string::npos);
        CHECK(line.find("s3cret") == std::string::npos);
        CHECK(line.find("cannot connect") != std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
    }
    // Taken: a second session opens anew and fails the same way.
    CHECK_FALSE(ahead.take().valid());
    CHECK_THROWS_AS(io::session_for(o, &ahead), InputError);
    CHECK_THROWS_AS(io::session_for(o, nullptr), InputError);
}
