// Short forms ("Lee", "Xi", "Kim", "President Lee"): the last step of tagging, which links a short form to
// the person it stands for in this text, or leaves it unlinked rather than guess.
#pragma once

#include "entities/entity.hpp"
#include "text/tokenizer.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline {

/// An entity a short form may stand for; standalone: the short form names it even with no full mention
/// ("Xi", "Trump").
struct ShortOwner {
    const Entity* entity;
    bool standalone;
};

/// Short forms (folded words joined by ' ') and the entities that have them.
using ShortForms = std::unordered_map<std::string, std::vector<ShortOwner>>;

/// Adds a mention for each capitalised short form of one to three words on unclaimed tokens, whose owners
/// come from the knowledge base (`known`) or from people this text named (`article`): the nearest earlier
/// full mention of an owner wins (several owners named earlier: flagged ambiguous); with none earlier (a
/// headline), the first later one; with no full mention at all, a standalone short form that one entity
/// claims, or a short form after a title that one known person has ("President Lee"). Else none.
void link_short_forms(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string>& folded, const std::vector<bool>& claimed,
                      const ShortForms& known, const ShortForms& article, std::vector<Mention>& mentions);

} // namespace dateline
