// The name tagger's input from real text: the tokenizer's words cut again as CoNLL-2003 cut its text, and the
// knowledge base's matches as features.
#pragma once

#include "entities/entity.hpp"
#include "entities/ner/ner_types.hpp"
#include "text/tokenizer.hpp"

#include <string_view>
#include <unordered_set>
#include <vector>

namespace dateline {

/// The sentences of `text` as the name tagger reads them, from Tokenizer::tokenize(text): hyphenated words
/// and times joined ("Jae-myung", "10:30"), the possessive "'s" split off, each punctuation mark (a run of
/// one mark: "--") a word of its own, Han/Hangul/Kana left out (the model reads English). Words point into
/// `text`.
[[nodiscard]] std::vector<ner::Sentence> name_tagger_sentences(std::string_view text,
                                                               const std::vector<Token>& tokens);

/// Sets Word::kb from knowledge-base mentions of `text` (EntityTagger::knowledge_base_mentions) and
/// Word::given_name from `given_names` (folded first names), for every word of `sentences`.
void add_knowledge_base_hints(std::vector<ner::Sentence>& sentences, std::string_view text,
                              const std::vector<Mention>& mentions,
                              const std::unordered_set<std::string>& given_names);

/// The bytes a word spans in the text it points into.
[[nodiscard]] inline Span span_in(std::string_view text, const ner::Word& word) {
    const auto begin = static_cast<std::size_t>(word.text.data() - text.data());
    return {begin, begin + word.text.size()};
}

} // namespace dateline
