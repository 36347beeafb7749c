// Atomic file writing (see atomic_file.hpp). POSIX open/write/fsync/rename.
#include "atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace qantar::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTag = ".qantar-tmp-";

std::string errno_text(int err) { return std::strerror(err); }

// The temporaries the signal handler deletes: fixed slots, so that the handler only reads memory
// and calls unlink(2), both safe in a signal handler.
constexpr int kSlots = 8;
char g_paths[kSlots][4096];
volatile std::sig_atomic_t g_used[kSlots];

extern "C" void cleanup_and_reraise(int sig) {
    for (int i = 0; i < kSlots; ++i)
        if (g_used[i]) ::unlink(g_paths[i]);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

// Registers a temporary for the signal handler while it lives.
class SignalCleanup {
public:
    explicit SignalCleanup(const fs::path& path) {
        const std::string& p = path.native();
        if (p.size() >= sizeof g_paths[0]) return;
        for (int i = 0; i < kSlots; ++i)
            if (!g_used[i]) {
                std::memcpy(g_paths[i], p.c_str(), p.size() + 1);
                g_used[i] = 1;
                slot_ = i;
                return;
            }
    }
    ~SignalCleanup() {
        if (slot_ >= 0) g_used[slot_] = 0;
    }
    SignalCleanup(const SignalCleanup&) = delete;
    SignalCleanup& operator=(const SignalCleanup&) = delete;

private:
    int slot_ = -1;
};

}  // namespace

fs::path temporary_beside(const fs::path& dest, std::string_view suffix) {
    std::string name = "." + dest.filename().string();
    name += kTag;
    name += std::to_string(::getpid());
    name += suffix;
    const fs::path dir = dest.parent_path();
    return dir.empty() ? fs::path(name) : dir / name;
}

int remove_stale_temporaries(const fs::path& dest) {
    const std::string prefix = "." + dest.filename().string() + std::string(kTag);
    const fs::path dir = dest.parent_path().empty() ? fs::path(".") : dest.parent_path();
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        std::size_t i = prefix.size(), j = i;
        while (j < name.size() && name[j] >= '0' && name[j] <= '9') ++j;
        if (j == i || j - i > 9) continue;
        const auto pid = static_cast<pid_t>(std::stol(name.substr(i, j - i)));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        std::error_code rm;
        if (fs::remove_all(it->path(), rm) > 0 && !rm) ++removed;
    }
    return removed;
}

namespace {

bool same_file(const fs::path& a, const std::string& b) {
    std::error_code ec;
    fs::path ca = fs::weakly_canonical(a, ec);
    if (ec) ca = fs::absolute(a);
    fs::path cb = fs::weakly_canonical(fs::path(b), ec);
    if (ec) cb = fs::absolute(fs::path(b));
    if (ca == cb) return true;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return false;
}

}  // namespace

void refuse_overwriting_inputs(const std::string& out, const std::vector<std::string>& inputs) {
    for (const std::string& in : inputs)
        if (!in.empty() && same_file(fs::path(out), in))
            throw WriteError("refusing to overwrite " + out + ": it is one of the input files");
}

void install_signal_cleanup() {
    struct sigaction sa {};
    sa.sa_handler = cleanup_and_reraise;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
}

void write_all(int fd, std::string_view bytes, const std::string& shown) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw WriteError("cannot write " + shown + ": " + errno_text(errno));
        }
        if (n == 0) throw WriteError("cannot write " + shown + ": " + errno_text(ENOSPC));
        done += static_cast<std::size_t>(n);
    }
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    const fs::path out(path);
    std::error_code ec;
    if (fs::is_directory(out, ec)) throw WriteError("cannot write " + path + ": it is a directory");
    static std::atomic<unsigned> counter{0};
    remove_stale_temporaries(out);
    const fs::path tmp = temporary_beside(out, "-" + std::to_string(counter.fetch_add(1)));
    const SignalCleanup on_signal(tmp);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) throw WriteError("cannot write " + path + ": " + errno_text(errno));
    try {
        write_all(fd, bytes, path);
        if (::fsync(fd) != 0) throw WriteError("cannot write " + path + ": " + errno_text(errno));
        int rc = ::close(fd);
        fd = -1;
        if (rc != 0) throw WriteError("cannot write " + path + ": " + errno_text(errno));
        if (::rename(tmp.c_str(), out.c_str()) != 0)
            throw WriteError("cannot write " + path + ": " + errno_text(errno));
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
}

void write_via_temporary(const std::string& path, const std::function<bool(const std::string& tmp)>& write) {
    const fs::path out(path);
    std::error_code ec;
    if (fs::is_directory(out, ec)) throw WriteError("could not write " + path + ": it is a directory");
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    if (!fs::is_directory(dir, ec)) throw WriteError("could not write " + path + ": no such directory " + dir.string());
    if (::access(dir.c_str(), W_OK) != 0)
        throw WriteError("could not write " + path + ": " + errno_text(errno) + " (directory " + dir.string() + ")");
    remove_stale_temporaries(out);
    const fs::path tmp = temporary_beside(out, out.extension().string());  // encoders go by the extension
    const SignalCleanup on_signal(tmp);
    bool written = false;
    try {
        written = write(tmp.string());
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    if (!written) {
        fs::remove(tmp, ec);
        throw WriteError("could not write " + path);
    }
    fs::rename(tmp, out, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(tmp, ec);
        throw WriteError("could not write " + path + ": " + why);
    }
}

}  // namespace qantar::io
