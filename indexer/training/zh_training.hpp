// Training the Chinese name tagger (entities/zh/chinese_tagger.hpp): an averaged structured perceptron
// (Collins 2002) over BILOU character tags, on MSRA-style data (one character and its IOB2 tag a line, a
// blank line between sentences, as SIGHAN 2006's MSRA corpus).
#pragma once

#include "entities/knowledge_base.hpp"
#include "entities/ner/ner_model.hpp"
#include "entities/zh/chinese_tagger.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dateline {

/// A sentence of characters with its gold names (character ranges).
struct ZhLabeledSentence {
    zh::CharSentence chars;
    std::vector<ner::NameSpan> names;
};

struct ZhCorpus {
    std::vector<ZhLabeledSentence> sentences;
    std::size_t characters = 0;
};

/// Reads an MSRA-style file; knowledge-base matches are marked on every sentence as the tagger sees them.
/// Malformed lines are reported through `on_problem` ("FILE:LINE: ...") and skipped. Throws DataError if
/// the file cannot be read.
[[nodiscard]] ZhCorpus read_msra(const std::string& path, const KnowledgeBase& knowledge_base,
                                 const std::function<void(const std::string&)>& on_problem);

struct ZhTrainingOptions {
    std::uint32_t epochs = 10;
    std::uint32_t min_count = 2; ///< features seen fewer times in training are left out
    float prune = 0;             ///< averaged weights smaller than this (absolute) are dropped from the model
    std::uint64_t seed = 20261201;
    std::string training; ///< a description of the training data for the model's header
};

struct ZhEpochReport {
    std::uint32_t epoch = 0;
    std::size_t sentences_wrong = 0;
    ner::SpanScore dev;
    bool best = false;
    double seconds = 0;
};

/// Trains on `train` and returns the epoch with the best dev F1 (the last epoch with an empty `dev`).
[[nodiscard]] ner::Model train_chinese_tagger(const std::vector<ZhLabeledSentence>& train,
                                              const std::vector<ZhLabeledSentence>& dev,
                                              const ZhTrainingOptions& options,
                                              const std::function<void(const ZhEpochReport&)>& on_epoch);

/// The model's names for `sentences`, scored against their gold names (PER, LOC, ORG).
[[nodiscard]] ner::SpanScore evaluate_chinese_tagger(const ner::Model& model,
                                                     const std::vector<ZhLabeledSentence>& sentences);

} // namespace dateline
