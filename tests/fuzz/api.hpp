// The qantar headers the fuzz harnesses call. The only place they are named: when the loaders
// and exporters move (core/load.hpp -> io/load.hpp, ...), change the includes here and nothing else.
#pragma once

#include "core/error.hpp"     // InputError, UsageError: the expected, clean failures
#include "core/export_table.hpp"  // build_export_table
#include "io/export.hpp"      // encode_export, ExportError
#include "io/load.hpp"        // LoadOptions, load_dataset
#include "io/story_loader.hpp"  // load_story
#include "core/time.hpp"      // parse_iso8601, parse_acled_date, parse_utc_offset, format_*
#include "core/timeline.hpp"  // Timeline (what the exporters read)
