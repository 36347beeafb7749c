// The one home for writing files atomically: the data goes to a temporary file beside the
// destination (same directory, so rename(2) is atomic) and is renamed into place; a failure
// removes the temporary, so nothing half-written is ever at the destination. Plain POSIX.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qantar::io {

// A write that failed: one line, "cannot write <path>: <reason>" (or as documented below).
class WriteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "<dir of dest>/.<name of dest>.qantar-tmp-<pid><suffix>" (no directory part when dest has
// none): a hidden name in dest's own directory, the one pattern of every temporary qantar makes,
// so that a later run can tell its leftovers. dest must not end in '/'.
std::filesystem::path temporary_beside(const std::filesystem::path& dest, std::string_view suffix = {});

// Removes the temporaries beside dest (files or directories named as above) whose process is
// gone: what a run killed with SIGKILL or by a power cut left. Those of live processes stay.
// Returns how many were removed. Never throws.
int remove_stale_temporaries(const std::filesystem::path& dest);

// Ctrl-C and SIGTERM while a temporary file exists: the handler deletes the temporaries that are
// registered (write_file_atomically and write_via_temporary register theirs) and then lets the
// signal end the process as usual. Installed once; a command that handles signals itself (video
// export, the window) may install its own afterwards.
void install_signal_cleanup();

// Throws WriteError("refusing to overwrite <out>: it is one of the input files") when `out` names
// the same file as one of `inputs` (by path or, when both exist, by identity).
void refuse_overwriting_inputs(const std::string& out, const std::vector<std::string>& inputs);

// Writes every byte to fd, retrying on EINTR; throws WriteError("cannot write <shown>: <errno text>").
void write_all(int fd, std::string_view bytes, const std::string& shown);

// Writes bytes to `path`: a temporary ".<name>.qantar-tmp-<pid>-<n>" beside it, written, fsync'd, closed
// and renamed over `path`. Throws WriteError("cannot write <path>: <reason>"), leaving nothing.
void write_file_atomically(const std::string& path, std::string_view bytes);

// For encoders that write to a file name (the extension picks the format): write(tmp) fills a
// temporary ".<name>.qantar-tmp-<pid>.<ext>" beside `path` (keeping the extension) and returns
// false on failure; then it is renamed
// into place. Throws WriteError("could not write <path>[: <reason>]"), leaving nothing.
void write_via_temporary(const std::string& path, const std::function<bool(const std::string& tmp)>& write);

}  // namespace qantar::io
