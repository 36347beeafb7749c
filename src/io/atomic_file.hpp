// The one home for writing files atomically: the data goes to a temporary file beside the
// destination (same directory, so rename(2) is atomic) and is renamed into place; a failure
// removes the temporary, so nothing half-written is ever at the destination. Plain POSIX.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qantar::io {

// A write that failed: one line, "cannot write <path>: <reason>" (or as documented below).
class WriteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "<dir of dest>/.<name of dest><tag><pid><suffix>" (no directory part when dest has none): a
// hidden name in dest's own directory. dest must not end in '/'.
std::filesystem::path temporary_beside(const std::filesystem::path& dest, std::string_view tag,
                                       std::string_view suffix = {});

// Writes every byte to fd, retrying on EINTR; throws WriteError("cannot write <shown>: <errno text>").
void write_all(int fd, std::string_view bytes, const std::string& shown);

// Writes bytes to `path`: a temporary ".<name>.tmp-<pid>-<n>" beside it, written, fsync'd, closed
// and renamed over `path`. Throws WriteError("cannot write <path>: <reason>"), leaving nothing.
void write_file_atomically(const std::string& path, std::string_view bytes);

// For encoders that write to a file name (the extension picks the format): write(tmp) fills a
// temporary ".qantar-<pid>-<name>" beside `path` and returns false on failure; then it is renamed
// into place. Throws WriteError("could not write <path>[: <reason>]"), leaving nothing.
void write_via_temporary(const std::string& path, const std::function<bool(const std::string& tmp)>& write);

}  // namespace qantar::io
