// The national tally's figures: the running tally at a moment, and the one list of its columns
// (name, where each figure lives in a TallyEntry and in a TallyAt) that loading, the timeline,
// `info` and export all walk. Pure C++.
#pragma once

#include "model.hpp"

#include <string_view>

namespace qantar {

// The running tally at a moment: for each figure, the latest official national announcement at
// or before t that gave it.
struct TallyAt {
    Count killed, security_killed, injured, security_injured, hospitalised, intensive_care,
        detained, vehicles_burned, facilities_damaged;
    int latest_entry = -1;  // index into Dataset::tally of the newest entry used, -1 if none
    // Which entry each headline figure came from (index into Dataset::tally, -1 if none), so a
    // figure is always shown with who announced it and when.
    int killed_entry = -1, security_killed_entry = -1, injured_entry = -1, detained_entry = -1;
};

struct TallyColumn {
    std::string_view name;           // the column of tally.csv and of the exported tally layer
    Count TallyEntry::*announced;    // the figure in one announcement
    Count TallyAt::*running;         // the figure in the running tally
    int TallyAt::*source_entry;      // which announcement gave it (headline figures); else nullptr
};

// In file and export order.
inline constexpr TallyColumn kTallyColumns[] = {
    {"killed", &TallyEntry::killed, &TallyAt::killed, &TallyAt::killed_entry},
    {"security_killed", &TallyEntry::security_killed, &TallyAt::security_killed, &TallyAt::security_killed_entry},
    {"injured", &TallyEntry::injured, &TallyAt::injured, &TallyAt::injured_entry},
    {"security_injured", &TallyEntry::security_injured, &TallyAt::security_injured, nullptr},
    {"hospitalised", &TallyEntry::hospitalised, &TallyAt::hospitalised, nullptr},
    {"intensive_care", &TallyEntry::intensive_care, &TallyAt::intensive_care, nullptr},
    {"detained", &TallyEntry::detained, &TallyAt::detained, &TallyAt::detained_entry},
    {"vehicles_burned", &TallyEntry::vehicles_burned, &TallyAt::vehicles_burned, nullptr},
    {"facilities_damaged", &TallyEntry::facilities_damaged, &TallyAt::facilities_damaged, nullptr},
};

}  // namespace qantar
