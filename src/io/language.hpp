// The interface languages: kk and ru from their compiled message catalogues (po/*.po, compiled
// by msgfmt at build time into <build>/locale, installed into <prefix>/share/qantar/locale) with
// dates and numbers formatted by ICU for the language. Neither depends on the process locale
// (no setlocale, no LANG/LANGUAGE): the catalogue is read directly and ICU is given the locale.
#pragma once

#include "core/language.hpp"

#include <string>
#include <unordered_map>

namespace qantar::io {

// The catalogue of a language: the msgid -> msgstr pairs of a GNU .mo file (empty msgstr and the
// header entry left out). Throws InputError naming the file when it is not a .mo file.
std::unordered_map<std::string, std::string> read_mo_file(const std::string& path);

// Where <lang>/LC_MESSAGES/qantar.mo is looked for: <exe dir>/../share/qantar/locale, the
// installed prefix's, then <exe dir>/locale (the build tree). "" when none holds it.
std::string find_catalogue(const std::string& lang);

// The language for "en", "kk" or "ru": English is the built-in one; kk and ru have ICU's formats
// and the catalogue found by find_catalogue (none found: English words, a size() of 0). Loaded
// once per process and kept (the reference stays valid).
const Language& interface_language(const std::string& lang);

}  // namespace qantar::io
