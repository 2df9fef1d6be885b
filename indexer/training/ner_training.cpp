#include "training/ner_training.hpp"

#include "util/errors.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <unordered_map>

namespace dateline {

namespace {

constexpr std::size_t k_tags = ner::k_tag_count;
constexpr std::size_t k_transition_rows = ner::k_tag_count + 1; // the last row is the sentence start

/// Weights with Daumé's averaging trick: the average is `weight - sum / steps`, where `sum` adds each update
/// times the step it happened at, so averaging costs nothing per step.
struct AveragedWeights {
    std::vector<float> weight;
    std::vector<double> sum;

    explicit AveragedWeights(std::size_t size) : weight(size, 0.0F), sum(size, 0.0) {}
    void update(std::size_t at, float delta, double step) {
        weight[at] += delta;
        sum[at] += step * delta;
    }
    [[nodiscard]] float averaged(std::size_t at, double steps) const {
        return static_cast<float>(weight[at] - sum[at] / steps);
    }
};

/// Each training sentence's features as rows of the weight table, computed once.
struct CompiledSentence {
    std::vector<std::uint32_t> rows;
    std::vector<std::uint32_t> offsets;
    std::vector<ner::Tag> gold;
};

class PerceptronTrainer {
public:
    PerceptronTrainer(const std::vector<const LabeledSentence*>& train, const ner::Lexicon& lexicon,
                      const TrainingOptions& options)
        : m_extractor(options.kb_features, lexicon) {
        for (const auto* labeled : train) {
            const auto& sentence = *labeled;
            const auto& features = m_extractor.extract(sentence.words);
            CompiledSentence compiled;
            compiled.offsets = features.offsets;
            compiled.rows.reserve(features.keys.size());
            for (const auto key : features.keys) {
                const auto [it, added] = m_rows.try_emplace(key, static_cast<std::uint32_t>(m_keys.size()));
                if (added) {
                    m_keys.push_back(key);
                }
                compiled.rows.push_back(it->second);
            }
            compiled.gold = ner::tags_of(sentence.names, sentence.words.size());
            m_sentences.push_back(std::move(compiled));
        }
        m_emission = AveragedWeights(m_keys.size() * k_tags);
    }

    [[nodiscard]] std::size_t feature_count() const { return m_keys.size(); }

    /// One pass over the training sentences in a shuffled order; returns how many needed an update.
    std::size_t epoch(std::mt19937_64& random) {
        std::vector<std::size_t> order(m_sentences.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), random);
        std::size_t wrong = 0;
        std::vector<float> emissions;
        for (const auto index : order) {
            const auto& sentence = m_sentences[index];
            const auto n = sentence.gold.size();
            emissions.assign(n * k_tags, 0.0F);
            for (std::size_t i = 0; i < n; ++i) {
                for (auto f = sentence.offsets[i]; f < sentence.offsets[i + 1]; ++f) {
                    const auto* row = &m_emission.weight[sentence.rows[f] * k_tags];
                    for (std::size_t t = 0; t < k_tags; ++t) {
                        emissions[i * k_tags + t] += row[t];
                    }
                }
            }
            const auto predicted = ner::viterbi(emissions, n, m_transition.weight);
            ++m_step;
            if (predicted != sentence.gold) {
                ++wrong;
                update(sentence, predicted);
            }
        }
        return wrong;
    }

    /// The averaged weights.
    [[nodiscard]] ner::PassWeights weights() const {
        // Weights this small change no decision: leaving them out keeps the file a few MB.
        constexpr float k_negligible = 1e-3F;
        const auto steps = static_cast<double>(std::max<std::uint64_t>(m_step, 1));
        ner::PassWeights pass;
        pass.features.reserve(m_keys.size() / 4);
        for (std::size_t row = 0; row < m_keys.size(); ++row) {
            ner::FeatureWeights feature{m_keys[row], {}};
            for (std::size_t t = 0; t < k_tags; ++t) {
                const auto weight = m_emission.averaged(row * k_tags + t, steps);
                if (std::fabs(weight) >= k_negligible) {
                    feature.weights.emplace_back(static_cast<ner::Tag>(t), weight);
                }
            }
            if (!feature.weights.empty()) {
                pass.features.push_back(std::move(feature));
            }
        }
        pass.transitions.resize(k_transition_rows * k_tags);
        for (std::size_t i = 0; i < pass.transitions.size(); ++i) {
            pass.transitions[i] = m_transition.averaged(i, steps);
        }
        return pass;
    }

private:
    void update(const CompiledSentence& sentence, const std::vector<ner::Tag>& predicted) {
        const auto step = static_cast<double>(m_step);
        const auto n = sentence.gold.size();
        for (std::size_t i = 0; i < n; ++i) {
            const auto gold = sentence.gold[i];
            const auto guess = predicted[i];
            if (gold != guess) {
                for (auto f = sentence.offsets[i]; f < sentence.offsets[i + 1]; ++f) {
                    const auto row = static_cast<std::size_t>(sentence.rows[f]) * k_tags;
                    m_emission.update(row + gold, 1.0F, step);
                    m_emission.update(row + guess, -1.0F, step);
                }
            }
            const std::size_t gold_previous = i == 0 ? k_tags : sentence.gold[i - 1];
            const std::size_t guess_previous = i == 0 ? k_tags : predicted[i - 1];
            if (gold_previous != guess_previous || gold != guess) {
                m_transition.update(gold_previous * k_tags + gold, 1.0F, step);
                m_transition.update(guess_previous * k_tags + guess, -1.0F, step);
            }
        }
    }

    ner::FeatureExtractor m_extractor;
    std::unordered_map<std::uint32_t, std::uint32_t> m_rows;
    std::vector<std::uint32_t> m_keys;
    std::vector<CompiledSentence> m_sentences;
    AveragedWeights m_emission{0};
    AveragedWeights m_transition{k_transition_rows * k_tags};
    std::uint64_t m_step = 0;
};

/// Sentences grouped by document, as copies whose document labels a pass may set.
std::vector<std::vector<ner::Sentence>> documents_of(const std::vector<const LabeledSentence*>& sentences) {
    std::vector<std::vector<ner::Sentence>> documents;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        if (i == 0 || sentences[i]->document != sentences[i - 1]->document) {
            documents.emplace_back();
        }
        documents.back().push_back(sentences[i]->words);
    }
    return documents;
}

std::vector<const LabeledSentence*> pointers(const std::vector<LabeledSentence>& sentences) {
    std::vector<const LabeledSentence*> out;
    for (const auto& sentence : sentences) {
        out.push_back(&sentence);
    }
    return out;
}

/// Sets each sentence's document labels from `model`'s first pass over its document.
void label_documents(const ner::Model& model, std::vector<LabeledSentence*> sentences) {
    ner::NameTagger tagger(model);
    std::size_t i = 0;
    while (i < sentences.size()) {
        auto end = i;
        std::vector<ner::Sentence> document;
        while (end < sentences.size() && sentences[end]->document == sentences[i]->document) {
            document.push_back(sentences[end]->words);
            ++end;
        }
        std::vector<std::vector<ner::NameSpan>> names;
        for (auto& sentence : document) {
            for (auto& word : sentence) {
                word.document_label = 0;
                word.first_pass = ner::k_outside;
            }
            names.push_back(tagger.tag_sentence(sentence, 0));
        }
        ner::mark_document_labels(document, names);
        for (auto k = i; k < end; ++k) {
            sentences[k]->words = std::move(document[k - i]);
        }
        i = end;
    }
}

/// Trains one pass on `train` and returns the weights of its best epoch on `dev`. `earlier` holds the passes
/// before it (their weights make the model that scores dev; dev's labels are already set).
struct PassResult {
    ner::PassWeights weights;
    std::uint32_t epoch = 0;
    double dev_f1 = 0;
};

PassResult train_pass(const std::vector<const LabeledSentence*>& train,
                      const std::vector<LabeledSentence>& dev, const ner::Lexicon& lexicon,
                      const TrainingOptions& options, std::uint32_t epochs,
                      const std::vector<ner::PassWeights>& earlier,
                      const std::function<void(const EpochReport&)>& on_epoch) {
    PerceptronTrainer trainer(train, lexicon, options);
    std::mt19937_64 random(options.seed + earlier.size());
    PassResult best;
    double best_f1 = -1;
    for (std::uint32_t epoch = 1; epoch <= epochs; ++epoch) {
        const auto started = std::chrono::steady_clock::now();
        EpochReport report;
        report.pass = static_cast<std::uint32_t>(earlier.size() + 1);
        report.epoch = epoch;
        report.sentences_wrong = trainer.epoch(random);
        auto weights = trainer.weights();
        if (!dev.empty()) {
            auto passes = earlier;
            passes.push_back(weights);
            const ner::Model model(ner::ModelInfo{}, passes, lexicon);
            ner::NameTagger tagger(model);
            for (const auto& sentence : dev) {
                report.dev.add(sentence.names, tagger.tag_sentence(sentence.words, earlier.size()));
            }
        }
        const auto f1 = dev.empty() ? static_cast<double>(epoch) : report.dev.f1();
        if (f1 > best_f1) {
            best_f1 = f1;
            report.best = true;
            best = {std::move(weights), epoch, dev.empty() ? 0.0 : f1};
        }
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (on_epoch) {
            on_epoch(report);
        }
    }
    return best;
}

} // namespace

ner::SpanScore evaluate_name_tagger(const ner::Model& model, const std::vector<LabeledSentence>& sentences) {
    ner::NameTagger tagger(model);
    ner::SpanScore score;
    const auto all = pointers(sentences);
    auto documents = documents_of(all);
    std::size_t next = 0;
    for (auto& document : documents) {
        for (const auto& names : tagger.tag(document)) {
            score.add(all[next++]->names, names);
        }
    }
    return score;
}

ner::Model train_name_tagger(const std::vector<LabeledSentence>& train,
                             const std::vector<LabeledSentence>& dev, const ner::Lexicon& lexicon,
                             const TrainingOptions& options,
                             const std::function<void(const EpochReport&)>& on_epoch) {
    if (train.empty()) {
        throw DataError("no training sentences: the training file has no tagged tokens");
    }
    // Pass 1 reads no document labels: clear any a caller left.
    auto train_copy = train;
    auto dev_copy = dev;
    for (auto* sentences : {&train_copy, &dev_copy}) {
        for (auto& sentence : *sentences) {
            for (auto& word : sentence.words) {
                word.document_label = 0;
                word.first_pass = ner::k_outside;
            }
        }
    }
    const auto first =
        train_pass(pointers(train_copy), dev_copy, lexicon, options, options.epochs, {}, on_epoch);
    std::vector<ner::PassWeights> passes{first.weights};
    ner::ModelInfo info;
    info.kb_features = options.kb_features;
    info.training = options.training;
    info.epochs = first.epoch;
    info.dev_f1 = first.dev_f1;
    if (options.passes >= 2) {
        // Jackknife: each fold's labels come from a first pass that never saw the fold.
        const auto folds = std::max<std::uint32_t>(2, options.folds);
        for (std::uint32_t fold = 0; fold < folds; ++fold) {
            std::vector<const LabeledSentence*> rest;
            std::vector<LabeledSentence*> held_out;
            for (auto& sentence : train_copy) {
                if (sentence.document % folds == fold) {
                    held_out.push_back(&sentence);
                } else {
                    rest.push_back(&sentence);
                }
            }
            if (held_out.empty() || rest.empty()) {
                continue;
            }
            const auto fold_pass = train_pass(rest, {}, lexicon, options, first.epoch, {}, nullptr);
            label_documents(ner::Model(info, {fold_pass.weights}, lexicon), held_out);
        }
        std::vector<LabeledSentence*> dev_pointers;
        for (auto& sentence : dev_copy) {
            dev_pointers.push_back(&sentence);
        }
        label_documents(ner::Model(info, passes, lexicon), dev_pointers);
        const auto second =
            train_pass(pointers(train_copy), dev_copy, lexicon, options, options.epochs, passes, on_epoch);
        passes.push_back(second.weights);
        info.epochs = second.epoch;
        info.dev_f1 = second.dev_f1;
    }
    return {info, passes, lexicon};
}

} // namespace dateline
