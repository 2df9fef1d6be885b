#include "entities/ner/ner_model.hpp"

#include "util/errors.hpp"
#include "util/hash.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

namespace dateline::ner {

static_assert(std::endian::native == std::endian::little, "model files are read and written little-endian");

namespace {

constexpr std::string_view k_magic = "DLNERMODEL\n";

std::uint64_t checksum(std::string_view bytes) {
    return util::fnv1a64(bytes);
}

template <typename T>
void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

/// Reads a model file front to back; any read past the end is a damaged file.
class ModelReader {
public:
    ModelReader(std::string_view bytes, const std::string& source) : m_bytes(bytes), m_source(source) {}

    template <typename T>
    T get() {
        T value;
        std::memcpy(&value, take(sizeof(T)).data(), sizeof(T));
        return value;
    }
    std::string_view take(std::size_t size) {
        if (size > m_bytes.size() - m_at) {
            fail("it ends early (truncated?)");
        }
        const auto part = m_bytes.substr(m_at, size);
        m_at += size;
        return part;
    }
    [[noreturn]] void fail(const std::string& why) const {
        throw DataError(m_source + ": not a usable name-tagger model: " + why +
                        "; re-train it with scripts/train-ner or use the built-in one");
    }
    [[nodiscard]] std::size_t at() const { return m_at; }

private:
    std::string_view m_bytes;
    const std::string& m_source;
    std::size_t m_at = 0;
};

} // namespace

Model::Model(ModelInfo info, const std::vector<PassWeights>& passes, Lexicon lexicon)
    : m_info(std::move(info)), m_lexicon(std::move(lexicon)) {
    if (passes.empty()) {
        throw DataError("name-tagger model: no passes");
    }
    for (const auto& pass : passes) {
        m_passes.push_back(make_pass(pass));
    }
}

Model::Pass Model::make_pass(const PassWeights& weights) {
    if (weights.transitions.size() != (k_tag_count + 1) * k_tag_count) {
        throw DataError("name-tagger model: wrong number of transition weights");
    }
    Pass pass;
    pass.transitions = weights.transitions;
    float largest = 0.0F;
    for (const auto& feature : weights.features) {
        for (const auto& [tag, weight] : feature.weights) {
            largest = std::max(largest, std::abs(weight));
        }
    }
    pass.scale = largest > 0.0F ? largest / 32767.0F : 1.0F;
    pass.rows_by_key.reserve(weights.features.size());
    for (const auto& feature : weights.features) {
        if (feature.weights.empty() || feature.key == 0) {
            continue;
        }
        if (!pass.rows_by_key.set(feature.key, static_cast<std::uint32_t>(pass.rows.size()), false)) {
            continue; // a repeated key: the first one counts
        }
        auto& row = pass.rows.emplace_back();
        for (const auto& [tag, weight] : feature.weights) {
            row.weights[tag] = static_cast<std::int16_t>(std::lround(weight / pass.scale));
        }
    }
    return pass;
}

std::size_t Model::feature_count() const {
    std::size_t count = 0;
    for (const auto& pass : m_passes) {
        count += pass.rows.size();
    }
    return count;
}

void Model::add_scores(std::size_t pass_index, const std::uint32_t* keys, std::size_t count,
                       float* scores) const {
    std::int32_t sums[k_tag_count] = {};
    add_weights(pass_index, keys, count, sums);
    const auto scale = m_passes[pass_index].scale;
    for (std::size_t t = 0; t < k_tag_count; ++t) {
        scores[t] += static_cast<float>(sums[t]) * scale;
    }
}

void Model::add_weights(std::size_t pass_index, const std::uint32_t* keys, std::size_t count,
                        std::int32_t* sums) const {
    const auto& pass = m_passes[pass_index];
    // The table is megabytes and most lookups miss the cache: ask for every probe's line first, so the
    // misses overlap, then look up; then the same for the weights of the features found.
    for (std::size_t f = 0; f < count; ++f) {
        pass.rows_by_key.prefetch(keys[f]);
    }
    std::array<std::uint32_t, 128> found;
    std::size_t hits = 0;
    for (std::size_t f = 0; f < count; ++f) {
        const auto* row = pass.rows_by_key.find(keys[f]);
        if (row == nullptr) {
            continue;
        }
        __builtin_prefetch(&pass.rows[*row]);
        if (hits == found.size()) {
            add_rows(pass, found.data(), hits, sums);
            hits = 0;
        }
        found[hits++] = *row;
    }
    add_rows(pass, found.data(), hits, sums);
}

void Model::add_rows(const Pass& pass, const std::uint32_t* rows, std::size_t count, std::int32_t* sums) {
    // Tags 0-15 as one vector of 16-bit weights widened to 32-bit sums (GCC and Clang lower it to the
    // machine's vector instructions), tag 16 on its own.
    static_assert(k_tag_count == 17, "the sum below is laid out for 17 tags");
    using Weights16 = std::int16_t __attribute__((vector_size(32)));
    using Sums16 = std::int32_t __attribute__((vector_size(64)));
    Sums16 vector{};
    std::int32_t last = 0;
    for (std::size_t h = 0; h < count; ++h) {
        const auto& row = pass.rows[rows[h]].weights;
        Weights16 weights;
        std::memcpy(&weights, row, sizeof weights);
        vector += __builtin_convertvector(weights, Sums16);
        last += row[16];
    }
    for (std::size_t t = 0; t < 16; ++t) {
        sums[t] += vector[t];
    }
    sums[16] += last;
}

std::string Model::to_bytes() const {
    std::string out(k_magic);
    put(out, k_model_format_version);
    const nlohmann::json header = {
        {"feature_set", m_info.feature_set}, {"kb_features", m_info.kb_features == KbFeatures::on},
        {"training", m_info.training},       {"epochs", m_info.epochs},
        {"dev_f1", m_info.dev_f1},           {"tags", "BILOU over PER LOC ORG MISC"}};
    const auto header_text = header.dump();
    put(out, static_cast<std::uint32_t>(header_text.size()));
    out += header_text;
    put(out, static_cast<std::uint32_t>(k_tag_count));
    put(out, static_cast<std::uint32_t>(m_passes.size()));
    for (const auto& pass : m_passes) {
        for (const auto weight : pass.transitions) {
            put(out, weight);
        }
        // By key, so that the same model always makes the same bytes, whatever order its table was filled in.
        std::vector<std::pair<std::uint32_t, std::uint32_t>> used; // key, row
        pass.rows_by_key.for_each([&](std::uint32_t key, std::uint32_t row) { used.emplace_back(key, row); });
        std::sort(used.begin(), used.end());
        put(out, static_cast<std::uint32_t>(used.size()));
        for (const auto& [key, row_number] : used) {
            const auto* row = pass.rows[row_number].weights;
            put(out, key);
            put(out, static_cast<std::uint8_t>(std::count_if(
                         row, row + k_tag_count, [](std::int16_t weight) { return weight != 0; })));
            for (std::size_t tag = 0; tag < k_tag_count; ++tag) {
                if (row[tag] != 0) {
                    put(out, static_cast<Tag>(tag));
                    put(out, static_cast<float>(row[tag]) * pass.scale);
                }
            }
        }
    }
    const auto words = m_lexicon.entries(); // sorted: the same model always makes the same bytes
    put(out, static_cast<std::uint32_t>(words.size()));
    for (const auto& [key, facts] : words) {
        put(out, key);
        put(out, facts.lower_share);
        put(out, facts.cluster);
    }
    put(out, checksum(out));
    return out;
}

Model Model::from_bytes(std::string_view bytes, const std::string& source, std::string_view feature_set) {
    ModelReader in(bytes, source);
    if (bytes.size() < k_magic.size() + 8 || in.take(k_magic.size()) != k_magic) {
        in.fail("it does not start like one");
    }
    const auto body = bytes.substr(0, bytes.size() - sizeof(std::uint64_t));
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + body.size(), sizeof(stored));
    if (checksum(body) != stored) {
        in.fail("its checksum does not match (damaged or truncated)");
    }
    if (const auto version = in.get<std::uint32_t>(); version != k_model_format_version) {
        in.fail("format version " + std::to_string(version) + ", this build reads version " +
                std::to_string(k_model_format_version));
    }
    ModelInfo info;
    try {
        const auto header = nlohmann::json::parse(in.take(in.get<std::uint32_t>()));
        info.feature_set = header.at("feature_set").get<std::string>();
        info.kb_features = header.at("kb_features").get<bool>() ? KbFeatures::on : KbFeatures::off;
        info.training = header.value("training", "");
        info.epochs = header.value("epochs", 0U);
        info.dev_f1 = header.value("dev_f1", 0.0);
    } catch (const nlohmann::json::exception& e) {
        in.fail(std::string("its header is not valid: ") + e.what());
    }
    if (info.feature_set != feature_set) {
        in.fail("it was trained with feature set \"" + info.feature_set + "\", this build computes \"" +
                std::string(feature_set) + "\"");
    }
    if (in.get<std::uint32_t>() != k_tag_count) {
        in.fail("it has another tag set");
    }
    const auto pass_count = in.get<std::uint32_t>();
    if (pass_count == 0 || pass_count > 4) {
        in.fail(std::to_string(pass_count) + " passes");
    }
    std::vector<PassWeights> passes(pass_count);
    for (auto& pass : passes) {
        pass.transitions.resize((k_tag_count + 1) * k_tag_count);
        for (auto& weight : pass.transitions) {
            weight = in.get<float>();
        }
        const auto count = in.get<std::uint32_t>();
        if (count > bytes.size() / 5) {
            in.fail("its feature count is larger than the file");
        }
        pass.features.resize(count);
        for (auto& feature : pass.features) {
            feature.key = in.get<std::uint32_t>();
            const auto n = in.get<std::uint8_t>();
            for (std::uint8_t i = 0; i < n; ++i) {
                const auto tag = in.get<Tag>();
                const auto weight = in.get<float>();
                if (tag >= k_tag_count || !std::isfinite(weight)) {
                    in.fail("a weight is out of range");
                }
                feature.weights.emplace_back(tag, weight);
            }
        }
    }
    Lexicon lexicon;
    const auto words = in.get<std::uint32_t>();
    for (std::uint32_t i = 0; i < words; ++i) {
        const auto key = in.get<std::uint32_t>();
        WordFacts facts;
        facts.lower_share = in.get<std::uint8_t>();
        facts.cluster = in.get<std::uint16_t>();
        lexicon.set(key, facts);
    }
    if (in.at() != body.size()) {
        in.fail("it has bytes after its lexicon");
    }
    return Model(std::move(info), passes, std::move(lexicon));
}

Model Model::from_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw DataError(path + ": cannot open the name-tagger model for reading");
    }
    std::stringstream bytes;
    bytes << in.rdbuf();
    return from_bytes(bytes.str(), path);
}

namespace {

/// BILOU's allowed moves, computed once: for each tag, the tags that may come before it (k_tag_count: the
/// sentence start), and whether a sentence may end on it. They are what make the output spell whole names.
struct AllowedMoves {
    std::array<std::array<Tag, k_tag_count>, k_tag_count> previous{};
    std::array<std::size_t, k_tag_count> previous_count{};
    std::array<bool, k_tag_count> may_start{};
    std::array<bool, k_tag_count> may_end{};

    AllowedMoves() {
        for (std::size_t next = 0; next < k_tag_count; ++next) {
            const auto tag = static_cast<Tag>(next);
            for (std::size_t before = 0; before < k_tag_count; ++before) {
                if (allowed_transition(static_cast<Tag>(before), tag)) {
                    previous[next][previous_count[next]++] = static_cast<Tag>(before);
                }
            }
            may_start[next] = allowed_transition(k_outside, tag);
            may_end[next] = tag == k_outside || tag_position(tag) == Position::last ||
                            tag_position(tag) == Position::unit;
        }
    }
};

} // namespace

std::vector<Tag> viterbi(const std::vector<float>& emissions, std::size_t n,
                         const std::vector<float>& transitions) {
    constexpr auto k = k_tag_count;
    constexpr float k_impossible = -std::numeric_limits<float>::infinity();
    static const AllowedMoves k_moves;
    std::vector<Tag> tags(n, k_outside);
    if (n == 0) {
        return tags;
    }
    thread_local std::vector<float> score;
    thread_local std::vector<Tag> back;
    score.assign(n * k, k_impossible);
    back.assign(n * k, k_outside);
    for (std::size_t tag = 0; tag < k; ++tag) {
        if (k_moves.may_start[tag]) {
            score[tag] = transitions[k * k + tag] + emissions[tag];
        }
    }
    const auto only_outside = [&](std::size_t i) {
        for (std::size_t tag = 0; tag < k; ++tag) {
            if (tag != k_outside && emissions[i * k + tag] != k_impossible) {
                return false;
            }
        }
        return true;
    };
    bool previous_only_outside = false;
    for (std::size_t i = 1; i < n; ++i) {
        const float* before = &score[(i - 1) * k];
        const bool here_only_outside = only_outside(i);
        if (here_only_outside && previous_only_outside) {
            // Two words in a row that can only be outside (words left unscored): every other state before is
            // impossible, so the one path continues (most of a sentence, without the loop below).
            score[i * k + k_outside] =
                before[k_outside] + transitions[k_outside * k + k_outside] + emissions[i * k + k_outside];
            back[i * k + k_outside] = k_outside;
            continue;
        }
        previous_only_outside = here_only_outside;
        for (std::size_t tag = 0; tag < k; ++tag) {
            if (emissions[i * k + tag] == k_impossible) {
                continue; // a tag the word cannot take (a word left unscored may only be outside)
            }
            float best = k_impossible;
            Tag best_previous = k_outside;
            for (std::size_t p = 0; p < k_moves.previous_count[tag]; ++p) {
                const auto previous = k_moves.previous[tag][p];
                const auto candidate = before[previous] + transitions[previous * k + tag];
                if (candidate > best) {
                    best = candidate;
                    best_previous = previous;
                }
            }
            score[i * k + tag] = best + emissions[i * k + tag];
            back[i * k + tag] = best_previous;
        }
    }
    float best = k_impossible;
    for (std::size_t tag = 0; tag < k; ++tag) {
        if (k_moves.may_end[tag] && score[(n - 1) * k + tag] > best) {
            best = score[(n - 1) * k + tag];
            tags[n - 1] = static_cast<Tag>(tag);
        }
    }
    for (auto i = n - 1; i > 0; --i) {
        tags[i - 1] = back[i * k + tags[i]];
    }
    return tags;
}

namespace {

/// Whether a word could be (part of) a name on its own: written with a capital or in another script, or
/// matched by the knowledge base, or named elsewhere in the document or here by the previous pass. A word
/// only seen outside names elsewhere ("said", "the") is not: scoring every such word made the second pass
/// score most of each sentence it ran on, for the same tags.
bool may_be_name(const Word& word) {
    if (word.kb != KbKind::none || word.document_label > k_label_never_named ||
        word.first_pass != k_outside) {
        return true;
    }
    return std::any_of(word.text.begin(), word.text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x80 || (byte >= 'A' && byte <= 'Z');
    });
}

/// Marks the words a pass scores: those that may be a name and their neighbours ("of" in "Bank of England",
/// "the" in "Bank of the West"). Any other word is outside every name in the models trained here (a
/// lower-case word between lower-case words), so it is decoded as outside without looking its features up:
/// the best path is the same whenever the model would have tagged it outside, and it is three-quarters of the
/// words in a news sentence.
void mark_scored_words(const Sentence& sentence, std::vector<std::uint8_t>& scored) {
    const auto n = sentence.size();
    scored.assign(n, k_no_features);
    for (std::size_t i = 0; i < n; ++i) {
        if (may_be_name(sentence[i])) {
            scored[i] = k_all_features;
            if (i > 0) {
                scored[i - 1] = k_all_features;
            }
            if (i + 1 < n) {
                scored[i + 1] = k_all_features;
            }
        }
    }
}

} // namespace

std::vector<NameSpan> NameTagger::tag_sentence(const Sentence& sentence, std::size_t pass) {
    const auto n = sentence.size();
    mark_scored_words(sentence, m_scored);
    if (m_own_weights.size() <= pass) {
        m_own_weights.resize(pass + 1);
    }
    auto& own_weights = m_own_weights[pass];
    own_weights.resize(k_own_weights_slots);
    // Words whose own weights are remembered need only their context features, unless a word of this
    // sentence that is not remembered takes their slot first.
    m_slots.resize(n);
    m_missed_slots.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if (m_scored[i] == k_no_features) {
            continue;
        }
        m_slots[i] = static_cast<std::uint32_t>(util::fnv1a64(sentence[i].text) & (k_own_weights_slots - 1));
        const auto& cached = own_weights[m_slots[i]];
        if (cached.used && cached.form == sentence[i].text) {
            m_scored[i] = k_context_features;
        } else {
            m_missed_slots.push_back(m_slots[i]);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (m_scored[i] == k_context_features &&
            std::find(m_missed_slots.begin(), m_missed_slots.end(), m_slots[i]) != m_missed_slots.end()) {
            m_scored[i] = k_all_features;
        }
    }
    const auto& features = m_extractor.extract(sentence, m_scored);
    m_emissions.assign(n * k_tag_count, 0.0F);
    const auto scale = m_model.scale(pass);
    for (std::size_t i = 0; i < n; ++i) {
        auto* scores = m_emissions.data() + i * k_tag_count;
        if (m_scored[i] == k_no_features) {
            std::fill(scores, scores + k_tag_count, -std::numeric_limits<float>::infinity());
            scores[k_outside] = 0.0F;
            continue;
        }
        const auto* keys = features.keys.data() + features.offsets[i];
        const std::size_t count = features.offsets[i + 1] - features.offsets[i];
        const std::size_t own = features.own_counts[i];
        auto& cached = own_weights[m_slots[i]];
        if (m_scored[i] == k_all_features) {
            cached.form = sentence[i].text;
            cached.used = true;
            std::fill(std::begin(cached.sums), std::end(cached.sums), 0);
            m_model.add_weights(pass, keys, own, cached.sums);
        }
        std::int32_t sums[k_tag_count];
        std::copy(std::begin(cached.sums), std::end(cached.sums), sums);
        m_model.add_weights(pass, keys + own, count - own, sums);
        for (std::size_t t = 0; t < k_tag_count; ++t) {
            scores[t] = static_cast<float>(sums[t]) * scale;
        }
    }
    return spans_of(viterbi(m_emissions, n, m_model.transitions(pass)));
}

namespace {

/// Whether a sentence may hold a name at all: a word the knowledge base matched, a capitalised word (or one
/// in another script) other than a first word that is usually written in lower case ("The", "Officials").
/// A sentence without one ("the company said net income rose 12 pct") is left to no pass: no model here
/// tags a name in it, and a quarter of news sentences are like it.
bool may_hold_names(const Sentence& sentence, const Lexicon& lexicon) {
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        const auto& word = sentence[i];
        if (word.kb != KbKind::none) {
            return true;
        }
        if (word.text.empty()) {
            continue;
        }
        const auto first = static_cast<unsigned char>(word.text.front());
        if (first >= 0x80) {
            return true;
        }
        if (first < 'A' || first > 'Z') {
            continue;
        }
        if (i > 0) {
            return true;
        }
        const auto share = lexicon.find(word.text).lower_share;
        if (share == WordFacts::k_unknown_share || share < 8) {
            return true;
        }
    }
    return false;
}

} // namespace

bool document_disagrees(const Sentence& sentence) {
    return std::any_of(sentence.begin(), sentence.end(), [](const Word& word) {
        if (word.document_label == k_label_unseen) {
            return false;
        }
        if (word.document_label == k_label_never_named) {
            return word.first_pass != k_outside;
        }
        return !label_unanimous(word.document_label) || word.first_pass == k_outside ||
               tag_type(word.first_pass) != label_type(word.document_label);
    });
}

std::vector<std::vector<NameSpan>> NameTagger::tag(std::vector<Sentence>& document) {
    std::vector<std::vector<NameSpan>> names(document.size());
    for (std::size_t pass = 0; pass < m_model.pass_count(); ++pass) {
        if (pass > 0) {
            mark_document_labels(document, names);
        } else {
            for (auto& sentence : document) {
                for (auto& word : sentence) {
                    word.document_label = 0;
                    word.first_pass = k_outside;
                }
            }
        }
        for (std::size_t s = 0; s < document.size(); ++s) {
            // A later pass only adds what the document says about its words: where it says what the previous
            // pass found here, it has nothing to add (measured: the same F1 on every development set, a fifth
            // less of the model's time; BENCHMARKS.md).
            const bool unchanged = pass > 0 && !document_disagrees(document[s]);
            if (pass == 0 && !may_hold_names(document[s], m_model.lexicon())) {
                continue;
            }
            if (!unchanged) {
                names[s] = tag_sentence(document[s], pass);
            }
        }
    }
    return names;
}

} // namespace dateline::ner
