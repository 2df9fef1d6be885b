// How the statistical tagger's names and the knowledge base's matches are combined (the tagger's step 2).
//
// The knowledge base wins on identity: a model name equal to, inside, or crossing a knowledge-base match is
// dropped and the match kept, and so is a name that adds no capitalised word or number to the matches inside
// it ("the Asia-Pacific Economic Cooperation forum"). Otherwise the model wins where it sees a longer name:
//   - a place replaces the matches inside it: "Panama City" is not Panama;
//   - a person replaces matches of other kinds: "Chad Smith" is not Chad; around a person match it is
//     dropped ("President Xi Jinping" stays Xi Jinping);
//   - an organisation keeps the places and countries inside it, nested ("U.S. Agriculture Department"),
//     replaces organisations ("Indonesian Democratic Party" is not the Democratic Party), and around a person
//     is dropped ("National Security Adviser Wi Sung-lac" is a person with a title);
//   - a MISC name keeps the places inside it ("Gyeongju Declaration") and drops demonyms ("French Open" is
//     not France).
// Model names that touch no match are added: people, organisations and places the knowledge base lacks.
#pragma once

#include "entities/entity.hpp"
#include "entities/ner/ner_model.hpp"

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

/// The first and last token whose start lies in `span`; first > last if none.
[[nodiscard]] std::pair<std::size_t, std::size_t> tokens_within(const std::vector<Token>& tokens,
                                                                const Span& span);

/// True if tokens [first, last] stand in a sentence written in capitals (a headline, a banner) and none of
/// them is written anywhere else in `text` in another case: "KENYAN LEADER APPEALS FOR ..." names nobody.
[[nodiscard]] bool only_in_capitals(std::string_view text, const std::vector<Token>& tokens,
                                    std::size_t first, std::size_t last);

/// Newswire habits the model (trained on CoNLL) gets wrong, mended before merging: a possessive inside a
/// person's name ("China's Xi" -> "Xi"), a sentence-opening adverb ("Moreover,"), names only an all-capitals
/// headline or banner shows ("KENYAN LEADER APPEALS FOR"), direction and doctrine words alone ("North",
/// "Communism"), tickers ("<BCE>") and laws ("... Act"), a common word opening a sentence ("Blizzard"), and
/// places taken for organisations or people ("Gansu Province", "Sea of Marmara", "Sebree, Ky.").
void mend_model_names(std::string_view text, const std::vector<Token>& tokens, const ner::Lexicon& lexicon,
                      const std::vector<Mention>& kb_mentions, std::vector<ModelName>& names);

/// "Chad Smith", "Jordan Henderson": where a person's name starts right after a one-word country or place
/// match (one space between), that match is the person's first name: the person's name is extended over it
/// (and merge_action then replaces the match).
void extend_people_over_first_names(std::string_view text, const std::vector<Mention>& kb_mentions,
                                    std::vector<ModelName>& names);

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

/// For MergeAction::add_around: whether `mention`, inside `name`, stays nested (see the file comment).
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
