// Framing, projection choice and derived titles for a map of any place: known answers.
#include "core/error.hpp"
#include "core/framing.hpp"
#include "core/time.hpp"
#include "core/title.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace qantar;

TEST_CASE("projection_for fits a Lambert conic to a regional box", "[framing]") {
    // Kazakhstan's box gives exactly the bundled story's hand-made projection.
    const LonLatBox kaz{46.5, 40.5, 87.5, 55.5};
    CHECK(projection_for(kaz) ==
          "+proj=lcc +lat_0=48 +lon_0=67 +lat_1=43 +lat_2=53 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs");
    // Chile: southern hemisphere, parallels one sixth in from each edge.
    const LonLatBox chile{-76, -56, -66, -17};
    CHECK(projection_for(chile) ==
          "+proj=lcc +lat_0=-36.5 +lon_0=-71 +lat_1=-49.5 +lat_2=-23.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs");
}

TEST_CASE("projection_for: Equal Earth for the world, Mercator across the equator", "[framing]") {
    CHECK(projection_for({-180, -60, 180, 75}) == "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs");
    CHECK(is_world_extent({-130, -40, 10, 40}));
    CHECK_FALSE(is_world_extent({-76, -56, -66, -17}));
    // Kenya to Tanzania: standard parallels would sit on both sides of the equator.
    CHECK(projection_for({33, -12, 42, 6}) == "+proj=merc +lon_0=37.5 +datum=WGS84 +units=m +no_defs");
    // A Pacific-wide box across the antimeridian is centred on it.
    CHECK(projection_for({120, -50, 290, 60}) == "+proj=eqearth +lon_0=-155 +datum=WGS84 +units=m +no_defs");
}

TEST_CASE("robust_framing frames the bulk and counts the outlier", "[framing]") {
    std::vector<Vec2> pts;
    for (int i = 0; i < 100; ++i) pts.push_back({-71.0 + (i % 10) * 0.1, -33.0 - (i / 10) * 0.2});
    pts.push_back({37.6, 55.75});  // one event in Moscow
    const Framing f = robust_framing(pts);
    CHECK(f.outside == 1);
    CHECK(f.box.lat_min_deg < -34.8);
    CHECK(f.box.lat_max_deg > -33.0);
    CHECK(f.box.lat_max_deg < -30.0);  // not stretched to Moscow
    CHECK(f.box.lon_max_deg < -65.0);
    CHECK_FALSE(f.box.crosses_antimeridian());
    CHECK(f.box.contains(-70.5, -34.0));
    CHECK_FALSE(f.box.contains(37.6, 55.75));
}

TEST_CASE("robust_framing gives one place its surroundings", "[framing]") {
    const Framing f = robust_framing({{76.95, 43.24}, {76.95, 43.24}});
    CHECK(f.box.height_deg() == Approx(1.2));
    // Wider by 1/cos(lat) so that it looks square: 1.2 / cos(43.24 deg) = 1.647.
    CHECK(f.box.width_deg() == Approx(1.2 / std::cos(43.24 * 3.14159265358979 / 180)).epsilon(1e-6));
    CHECK(f.box.centre_lon_deg() == Approx(76.95));
    CHECK(f.outside == 0);
    CHECK(robust_framing({}).box == LonLatBox{-180, -90, 180, 90});
}

TEST_CASE("robust_framing crosses the antimeridian for Fiji", "[framing]") {
    const Framing f = robust_framing({{178.4, -18.1}, {-179.9, -16.5}, {177.4, -17.6}, {179.3, -17.0}});
    CHECK(f.box.crosses_antimeridian());
    CHECK(f.box.width_deg() < 5);
    CHECK(f.box.lon_min_deg > 176);
    CHECK(f.box.contains(-179.9, -16.5));
    CHECK(f.outside == 0);
    // 2nd-98th percentile 177.46..180.052, grown by 12%: 177.149..180.363.
    CHECK(f.box.centre_lon_deg() == Approx(178.756).margin(0.001));
    CHECK(projection_for(f.box).find("+lon_0=178.76 ") != std::string::npos);
}

TEST_CASE("parse_bbox reads four numbers and refuses the rest", "[framing]") {
    CHECK(parse_bbox("-76,-56,-66,-17") == LonLatBox{-76, -56, -66, -17});
    CHECK(parse_bbox(" 170, -20 ,-170,-10").lon_max_deg == 190);  // across the antimeridian
    CHECK_THROWS_AS(parse_bbox("1,2,3"), UsageError);
    CHECK_THROWS_AS(parse_bbox("10,50,20,40"), UsageError);
    CHECK_THROWS_AS(parse_bbox("10,50,x,60"), UsageError);
    CHECK_THROWS_AS(parse_bbox("200,50,210,60"), UsageError);
    CHECK_THROWS_WITH(parse_bbox("1,2,3"), Catch::Contains("--bbox '1,2,3'"));
}

TEST_CASE("drop_parts_across_seam keeps what a centred projection can draw", "[framing]") {
    auto square = [](double lon0, double lon1) {
        return Polygon{{{{lon0, 0}, {lon1, 0}, {lon1, 1}, {lon0, 1}, {lon0, 0}}}};
    };
    std::vector<Polygon> parts{square(10, 20), square(-170, 170), square(170, 179)};
    CHECK(drop_parts_across_seam(parts, 0, 150) == 2);  // the band across 180, the far one
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].rings[0][0].x == 10);
}

TEST_CASE("city_population_threshold follows the scale", "[framing]") {
    CHECK(city_population_threshold({-180, -90, 180, 90}) == 2'000'000);
    CHECK(city_population_threshold({-20, -35, 52, 38}) == 500'000);  // Africa
    CHECK(city_population_threshold({-76, -56, -66, -17}) == 100'000);  // Chile
    CHECK(city_population_threshold({46.5, 40.5, 87.5, 55.5}) == 100'000);
    CHECK(city_population_threshold({76, 42.5, 78, 44}) == 0);
}

TEST_CASE("format_date_range writes days, months and years as people do", "[framing]") {
    auto at = [](const char* iso) { return *parse_iso8601(iso); };
    CHECK(format_date_range(at("2019-10-18T10:00-03:00"), at("2019-10-31T23:00-03:00")) == "18\xE2\x80\x93" "31 October 2019");
    CHECK(format_date_range(at("2019-10-28T00:00Z"), at("2019-11-03T12:00Z")) ==
          "28 October \xE2\x80\x93 3 November 2019");
    CHECK(format_date_range(at("2019-12-28T00:00Z"), at("2020-01-03T00:00Z")) ==
          "28 December 2019 \xE2\x80\x93 3 January 2020");
    CHECK(format_date_range(at("2019-03-01T00:00Z"), at("2021-06-01T00:00Z")) == "2019\xE2\x80\x93" "2021");
    CHECK(format_date_range(at("2022-01-05T01:00+06:00"), at("2022-01-05T23:00+06:00")) == "5 January 2022");
    // Each end in its own offset: 23:30 UTC on the 31st is 1 November in Almaty.
    CHECK(format_date_range(at("2019-10-30T12:00+06:00"), at("2019-10-31T23:30+06:00")) == "30\xE2\x80\x93" "31 October 2019");
    CHECK(format_date_range(at("2019-10-30T12:00+06:00"), LocalTime{at("2019-10-31T23:30Z").utc_s, 6 * 3600}) ==
          "30 October \xE2\x80\x93 1 November 2019");
}

TEST_CASE("countries_title names one or two countries by events, else counts them", "[framing]") {
    CHECK(countries_title({{"Chile", 40}}, false) == "Chile");
    CHECK(countries_title({{"Argentina", 3}, {"Chile", 40}}, false) == "Chile, Argentina");
    CHECK(countries_title({{"Peru", 1}, {"Chile", 40}, {"Bolivia", 1}, {"", 9}}, false) == "3 countries");
    CHECK(countries_title({{"Chile", 40}}, true) == "World");
    CHECK(countries_title({}, false).empty());
}
