// Training the name tagger: an averaged structured perceptron (Collins 2002) over BILOU tags, with the
// development data scored after every epoch and the best epoch kept.
#pragma once

#include "ner_model.hpp"
#include "ner_types.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dateline {

/// A sentence with its gold names. The words point into text the caller keeps alive.
struct LabeledSentence {
    ner::Sentence words;
    std::vector<ner::NameSpan> names;
};

struct TrainingOptions {
    std::uint32_t epochs = 12;
    ner::KbFeatures kb_features = ner::KbFeatures::on;
    std::uint64_t seed = 20261123; ///< the order sentences are visited in: fixed, so runs repeat
    std::string training;          ///< a description of the training data for the model's header
};

struct EpochReport {
    std::uint32_t epoch = 0;
    std::size_t sentences_wrong = 0; ///< training sentences the perceptron had to correct
    ner::SpanScore dev;              ///< the averaged weights on the development data
    bool best = false;               ///< the best dev F1 so far: this epoch's weights are kept
    double seconds = 0;
};

/// Trains on `train` and returns the epoch's model with the best dev F1 (all four types). Requires a
/// non-empty `train`; with an empty `dev` the last epoch is kept. Calls `on_epoch` after every epoch.
/// `lexicon` (from build_lexicon, or empty) becomes part of the model.
[[nodiscard]] ner::Model train_name_tagger(const std::vector<LabeledSentence>& train,
                                           const std::vector<LabeledSentence>& dev,
                                           const ner::Lexicon& lexicon, const TrainingOptions& options,
                                           const std::function<void(const EpochReport&)>& on_epoch);

/// The model's names for every sentence of `sentences`, scored against their gold names.
[[nodiscard]] ner::SpanScore evaluate_name_tagger(const ner::Model& model,
                                                  const std::vector<LabeledSentence>& sentences);

} // namespace dateline
