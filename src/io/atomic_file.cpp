// Atomic file writing (see atomic_file.hpp). POSIX open/write/fsync/rename.
#include "atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace qantar::io {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

fs::path temporary_beside(const fs::path& dest, std::string_view tag, std::string_view suffix) {
    std::string name = "." + dest.filename().string();
    name += tag;
    name += std::to_string(::getpid());
    name += suffix;
    const fs::path dir = dest.parent_path();
    return dir.empty() ? fs::path(name) : dir / name;
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
    const fs::path tmp = temporary_beside(out, ".tmp-", "-" + std::to_string(counter.fetch_add(1)));
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
    const fs::path tmp = out.parent_path() / (".qantar-" + std::to_string(::getpid()) + "-" + out.filename().string());
    std::error_code ec;
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
