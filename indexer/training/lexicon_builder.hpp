// Learning word facts for the name tagger from unlabelled news (Reuters-21578 for the built-in model): how
// often each word is written in lower case away from sentence starts, and word clusters from shared contexts.
#pragma once

#include "entities/ner/ner_features.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dateline {

struct LexiconOptions {
    std::size_t min_count = 5;     ///< rarer words get no facts
    std::size_t cluster_words = 0; ///< cluster the most frequent this many words (0: no clusters)
};

struct LexiconReport {
    std::size_t articles = 0;
    std::size_t words = 0;   ///< running words read
    std::size_t entries = 0; ///< words with facts
    std::size_t clustered = 0;
    std::size_t skipped = 0; ///< unreadable records
};

struct LearnedLexicon {
    ner::Lexicon lexicon;
    LexiconReport report;
};

/// Reads JSON Lines articles (as dateline-index reads them) from `paths` and learns the lexicon. Problems
/// with records are reported through `on_problem` and skipped. Throws DataError if a file cannot be opened.
[[nodiscard]] LearnedLexicon build_lexicon(const std::vector<std::string>& paths,
                                           const LexiconOptions& options,
                                           const std::function<void(const std::string&)>& on_problem);

} // namespace dateline
