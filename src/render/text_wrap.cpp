#include "text_wrap.hpp"

#include <SFML/Graphics/Text.hpp>

#include <algorithm>

namespace qantar::render {

float text_advance(const sf::Font& font, unsigned size, const sf::String& s, bool bold) {
    float w = 0;
    sf::Uint32 prev = 0;
    for (std::size_t i = 0; i < s.getSize(); ++i) {
        sf::Uint32 c = s[i];
        if (prev) w += font.getKerning(prev, c, size);
        w += font.getGlyph(c, size, bold).advance;
        prev = c;
    }
    return w;
}

std::vector<sf::String> wrap_text(const sf::Font& font, unsigned size, const std::string& utf8, double max_w, bool bold) {
    sf::String s = sf::String::fromUtf8(utf8.begin(), utf8.end());
    std::vector<sf::String> lines;
    const float space = font.getGlyph(' ', size, bold).advance;
    const float limit = static_cast<float>(std::max(1.0, max_w));
    sf::String line;
    float line_w = 0;
    std::size_t i = 0;
    while (i < s.getSize()) {
        if (s[i] == '\n') {
            lines.push_back(line);
            line.clear();
            line_w = 0;
            ++i;
            continue;
        }
        if (s[i] == ' ') { ++i; continue; }
        std::size_t j = i;
        while (j < s.getSize() && s[j] != ' ' && s[j] != '\n') ++j;
        sf::String word = s.substring(i, j - i);
        float ww = text_advance(font, size, word, bold);
        float need = line.isEmpty() ? ww : line_w + space + ww;
        if (need <= limit) {
            if (!line.isEmpty()) line += ' ';
            line += word;
            line_w = need;
        } else {
            if (!line.isEmpty()) lines.push_back(line);
            line.clear();
            line_w = 0;
            // A word wider than the line: break it between characters.
            while (ww > limit && word.getSize() > 1) {
                std::size_t k = 1;
                while (k < word.getSize() && text_advance(font, size, word.substring(0, k + 1), bold) <= limit) ++k;
                lines.push_back(word.substring(0, k));
                word = word.substring(k);
                ww = text_advance(font, size, word, bold);
            }
            line = word;
            line_w = ww;
        }
        i = j;
    }
    if (!line.isEmpty() || lines.empty()) lines.push_back(line);
    return lines;
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
