// The features the statistical name tagger scores, as hashed 32-bit keys.
//
// For each word: its form, lower case, shape ("Xx", "X.X.", "dd-dd") and affixes; the words and shapes two
// either side; word pairs; the start of the sentence; how the word is written elsewhere in the document; and,
// when enabled, what the knowledge base matched there and whether it is a known given name; from unlabelled
// news (the Lexicon), how often the word is written in lower case and its word cluster. The set is versioned
// by k_feature_set: a model records the set it was trained with, and a model from another set is refused.
#pragma once

#include "util/key_table.hpp"

#include "entities/ner/ner_types.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::ner {

inline constexpr std::string_view k_feature_set = "dateline-ner-features-5";

/// Whether the knowledge-base features (Word::kb, Word::given_name) are part of the feature set.
enum class KbFeatures : std::uint8_t { off, on };

/// What unlabelled news says about a word (lower-cased): how often it is written in lower case away from
/// sentence starts, and the cluster of words it shares contexts with.
struct WordFacts {
    static constexpr std::uint8_t k_unknown_share = 255;
    static constexpr std::uint16_t k_no_cluster = 0xFFFF;
    std::uint8_t lower_share = k_unknown_share; ///< tenths: 0 (always capitalised) to 10 (always lower case)
    std::uint16_t cluster = k_no_cluster;
};

/// Word facts by a hash of the lower-cased word, in an open-addressing table (a lookup per word of every
/// sentence tagged: it has to be cheap). Immutable once built: safe to share between threads.
class Lexicon {
public:
    /// The key of `word` in any case ("Officials" and "officials" share one); never 0.
    [[nodiscard]] static std::uint32_t key(std::string_view word);

    void set(std::uint32_t key, WordFacts facts);
    [[nodiscard]] WordFacts find(std::string_view word) const { return find_key(key(word)); }
    [[nodiscard]] WordFacts find_key(std::uint32_t key) const;
    [[nodiscard]] std::size_t size() const { return m_table.size(); }
    /// Every (key, facts), sorted by key.
    [[nodiscard]] std::vector<std::pair<std::uint32_t, WordFacts>> entries() const;

private:
    util::KeyTable<WordFacts> m_table;
};

/// The keys of one sentence's words: word i has keys[offsets[i]] up to keys[offsets[i + 1]]. The first
/// own_counts[i] of them depend on the word's own spelling alone (its form, affixes, shape, lexicon facts),
/// the same wherever it stands, so their weights can be summed once per word form (NameTagger does).
struct SentenceFeatures {
    std::vector<std::uint32_t> keys;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint8_t> own_counts;
};

/// What FeatureExtractor::extract computes for a word: nothing (the word only serves as its neighbours'
/// context), every feature, or only those that depend on where it stands (the caller knows the weights of the
/// word's own: NameTagger remembers them per word form).
enum WordFeatures : std::uint8_t { k_no_features = 0, k_all_features = 1, k_context_features = 2 };

/// Keeps scratch buffers between sentences: not thread-safe, use one per thread.
class FeatureExtractor {
public:
    /// The lexicon must outlive the extractor.
    FeatureExtractor(KbFeatures kb_features, const Lexicon& lexicon)
        : m_kb_features(kb_features), m_lexicon(lexicon) {}

    /// The features of every word of `sentence`, or those `scored` asks for, word by word (WordFeatures; a
    /// word with none still serves as its neighbours' context); the result is valid until the next call.
    [[nodiscard]] const SentenceFeatures& extract(const Sentence& sentence,
                                                  std::span<const std::uint8_t> scored = {});

    /// A word's strings, hashed once for all the features that use them.
    struct WordHashes {
        std::uint64_t word = 0;
        std::uint64_t lower = 0;
        std::uint64_t shape = 0;
        std::uint64_t prefix[4] = {};
        std::uint64_t suffix[4] = {};
        WordFacts facts;
    };

private:
    void hash_words(const Sentence& sentence, std::span<const std::uint8_t> scored);

    KbFeatures m_kb_features;
    const Lexicon& m_lexicon;
    std::vector<WordHashes> m_words;
    SentenceFeatures m_features;
};

/// "Xx" for "Kim", "X.X." for "U.S.", "dd-dd" for "10-12": letters, digits and marks, repeats collapsed.
[[nodiscard]] std::string word_shape(std::string_view word);

} // namespace dateline::ner
