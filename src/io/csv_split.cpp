// Cutting a CSV file into pieces GDAL reads alone (csv_split.hpp).
#include "csv_split.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace qantar::io {

namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

std::runtime_error read_error(const std::string& path) {
    return std::runtime_error(path + ": cannot read (" + std::strerror(errno) + ")");
}

// Up to `n` bytes at `offset` (fewer at the end of the file).
std::string read_at(int fd, const std::string& path, std::uint64_t offset, std::size_t n) {
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::pread(fd, out.data() + got, n - got, static_cast<off_t>(offset + got));
        if (r < 0) {
            if (errno == EINTR) continue;
            throw read_error(path);
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return out;
}

// A piece starting at `offset` reads alone as it reads in the whole file: its first line is a
// whole record (its quotes balanced) in which GDAL detects ',' (and no tab, which sends GDAL
// comparing lines), with at least `fields` fields.
bool starts_cleanly(int fd, const std::string& path, std::uint64_t offset, std::size_t fields) {
    constexpr std::size_t kLook = 64 << 10;
    const std::string head = read_at(fd, path, offset, kLook);
    std::size_t end = head.find('\n');
    if (end == std::string::npos) {
        if (head.size() == kLook) return false;  // a line longer than we look at: no cut here
        end = head.size();                       // the last line, unended
    }
    std::string_view line(head.data(), end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\t') != std::string_view::npos || csv_detect_separator(line) != ',') return false;
    bool quoted = false;
    std::size_t count = 1;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) ++count;
    }
    return !quoted && count >= fields;
}

}  // namespace

char csv_detect_separator(std::string_view line) {
    bool quoted = false;
    char found = '\0';
    int spaces = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (!quoted && (c == ',' || c == ';' || c == '\t')) {
            if (found == '\0') {
                found = c;
            } else if (found != c) {
                return ',';  // mixed: GDAL takes ','
            }
        } else if (!quoted && c == ' ') {
            ++spaces;
        } else if (c == '"') {
            if (!quoted || i + 1 >= line.size() || line[i + 1] != '"') quoted = !quoted;
            else ++i;  // "" inside a quoted value
        }
    }
    if (found != '\0') return found;
    return spaces > 0 ? ' ' : ',';
}

std::vector<CsvPiece> split_csv(const std::string& path, std::uint64_t piece_bytes) {
    Fd f;
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f.fd < 0) throw read_error(path);
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(f.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    piece_bytes = std::max<std::uint64_t>(piece_bytes, 1);

    // One pass: the quotes' parity decides which line breaks end a record. The next '"', '\n' and
    // '\r' of a block are each found with memchr, so the pass costs about one per special byte.
    constexpr std::size_t kBlock = std::size_t{4} << 20;
    std::unique_ptr<char[]> buf(new char[kBlock]);
    std::uint64_t base = 0;              // the file offset of buf[0]
    bool quoted = false;
    std::uint64_t record_start = 0;      // where the current record began
    std::int64_t rows = -1;              // data rows ended so far (-1: the header not yet ended)
    std::uint64_t header_end = 0, next_cut = 0;
    std::vector<std::pair<std::uint64_t, std::int64_t>> cuts;  // (offset, rows before)
    char last = '\0';                    // the last byte of the previous block
    while (true) {
        ssize_t got;
        do got = ::read(f.fd, buf.get(), kBlock);
        while (got < 0 && errno == EINTR);
        if (got < 0) throw read_error(path);
        if (got == 0) break;
        const char* const b = buf.get();
        const char* const e = b + got;
        const char* q = static_cast<const char*>(std::memchr(b, '"', static_cast<std::size_t>(got)));
        const char* n = static_cast<const char*>(std::memchr(b, '\n', static_cast<std::size_t>(got)));
        // A CR not followed by LF is a line end to GDAL that this pass does not see: no cuts.
        for (const char* r = static_cast<const char*>(std::memchr(b, '\r', static_cast<std::size_t>(got))); r;
             r = static_cast<const char*>(std::memchr(r + 1, '\r', static_cast<std::size_t>(e - r - 1)))) {
            if (r + 1 < e ? r[1] != '\n' : false) return {};
            if (r + 1 == e) {  // the next block's first byte decides
                char next = '\0';
                const std::string peek = read_at(f.fd, path, base + static_cast<std::uint64_t>(got), 1);
                if (!peek.empty()) next = peek[0];
                if (next != '\n') return {};
            }
        }
        while (n) {
            // Every quote before this line break flips the state.
            while (q && q < n) {
                quoted = !quoted;
                q = static_cast<const char*>(std::memchr(q + 1, '"', static_cast<std::size_t>(e - q - 1)));
            }
            if (!quoted) {
                const std::uint64_t at = base + static_cast<std::uint64_t>(n - b);
                const char prev = n > b ? n[-1] : last;
                // Empty records (nothing, or a lone CR, before the break) are no rows to GDAL.
                const std::uint64_t len = at - record_start;
                const bool empty = len == 0 || (len == 1 && prev == '\r');
                if (rows < 0) {
                    if (empty) return {};  // the header is not the first line
                    rows = 0;
                    header_end = at + 1;
                    next_cut = header_end + piece_bytes;
                } else {
                    if (!empty) ++rows;
                    if (at + 1 >= next_cut) {
                        cuts.emplace_back(at + 1, rows);
                        next_cut = at + 1 + piece_bytes;
                    }
                }
                record_start = at + 1;
            }
            n = static_cast<const char*>(std::memchr(n + 1, '\n', static_cast<std::size_t>(e - n - 1)));
        }
        while (q) {
            quoted = !quoted;
            q = static_cast<const char*>(std::memchr(q + 1, '"', static_cast<std::size_t>(e - q - 1)));
        }
        last = e[-1];
        base += static_cast<std::uint64_t>(got);
    }
    const std::uint64_t size = base;
    if (quoted || rows < 0) return {};  // a quote left open, or no line break after the header
    if (size > record_start && !(size - record_start == 1 && last == '\r')) ++rows;  // the last row, unended
    if (!cuts.empty() && cuts.back().first >= size) cuts.pop_back();  // nothing after the last cut

    // The header as GDAL reads it: comma-separated, no tab; its field count.
    const std::string head = read_at(f.fd, path, 0, static_cast<std::size_t>(std::min<std::uint64_t>(header_end, 1 << 20)));
    std::string_view line(head);
    if (line.size() < header_end || line.find('\n') + 1 != header_end) return {};  // a multi-line or huge header
    line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\t') != std::string_view::npos || csv_detect_separator(line) != ',') return {};
    std::size_t fields = 1;
    bool q = false;
    for (char c : line) {
        if (c == '"') q = !q;
        else if (c == ',' && !q) ++fields;
    }

    // The first piece starts with the header, so it opens as the whole file does (its first row
    // may hold line breaks, which a piece's first row may not).
    std::vector<CsvPiece> pieces;
    std::uint64_t start = 0;
    std::int64_t start_rows = 0;
    for (const auto& [at, before] : cuts) {
        if (!starts_cleanly(f.fd, path, at, fields)) continue;  // this piece runs on past it
        pieces.push_back({start, at - start, start_rows, before - start_rows});
        start = at;
        start_rows = before;
    }
    pieces.push_back({start, size - start, start_rows, rows - start_rows});
    return pieces;
}

}  // namespace qantar::io
