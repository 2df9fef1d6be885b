// Rules that find names the knowledge base lacks (step 2 of the tagger). They are deliberately conservative:
// a capitalised word alone is never a name; it needs evidence.
//   People: a title or role before the name ("professor Heo Yoon", "adviser Wi Sung-lac"), an age or role
//           after it ("Kim Hye-kyung, a 64-year-old protester", "Park Ji-won, 52,"), the shape of an East
//           Asian name (a common surname and a hyphenated given name: "Kim Hye-kyung"), or a known given name
//           followed by one or two capitalised words ("Phil Simmons").
//   Organisations: a capitalised run ending in an organisation word ("Sogang University", "Hanwha Ocean" is
//   not
//           one: it needs the knowledge base) or of the form "Ministry of ...", "University of ...".
// Canonical ids are slugs of the normalised name; Korean-style given names are joined so that "Kim Hye Kyung"
// and "Kim Hye-kyung" are one person.
#pragma once

#include "entities/entity.hpp"
#include "text/tokenizer.hpp"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace dateline {

struct RuleName {
    std::size_t first_token = 0; ///< inclusive
    std::size_t last_token = 0;  ///< inclusive
    EntityType type = EntityType::person;
    std::string name; ///< display name: the surface words, titles and determiners trimmed
    std::string id;   ///< canonical id (slug)
};

/// Finds rule names among tokens not yet claimed (`claimed[i]` true for tokens an earlier step linked).
/// `folded` holds each token's term with diacritics removed. `absorbable[i]` marks claimed tokens of a place
/// or country mention that an organisation name right after it may take in ("Gyeongju" in "Gyeongju National
/// Museum"); that mention is kept, nested in the organisation's. `given_names` are folded first names.
[[nodiscard]] std::vector<RuleName> find_rule_names(std::string_view text, const std::vector<Token>& tokens,
                                                    const std::vector<std::string>& folded,
                                                    const std::vector<bool>& claimed,
                                                    const std::vector<bool>& absorbable,
                                                    const std::unordered_set<std::string>& given_names);

/// True if the folded term is a title or role that introduces a person ("president", "professor", "adviser").
[[nodiscard]] bool is_person_title(std::string_view folded_term);

/// True if the folded term is a common Korean or Chinese surname in romanisation ("kim", "lee", "xi").
[[nodiscard]] bool is_east_asian_surname(std::string_view folded_term);

/// The canonical id rule names get: "Kim Hye-kyung" -> "kim-hyekyung", "Sogang University" ->
/// "sogang-university".
[[nodiscard]] std::string rule_entity_id(EntityType type, const std::vector<std::string>& folded_words,
                                         const std::vector<bool>& joined_to_next);

/// True if the token's text starts with an upper-case letter.
[[nodiscard]] bool starts_upper(std::string_view text, const Token& token);

} // namespace dateline
