// Where qantar's data lives (data_dirs.hpp).
#include "data_dirs.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#ifndef QANTAR_INSTALL_DATADIR
#define QANTAR_INSTALL_DATADIR ""
#endif
#ifndef QANTAR_SOURCE_DATADIR
#define QANTAR_SOURCE_DATADIR ""
#endif

namespace qantar {

namespace fs = std::filesystem;

std::string exe_dir() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.parent_path().string();
}

namespace {

// The first candidate directory that holds `marker`, normalised; "" when none does.
std::string first_holding(const std::vector<std::string>& candidates, const char* marker) {
    std::error_code ec;
    for (const std::string& c : candidates)
        if (fs::exists(fs::path(c) / marker, ec)) return fs::path(c).lexically_normal().string();
    return {};
}

}  // namespace

std::string find_geodata_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("QANTAR_GEODATA"); env && *env) candidates.emplace_back(env);
    if (const std::string dir = exe_dir(); !dir.empty()) {
        candidates.push_back(dir + "/../geodata");
        candidates.push_back(dir + "/geodata");
        candidates.push_back(dir + "/../share/qantar/geodata");
    }
    if (*QANTAR_INSTALL_DATADIR) candidates.push_back(std::string(QANTAR_INSTALL_DATADIR) + "/geodata");
    candidates.emplace_back("geodata");
    candidates.emplace_back("/usr/local/share/qantar/geodata");
    candidates.emplace_back("/usr/share/qantar/geodata");
    if (std::string found = first_holding(candidates, "bundled-story"); !found.empty()) return found;
    throw InputError(candidates.front() + "/bundled-story", "", "",
                     "no such file (set QANTAR_GEODATA or pass --geodata to the bundled data directory)");
}

std::string find_world_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("QANTAR_WORLD"); env && *env) candidates.emplace_back(env);
    if (const std::string dir = exe_dir(); !dir.empty()) {
        candidates.push_back(dir + "/../share/qantar/geodata/world");
        if (*QANTAR_INSTALL_DATADIR) candidates.push_back(std::string(QANTAR_INSTALL_DATADIR) + "/geodata/world");
        candidates.push_back(dir + "/../geodata/world");
    }
    if (*QANTAR_SOURCE_DATADIR) candidates.push_back(std::string(QANTAR_SOURCE_DATADIR) + "/geodata/world");
    return first_holding(candidates, "countries.fgb");
}

}  // namespace qantar
