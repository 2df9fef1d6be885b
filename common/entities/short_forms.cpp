#include "entities/short_forms.hpp"

#include "entities/name_rules.hpp"

#include <algorithm>

namespace dateline {

namespace {

/// Where each person is fully named in a text: byte positions, sorted.
using FullMentions = std::unordered_map<const Entity*, std::vector<std::size_t>>;

/// The mention of the short form at token `i` that `owners` may stand for; its entity is null if none is
/// chosen.
Mention resolve_short(const std::vector<Token>& tokens, const std::vector<std::string>& folded, std::size_t i,
                      const std::vector<ShortOwner>& owners, const FullMentions& full_mentions) {
    Mention mention{tokens[i].span, tokens[i].sentence, nullptr, MentionHow::short_form, false};
    // The nearest earlier full mention of an owner wins; more than one owner named earlier: flag it.
    // Headlines and leads often use the short form before the full name: with none earlier, the first
    // later. Each owner's positions are sorted: a binary search each, whatever the text's length.
    const auto position = tokens[i].span.begin;
    for (const bool earlier : {true, false}) {
        const Entity* chosen = nullptr;
        std::size_t chosen_at = 0;
        std::vector<const Entity*> distinct;
        for (const auto& owner : owners) {
            const auto found = full_mentions.find(owner.entity);
            if (found == full_mentions.end() ||
                std::find(distinct.begin(), distinct.end(), owner.entity) != distinct.end()) {
                continue;
            }
            const auto& at = found->second;
            const auto split = std::lower_bound(at.begin(), at.end(), position); // first at >= position
            if (earlier ? split == at.begin() : split == at.end()) {
                continue;
            }
            const auto nearest = earlier ? *std::prev(split) : *split;
            distinct.push_back(owner.entity);
            if (chosen == nullptr || (earlier ? nearest > chosen_at : nearest < chosen_at)) {
                chosen = owner.entity; // earlier: the last one before; later: the first one after
                chosen_at = nearest;
            }
        }
        if (chosen != nullptr) {
            mention.entity = chosen;
            mention.ambiguous = distinct.size() > 1;
            return mention;
        }
    }
    // Nobody named yet: a standalone short form ("Xi") links if only one entity claims it; a short form
    // after a title ("President Lee") links if only one knowledge-base person has it.
    const Entity* standalone = nullptr;
    std::size_t standalone_count = 0;
    std::vector<const Entity*> people;
    for (const auto& owner : owners) {
        if (owner.standalone && owner.entity != standalone) {
            standalone = owner.entity;
            ++standalone_count;
        }
        if (std::find(people.begin(), people.end(), owner.entity) == people.end()) {
            people.push_back(owner.entity);
        }
    }
    if (standalone_count == 1) {
        mention.entity = standalone;
    } else if (people.size() == 1 && i > 0 && tokens[i - 1].sentence == tokens[i].sentence &&
               is_person_title(folded[i - 1])) {
        mention.entity = people.front();
    }
    return mention;
}

} // namespace

void link_short_forms(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string>& folded, const std::vector<bool>& claimed,
                      const ShortForms& known, const ShortForms& article, std::vector<Mention>& mentions) {
    // Where each person is fully named, in text order.
    FullMentions full_mentions;
    for (const auto& mention : mentions) {
        if (mention.entity->type == EntityType::person &&
            (mention.how == MentionHow::name || mention.how == MentionHow::alias ||
             mention.how == MentionHow::rule || mention.how == MentionHow::model)) {
            full_mentions[mention.entity].push_back(mention.span.begin);
        }
    }
    for (auto& [entity, positions] : full_mentions) {
        std::sort(positions.begin(), positions.end());
    }
    std::vector<Mention> found;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (claimed[i] || tokens[i].kind != TokenKind::word || !starts_upper(text, tokens[i])) {
            continue;
        }
        for (std::size_t length = std::min<std::size_t>(3, tokens.size() - i); length >= 1; --length) {
            std::string key;
            bool free = true;
            for (std::size_t k = i; k < i + length; ++k) {
                free = free && !claimed[k] && tokens[k].sentence == tokens[i].sentence;
                key += key.empty() ? "" : " ";
                key += folded[k];
            }
            if (!free) {
                continue;
            }
            std::vector<ShortOwner> owners;
            for (const auto* table : {&known, &article}) {
                if (const auto it = table->find(key); it != table->end()) {
                    owners.insert(owners.end(), it->second.begin(), it->second.end());
                }
            }
            if (owners.empty()) {
                continue;
            }
            const auto mention = resolve_short(tokens, folded, i, owners, full_mentions);
            if (mention.entity != nullptr) {
                found.push_back(mention);
                found.back().span = {tokens[i].span.begin, tokens[i + length - 1].span.end};
                i += length - 1;
            }
            break;
        }
    }
    mentions.insert(mentions.end(), found.begin(), found.end());
}

} // namespace dateline
