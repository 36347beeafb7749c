// Text wrapping, one home for both ways the screen wraps text (same argument order). They differ
// on purpose, and each keeps its look: the panel measures words by glyph advance and honours line
// breaks; the presenter's caption card measures each candidate line's ink and splits only at spaces.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/System/String.hpp>

#include <string>
#include <vector>

namespace qantar::render {

// The width of s as laid out by glyph advances and kerning.
float text_advance(const sf::Font& font, unsigned size, const sf::String& s, bool bold);

// Lines no wider than max_width_px by advance, at word boundaries ('\n' breaks the line; a word
// wider than the line is broken between characters). Used by the details panel and tooltip.
std::vector<sf::String> wrap_text(const sf::Font& font, unsigned size, const std::string& utf8,
                                  double max_width_px, bool bold = false);

// Lines whose ink (sf::Text local bounds) is no wider than max_width_px; words are never split and
// '\n' counts as a space. Used by the presenter's caption card.
std::vector<std::string> wrap_words_by_ink(const sf::Font& font, unsigned size_px, const std::string& utf8,
                                           double max_width_px);

}  // namespace qantar::render
