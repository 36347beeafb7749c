// qantar: the command line. Subcommands: view (the default), render, present, export, info.
#include "commands.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "io/atomic_file.hpp"
#include "io/story_manifest.hpp"
#include "process_memory.hpp"
#include "source_window.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace qantar;
using namespace qantar::app;

// A finite number in [lo, hi] (lo excluded when open_lo): CLI11's own range checks accept NaN and
// print their bounds with 309 digits. The message names the limits as a person would write them.
CLI::Validator finite_in(double lo, double hi, bool open_lo, const std::string& unit) {
    auto fmt = [](double v) {
        std::ostringstream o;
        o << v;
        return o.str();
    };
    const std::string range = (open_lo ? "more than " : "at least ") + fmt(lo) + " and at most " + fmt(hi) +
                              (unit.empty() ? "" : " " + unit);
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            const auto v = parse_finite(text);
            if (!v) return "'" + abbreviate(text) + "' is not a number";
            if (*v < lo || (open_lo && *v == lo) || *v > hi) return "'" + abbreviate(text) + "' must be " + range;
            return {};
        },
        "NUMBER");
}

// Events in PostgreSQL/PostGIS (--events "PG:dbname=... host=..."; io/pg_source.hpp).
void add_database_options(CLI::App& cmd, LoadOptions& load) {
    auto* layer = cmd.add_option("--events-layer", load.events_layer,
                                 "The table (or layer) of --events to read: needed for a PG: database")
                      ->option_text("TABLE");
    cmd.add_option("--events-sql", load.events_sql, "Read the rows of this query from a PG: database instead of a table")
        ->option_text("SQL")->excludes(layer);
    cmd.add_option("--statement-timeout", load.statement_timeout_s,
                   "PG: cancel any one query after this many seconds (default 300; 0: the server's setting)")
        ->check(finite_in(0, 86400, false, "seconds"))->option_text("S");
}

void add_data_options(CLI::App& cmd, LoadOptions& load, std::string& story) {
    // story: --story selects a story folder (its story.toml); explicit options below override it.
    cmd.add_option("--story", story,
                   "Story folder or its story.toml (default: the bundled story; none with --events alone)")
        ->option_text("DIR");
    cmd.add_option("--color-by", load.color_by, "Colour events by this field (top values, the rest \"Other\")")
        ->option_text("FIELD");
    cmd.add_option("--events", load.events_path,
                   "Events file (any GDAL format: CSV, GeoJSON, GeoPackage, Shapefile, FlatGeobuf, ACLED export) "
                   "or a PostGIS database (\"PG:dbname=... host=...\" with --events-layer or --events-sql)")
        ->option_text("FILE");
    cmd.add_option("--cities", load.cities_path, "Cities file (any GDAL format)")->option_text("FILE");
    cmd.add_option("--regions", load.regions_path, "Regions file (polygons, any GDAL format)")->option_text("FILE");
    cmd.add_option("--tally", load.tally_path, "National tally file (CSV)")->option_text("FILE");
    cmd.add_option("--geodata", load.geodata_dir, "Directory of the bundled data")->option_text("DIR");
    cmd.add_option("--crs", load.crs, "Map projection: a PROJ string or EPSG code (default: the story's, else fitted to the framing)")
        ->option_text("CRS");
    cmd.add_option("--time-field", load.time_field,
                   "Event start-time field (default: the first of start_time, event_date, date, datetime, date_time, "
                   "start_date, event_time, time, timestamp, start, begin, occurred_at, ...)")
        ->option_text("NAME");
    cmd.add_option("--end-field", load.end_field, "Event end-time field (default: end_time)")->option_text("NAME");
    // Time zones (issue 10, time).
    cmd.add_option("--tz", load.time_zone,
                   "IANA time zone (e.g. America/Chicago) of times written without an offset where their place "
                   "carries no zone, and the zone of days and dates on screen")
        ->option_text("ZONE");
    cmd.add_flag("--skip-invalid", load.skip_invalid, "Skip invalid event rows and report them instead of failing");
    // A map of any place (issue 10): framing, title, marker size, filter.
    cmd.add_option("--bbox", load.bbox, "Frame this box instead of the bulk of the events (degrees)")
        ->option_text("LON_MIN,LAT_MIN,LON_MAX,LAT_MAX");
    cmd.add_option("--title", load.title, "Map title (default: the events' countries on a map of any place)")
        ->option_text("TEXT");
    cmd.add_option("--subtitle", load.subtitle, "Map subtitle (default: the events' date range on a map of any place)")
        ->option_text("TEXT");
    cmd.add_option("--size-by", load.size_by, "Numeric event field that sizes the markers (log scale)")
        ->option_text("FIELD");
    cmd.add_option("--filter", load.filter,
                   "Only the events for which this OGR SQL expression holds (CSV columns are text: "
                   "CAST(fatalities AS INTEGER) > 0)")
        ->option_text("EXPR");
    cmd.add_option("--max-span-years", load.max_span_years,
                   "Refuse events that span more years than this (default " + format_number(kDefaultMaxSpanYears) + ")")
        ->check(finite_in(0, 100000, true, "years"))->option_text("YEARS");
    add_database_options(cmd, load);
    // present: the sources table behind the on-screen citations (issue 12).
    cmd.add_option("--sources", load.sources_path,
                   "Sources table: key, short, outlet, date, title, url (default: <geodata>/sources.csv)")
        ->option_text("FILE");
}

void add_view_options(CLI::App& cmd, ViewOptions& v) {
    cmd.add_option("--at", v.at, "Open at this moment (ISO 8601, e.g. 2022-01-05T18:00+06:00)")->option_text("TIME");
    cmd.add_flag("--paused", v.paused, "Start paused");
    cmd.add_option("--seconds-per-day", v.seconds_per_day, "Animation speed: seconds per day (default: the story's, else the whole span in about a minute)")
        ->check(finite_in(0, kMaxSecondsPerDay, true, "seconds"))->option_text("S");
    cmd.add_option("--window", v.window_h, "Moving-window length in hours")
        ->check(finite_in(0, kMaxWindowHours, true, "hours"))
        ->option_text("HOURS");
    cmd.add_flag("--cumulative", v.cumulative, "Show every event so far instead of a moving window");
    cmd.add_option("--lang", v.lang, "Label language")->check(CLI::IsMember({"en", "kk", "ru"}));
    cmd.add_option("--select", v.select, "Open with this city's details panel")->option_text("CITY");
    cmd.add_option("--size", v.size, "Window or image size")->option_text("WxH");
    cmd.add_flag("--fullscreen", v.fullscreen, "Start full screen");
    cmd.add_option("--export-dir", v.export_dir, "Where key E writes its exports")->option_text("DIR");
    cmd.add_option("--antialias", v.antialias,
                   "Extra MSAA samples, the same for the window, the presenter, stills and video (default 0: "
                   "edges are already smoothed; 2 or 4 cost most of the frame on software OpenGL)")
        ->check(CLI::IsMember({0, 2, 4}));
    // present: spread arcs (issue 12).
    cmd.add_flag("--no-spread", v.no_spread,
                 "Hide the spread arcs (each joins a place to the nearest place already active; key S)");
}

// `qantar [options]` means `qantar view [options]`.
std::vector<std::string> with_default_subcommand(int argc, char** argv) {
    static const char* const kSubcommands[] = {"view", "render", "present", "export", "info", "init"};
    std::vector<std::string> args(argv, argv + argc);
    bool has_sub = false;
    for (int i = 1; i < argc; ++i)
        for (const char* s : kSubcommands)
            if (args[i] == s) has_sub = true;
    const bool top_help = argc > 1 && (args[1] == "--help" || args[1] == "-h" || args[1] == "--version");
    if (!has_sub && !top_help) args.insert(args.begin() + 1, "view");
    return args;
}

// Every subcommand with its options, parsed into plain structs.
struct Cli {
    CLI::App app{"qantar: dated events as an animated map.", "qantar"};
    LoadOptions load;
    ViewOptions view;
    RenderOptions render;
    PresentOptions present;
    ExportOptions exp;
    bool json = false;
    std::optional<std::string> info_at;  // info --at/--window (PostGIS, issue 11)
    std::optional<double> info_window_h;
    std::string story;  // --story DIR|story.toml
    InitOptions init;
    CLI::App* init_cmd = nullptr;
    CLI::App *view_cmd = nullptr, *render_cmd = nullptr, *present_cmd = nullptr, *export_cmd = nullptr,
             *info_cmd = nullptr;
};

void add_render_command(Cli& cli) {
    auto* cmd = cli.render_cmd =
        cli.app.add_subcommand("render", "Render a still (PNG) or a video (MP4, GIF, WebM, PNG sequence)");
    RenderOptions& render = cli.render;
    add_data_options(*cmd, cli.load, cli.story);
    add_view_options(*cmd, render.view);
    cmd->add_option("-o,--output", render.output, "Output: FILE.png (with --at), FILE.mp4, FILE.gif, FILE.webm or DIR/")
        ->required()->option_text("OUT");
    cmd->add_option("--from", render.from, "Video start; a still's timeline bar starts here (default: the data's)")
        ->option_text("TIME");
    cmd->add_option("--to", render.to, "Video end; a still's timeline bar ends here (default: the data's)")
        ->option_text("TIME");
    cmd->add_option("--fps", render.fps, "Frames per second")->check(CLI::Range(1, 240));
    cmd->add_option("--beats", render.story, "Render the presenter's beats as a video (default: the story's)")
        ->expected(0, 1)->default_str("")->option_text("[FILE]");
    cmd->add_option("--max-frames", render.max_frames,
                    "Refuse videos of more frames than this (default " + with_thousands(kDefaultMaxFrames) + ")")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}))->option_text("N");
    // present: presenter stills and the layout for the sweep (issue 12).
    cmd->add_option("--beat", render.beat, "A still (-o FILE.png) of the story's beat N, as the presenter shows it")
        ->check(CLI::PositiveNumber)->option_text("N");
    cmd->add_option("--layout-json", render.layout_json,
                    "With a still: also write the frame's layout (text boxes, legend, colours drawn, clock) as JSON; "
                    "with --every/--all-beats: a folder, one NAME.json per still")
        ->option_text("FILE|DIR");
    cmd->add_option("--beat-seconds", render.beat_seconds, "How long each story beat holds")
        ->check(finite_in(0, kMaxBeatSeconds, false, "seconds"))->option_text("S");
    // sweep: many stills from one process (-o DIR/; --layout-json DIR for their layouts).
    cmd->add_option("--every", render.every_h, "Stills every HOURS over the data's span into -o DIR/ (at-TIME.png)")
        ->check(finite_in(0, 24.0 * 366, true, "hours"))->option_text("HOURS");
    cmd->add_flag("--all-beats", render.all_beats, "Stills of every presenter beat into -o DIR/ (beat-NN.png)");
}

void add_present_command(Cli& cli) {
    auto* cmd = cli.present_cmd =
        cli.app.add_subcommand("present", "Presenter mode: full screen story with captions and camera moves");
    PresentOptions& present = cli.present;
    add_data_options(*cmd, cli.load, cli.story);
    add_view_options(*cmd, present.view);
    cmd->add_option("--beats", present.story, "Presenter beats file (default: the story's)")->option_text("FILE");
    cmd->add_flag("--autoplay", present.autoplay, "Advance beats by themselves");
    cmd->add_option("--beat-seconds", present.beat_seconds, "Autoplay: how long each beat holds")
        ->check(finite_in(0, kMaxBeatSeconds, true, "seconds"))->option_text("S");
    cmd->add_flag("--loop", present.loop, "Autoplay: start again after the last beat");
    cmd->add_option("--monitor", present.monitor, "Monitor to present on")->check(CLI::NonNegativeNumber);
}

void add_export_and_info_commands(Cli& cli) {
    auto* cmd = cli.export_cmd =
        cli.app.add_subcommand("export", "Export events, cities, regions, the spread tree or the tally");
    add_data_options(*cmd, cli.load, cli.story);
    cmd->add_option("-o,--output", cli.exp.output,
                    "Output file: .geojson, .gpkg, .fgb, .csv, .kml, or - for GeoJSON on standard output")
        ->required()->option_text("OUT");
    cmd->add_option("--layer", cli.exp.layer, "Layer to export")
        ->check(CLI::IsMember({"events", "cities", "regions", "spread", "tally"}));
    cmd->add_option("--at", cli.exp.at, "The state at this moment")->option_text("TIME");
    cmd->add_option("--window", cli.exp.window_h, "With --at: only events active in this many hours before it")
        ->check(finite_in(0, kMaxWindowHours, true, "hours"))->option_text("HOURS");

    cli.info_cmd = cli.app.add_subcommand("info", "Describe the data: counts, dates, how the events spread");
    add_data_options(*cli.info_cmd, cli.load, cli.story);
    cli.info_cmd->add_flag("--json", cli.json, "Print one JSON object");
    // PostGIS (issue 11): describe the rows a still at --at would load (a database sends only those).
    cli.info_cmd->add_option("--at", cli.info_at, "Only the events a still at this moment needs (databases: pushed down)")
        ->option_text("TIME");
    cli.info_cmd->add_option("--window", cli.info_window_h, "With --at: only events active in this many hours before it")
        ->check(finite_in(0, kMaxWindowHours, true, "hours"))->option_text("HOURS");
}

void build_cli(Cli& cli) {
    cli.app.set_version_flag("--version", "qantar 0.1.0");
    cli.app.require_subcommand(1);
    cli.view_cmd = cli.app.add_subcommand("view", "Open the animated map in a window (the default)");
    add_data_options(*cli.view_cmd, cli.load, cli.story);
    add_view_options(*cli.view_cmd, cli.view);
    // The window's span (issue 10, time); render has its own --from/--to.
    cli.view_cmd->add_option("--from", cli.view.from, "Start of the animation and the timeline bar (default: the data's)")
        ->option_text("TIME");
    cli.view_cmd->add_option("--to", cli.view.to, "End of the animation and the timeline bar (default: the data's)")
        ->option_text("TIME");
    add_render_command(cli);
    add_present_command(cli);
    add_export_and_info_commands(cli);

    // qantar init DIR --events FILE: a story folder for a plain events file.
    cli.init_cmd = cli.app.add_subcommand("init", "Write a story folder (story.toml and preview.png) for an events file");
    cli.init_cmd->add_option("dir", cli.init.dir, "The story folder to write")->required()->option_text("DIR");
    cli.init_cmd->add_flag("--force", cli.init.force, "Write into a non-empty folder");
    add_data_options(*cli.init_cmd, cli.load, cli.story);
}

// A usage error as one line, like every other error: what was wrong and where to look.
int report_usage_error(const CLI::App& app, const CLI::ParseError& e) {
    std::string sub;
    for (const auto* c : app.get_subcommands()) sub = c->get_name();
    std::string what = e.what();
    std::replace(what.begin(), what.end(), '\n', ' ');
    std::cerr << "qantar: " << (sub.empty() ? "" : sub + ": ") << what << " (see qantar "
              << (sub.empty() ? "" : sub + " ") << "--help)\n";
    return 2;
}

// The story: --story DIR, else the bundled one unless --events names a plain file. Explicit
// options (--events, --crs, --title, ...) win over the manifest (apply_story fills only blanks).
LoadOptions with_story(const Cli& cli) {
    LoadOptions load = cli.load;
    if (cli.init_cmd->parsed() && load.events_path.empty()) throw UsageError("init: give the events file with --events FILE");
    if (!cli.story.empty()) {
        apply_story(read_story_manifest(cli.story), load);
    } else {
        // A plain events file with nothing else: the world base map around it (io/basemap.hpp).
        const char* env = std::getenv("QANTAR_GEODATA");
        if (uses_world_basemap(load, env && *env)) return load;
        // The bundled story; with --events and a data directory (--geodata, $QANTAR_GEODATA) only
        // its base map (cities, regions, context, crs) is used.
        const std::string dir = load.geodata_dir.empty() ? find_geodata_dir() : load.geodata_dir;
        load.geodata_dir.clear();
        apply_story(read_story_manifest(bundled_story_manifest(dir)), load);
    }
    return load;
}

int run_command(const Cli& cli) {
    const LoadOptions load = with_story(cli);
    if (cli.init_cmd->parsed()) return run_init(load, cli.init);
    // Neither info nor export draws: no context layers, no triangles.
    LoadOptions undrawn = load;
    undrawn.context = false;
    if (cli.info_cmd->parsed()) return run_info(with_source_window(undrawn, std::nullopt, cli.info_at, cli.info_window_h), cli.json);
    if (cli.export_cmd->parsed()) return run_export(undrawn, cli.exp);
    if (cli.render_cmd->parsed()) return run_render(load, cli.render);
    if (cli.present_cmd->parsed()) return run_present(load, cli.present);
    return run_view(load, cli.view);
}

}  // namespace

namespace qantar::app {

std::chrono::steady_clock::time_point main_started() {
    static const auto at = std::chrono::steady_clock::now();
    return at;
}

}  // namespace qantar::app

int main(int argc, char** argv) {
    qantar::app::main_started();
    qantar::app::tune_process_memory();
    std::vector<std::string> args = with_default_subcommand(argc, argv);
    std::vector<char*> cargs;
    for (auto& a : args) cargs.push_back(a.data());

    Cli cli;
    build_cli(cli);
    try {
        cli.app.parse(static_cast<int>(cargs.size()), cargs.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return cli.app.exit(e);  // --help, --version
        return report_usage_error(cli.app, e);
    }

    // Ctrl-C or SIGTERM while a file is being written leaves nothing behind (video export and the
    // window install their own handlers on top of this one).
    io::install_signal_cleanup();
    try {
        return run_command(cli);
    } catch (const UsageError& e) {
        std::cerr << "qantar: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {  // InputError and every other failure: exit 1
        std::cerr << "qantar: " << e.what() << '\n';
        return 1;
    }
}
