// Text wrapping, one home for both ways the screen wraps text (same argument order). They differ
// on purpose, and each keeps its look: the panel measures words by glyph advance and honours line
// breaks; the presenter's caption card measures each candidate line's ink and splits only at spaces.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/System/String.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace qantar::render {

// The glyph advances of one font at one size and style, each looked up in the font once (the
// Latin and Cyrillic blocks; others every time): for measuring much text, such as a panel of
// thousands of events. Gives exactly text_advance's sums. Holds a reference to the font.
class GlyphAdvances {
public:
    GlyphAdvances(const sf::Font& font, unsigned size, bool bold);
    // The width of s[from, to) as text_advance gives it.
    float width(const sf::String& s, std::size_t from, std::size_t to) const;
    float width(const sf::String& s) const { return width(s, 0, s.getSize()); }

private:
    float advance(sf::Uint32 c) const;
    const sf::Font& font_;
    unsigned size_;
    bool bold_;
    mutable std::vector<float> table_;  // by code point below kTable; < 0: not looked up yet
};

// The width of s as laid out by glyph advances and kerning.
float text_advance(const sf::Font& font, unsigned size, const sf::String& s, bool bold);

// Lines no wider than max_width_px by advance, at word boundaries ('\n' breaks the line; a word
// wider than the line is broken between characters). Used by the details panel and tooltip.
std::vector<sf::String> wrap_text(const sf::Font& font, unsigned size, const std::string& utf8,
                                  double max_width_px, bool bold = false);
std::vector<sf::String> wrap_text(const GlyphAdvances& glyphs, const std::string& utf8, double max_width_px);
// How many lines wrap_text gives, without building them.
std::size_t wrap_line_count(const GlyphAdvances& glyphs, const std::string& utf8, double max_width_px);

// Lines whose ink (sf::Text local bounds) is no wider than max_width_px; words are never split and
// '\n' counts as a space. Used by the presenter's caption card.
std::vector<std::string> wrap_words_by_ink(const sf::Font& font, unsigned size_px, const std::string& utf8,
                                           double max_width_px);

}  // namespace qantar::render
