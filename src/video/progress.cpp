// Progress on stderr (progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace qantar::video {

std::string format_duration(double seconds) {
    const auto s = static_cast<long long>(std::max(0.0, std::round(seconds)));
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

namespace {

std::string rate_and_left(std::int64_t done, std::int64_t total, double elapsed_s) {
    const double fps = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0;
    char buf[64];
    if (fps > 0) std::snprintf(buf, sizeof buf, "%.1f fps, %s left", fps,
                               format_duration(static_cast<double>(total - done) / fps).c_str());
    else std::snprintf(buf, sizeof buf, "-- fps, --:-- left");
    return buf;
}

}  // namespace

ProgressReporter::ProgressReporter(std::int64_t total_frames, std::FILE* out, bool tty, std::string label)
    : total_(std::max<std::int64_t>(total_frames, 1)), out_(out), tty_(tty), label_(std::move(label)) {}

bool ProgressReporter::stream_is_terminal(std::FILE* f) { return f && ::isatty(::fileno(f)) == 1; }

std::string ProgressReporter::bar_line(std::int64_t done, std::int64_t total, double elapsed_s, int width) {
    total = std::max<std::int64_t>(total, 1);
    const int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total));
    std::string bar = "[" + std::string(static_cast<std::size_t>(std::clamp(filled, 0, width)), '#') +
                      std::string(static_cast<std::size_t>(width - std::clamp(filled, 0, width)), '.') + "]";
    char buf[64];
    std::snprintf(buf, sizeof buf, " %lld/%lld frames  ", static_cast<long long>(done), static_cast<long long>(total));
    std::string r = rate_and_left(done, total, elapsed_s);
    std::replace(r.begin(), r.end(), ',', ' ');
    return bar + buf + r;
}

std::string ProgressReporter::plain_line(const std::string& label, std::int64_t done, std::int64_t total, double elapsed_s) {
    total = std::max<std::int64_t>(total, 1);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s: %lld%% (%lld/%lld frames, ", label.c_str(),
                  static_cast<long long>(done * 100 / total), static_cast<long long>(done), static_cast<long long>(total));
    return buf + rate_and_left(done, total, elapsed_s) + ")";
}

void ProgressReporter::update(std::int64_t done, double elapsed_s) {
    if (!out_) return;
    if (tty_) {
        if (last_draw_s_ >= 0 && elapsed_s - last_draw_s_ < 0.1 && done < total_) return;
        last_draw_s_ = elapsed_s;
        std::fprintf(out_, "\r%s\033[K", bar_line(done, total_, elapsed_s).c_str());
        std::fflush(out_);
        return;
    }
    const int step = static_cast<int>(done * 20 / total_);  // 5% steps
    if (step > last_step_ && done < total_) {
        last_step_ = step;
        std::fprintf(out_, "%s\n", plain_line(label_, done, total_, elapsed_s).c_str());
        std::fflush(out_);
    }
}

void ProgressReporter::finish(std::int64_t done, double elapsed_s) {
    if (!out_) return;
    if (tty_) std::fprintf(out_, "\r%s\033[K\n", bar_line(done, total_, elapsed_s).c_str());
    const double fps = elapsed_s > 0 ? static_cast<double>(done) / elapsed_s : 0;
    std::fprintf(out_, "%s: %lld frames in %s (%.1f fps)\n", label_.c_str(), static_cast<long long>(done),
                 format_duration(elapsed_s).c_str(), fps);
    std::fflush(out_);
}

}  // namespace qantar::video
