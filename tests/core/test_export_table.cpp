// Export tables (core/export_table.hpp): each layer's fields in order, the --at cut, places with
// their state at the moment, spread links and the tally. Fixture: export_fixture.hpp.
#include "core/export_table.hpp"
#include "core/timeline.hpp"
#include "io/load.hpp"

#include "export_fixture.hpp"

#include <catch2/catch.hpp>

using namespace qantar;
using test::utc;

namespace {

LoadOptions fixture_options() { return test::export_fixture_options(); }

std::vector<std::string> ids_of(const ExportTable& t) {
    std::vector<std::string> ids;
    int f = t.field_index("event_id_cnty");
    for (const auto& feat : t.features) ids.push_back(std::get<std::string>(feat.values[f]));
    return ids;
}

const std::vector<std::string> kAcled = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp"};
const std::vector<std::string> kQantar = {
    "category", "start_time", "end_time", "hour_precision", "city_id", "participants", "injured",
    "detained", "vehicles_burned", "buildings_burned", "source_keys", "disputed", "disputed_note",
    "origin_name", "origin_latitude", "origin_longitude", "movement"};

}  // namespace

TEST_CASE("export: events carry ACLED's fields in ACLED's order, then qantar's, then the extras",
          "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    ExportTable t = build_export_table(tl, {});
    REQUIRE(t.fields.size() == kAcled.size() + kQantar.size() + 1);
    for (std::size_t i = 0; i < kAcled.size(); ++i) CHECK(t.fields[i].name == kAcled[i]);
    for (std::size_t i = 0; i < kQantar.size(); ++i) CHECK(t.fields[kAcled.size() + i].name == kQantar[i]);
    CHECK(t.fields.back().name == "my_extra");
    CHECK(t.features.size() == 5);

    // Unknown figures are null, never 0; known ones (also 0) are numbers.
    const auto& first = t.features[0].values;
    CHECK(std::holds_alternative<std::monostate>(first[t.field_index("fatalities")]));
    CHECK(std::get<std::int64_t>(first[t.field_index("participants")]) == 1000);
    CHECK(std::get<bool>(first[t.field_index("disputed")]));
    CHECK(std::get<std::string>(first[t.field_index("disputed_note")]) == "A crowd of '10,000' is not confirmed.");
    CHECK(std::get<std::string>(first[t.field_index("my_extra")]) == "first");
    CHECK(std::get<std::int64_t>(t.features[1].values[t.field_index("fatalities")]) == 2);
    CHECK(std::get<std::int64_t>(t.features[2].values[t.field_index("fatalities")]) == 0);
    // An extra column keeps the file's text, empty included.
    CHECK(std::get<std::string>(t.features[3].values[t.field_index("my_extra")]).empty());
}

TEST_CASE("export: --at includes an event starting exactly at T and not one a second later",
          "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    ExportRequest req;
    req.at_utc_s = utc("2022-01-04T12:00:00+06:00");
    CHECK(ids_of(build_export_table(tl, req)) == std::vector<std::string>{"T-0001", "T-0002", "T-0003"});
    req.at_utc_s = *req.at_utc_s + 1;
    CHECK(ids_of(build_export_table(tl, req)) ==
          std::vector<std::string>{"T-0001", "T-0002", "T-0003", "T-0004"});
    req.at_utc_s = utc("2022-01-02T08:59:59+05:00");
    ExportTable none = build_export_table(tl, req);
    CHECK(none.features.empty());
    CHECK(none.fields.size() == kAcled.size() + kQantar.size() + 1);  // the schema stays

    // A window keeps only the events active in it: at 09:00 on the 6th with one hour, the troops
    // (since 08:00) but no protest of the 2nd to the 4th.
    req.at_utc_s = utc("2022-01-06T09:00:00+06:00");
    req.window_h = 1.0;
    CHECK(ids_of(build_export_table(tl, req)) == std::vector<std::string>{"T-0005"});
}

TEST_CASE("export: cities and regions carry names, population and their state at the moment",
          "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    ExportRequest req;
    req.layer = ExportLayer::Cities;
    req.at_utc_s = utc("2022-01-03T12:00:00+05:00");
    ExportTable c = build_export_table(tl, req);
    REQUIRE(c.features.size() == 3);
    auto val = [&](const ExportTable& t, int row, const char* f) { return t.features[row].values[t.field_index(f)]; };
    CHECK(std::get<std::string>(val(c, 0, "name_kk")) == "Аone");
    CHECK(std::get<std::int64_t>(val(c, 0, "population")) == 90000);
    CHECK(std::get<LocalTime>(val(c, 0, "first_event_time")).utc_s == utc("2022-01-02T09:00+05:00"));
    CHECK(std::get<double>(val(c, 0, "delay_after_root_h")) == Approx(0.0));
    CHECK(std::holds_alternative<std::monostate>(val(c, 0, "spread_from")));
    CHECK(std::get<std::int64_t>(val(c, 0, "participants_so_far")) == 1000);
    // a2's riot began on the 3rd at 10:00, 25 h after a1's protest, and spread from a1.
    CHECK(std::get<std::string>(val(c, 1, "spread_from")) == "a1");
    CHECK(std::get<double>(val(c, 1, "delay_after_root_h")) == Approx(25.0));
    CHECK(std::get<std::int64_t>(val(c, 1, "killed_so_far")) == 2);
    CHECK(std::get<std::int64_t>(val(c, 1, "events_so_far")) == 1);
    // b1 is not reached yet at the moment.
    CHECK(std::holds_alternative<std::monostate>(val(c, 2, "first_event_time")));
    CHECK(std::get<std::int64_t>(val(c, 2, "events_so_far")) == 0);
    CHECK(std::holds_alternative<std::monostate>(val(c, 2, "detained_so_far")));

    req.layer = ExportLayer::Regions;
    req.at_utc_s.reset();  // the end of the data
    ExportTable r = build_export_table(tl, req);
    REQUIRE(r.features.size() == 2);
    CHECK(std::get<std::string>(val(r, 1, "name_ru")) == "Бета область");
    CHECK(std::get<std::int64_t>(val(r, 1, "detained_so_far")) == 10);
    CHECK(std::get<std::int64_t>(val(r, 0, "cities_population")) == 290000);
    CHECK(std::get<std::string>(val(r, 1, "first_unrest_city")) == "b1");
    CHECK(std::get<std::string>(val(r, 1, "utc_offset")) == "+06:00");
}

TEST_CASE("export: spread links and the tally", "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    ExportRequest req;
    req.layer = ExportLayer::Spread;
    ExportTable s = build_export_table(tl, req);
    REQUIRE(s.features.size() == 3);
    CHECK(s.geometry == ExportGeometryKind::LineString);
    // a2 -> a1: from the city to the city it spread from.
    const auto& link = s.features[1];
    CHECK(std::get<std::string>(link.values[s.field_index("city_id")]) == "a2");
    CHECK(std::get<std::string>(link.values[s.field_index("from_city_id")]) == "a1");
    CHECK(link.points_deg.front().x == Approx(51.1683));
    CHECK(link.points_deg.back().x == Approx(52.8596));
    CHECK(std::get<double>(link.values[s.field_index("delay_h")]) == Approx(25.0));
    double km = great_circle_km(51.1683, 43.6355, 52.8596, 43.3414);
    CHECK(std::get<double>(link.values[s.field_index("distance_km")]) == Approx(km).margin(0.05));
    // The root spread from nowhere: its row is kept, with a null geometry, not a zero-length line.
    CHECK_FALSE(s.features[0].has_geometry);
    CHECK(s.features[0].points_deg.empty());
    CHECK(std::holds_alternative<std::monostate>(s.features[0].values[s.field_index("from_city_id")]));
    for (std::size_t i = 1; i < s.features.size(); ++i) {
        REQUIRE(s.features[i].points_deg.size() == 2);
        CHECK_FALSE(s.features[i].points_deg[0] == s.features[i].points_deg[1]);
    }

    req.layer = ExportLayer::Tally;
    req.at_utc_s = utc("2022-01-05T10:00+06:00");
    ExportTable t = build_export_table(tl, req);
    REQUIRE(t.features.size() == 1);  // X2 is announced later
    CHECK(t.features[0].points_deg.front().x == Approx(65.0));  // at the capital, b1
    CHECK(std::get<std::int64_t>(t.features[0].values[t.field_index("killed")]) == 3);
    CHECK(std::holds_alternative<std::monostate>(t.features[0].values[t.field_index("injured")]));

    // Without a moment, every announcement, even one made months after the last event.
    TallyEntry late = data.tally.back();
    late.tally_id = "X9";
    late.announced_at = LocalTime{tl.end_utc_s() + 120 * 86400, late.announced_at.offset_s};
    data.tally.push_back(late);
    Timeline later(data);
    req.at_utc_s.reset();
    ExportTable all = build_export_table(later, req);
    REQUIRE(all.features.size() == data.tally.size());
    CHECK(std::get<std::string>(all.features.back().values[all.field_index("tally_id")]) == "X9");
    // With a moment, only those made by then.
    req.at_utc_s = tl.end_utc_s();
    std::size_t by_end = 0;
    for (const TallyEntry& e : data.tally) by_end += e.announced_at.utc_s <= tl.end_utc_s() ? 1 : 0;
    REQUIRE(by_end < data.tally.size());
    CHECK(build_export_table(later, req).features.size() == by_end);
}

TEST_CASE("export: a slicer's slices are build_export_table's, whatever the slice, the moment or the layer",
          "[export]") {
    Dataset data = load_dataset(fixture_options());
    Timeline tl(data);
    auto same = [](const ExportTable& a, const ExportTable& b) {
        REQUIRE(a.fields.size() == b.fields.size());
        for (std::size_t i = 0; i < a.fields.size(); ++i) CHECK(a.fields[i].name == b.fields[i].name);
        REQUIRE(a.features.size() == b.features.size());
        for (std::size_t i = 0; i < a.features.size(); ++i) {
            CHECK(a.features[i].values == b.features[i].values);
            CHECK(a.features[i].points_deg == b.features[i].points_deg);
        }
        CHECK(a.name == b.name);
        CHECK(a.kml_begin_field == b.kml_begin_field);
    };
    for (bool kml : {false, true})
        for (auto at : {std::optional<std::int64_t>{}, std::optional<std::int64_t>{utc("2022-01-04T12:00:00+06:00")},
                        std::optional<std::int64_t>{utc("2022-01-02T08:59:59+05:00")}})
            for (ExportLayer layer : {ExportLayer::Events, ExportLayer::Cities, ExportLayer::Tally}) {
                ExportRequest req;
                req.layer = layer;
                req.at_utc_s = at;
                const ExportSlicer slicer(tl, req, kml);
                for (ExportRows rows : {ExportRows{}, ExportRows{0, 2}, ExportRows{1, 2}, ExportRows{3, 100}, ExportRows{50, 2}}) {
                    INFO("layer " << export_layer_id(layer) << " kml " << kml << " rows " << rows.first << "+" << rows.count);
                    same(slicer.slice(rows), build_export_table(tl, req, kml, rows));
                }
            }
    ExportRequest bad;
    bad.window_h = 0.0;
    CHECK_THROWS_AS(ExportSlicer(tl, bad), ExportError);
}
