// Turning command-line values into render values: moments and sizes. Pure.
#pragma once

#include "camera.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace qantar::render {

// "--at" value: ISO 8601; without an offset, default_offset_s applies (a date alone is local
// midnight). Throws UsageError naming the option.
double parse_moment(const std::string& text, std::int32_t default_offset_s, const char* option = "--at");
// "1920x1080" -> size. Throws UsageError for anything else (or sides outside 16..16384).
ScreenSize parse_size(const std::string& text);

}  // namespace qantar::render
