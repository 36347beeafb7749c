// qantar info: loads the data and prints its summary (text, or one JSON object with --json).
// A database source adds what its server counts without sending the rows (io/pg_source.hpp).
#include "commands.hpp"
#include "core/info.hpp"
#include "core/text.hpp"
#include "io/language.hpp"
#include "io/load.hpp"
#include "io/pg_source.hpp"
#include "core/timeline.hpp"

#include <iostream>

namespace qantar::app {

namespace {

nlohmann::json database_json(const io::ServerSummary& s, std::size_t rows_loaded) {
    nlohmann::json j;
    j["source"] = s.source;
    j["relation"] = s.relation;
    j["rows_on_server"] = s.rows;
    j["rows_transferred"] = rows_loaded;
    j["time_column"] = s.time_column;
    j["geometry_column"] = s.geometry_column;
    j["extent_deg"] = s.extent_deg ? nlohmann::json(*s.extent_deg) : nlohmann::json(nullptr);
    nlohmann::json days = nlohmann::json::array();
    for (const auto& [day, n] : s.per_day) days.push_back({{"day", day}, {"events", n}});
    j["per_day"] = days;
    return j;
}

}  // namespace

int run_info(const LoadOptions& load, bool json) {
    const Dataset data = load_dataset(load);
    const Timeline timeline(data);
    std::optional<io::ServerSummary> server;
    if (io::is_pg_source(load.events_path)) server = io::server_summary(load);
    if (json) {
        nlohmann::json j = info_json(timeline);
        if (server) j["database"] = database_json(*server, data.events.size() + data.skipped.size());
        // The interface catalogues this program finds (issue 12): path and message count ("" and 0: none).
        for (const char* lang : {"kk", "ru"})
            j["catalogues"][lang] = {{"path", io::find_catalogue(lang)}, {"messages", io::interface_language(lang).size()}};
        std::cout << j.dump(2) << '\n';
    } else {
        std::cout << info_text(timeline);
        if (server)
            std::cout << "Database: " << server->source << " " << server->relation << ": "
                      << with_thousands(server->rows) << " rows on the server, " << server->per_day.size()
                      << " days with events (counted there)\n";
    }
    return 0;
}

}  // namespace qantar::app
