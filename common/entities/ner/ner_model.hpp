// The statistical name tagger: an averaged structured perceptron over the features of ner_features.hpp,
// decoded with Viterbi under BILOU constraints, in two passes over a document: the second pass also sees what
// the first tagged each word as elsewhere in the document (Word::document_label).
//
// Model file (little-endian; docs/ner-model.md):
//   "DLNERMODEL\n", u32 format version, u32 length + JSON header (feature set, knowledge-base features,
//   training data, epochs, dev F1), u32 tag count, u32 pass count, then per pass: f32 transitions[(tags + 1)
//   x tags] (last row: sentence start), u32 feature count, per feature u32 key, u8 n and n x (u8 tag, f32
//   weight); then u32 lexicon size, per word u32 key, u8 lower-case share, u16 cluster; and last a u64
//   FNV-1a checksum of everything before it.
#pragma once

#include "entities/ner/ner_features.hpp"
#include "entities/ner/ner_types.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::ner {

inline constexpr std::uint32_t k_model_format_version = 2;

/// The model file's header: what it was trained on and how well it did.
struct ModelInfo {
    std::string feature_set{k_feature_set};
    KbFeatures kb_features = KbFeatures::on;
    std::string training; ///< the training data, e.g. "CoNLL-2003 English train: 14,041 sentences"
    std::uint32_t epochs = 0;
    double dev_f1 = 0; ///< entity-level F1 (PER, LOC, ORG, MISC) on the development data, in percent
};

/// Weights learnt for one feature: a few tags each (the perceptron touches only the tags it confused).
struct FeatureWeights {
    std::uint32_t key = 0;
    std::vector<std::pair<Tag, float>> weights;
};

/// The weights of one pass.
struct PassWeights {
    std::vector<float> transitions; ///< (k_tag_count + 1) x k_tag_count; the last row is the sentence start
    std::vector<FeatureWeights> features;
};

/// Immutable after construction: safe to share between threads.
class Model {
public:
    /// One or more passes (the second and later read the previous pass's document labels).
    Model(ModelInfo info, const std::vector<PassWeights>& passes, Lexicon lexicon);

    /// The model compiled into the programs (trained on CoNLL-2003 by scripts/train-ner), or null in a build
    /// made without one.
    [[nodiscard]] static const Model* builtin();

    /// Reads a model file's bytes. Throws DataError naming `source` if they are not a model, are damaged, or
    /// were made for another format version or another feature set than `feature_set` (the English
    /// tagger's by default; the Chinese tagger keeps its weights in the same container).
    [[nodiscard]] static Model from_bytes(std::string_view bytes, const std::string& source,
                                          std::string_view feature_set = k_feature_set);
    [[nodiscard]] static Model from_file(const std::string& path);

    /// The bytes of the model file.
    [[nodiscard]] std::string to_bytes() const;

    [[nodiscard]] const ModelInfo& info() const { return m_info; }
    [[nodiscard]] std::size_t pass_count() const { return m_passes.size(); }
    /// Features with weights, over all passes.
    [[nodiscard]] std::size_t feature_count() const;
    /// What the model knows about words from unlabelled news (its features read it too).
    [[nodiscard]] const Lexicon& lexicon() const { return m_lexicon; }

    /// Adds the weights pass `pass` gives features `keys[0, count)` to `scores` (k_tag_count of them);
    /// unknown keys add nothing.
    void add_scores(std::size_t pass, const std::uint32_t* keys, std::size_t count, float* scores) const;

    /// The same weights as the integers they are kept as, added to `sums` (k_tag_count of them): a score is
    /// its sum times scale(pass), so sums of parts add up to the score of the whole, to the last bit.
    void add_weights(std::size_t pass, const std::uint32_t* keys, std::size_t count,
                     std::int32_t* sums) const;
    [[nodiscard]] float scale(std::size_t pass) const { return m_passes[pass].scale; }

    /// Transition weights of a pass: row `previous` (k_tag_count for the sentence start), column `next`.
    [[nodiscard]] const std::vector<float>& transitions(std::size_t pass) const {
        return m_passes[pass].transitions;
    }

private:
    static constexpr std::size_t k_row_width = 32; ///< k_tag_count weights, padded to 64 bytes
    struct alignas(64) Row {
        std::int16_t weights[k_row_width] = {};
    };
    struct Pass {
        std::vector<float> transitions;
        util::KeyTable<std::uint32_t> rows_by_key; ///< feature key -> its row in `rows`
        /// Dense rows, one per feature, where sparse (tag, weight) pairs took a dependent add each (measured:
        /// 1.65x the words per second). Weights are 16-bit steps of `scale` (1/32767 of the largest), each
        /// row one aligned cache line: half the memory traffic of float rows, which straddled two lines.
        std::vector<Row> rows;
        float scale = 1.0F;
    };

    static Pass make_pass(const PassWeights& weights);
    static void add_rows(const Pass& pass, const std::uint32_t* rows, std::size_t count, std::int32_t* sums);

    ModelInfo m_info;
    std::vector<Pass> m_passes;
    Lexicon m_lexicon;
};

/// The best BILOU tag sequence for `emissions` (n x k_tag_count scores) and `transitions` (as
/// Model::transitions()).
[[nodiscard]] std::vector<Tag> viterbi(const std::vector<float>& emissions, std::size_t n,
                                       const std::vector<float>& transitions);

/// Whether the rest of the document says something of a word of `sentence` that the previous pass did not
/// tag here (its document labels and first-pass tags set by mark_document_labels): a word seen elsewhere only
/// outside names but inside one here, a word in names of one type elsewhere but outside or of another type
/// here, or a word the document does not agree on. Where nothing does, a later pass, which adds only what the
/// document says, is not run on the sentence.
[[nodiscard]] bool document_disagrees(const Sentence& sentence);

/// Tags documents with a model. Keeps scratch buffers: not thread-safe, use one per thread.
class NameTagger {
public:
    /// The model must outlive the tagger.
    explicit NameTagger(const Model& model)
        : m_model(model), m_extractor(model.info().kb_features, model.lexicon()) {}

    /// The names in each sentence of one document, in order, not overlapping: every pass in turn, each
    /// after the previous one's document labels. Sets Word::document_label.
    [[nodiscard]] std::vector<std::vector<NameSpan>> tag(std::vector<Sentence>& document);

    /// One pass over one sentence, whose document labels the caller has set (for training).
    [[nodiscard]] std::vector<NameSpan> tag_sentence(const Sentence& sentence, std::size_t pass);

    /// The scores (n x k_tag_count) the last tag_sentence decoded: for tests and diagnostics.
    [[nodiscard]] const std::vector<float>& last_emissions() const { return m_emissions; }

    /// Slots of the cache of word forms' own weights; a form's slot is its FNV-1a 64 hash modulo this.
    static constexpr std::size_t k_own_weights_slots = 4096;

private:
    /// The summed weights of a word form's own features (SentenceFeatures::own_counts) in one pass: news
    /// repeats its names and capitalised words, and these are a third of a word's features. A direct-mapped
    /// cache, the newest form winning a slot.
    struct OwnWeights {
        std::string form;
        bool used = false;
        std::int32_t sums[k_tag_count] = {};
    };

    const Model& m_model;
    FeatureExtractor m_extractor;
    std::vector<float> m_emissions;
    std::vector<std::uint8_t> m_scored; ///< per word of the sentence being tagged: WordFeatures
    std::vector<std::vector<OwnWeights>> m_own_weights; ///< per pass
    std::vector<std::uint32_t> m_slots;                 ///< per word of the sentence: its own weights' slot
    std::vector<std::uint32_t> m_missed_slots;          ///< slots the sentence's unremembered words take
};

} // namespace dateline::ner
