// `qantar init DIR --events FILE`: a story folder for a plain events file. Writes DIR/story.toml
// (commented, filled from what the load found: fields, categories with colours, projection,
// framing, title) referring to the events file by a relative path, and DIR/preview.png, a still
// at the busiest moment. Refuses a non-empty DIR unless --force; never writes over an input.
#include "commands.hpp"
#include "display.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "core/timeline.hpp"
#include "io/atomic_file.hpp"
#include "io/load.hpp"
#include "io/story_manifest.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace qantar::app {

namespace fs = std::filesystem;

namespace {

// A path as the manifest in `dir` should name it: relative to dir.
std::string relative_to(const std::string& path, const fs::path& dir) {
    if (path.empty()) return {};
    std::error_code ec;
    const fs::path rel = fs::relative(fs::absolute(path, ec), fs::absolute(dir, ec), ec);
    return ec || rel.empty() ? fs::absolute(path).string() : rel.generic_string();
}

// The lon/lat box of the events, with a small margin.
std::optional<std::array<double, 4>> events_bbox(const Dataset& d) {
    if (d.events.empty()) return std::nullopt;
    std::array<double, 4> b{180, 90, -180, -90};
    for (const EventRef e : d.events) {
        b[0] = std::min(b[0], e.lon_deg()), b[1] = std::min(b[1], e.lat_deg());
        b[2] = std::max(b[2], e.lon_deg()), b[3] = std::max(b[3], e.lat_deg());
    }
    const double mx = std::max(0.5, (b[2] - b[0]) * 0.1), my = std::max(0.5, (b[3] - b[1]) * 0.1);
    return std::array<double, 4>{std::max(-180.0, b[0] - mx), std::max(-90.0, b[1] - my),
                                 std::min(180.0, b[2] + mx), std::min(90.0, b[3] + my)};
}

// Noon of the local day with the most events (the histogram's tallest column).
std::string busiest_moment(const Timeline& tl) {
    const auto& days = tl.days();
    if (days.empty()) return format_iso8601(LocalTime{tl.start_utc_s(), tl.display_offset_s()});
    const auto it = std::max_element(days.begin(), days.end(), [](const DayBin& a, const DayBin& b) { return a.count < b.count; });
    return format_iso8601(LocalTime{it->day_start.utc_s + 12 * 3600, it->day_start.offset_s});
}

}  // namespace

int run_init(const LoadOptions& load, const InitOptions& opt) {
    if (load.events_path.empty()) throw UsageError("init: give the events file with --events FILE");
    const fs::path dir = opt.dir;
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw UsageError("init: " + opt.dir + " is not a directory");
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && !opt.force)
        throw UsageError("init: " + opt.dir + " is not empty (use --force to write story.toml and preview.png into it)");

    const Dataset data = load_dataset(load);  // a bad events file fails before anything is written
    const Timeline timeline(data);
    fs::create_directories(dir, ec);
    if (ec) throw InputError(opt.dir, "", "", "cannot create the directory: " + ec.message());
    const std::string manifest = (dir / "story.toml").string(), preview = (dir / "preview.png").string();
    io::refuse_overwriting_inputs(manifest, data.input_files);
    io::refuse_overwriting_inputs(preview, data.input_files);

    StoryConfig s;
    s.title.en = data.title;
    s.subtitle.en = data.subtitle;
    s.time_zone = load.time_zone;
    s.crs = data.crs;
    s.bbox = events_bbox(data);
    s.events = relative_to(load.events_path, dir);
    s.cities = relative_to(load.cities_path, dir);
    s.regions = relative_to(load.regions_path, dir);
    s.outline = relative_to(load.outline_path, dir);
    s.countries = relative_to(load.countries_path, dir);
    s.water = relative_to(load.water_path, dir);
    s.tally = relative_to(load.tally_path, dir);
    s.time_field = load.time_field;
    s.end_field = load.end_field;
    if (!data.category_field.empty()) {  // else one category "Event": the manifest names none
        s.category_field = data.category_field;
        s.categories = data.categories;
    }
    io::write_file_atomically(manifest, story_manifest_text(s));
    std::cout << "qantar: wrote " << manifest << "\n";

    // The first still: the busiest day at noon.
    if (!have_display(false, "qantar: init: no display, so no preview.png (run it under xvfb-run for one)")) return 0;
    RenderOptions r;
    r.output = preview;
    r.view.at = busiest_moment(timeline);
    r.view.size = "1280x720";
    LoadOptions again = load;  // the story just written, as `qantar --story DIR` reads it
    const int rc = run_render(again, r);
    if (rc == 0) std::cout << "qantar: wrote " << preview << " (" << *r.view.at << ")\n";
    return rc;
}

}  // namespace qantar::app
