// Helpers shared by the test files: scratch directories, the display check, ffprobe.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace qantar::test {

// Sets an environment variable for one scope (a null value: unset), and unsets it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() { ::unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
};

// A fresh, empty directory for one test case: <tmp>/qantar-test-<suite>-<pid>/<name>.
inline std::filesystem::path scratch_dir(const std::string& suite, const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("qantar-test-" + suite + "-" + std::to_string(::getpid())) / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Writes content to path (bytes as given); returns the path.
inline std::string write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Display tests carry the [display] tag; without a display they say so and pass nothing.
inline bool have_display() {
    const char* d = std::getenv("DISPLAY");
    if (d && *d) return true;
    WARN("no DISPLAY: skipped (run under xvfb-run)");
    return false;
}

// The one stream of a media file, as ffprobe reads it (frames counted by decoding).
inline nlohmann::json ffprobe_stream(const std::filesystem::path& file) {
    const std::string cmd = "ffprobe -v error -count_frames -show_streams -of json '" + file.string() + "'";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string text;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    REQUIRE(::pclose(p) == 0);
    const auto j = nlohmann::json::parse(text);
    REQUIRE(j["streams"].size() == 1);
    return j["streams"][0];
}

}  // namespace qantar::test
