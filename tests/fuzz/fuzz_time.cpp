// libFuzzer harness: the time parsers of core/time.hpp on arbitrary text, and what their results
// must satisfy: a parsed ISO 8601 time formats and parses back to the same instant and offset;
// a parsed offset formats and parses back to itself; the formatters never crash. A violation is a
// wrong result (a finding), as is a crash or a sanitizer report.
#include "fuzz_util.hpp"

#include <cstring>

namespace {

void check_time(const qantar::LocalTime& t, const std::string& input, const char* via) {
    using namespace qantar;
    const std::string iso = format_iso8601(t);
    (void)format_iso8601_minutes(t);
    (void)format_human(t);
    const auto back = parse_iso8601(iso);
    if (!back || back->utc_s != t.utc_s || back->offset_s != t.offset_s)
        fuzz::finding(std::string(via) + "('" + input + "') formats as '" + iso +
                      "', which does not parse back to the same time");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace qantar;
    if (size > 256) return -1;  // times are short; longer inputs only slow the search
    const std::string text(reinterpret_cast<const char*>(data), size);

    if (auto t = parse_iso8601(text)) check_time(*t, text, "parse_iso8601");
    if (auto t = parse_iso8601(text, 6 * 3600)) check_time(*t, text, "parse_iso8601(+06)");
    if (auto t = parse_acled_date(text, 5 * 3600)) check_time(*t, text, "parse_acled_date");
    static const FixedOffsetZone kathmandu(5 * 3600 + 45 * 60);
    if (auto t = parse_time(text, kathmandu)) {
        check_time(t->time, text, "parse_time");
        if (classify_time(text) != t->format) fuzz::finding("classify_time('" + text + "') disagrees with parse_time");
    }
    if (auto s = parse_epoch(text)) {
        if (*s < -62135596800 || *s > 253402300799)
            fuzz::finding("parse_epoch('" + text + "') is outside the years 1 to 9999");
    }
    if (auto off = parse_utc_offset(text)) {
        const std::string s = format_utc_offset(*off);
        const auto back = parse_utc_offset(s);
        if (!back || *back != *off)
            fuzz::finding("parse_utc_offset('" + text + "') formats as '" + s + "', which does not parse back");
    }
    return 0;
}
