// The ffmpeg sink (ffmpeg_sink.hpp). POSIX only: pipe2, posix_spawn, waitpid.
#include "ffmpeg_sink.hpp"

#include "sink_util.hpp"
#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace qantar::video {

namespace fs = std::filesystem;

namespace {

std::string fps_text(double fps) {
    if (std::abs(fps - std::round(fps)) < 1e-9) return std::to_string(static_cast<long long>(std::round(fps)));
    std::ostringstream s;
    s.precision(10);
    s << fps;
    return s.str();
}

const char* extension_of(Format f) {
    switch (f) {
    case Format::Mp4: return ".mp4";
    case Format::Gif: return ".gif";
    case Format::WebM: return ".webm";
    default: return "";
    }
}

}  // namespace

FfmpegSink::FfmpegSink(std::string out, Format format, SinkOptions options)
    : out_(std::move(out)), format_(format), options_(std::move(options)), queue_(options_.queue_frames) {
    ffmpeg_path_ = find_executable(options_.ffmpeg);
    if (ffmpeg_path_.empty())
        throw VideoError(out_ + ": cannot write " + std::string(extension_of(format_)) + " without ffmpeg, which is not on PATH " +
                         "(install Debian's ffmpeg package: apt-get install ffmpeg; or write a PNG sequence to a directory "
                         "ending in '/')");
    tmp_ = detail::temporary_beside(out_, extension_of(format_));
    log_ = detail::temporary_beside(out_, ".log");
    tmp_str_ = tmp_.string();
}

FfmpegSink::~FfmpegSink() {
    if (begun_ && !done_) abort();
}

std::vector<std::string> FfmpegSink::arguments(int width, int height, double fps) const {
    std::vector<std::string> a = {"-hide_banner", "-loglevel", "error", "-nostats",
                                  "-f", "rawvideo", "-pix_fmt", "rgba",
                                  "-video_size", std::to_string(width) + "x" + std::to_string(height),
                                  "-framerate", fps_text(fps), "-i", "pipe:0", "-an"};
    switch (format_) {
    case Format::Mp4:
        // High profile, yuv420p, level chosen by x264 from size and rate (4.0 for 1080p30),
        // moov atom first: what PowerPoint, Keynote, browsers and VLC play.
        if (width % 2 || height % 2) a.insert(a.end(), {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"});
        a.insert(a.end(), {"-c:v", "libx264", "-preset", options_.x264_preset, "-crf",
                           std::to_string(options_.x264_crf), "-pix_fmt", "yuv420p", "-profile:v", "high",
                           "-movflags", "+faststart", "-f", "mp4"});
        break;
    case Format::Gif:
        // One filter graph: a palette per frame (stats_mode=single, new=1) streams, so a long GIF
        // never holds every frame in memory the way a global two-pass palette would.
        a.insert(a.end(), {"-filter_complex",
                           "[0:v]split[a][b];[a]palettegen=stats_mode=single:max_colors=256[p];"
                           "[b][p]paletteuse=new=1:dither=bayer:bayer_scale=4",
                           "-loop", "0", "-f", "gif"});
        break;
    case Format::WebM:
        // VP9 in realtime mode with row threading: ~58 fps at 1080p on 2 cores, as fast as VP8
        // and about a third smaller at the same quality.
        a.insert(a.end(), {"-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-deadline", "realtime", "-cpu-used", "8",
                           "-row-mt", "1", "-b:v", "0", "-crf", "32", "-f", "webm"});
        break;
    default: break;
    }
    a.insert(a.end(), {"-y", tmp_.string()});
    return a;
}

void FfmpegSink::begin(int width, int height, double fps) {
    if (begun_) throw VideoError(out_ + ": begin() called twice");
    if (width <= 0 || height <= 0 || !(fps > 0)) throw VideoError(out_ + ": bad frame size or rate");
    detail::check_parent_exists(out_);
    io::remove_stale_temporaries(detail::strip_slash(out_));  // what a killed run left
    width_ = width;
    height_ = height;
    frame_bytes_ = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;

    // A dead encoder must surface as EPIPE from write(), not kill the process.
    ::signal(SIGPIPE, SIG_IGN);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw VideoError(out_ + ": pipe: " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group: Ctrl-C reaches qantar only, which then stops ffmpeg and cleans up.
    // Default signal handling in the child (SIGPIPE is ignored here).
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args = arguments(width, height, fps);
    args.insert(args.begin(), ffmpeg_path_);
    std::vector<char*> argv;
    for (std::string& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, ffmpeg_path_.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[0]);
    if (rc != 0) {
        ::close(fds[1]);
        pid_ = -1;
        std::error_code ec;
        fs::remove(log_, ec);
        throw VideoError(out_ + ": cannot start " + ffmpeg_path_ + ": " + std::strerror(rc));
    }
    fd_ = fds[1];
    begun_ = true;
    thread_ = std::thread([this] { writer(); });
}

void FfmpegSink::fail(const std::string& message) {
    std::lock_guard lock(failure_mutex_);
    if (failure_.empty()) failure_ = message;
    failed_ = true;
}

std::string FfmpegSink::failure() const {
    std::lock_guard lock(failure_mutex_);
    return failure_;
}

void FfmpegSink::writer() {
    std::int64_t expected = 0;
    while (auto item = queue_.pop()) {
        if (failed_) continue;  // drain so that push() never blocks on a dead encoder
        if (item->index != expected) {
            fail("frame " + std::to_string(item->index) + " pushed out of order (expected " + std::to_string(expected) + ")");
            continue;
        }
        ++expected;
        const std::uint8_t* p = item->rgba.data();
        std::size_t left = item->rgba.size();
        while (left > 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                fail(errno == EPIPE ? "ffmpeg stopped reading" : std::string("write to ffmpeg: ") + std::strerror(errno));
                break;
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        spare_.give(std::move(item->rgba));
    }
}

void FfmpegSink::push(std::vector<std::uint8_t> rgba, std::int64_t index) {
    if (!begun_ || done_) throw VideoError(out_ + ": push() outside begin()..finish()");
    if (rgba.size() != frame_bytes_)
        throw VideoError(out_ + ": frame " + std::to_string(index) + " has " + std::to_string(rgba.size()) +
                         " bytes, expected " + std::to_string(frame_bytes_));
    if (failed_) {
        const std::string why = failure() + log_tail();
        abort();
        throw VideoError(out_ + ": " + why);
    }
    queue_.push(Item{std::move(rgba), index});
}

std::string FfmpegSink::log_tail() const {
    std::ifstream in(log_);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last.empty() ? "" : " (ffmpeg: " + last + ")";
}

void FfmpegSink::stop_process(bool kill_it) noexcept {
    if (pid_ <= 0) return;
    if (kill_it) ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    pid_ = -1;
}

void FfmpegSink::cleanup() noexcept {
    std::error_code ec;
    fs::remove(tmp_, ec);
    fs::remove(log_, ec);
}

void FfmpegSink::finish() {
    if (!begun_ || done_) throw VideoError(out_ + ": finish() outside begin()..finish()");
    queue_.close();
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
    fd_ = -1;
    stop_process(false);
    done_ = true;
    if (failed_ || exit_status_ != 0) {
        const std::string why = (failed_ ? failure() : "ffmpeg exited with status " + std::to_string(exit_status_)) + log_tail();
        cleanup();
        throw VideoError(out_ + ": " + why);
    }
    std::error_code ec;
    fs::rename(tmp_, out_, ec);
    if (ec) {
        cleanup();
        throw VideoError(out_ + ": cannot rename the finished file into place: " + ec.message());
    }
    fs::remove(log_, ec);
}

void FfmpegSink::abort() noexcept {
    if (!begun_ || done_) return;
    done_ = true;
    queue_.clear_and_close();
    if (pid_ > 0) ::kill(pid_, SIGKILL);  // a writer blocked in write() now gets EPIPE
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    stop_process(false);
    cleanup();
}

}  // namespace qantar::video
