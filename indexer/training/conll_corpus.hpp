// CoNLL-2003 files prepared for the name tagger: each document's sentences as tagger words, with the
// knowledge base's matches over the document's text as features, exactly as the tagger sees real text.
#pragma once

#include "entities/entity_tagger.hpp"
#include "readers/conll_reader.hpp"
#include "training/ner_training.hpp"

#include <deque>
#include <string>
#include <vector>

namespace dateline {

/// The tagger's sentences for `document` (one per CoNLL sentence, word for word), knowledge-base hints and
/// document case filled in. `text` holds document.text's bytes (a copy the caller keeps); words point into
/// it.
[[nodiscard]] std::vector<ner::Sentence>
conll_tagger_sentences(const ConllDocument& document, std::string_view text, const EntityTagger& tagger,
                       const KnowledgeBase& knowledge_base, Tokenizer& tokenizer);

/// A labelled CoNLL file in memory (training files are a few MB).
struct LabeledCorpus {
    std::deque<std::string> texts; ///< the documents' texts, which the sentences point into
    std::vector<LabeledSentence> sentences;
    std::size_t tokens = 0;
    std::size_t skipped = 0; ///< sentences with a tag that is not CoNLL's, reported through on_problem
};

/// Reads every document of the CoNLL file at `path`. Throws DataError if it cannot be opened.
[[nodiscard]] LabeledCorpus read_labeled_conll(const std::string& path, const KnowledgeBase& knowledge_base,
                                               const std::function<void(const std::string&)>& on_problem);

} // namespace dateline
