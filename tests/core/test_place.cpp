// The place and time rules of loading (core/place.hpp), on hand-made datasets.
#include "core/place.hpp"

#include <catch2/catch.hpp>

using namespace qantar;

namespace {

Dataset two_regions() {
    Dataset d;
    Region west, east;
    west.region_id = "W";
    west.name_en = "West";
    west.utc_offset_s = 5 * 3600;
    west.zone = std::make_shared<FixedOffsetZone>(5 * 3600);
    west.polygons_deg = {Polygon{{{{50, 40}, {60, 40}, {60, 50}, {50, 50}, {50, 40}}}}};
    east.region_id = "E";
    east.name_en = "East";
    east.utc_offset_s = 6 * 3600;
    east.zone = std::make_shared<FixedOffsetZone>(6 * 3600);
    east.polygons_deg = {Polygon{{{{60, 40}, {80, 40}, {80, 50}, {60, 50}, {60, 40}}}}};
    east.capital_city_id = "astana";
    d.regions = {west, east};
    City a, b;
    a.city_id = "aktau";
    a.name_en = "Aktau";
    a.lon_deg = 51.2;
    a.lat_deg = 43.6;
    b.city_id = "astana";
    b.name_en = "Astana";
    b.admin1 = "East";
    b.lon_deg = 71.4;
    b.lat_deg = 51.2;  // outside both polygons: found by admin1
    d.cities = {a, b};
    return d;
}

}  // namespace

TEST_CASE("offset_for_lon rounds to whole hours of 15 degrees", "[place]") {
    CHECK(offset_for_lon(0) == 0);
    CHECK(offset_for_lon(67) == 4 * 3600);
    CHECK(offset_for_lon(76.9) == 5 * 3600);
    CHECK(offset_for_lon(-100) == -7 * 3600);
}

TEST_CASE("link_cities_to_regions: region id, admin1, then the polygon", "[place]") {
    Dataset d = two_regions();
    link_cities_to_regions(d);
    CHECK(d.cities[0].region_index == 0);
    CHECK(d.cities[0].region_id == "W");
    CHECK(d.cities[1].region_index == 1);
    CHECK(d.regions[1].capital_city_index == 1);
    CHECK(d.regions[0].capital_city_index == -1);
    CHECK(city_by_id(d, "ASTANA") == 1);
    CHECK(city_by_id(d, "Astana City") == -1);
    CHECK(region_at(d, 70, 45) == 1);
    CHECK(region_at(d, 0, 0) == -1);
}

TEST_CASE("resolve_event_place: a nearby named city, admin1, the polygon, or nationwide", "[place]") {
    Dataset d = two_regions();
    link_cities_to_regions(d);
    Event near;
    near.location = "Aktau";
    near.lon_deg = 51.4;
    near.lat_deg = 43.7;
    resolve_event_place(d, near);
    CHECK(near.city_index == 0);
    CHECK(near.city_id == "aktau");
    CHECK(near.region_index == 0);
    REQUIRE(event_zone(d, near, nullptr));
    CHECK(event_zone(d, near, nullptr)->offset_at(0) == 5 * 3600);

    Event far = near;
    far.city_index = -1;
    far.city_id.clear();
    far.region_index = -1;
    far.lon_deg = 70;  // too far from Aktau: the polygon decides
    resolve_event_place(d, far);
    CHECK(far.city_index == -1);
    CHECK(far.region_index == 1);

    Event nationwide;
    nationwide.location = "Kazakhstan";
    nationwide.country = "Kazakhstan";
    nationwide.lon_deg = 70;
    nationwide.lat_deg = 45;
    CHECK(is_nationwide_place(nationwide));
    resolve_event_place(d, nationwide);
    CHECK(nationwide.region_index == -1);
    // No place, no fallback: no zone; the nearest region's zone (box centres 55,45 and 70,45).
    CHECK(event_zone(d, nationwide, nullptr) == nullptr);
    const FixedOffsetZone tz(3 * 3600);
    CHECK(event_zone(d, nationwide, &tz) == &tz);
    const auto points = zone_points(d);
    REQUIRE(points.size() == 2);
    CHECK(nearest_zone(points, 69, 45) == d.regions[1].zone.get());
    CHECK(nearest_zone(points, 40, 45) == d.regions[0].zone.get());
    CHECK(nearest_zone({}, 40, 45) == nullptr);
}

TEST_CASE("parse_event_time: ISO 8601, an ACLED date or epoch, and whether it is a day", "[place][time]") {
    const FixedOffsetZone utc(0), plus6(6 * 3600);
    auto t = parse_event_time("2022-01-05T01:30+06:00", utc);
    REQUIRE(t);
    CHECK_FALSE(t->day_only);
    CHECK(t->time.offset_s == 6 * 3600);
    t = parse_event_time("2022-01-05", plus6);
    REQUIRE(t);
    CHECK(t->day_only);
    CHECK(t->time.utc_s == 1641340800 - 6 * 3600);
    t = parse_event_time("05 January 2022", plus6);
    REQUIRE(t);
    CHECK(t->day_only);
    CHECK(t->format == TimeFormat::AcledDate);
    CHECK(t->time.utc_s == 1641340800 - 6 * 3600);
    CHECK_FALSE(parse_event_time("soon", utc));
}

TEST_CASE("RegionLocator answers as region_at: the first region in order, shared edges, holes, none", "[place]") {
    Dataset d = two_regions();
    Region empty, ring, over;
    empty.region_id = "none";  // no polygon at all
    ring.region_id = "R";      // a square with a square hole, inside East and before it
    ring.polygons_deg = {Polygon{{{{65, 42}, {75, 42}, {75, 48}, {65, 48}, {65, 42}},
                                  {{68, 44}, {72, 44}, {72, 46}, {68, 46}, {68, 44}}}}};
    over.region_id = "O";  // overlaps West and East: later in order, so only where they are not
    over.polygons_deg = {Polygon{{{{55, 45}, {58, 38}, {66, 39}, {64, 52}, {55, 45}}}}};
    d.regions = {d.regions[0], ring, empty, d.regions[1], over};  // West, R, none, East, O
    const RegionLocator locator(d.regions);
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same points every run
    auto next = [&] {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        return static_cast<double>(x % 100000) / 100000.0;
    };
    std::vector<int> hits(d.regions.size() + 1, 0);
    for (int k = 0; k < 50000; ++k) {
        double lon = 45 + 40 * next(), lat = 35 + 20 * next();
        if (k % 7 == 0) lon = std::vector<double>{50, 55, 60, 65, 68, 72, 75, 80}[static_cast<std::size_t>(k / 7) % 8];  // on vertical edges
        if (k % 11 == 0) lat = std::vector<double>{40, 42, 44, 45, 46, 48, 50}[static_cast<std::size_t>(k / 11) % 7];     // on horizontal ones
        const int want = region_at(d, lon, lat);
        ++hits[static_cast<std::size_t>(want + 1)];
        if (locator.region_at(lon, lat) != want) FAIL_CHECK("differs at " << lon << "," << lat);
        Event e;
        e.lon_deg = lon;
        e.lat_deg = lat;
        e.location = "somewhere";
        Event f = e;
        resolve_event_place(d, e);
        resolve_event_place(d, f, &locator);
        if (e.region_index != f.region_index) FAIL_CHECK("resolve_event_place differs at " << lon << "," << lat);
    }
    CHECK(hits[0] > 1000);  // outside every region
    CHECK(hits[1] > 1000);  // West
    CHECK(hits[2] > 1000);  // the ring
    CHECK(hits[3] == 0);    // the region without polygons
    CHECK(hits[4] > 1000);  // East: around the ring, and its hole
    CHECK(hits[5] > 100);   // the overlap's own part
    CHECK(locator.region_at(70, 45) == 3);  // in the ring's hole: East
    CHECK(locator.region_at(66, 43) == 1);
}
