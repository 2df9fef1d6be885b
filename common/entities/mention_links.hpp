// What the tagger links between mentions once every step has run: an acronym to the name it abbreviates, and
// a country to the organisation named right after it.
#pragma once

#include "entities/entity_tagger.hpp"

#include <string_view>
#include <vector>

namespace dateline {

/// True if `acronym` spells the initials of `name`'s words, small words aside or not ("THAAD" for "Terminal
/// High Altitude Area Defense", "DOT" for "Department of Transportation").
[[nodiscard]] bool spells_initials(std::string_view acronym, std::string_view name);

/// "the Terminal High Altitude Area Defense (THAAD) system ... THAAD": an acronym in brackets after a name is
/// that name, there and everywhere else in `text` (words nothing tagged become mentions of it).
void link_acronyms(std::string_view text, const std::vector<Token>& tokens, TaggedText& out);

/// "U.S. Federal Reserve", "U.S. Treasury": an organisation's mention takes in the country named right before
/// it (one space between); the country's mention stays, nested.
void extend_organisations_over_countries(std::string_view text, std::vector<Mention>& mentions);

} // namespace dateline
