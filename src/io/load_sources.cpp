// The sources table (key, short, outlet, date, title, url), read through the GDAL adapter like
// the other tables: what a source key stands for, as a person would cite it.
#include "load_layers.hpp"

#include "field_readers.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

#include <algorithm>

namespace qantar::loading {

std::vector<SourceRef> load_sources(const std::string& path) {
    gdal::LayerReader r(path);
    const int f_key = gdal::require_field(r, {"key"}, "source key");
    const int f_short = r.field_index("short"), f_outlet = r.field_index("outlet");
    const int f_date = r.field_index("date"), f_title = r.field_index("title"), f_url = r.field_index("url");
    if (f_short < 0 && f_outlet < 0) throw InputError(path, "", "short", "missing required field (short or outlet)");
    std::vector<SourceRef> out;
    while (r.next()) {
        SourceRef s;
        s.key = trim(r.text(f_key));
        if (s.key.empty()) gdal::fail(r, f_key, "empty source key");
        if (std::any_of(out.begin(), out.end(), [&](const SourceRef& o) { return o.key == s.key; }))
            gdal::fail(r, f_key, "duplicate source key '" + abbreviate(s.key) + "'");
        s.short_citation = trim(r.text(f_short));
        s.outlet = trim(r.text(f_outlet));
        if (s.short_citation.empty() && s.outlet.empty()) gdal::fail(r, f_short, "no short citation and no outlet");
        s.date = trim(r.text(f_date));
        if (!s.date.empty() && !parse_iso8601(s.date, 0))
            gdal::fail(r, f_date, "'" + abbreviate(s.date) + "' is not an ISO 8601 date");
        s.title = trim(r.text(f_title));
        s.url = trim(r.text(f_url));
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace qantar::loading
