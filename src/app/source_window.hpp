// What a command will show, told to the events source before loading, so that a database sends
// only those rows (io/pg_source.hpp pushes it down; files ignore it).
#pragma once

#include "io/load.hpp"

#include <optional>
#include <string>

namespace qantar::app {

// from/to: ISO 8601 moments as given (an absent offset is covered by the source's margin);
// window_h: the hours before the first moment (from, else to) still on screen; none with
// --cumulative, where only `to` bounds the rows. Throws
// UsageError naming the option on a text that is not a moment.
LoadOptions with_source_window(const LoadOptions& load, const std::optional<std::string>& from,
                               const std::optional<std::string>& to, std::optional<double> window_h);

}  // namespace qantar::app
