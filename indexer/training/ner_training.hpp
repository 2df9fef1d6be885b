// Training the name tagger: an averaged structured perceptron (Collins 2002) over BILOU tags, in two passes.
// Pass 1 sees the sentence; pass 2 also sees what pass 1 tagged each word as elsewhere in the document. Pass
// 2 learns from pass-1 labels of the training data made by jackknifing (each fold tagged by a pass 1 trained
// on the other folds), so that it learns how far to trust pass 1 on text pass 1 has not seen. Each pass keeps
// the epoch with the best development F1.
#pragma once

#include "entities/ner/ner_model.hpp"
#include "entities/ner/ner_types.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dateline {

/// A sentence with its gold names. The words point into text the caller keeps alive.
struct LabeledSentence {
    ner::Sentence words;
    std::vector<ner::NameSpan> names;
    std::size_t document = 0; ///< sentences of one document are adjacent and share this number
};

struct TrainingOptions {
    std::uint32_t epochs = 12; ///< per pass
    std::uint32_t passes = 2;  ///< 1: no document-level pass
    std::uint32_t folds = 5;   ///< jackknife folds for pass 2's training labels
    ner::KbFeatures kb_features = ner::KbFeatures::on;
    std::uint64_t seed = 20261123; ///< the order sentences are visited in: fixed, so runs repeat
    std::string training;          ///< a description of the training data for the model's header
};

struct EpochReport {
    std::uint32_t pass = 0;
    std::uint32_t epoch = 0;
    std::size_t sentences_wrong = 0; ///< training sentences the perceptron had to correct
    ner::SpanScore dev;              ///< the averaged weights on the development data (this pass)
    bool best = false;               ///< the best dev F1 of this pass so far: this epoch's weights are kept
    double seconds = 0;
};

/// Trains on `train` and returns the model whose passes each had the best dev F1 (all four types). Requires
/// a non-empty `train`; with an empty `dev` each pass keeps its last epoch. `lexicon` (from build_lexicon, or
/// empty) becomes part of the model. Calls `on_epoch` after every epoch of the final passes.
[[nodiscard]] ner::Model train_name_tagger(const std::vector<LabeledSentence>& train,
                                           const std::vector<LabeledSentence>& dev,
                                           const ner::Lexicon& lexicon, const TrainingOptions& options,
                                           const std::function<void(const EpochReport&)>& on_epoch);

/// The model's names for every document of `sentences` (all passes), scored against their gold names.
[[nodiscard]] ner::SpanScore evaluate_name_tagger(const ner::Model& model,
                                                  const std::vector<LabeledSentence>& sentences);

} // namespace dateline
