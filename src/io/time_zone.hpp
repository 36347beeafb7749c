// IANA time zones with daylight saving, for core (core/time.hpp ZoneRules), from the system's tz
// database: Howard Hinnant's date/tz as Debian builds it (USE_OS_TZDB=1), which reads the compiled
// zones in /usr/share/zoneinfo. That is the tzdata package the operating system keeps current, so
// qantar's offsets are the ones every other program on the machine uses; ICU would carry its own,
// older copy of the data. Names no library type.
#pragma once

#include "core/time.hpp"

#include <memory>
#include <string_view>

namespace qantar::tz {

// The zone of that IANA name ("America/Chicago", "Asia/Kathmandu", "UTC"), shared and cached; nullptr
// when the database has no such zone (or no database is installed). Names are case-sensitive as in
// the tz database. Gap/overlap rule: ZoneRules::utc_of_local.
std::shared_ptr<const ZoneRules> find_zone(std::string_view name);

// find_zone for a --tz option: a UsageError (exit 2, one line) when the name is not an IANA zone.
std::shared_ptr<const ZoneRules> require_zone(std::string_view name, std::string_view option = "--tz");

}  // namespace qantar::tz
