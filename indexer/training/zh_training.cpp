#include "training/zh_training.hpp"

#include "entities/entity_tagger.hpp"
#include "text/tokenizer.hpp"
#include "text/utf8.hpp"
#include "util/errors.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <unordered_map>

namespace dateline {

namespace {

/// Gold names from IOB2 tags (an I- without a B- before it starts a name, as in the 6 cut sentences).
std::vector<ner::NameSpan> spans_from_iob(const std::vector<std::string>& tags) {
    std::vector<ner::NameSpan> spans;
    const auto type_of = [](std::string_view label) -> std::optional<ner::NameType> {
        if (label == "PER") {
            return ner::NameType::per;
        }
        if (label == "LOC") {
            return ner::NameType::loc;
        }
        if (label == "ORG") {
            return ner::NameType::org;
        }
        return std::nullopt;
    };
    std::optional<ner::NameSpan> open;
    for (std::size_t i = 0; i <= tags.size(); ++i) {
        const std::string_view tag = i < tags.size() ? std::string_view(tags[i]) : std::string_view("O");
        const auto type = tag.size() > 2 ? type_of(tag.substr(2)) : std::nullopt;
        const bool inside = tag.starts_with("I-") && open && type && open->type == *type;
        if (open && !inside) {
            open->last = i;
            spans.push_back(*open);
            open.reset();
        }
        if (type && !inside) {
            open = ner::NameSpan{i, i, *type};
        }
    }
    return spans;
}

/// Averaged perceptron state: weights per feature row and tag, and the running sums that average them.
class Perceptron {
public:
    explicit Perceptron(std::size_t rows)
        : m_weights(rows * ner::k_tag_count), m_sums(rows * ner::k_tag_count),
          m_transitions((ner::k_tag_count + 1) * ner::k_tag_count),
          m_transition_sums((ner::k_tag_count + 1) * ner::k_tag_count) {}

    void emissions(const std::vector<std::uint32_t>& rows, std::size_t per_char,
                   std::vector<float>& out) const {
        const auto n = rows.size() / per_char;
        out.assign(n * ner::k_tag_count, 0.0F);
        for (std::size_t i = 0; i < n; ++i) {
            auto* scores = out.data() + i * ner::k_tag_count;
            for (std::size_t f = 0; f < per_char; ++f) {
                const auto row = rows[i * per_char + f];
                if (row == k_no_row) {
                    continue;
                }
                const auto* w = m_weights.data() + static_cast<std::size_t>(row) * ner::k_tag_count;
                for (std::size_t t = 0; t < ner::k_tag_count; ++t) {
                    scores[t] += w[t];
                }
            }
        }
    }

    [[nodiscard]] std::vector<float> transitions() const { return with_misc_closed(m_transitions); }

    /// Moves the weights towards `gold` and away from `predicted`.
    void update(const std::vector<std::uint32_t>& rows, std::size_t per_char,
                const std::vector<ner::Tag>& gold, const std::vector<ner::Tag>& predicted) {
        ++m_updates;
        const auto step = static_cast<float>(m_updates);
        const auto add = [&](std::vector<float>& w, std::vector<float>& sums, std::size_t at, float delta) {
            w[at] += delta;
            sums[at] += step * delta;
        };
        for (std::size_t i = 0; i < gold.size(); ++i) {
            const auto gold_previous = i == 0 ? ner::k_tag_count : gold[i - 1];
            const auto predicted_previous = i == 0 ? ner::k_tag_count : predicted[i - 1];
            if (gold[i] == predicted[i] && gold_previous == predicted_previous) {
                continue;
            }
            add(m_transitions, m_transition_sums, gold_previous * ner::k_tag_count + gold[i], 1);
            add(m_transitions, m_transition_sums, predicted_previous * ner::k_tag_count + predicted[i], -1);
            if (gold[i] == predicted[i]) {
                continue;
            }
            for (std::size_t f = 0; f < per_char; ++f) {
                const auto row = rows[i * per_char + f];
                if (row == k_no_row) {
                    continue;
                }
                const auto base = static_cast<std::size_t>(row) * ner::k_tag_count;
                add(m_weights, m_sums, base + gold[i], 1);
                add(m_weights, m_sums, base + predicted[i], -1);
            }
        }
    }

    /// The averaged weights as a model: features in `keys` order (row r is keys[r]).
    [[nodiscard]] ner::Model averaged(const std::vector<std::uint32_t>& keys, float prune,
                                      ner::ModelInfo info) const {
        const auto scale = m_updates == 0 ? 0.0F : 1.0F / static_cast<float>(m_updates);
        const auto average = [&](const std::vector<float>& w, const std::vector<float>& sums,
                                 std::size_t at) { return w[at] - sums[at] * scale; };
        ner::PassWeights pass;
        pass.transitions.resize(m_transitions.size());
        for (std::size_t at = 0; at < m_transitions.size(); ++at) {
            pass.transitions[at] = average(m_transitions, m_transition_sums, at);
        }
        pass.transitions = with_misc_closed(pass.transitions);
        for (std::size_t row = 0; row < keys.size(); ++row) {
            ner::FeatureWeights feature{keys[row], {}};
            for (std::size_t t = 0; t < ner::k_tag_count; ++t) {
                const auto w = average(m_weights, m_sums, row * ner::k_tag_count + t);
                if (w != 0 && std::abs(w) >= prune) {
                    feature.weights.emplace_back(static_cast<ner::Tag>(t), w);
                }
            }
            if (!feature.weights.empty()) {
                pass.features.push_back(std::move(feature));
            }
        }
        return ner::Model(std::move(info), {pass}, ner::Lexicon{});
    }

    static constexpr std::uint32_t k_no_row = 0xFFFFFFFFU;

private:
    /// MSRA has no MISC: transitions into MISC tags are closed so that decoding never produces them.
    static std::vector<float> with_misc_closed(std::vector<float> transitions) {
        for (std::size_t previous = 0; previous <= ner::k_tag_count; ++previous) {
            for (std::size_t next = 1; next < ner::k_tag_count; ++next) {
                if (ner::tag_type(static_cast<ner::Tag>(next)) == ner::NameType::misc) {
                    transitions[previous * ner::k_tag_count + next] = -1e6F;
                }
            }
        }
        return transitions;
    }

    std::vector<float> m_weights, m_sums, m_transitions, m_transition_sums;
    std::uint64_t m_updates = 0;
};

} // namespace

ZhCorpus read_msra(const std::string& path, const KnowledgeBase& knowledge_base,
                   const std::function<void(const std::string&)>& on_problem) {
    std::ifstream in(path);
    if (!in) {
        throw DataError(path + ": cannot open the training data for reading");
    }
    const EntityTagger tagger(knowledge_base, nullptr);
    Tokenizer tokenizer;
    ZhCorpus corpus;
    std::string text;
    std::vector<std::string> tags;
    const auto finish = [&] {
        if (!tags.empty()) {
            ZhLabeledSentence sentence;
            sentence.chars = zh::characters(text, 0, text.size());
            if (sentence.chars.size() == tags.size()) {
                zh::mark_knowledge_base(sentence.chars,
                                        tagger.knowledge_base_mentions(text, tokenizer.tokenize(text)));
                sentence.names = spans_from_iob(tags);
                corpus.characters += tags.size();
                corpus.sentences.push_back(std::move(sentence));
            }
        }
        text.clear();
        tags.clear();
    };
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            finish();
            continue;
        }
        const auto tab = line.find('\t');
        auto character = line.substr(0, tab);
        if (tab == std::string::npos || character.empty() || repair_utf8(character) != 0 ||
            zh::characters(character, 0, character.size()).size() != 1) {
            on_problem(path + ":" + std::to_string(number) + ": not CHARACTER<TAB>TAG");
            continue;
        }
        text += character;
        tags.push_back(line.substr(tab + 1));
    }
    finish();
    return corpus;
}

ner::SpanScore evaluate_chinese_tagger(const ner::Model& model,
                                       const std::vector<ZhLabeledSentence>& sentences) {
    zh::ChineseTagger tagger(model);
    ner::SpanScore score;
    for (const auto& sentence : sentences) {
        score.add(sentence.names, tagger.tag(sentence.chars));
    }
    return score;
}

ner::Model train_chinese_tagger(const std::vector<ZhLabeledSentence>& train,
                                const std::vector<ZhLabeledSentence>& dev, const ZhTrainingOptions& options,
                                const std::function<void(const ZhEpochReport&)>& on_epoch) {
    constexpr auto per_char = zh::k_features_per_char;
    // Features of every training sentence, then rows for the ones seen often enough.
    std::vector<std::vector<std::uint32_t>> features;
    features.reserve(train.size());
    std::unordered_map<std::uint32_t, std::uint32_t> counts;
    for (const auto& sentence : train) {
        features.push_back(zh::character_features(sentence.chars));
        for (const auto key : features.back()) {
            ++counts[key];
        }
    }
    std::vector<std::uint32_t> keys;
    std::unordered_map<std::uint32_t, std::uint32_t> row_of;
    for (const auto& [key, count] : counts) {
        if (count >= options.min_count) {
            row_of.emplace(key, static_cast<std::uint32_t>(keys.size()));
            keys.push_back(key);
        }
    }
    counts.clear();
    for (auto& sentence_features : features) {
        for (auto& key : sentence_features) {
            const auto found = row_of.find(key);
            key = found == row_of.end() ? Perceptron::k_no_row : found->second;
        }
    }
    std::vector<std::vector<ner::Tag>> gold;
    gold.reserve(train.size());
    for (const auto& sentence : train) {
        gold.push_back(ner::tags_of(sentence.names, sentence.chars.size()));
    }
    Perceptron perceptron(keys.size());
    std::vector<std::size_t> order(train.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::mt19937_64 random(options.seed);
    ner::ModelInfo info;
    info.feature_set = std::string(zh::k_feature_set);
    info.kb_features = ner::KbFeatures::on;
    info.training = options.training;
    std::optional<ner::Model> best;
    double best_f1 = -1;
    std::vector<float> emissions;
    for (std::uint32_t epoch = 1; epoch <= options.epochs; ++epoch) {
        const auto started = std::chrono::steady_clock::now();
        std::shuffle(order.begin(), order.end(), random);
        ZhEpochReport report;
        report.epoch = epoch;
        for (const auto s : order) {
            perceptron.emissions(features[s], per_char, emissions);
            const auto predicted = ner::viterbi(emissions, gold[s].size(), perceptron.transitions());
            if (predicted != gold[s]) {
                ++report.sentences_wrong;
                perceptron.update(features[s], per_char, gold[s], predicted);
            }
        }
        info.epochs = epoch;
        auto model = perceptron.averaged(keys, options.prune, info);
        report.dev = evaluate_chinese_tagger(model, dev);
        const auto f1 = dev.empty() ? static_cast<double>(epoch) : report.dev.f1();
        if (f1 > best_f1) {
            best_f1 = f1;
            report.best = true;
            info.dev_f1 = dev.empty() ? 0 : f1;
            best.emplace(perceptron.averaged(keys, options.prune, info));
        }
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        on_epoch(report);
    }
    return std::move(*best);
}

} // namespace dateline
