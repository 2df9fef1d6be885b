#include "entities/name_merge.hpp"

#include "entities/name_rules.hpp"
#include "entities/ner/ner_words.hpp"

#include <algorithm>
#include <cctype>

namespace dateline {

std::vector<ModelName> find_model_names(std::string_view text, std::vector<ner::Sentence> sentences,
                                        const std::vector<Mention>& kb_mentions,
                                        const std::unordered_set<std::string>& given_names,
                                        ner::NameTagger& tagger) {
    add_knowledge_base_hints(sentences, text, kb_mentions, given_names);
    ner::mark_document_case(sentences);
    std::vector<ModelName> names;
    const auto found = tagger.tag(sentences);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const auto& sentence = sentences[s];
        for (const auto& span : found[s]) {
            names.push_back(
                {{span_in(text, sentence[span.first]).begin, span_in(text, sentence[span.last - 1]).end},
                 span.type});
        }
    }
    return names;
}

bool capitalised_common_words(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                              std::size_t last, const ner::Lexicon& lexicon) {
    constexpr std::uint8_t k_mostly_lower = 7; // tenths
    for (auto k = first; k <= last; ++k) {
        const auto share = lexicon.find(tokens[k].term).lower_share;
        if (share == ner::WordFacts::k_unknown_share || share < k_mostly_lower) {
            return false;
        }
    }
    const auto sentence = tokens[first].sentence;
    if (first > 0 && tokens[first - 1].sentence == sentence && tokens[first - 1].term == "the") {
        return true;
    }
    std::size_t words = 0;
    std::size_t capitalised = 0;
    for (const auto& token : tokens) {
        if (token.sentence == sentence && token.kind == TokenKind::word) {
            ++words;
            capitalised += starts_upper(text, token) ? 1 : 0;
        }
    }
    return words >= 4 && 5 * capitalised >= 3 * words; // a title-case line
}

void extend_people_over_first_names(std::string_view text, const std::vector<Mention>& kb_mentions,
                                    std::vector<ModelName>& names) {
    for (auto& name : names) {
        if (name.type != ner::NameType::per) {
            continue;
        }
        for (const auto& mention : kb_mentions) {
            const auto type = mention.entity->type;
            const bool one_word_place =
                (type == EntityType::country || type == EntityType::place) &&
                (mention.how == MentionHow::name || mention.how == MentionHow::alias) &&
                text.substr(mention.span.begin, mention.span.end - mention.span.begin).find(' ') ==
                    std::string_view::npos;
            if (one_word_place && mention.span.end + 1 == name.span.begin && text[mention.span.end] == ' ') {
                name.span.begin = mention.span.begin;
                break;
            }
        }
    }
}

std::optional<EntityType> entity_type_of(ner::NameType type) {
    switch (type) {
    case ner::NameType::per:
        return EntityType::person;
    case ner::NameType::loc:
        return EntityType::place;
    case ner::NameType::org:
        return EntityType::org;
    case ner::NameType::misc:
        return std::nullopt;
    }
    return std::nullopt;
}

namespace {

bool same_kind(ner::NameType type, const Mention& mention) {
    const auto entity = mention.entity->type;
    switch (type) {
    case ner::NameType::per:
        return entity == EntityType::person;
    case ner::NameType::loc:
        return entity == EntityType::place || entity == EntityType::country;
    case ner::NameType::org:
        return entity == EntityType::org;
    case ner::NameType::misc:
        return false;
    }
    return false;
}

/// True if a word in `name` outside every mention starts with a capital or a digit.
bool adds_a_name_word(std::string_view text, const ModelName& name,
                      const std::vector<const Mention*>& inside) {
    const auto alphanumeric = [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; };
    for (auto at = name.span.begin; at < name.span.end; ++at) {
        const auto c = static_cast<unsigned char>(text[at]);
        const bool word_start =
            alphanumeric(c) && (at == 0 || !alphanumeric(static_cast<unsigned char>(text[at - 1])));
        const bool covered = std::any_of(inside.begin(), inside.end(), [&](const Mention* m) {
            return m->span.begin <= at && at < m->span.end;
        });
        if (word_start && !covered && (std::isupper(c) != 0 || std::isdigit(c) != 0 || c >= 0x80)) {
            return true;
        }
    }
    return false;
}

} // namespace

MergeAction merge_action(std::string_view text, const ModelName& name,
                         const std::vector<const Mention*>& overlapping) {
    if (overlapping.empty()) {
        return MergeAction::add;
    }
    bool all_inside = true;
    bool any_same_kind = false;
    for (const auto* mention : overlapping) {
        const auto& span = mention->span;
        const bool inside = span.begin >= name.span.begin && span.end <= name.span.end &&
                            (span.begin > name.span.begin || span.end < name.span.end);
        all_inside = all_inside && inside;
        any_same_kind = any_same_kind || same_kind(name.type, *mention);
    }
    if (!all_inside || !adds_a_name_word(text, name, overlapping)) {
        return MergeAction::keep_matches; // equal, inside a match, or crossing one: identity from the base
    }
    const bool person_inside = std::any_of(overlapping.begin(), overlapping.end(), [](const Mention* m) {
        return m->entity->type == EntityType::person;
    });
    switch (name.type) {
    case ner::NameType::org:
        // "National Security Adviser Wi Sung-lac" is a person with a title, not an organisation.
        return person_inside ? MergeAction::keep_matches : MergeAction::add_around;
    case ner::NameType::misc:
        return MergeAction::add_around;
    case ner::NameType::per:
        return any_same_kind ? MergeAction::keep_matches : MergeAction::replace;
    case ner::NameType::loc:
        return MergeAction::replace;
    }
    return MergeAction::keep_matches;
}

bool kept_inside(const ModelName& name, const Mention& mention) {
    const bool place =
        mention.entity->type == EntityType::place || mention.entity->type == EntityType::country;
    switch (name.type) {
    case ner::NameType::org:
        return place;
    case ner::NameType::misc:
        return place && mention.how != MentionHow::demonym; // "Gyeongju Declaration" yes, "French Open" no
    case ner::NameType::per:
    case ner::NameType::loc:
        return false;
    }
    return false;
}

} // namespace dateline
