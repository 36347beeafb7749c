// Internals shared by the sinks: temporary paths beside OUT.
#pragma once

#include <filesystem>
#include <string>

namespace qantar::video::detail {

// OUT without a trailing '/'.
std::filesystem::path strip_slash(const std::string& out);
// "<dir of OUT>/.<name of OUT>.qantar-tmp-<pid><suffix>" (io::temporary_beside): same directory,
// so the final rename is atomic.
std::filesystem::path temporary_beside(const std::string& out, const std::string& suffix);
// Throws VideoError if OUT's directory does not exist.
void check_parent_exists(const std::string& out);

}  // namespace qantar::video::detail
