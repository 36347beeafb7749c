// A large CSV file cut into pieces that GDAL's CSV driver reads on several threads at once, each
// piece as a file of its own (/vsisubfile/, HEADERS=NO), giving the same rows as reading the whole
// file in one go. A cut falls only where the driver would end a record: after a line break outside
// quotes (the driver joins lines while a record's quotes are unbalanced, counting every '"'), with
// the number of rows before it counted as the driver numbers them (empty lines are no rows). A cut
// is dropped where the piece's first line would not read the same alone: the separator GDAL would
// detect in it is not the header's, or it holds fewer fields than the header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace qantar::io {

struct CsvPiece {
    std::uint64_t offset = 0;       // the first byte of the piece's first row (the first piece: 0, the header)
    std::uint64_t length = 0;
    std::int64_t rows_before = 0;   // data rows (the header not counted) before the piece
    std::int64_t rows = 0;          // data rows in it
    friend bool operator==(const CsvPiece&, const CsvPiece&) = default;
};

// The rows of `path`, in pieces of about `piece_bytes` (the last may be shorter).
// Empty when the file cannot be cut safely: no header line, a quote left open, line ends that are
// a lone CR (old Mac files: the driver counts those as line ends too), a header GDAL would not read
// as comma-separated. One piece means no cut was possible. Throws std::runtime_error when the file
// cannot be read.
std::vector<CsvPiece> split_csv(const std::string& path, std::uint64_t piece_bytes);

// The separator GDAL's CSV driver detects in a line (CSVDetectSeperator: the first of ',', ';' and
// tab outside quotes; ',' when they are mixed; ' ' when there is none but spaces; else ',').
char csv_detect_separator(std::string_view line);

}  // namespace qantar::io
