#include "font.hpp"

#include <fontconfig/fontconfig.h>

#include <memory>

namespace qantar::render {

std::string find_cyrillic_font(const std::string& style) {
    if (!FcInit()) return {};
    std::string spec = "sans-serif:lang=kk";
    if (!style.empty()) spec += ":style=" + style;
    std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> pat(
        FcNameParse(reinterpret_cast<const FcChar8*>(spec.c_str())), &FcPatternDestroy);
    if (!pat) return {};
    FcConfigSubstitute(nullptr, pat.get(), FcMatchPattern);
    FcDefaultSubstitute(pat.get());
    FcResult result = FcResultNoMatch;
    std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> match(
        FcFontMatch(nullptr, pat.get(), &result), &FcPatternDestroy);
    if (!match) return {};
    // Check the match really covers the Kazakh letters (ә, қ, ұ, ү, ң, ө, һ, і).
    FcCharSet* cs = nullptr;
    if (FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &cs) == FcResultMatch && cs) {
        for (FcChar32 c : {0x04D9u, 0x049Bu, 0x04B1u, 0x04AFu, 0x04A3u, 0x04E9u, 0x04BBu, 0x0456u})
            if (!FcCharSetHasChar(cs, c)) return {};
    }
    FcChar8* file = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || !file) return {};
    return reinterpret_cast<const char*>(file);
}

}  // namespace qantar::render
