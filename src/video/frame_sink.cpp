// make_sink, format_for and the temporary-path helpers.
#include "frame_sink.hpp"

#include "core/error.hpp"
#include "ffmpeg_sink.hpp"
#include "png_sink.hpp"
#include "sink_util.hpp"

#include "io/atomic_file.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace qantar::video {

namespace fs = std::filesystem;

Format format_for(const std::string& out) {
    if (!out.empty() && out.back() == '/') return Format::PngSequence;
    std::string ext = fs::path(out).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".mp4") return Format::Mp4;
    if (ext == ".gif") return Format::Gif;
    if (ext == ".webm") return Format::WebM;
    throw UsageError("-o " + out +
                     ": unknown output kind (use .png for a still, .mp4, .gif, .webm, or a directory ending in '/' "
                     "for a PNG sequence)");
}

std::string find_executable(const std::string& name) {
    if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
    const char* path = std::getenv("PATH");
    if (!path) return "";
    std::string p = path;
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t end = p.find(':', start);
        if (end == std::string::npos) end = p.size();
        std::string dir = p.substr(start, end - start);
        if (dir.empty()) dir = ".";
        const std::string full = dir + "/" + name;
        std::error_code ec;
        if (::access(full.c_str(), X_OK) == 0 && fs::is_regular_file(full, ec)) return full;
        start = end + 1;
    }
    return "";
}

std::unique_ptr<FrameSink> make_sink(const std::string& out, const SinkOptions& options) {
    const Format f = format_for(out);
    if (f == Format::PngSequence) return std::make_unique<PngSequenceSink>(out, options);
    return std::make_unique<FfmpegSink>(out, f, options);
}

namespace detail {

fs::path strip_slash(const std::string& out) {
    std::string s = out;
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return fs::path(s);
}

fs::path temporary_beside(const std::string& out, const std::string& suffix) {
    return io::temporary_beside(strip_slash(out), suffix);
}

void check_parent_exists(const std::string& out) {
    const fs::path dir = strip_slash(out).parent_path();
    std::error_code ec;
    if (!dir.empty() && !fs::is_directory(dir, ec))
        throw VideoError(out + ": the directory " + dir.string() + " does not exist");
}

}  // namespace detail

}  // namespace qantar::video
