#include "text_wrap.hpp"

#include <SFML/Graphics/Text.hpp>

#include <algorithm>

namespace qantar::render {

namespace {
constexpr sf::Uint32 kTable = 0x500;  // Latin and Cyrillic
}  // namespace

GlyphAdvances::GlyphAdvances(const sf::Font& font, unsigned size, bool bold) : font_(font), size_(size), bold_(bold) {}

float GlyphAdvances::advance(sf::Uint32 c) const {
    if (c >= kTable) return font_.getGlyph(c, size_, bold_).advance;
    if (table_.empty()) table_.assign(kTable, -1.f);
    float& a = table_[c];
    if (a < 0) a = font_.getGlyph(c, size_, bold_).advance;
    return a;
}

float GlyphAdvances::width(const sf::String& s, std::size_t from, std::size_t to) const {
    float w = 0;
    sf::Uint32 prev = 0;
    for (std::size_t i = from; i < to; ++i) {
        sf::Uint32 c = s[i];
        if (prev) w += font_.getKerning(prev, c, size_);
        w += advance(c);
        prev = c;
    }
    return w;
}

float text_advance(const sf::Font& font, unsigned size, const sf::String& s, bool bold) {
    return GlyphAdvances(font, size, bold).width(s);
}

namespace {

// The wrapping itself, once for both: with build, the lines; without, only their count.
std::size_t wrap(const GlyphAdvances& glyphs, const std::string& utf8, double max_w, std::vector<sf::String>* out) {
    sf::String s = sf::String::fromUtf8(utf8.begin(), utf8.end());
    std::size_t count = 0;
    auto emit = [&](const sf::String& l) {
        ++count;
        if (out) out->push_back(l);
    };
    const sf::String space_str(' ');
    const float space = glyphs.width(space_str);
    const float limit = static_cast<float>(std::max(1.0, max_w));
    sf::String line;     // built only with out
    bool line_empty = true;
    float line_w = 0;
    std::size_t i = 0;
    while (i < s.getSize()) {
        if (s[i] == '\n') {
            emit(line);
            line.clear();
            line_empty = true;
            line_w = 0;
            ++i;
            continue;
        }
        if (s[i] == ' ') { ++i; continue; }
        std::size_t j = i;
        while (j < s.getSize() && s[j] != ' ' && s[j] != '\n') ++j;
        float ww = glyphs.width(s, i, j);
        float need = line_empty ? ww : line_w + space + ww;
        if (need <= limit) {
            if (out) {
                if (!line_empty) line += ' ';
                line += s.substring(i, j - i);
            }
            line_empty = false;
            line_w = need;
        } else {
            if (!line_empty) emit(line);
            line.clear();
            line_w = 0;
            // A word wider than the line: break it between characters.
            std::size_t a = i;  // the word's rest is s[a, j)
            while (ww > limit && j - a > 1) {
                std::size_t k = 1;
                while (a + k < j && glyphs.width(s, a, a + k + 1) <= limit) ++k;
                emit(out ? s.substring(a, k) : sf::String());
                a += k;
                ww = glyphs.width(s, a, j);
            }
            if (out) line = s.substring(a, j - a);
            line_empty = a == j;
            line_w = ww;
        }
        i = j;
    }
    if (!line_empty || count == 0) emit(line);
    return count;
}

}  // namespace

std::vector<sf::String> wrap_text(const GlyphAdvances& glyphs, const std::string& utf8, double max_w) {
    std::vector<sf::String> lines;
    wrap(glyphs, utf8, max_w, &lines);
    return lines;
}

std::size_t wrap_line_count(const GlyphAdvances& glyphs, const std::string& utf8, double max_w) {
    return wrap(glyphs, utf8, max_w, nullptr);
}

std::vector<sf::String> wrap_text(const sf::Font& font, unsigned size, const std::string& utf8, double max_w, bool bold) {
    return wrap_text(GlyphAdvances(font, size, bold), utf8, max_w);
}

std::vector<std::string> wrap_words_by_ink(const sf::Font& font, unsigned size_px, const std::string& utf8, double max_width_px) {
    std::vector<std::string> lines;
    std::string line, word;
    auto width = [&](const std::string& s) {
        sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size_px);
        return static_cast<double>(t.getLocalBounds().width);
    };
    auto flush_word = [&] {
        if (word.empty()) return;
        std::string cand = line.empty() ? word : line + " " + word;
        if (!line.empty() && width(cand) > max_width_px) {
            lines.push_back(line);
            line = word;
        } else {
            line = cand;
        }
        word.clear();
    };
    for (char ch : utf8) {
        if (ch == ' ' || ch == '\n') flush_word();
        else word += ch;
    }
    flush_word();
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace qantar::render
