// The time range a command shows, handed to the events source (source_window.hpp).
#include "source_window.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

namespace qantar::app {

namespace {

std::int64_t moment_utc_s(const std::string& text, const char* option) {
    auto t = parse_iso8601(text, 0);  // read as UTC; the pushed-down range has a 14-hour margin
    if (!t) throw UsageError(std::string(option) + ": '" + text + "' is not a moment (expected ISO 8601, e.g. 2022-01-05T18:00+06:00)");
    return t->utc_s;
}

}  // namespace

LoadOptions with_source_window(const LoadOptions& load, const std::optional<std::string>& from,
                               const std::optional<std::string>& to, std::optional<double> window_h) {
    LoadOptions out = load;
    if (to) out.pushdown_to_utc_s = moment_utc_s(*to, from ? "--to" : "--at");
    // The first moment shown, less the window before it (the events still on screen then).
    const std::optional<std::int64_t> first = from ? std::optional(moment_utc_s(*from, "--from")) : out.pushdown_to_utc_s;
    if (first && window_h) out.pushdown_from_utc_s = *first - static_cast<std::int64_t>(*window_h * 3600.0);
    else if (from) out.pushdown_from_utc_s = first;
    return out;
}

}  // namespace qantar::app
