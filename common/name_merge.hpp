// How the statistical tagger's names and the knowledge base's matches are combined (the tagger's step 2).
//
// The knowledge base wins on identity: a model name equal to, inside, or crossing a knowledge-base match is
// dropped and the match kept. The model wins where it sees a longer name around matches:
//   - a place, MISC name or person (of a name no person match is part of) replaces the matches inside it:
//     "Panama City" is not Panama, "French Open" is not France, "Chad Smith" is not Chad;
//   - an organisation keeps the places and countries inside it, nested ("U.S. Agriculture Department"), and
//     replaces the rest ("Indonesian Democratic Party" is not the Democratic Party);
//   - a person around a person match keeps the match ("Xi Jinping" inside a PER "President Xi Jinping").
// Model names that touch no match are added: people, organisations and places the knowledge base lacks.
#pragma once

#include "entity.hpp"
#include "ner_model.hpp"

#include <string_view>
#include <unordered_set>
#include <vector>

namespace dateline {

/// A name the statistical tagger found: its bytes in the text and CoNLL type.
struct ModelName {
    Span span;
    ner::NameType type = ner::NameType::per;
};

/// Runs `tagger` over `sentences` of `text` after adding knowledge-base hints from `kb_mentions` and
/// document case. Names come in text order.
[[nodiscard]] std::vector<ModelName> find_model_names(std::string_view text,
                                                      std::vector<ner::Sentence> sentences,
                                                      const std::vector<Mention>& kb_mentions,
                                                      const std::unordered_set<std::string>& given_names,
                                                      ner::NameTagger& tagger);

enum class MergeAction : std::uint8_t {
    add,         ///< no match touches the name: add it
    add_around,  ///< add it; the matches inside that kept_inside() says stay, nested; the rest are dropped
    replace,     ///< add it; the matches inside are dropped
    keep_matches ///< drop the model name, keep the matches
};

/// What to do with `name`, in `text`, given the knowledge-base mentions overlapping it (all of them; may be
/// empty). A name around matches must add a capitalised word or a number to them to win ("the Asia-Pacific
/// Economic Cooperation forum" stays APEC).
[[nodiscard]] MergeAction merge_action(std::string_view text, const ModelName& name,
                                       const std::vector<const Mention*>& overlapping);

/// For MergeAction::add_around: whether `mention`, inside `name`, stays (places and countries in an
/// organisation's name).
[[nodiscard]] bool kept_inside(const ModelName& name, const Mention& mention);

/// True if tokens [first, last] of `text` are more likely capitalised common words than a name: news mostly
/// writes each of them in lower case (`lexicon`), and they follow "the" or stand in a title-case line ("the
/// Officials said", "Analysis of the Summit"). The model, which never saw title-case text, may take them for
/// names.
[[nodiscard]] bool capitalised_common_words(std::string_view text, const std::vector<Token>& tokens,
                                            std::size_t first, std::size_t last, const ner::Lexicon& lexicon);

/// The entity type a model name of `type` becomes (MISC: none, it is not indexed as an entity).
[[nodiscard]] std::optional<EntityType> entity_type_of(ner::NameType type);

} // namespace dateline
