#include "options.hpp"

#include "core/limits.hpp"
#include "core/text.hpp"
#include "frame.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

#include <cstdio>

namespace qantar::render {

double parse_moment(const std::string& text, std::int32_t default_offset_s, const char* option) {
    auto t = parse_iso8601(text, default_offset_s);
    if (!t)
        throw UsageError(std::string(option) + ": '" + text +
                         "' is not a moment (expected ISO 8601, e.g. 2022-01-05T18:00+06:00)");
    return static_cast<double>(t->utc_s);
}

ScreenSize parse_size(const std::string& text) {
    unsigned w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
        w < kMinImageSidePx || h < kMinImageSidePx || w > kMaxImageSidePx || h > kMaxImageSidePx)
        throw UsageError("--size: '" + abbreviate(text) + "' is not a size (expected WIDTHxHEIGHT, e.g. 1920x1080, each side " +
                         std::to_string(kMinImageSidePx) + " to " + std::to_string(kMaxImageSidePx) + " pixels)");
    return {static_cast<double>(w), static_cast<double>(h)};
}

Lang parse_lang(const std::string& s) {
    if (s == "kk") return Lang::Kk;
    if (s == "ru") return Lang::Ru;
    return Lang::En;
}

std::string_view lang_code(Lang lang) { return lang == Lang::Kk ? "kk" : lang == Lang::Ru ? "ru" : "en"; }

const std::string& pick_name(Lang lang, const std::string& en, const std::string& kk, const std::string& ru) {
    return name_in(lang_code(lang), en, kk, ru);
}

}  // namespace qantar::render
