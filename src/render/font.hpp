// Finding a font file through fontconfig. Pulls in libfontconfig.
#pragma once

#include <string>

namespace qantar::render {

// The path of a sans-serif font that covers Kazakh and Russian Cyrillic (fontconfig pattern
// "sans-serif:lang=kk" plus `style`, e.g. "bold"), or "" if fontconfig finds none.
std::string find_cyrillic_font(const std::string& style = "");

}  // namespace qantar::render
