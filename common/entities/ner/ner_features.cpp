#include "entities/ner/ner_features.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <span>

namespace dateline::ner {

namespace {

/// Every feature template; the key hashes the template with its values, so templates never collide by value.
enum class Template : std::uint32_t {
    bias,
    word,
    lower,
    shape,
    prefix,
    suffix,
    lower_previous,
    lower_next,
    lower_previous2,
    lower_next2,
    shape_previous,
    shape_next,
    shape_previous_current,
    shape_current_next,
    pair_previous_current,
    pair_current_next,
    sentence_start_shape,
    kb_current,
    kb_previous,
    kb_next,
    kb_current_shape,
    given_current,
    given_previous,
    document_case_shape,
    shouted_lower,
    shouted_document_case,
    lower_previous_shape,
    lexicon,
    lower_share,
    lower_share_start,
    lower_share_previous,
    lower_share_next,
    cluster,
    cluster_previous,
    cluster_next,
    document_label,
    document_label_shape,
    document_label_previous,
    document_label_next,
    first_pass,
    first_pass_previous,
    first_pass_next,
    lower_around,
    cluster_shape,
};

/// FNV-1a, 64 bits: each of a word's strings is hashed once per sentence.
std::uint64_t string_hash(std::string_view text) {
    return util::fnv1a64(text);
}

/// A feature's key: the template and up to two values mixed (murmur3's finaliser) and folded to 32 bits.
std::uint32_t feature_key(Template t, std::uint64_t a, std::uint64_t b) {
    std::uint64_t h = a * 0x9E3779B97F4A7C15ULL;
    h ^= (b + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
    h ^= (static_cast<std::uint64_t>(t) + 1) * 0x165667B19E3779F9ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    const auto key = static_cast<std::uint32_t>(h);
    return key == 0 ? 1 : key; // 0 marks an empty slot in the model's table
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

void lower_into(std::string_view text, std::string& out) {
    out.assign(text);
    for (auto& c : out) {
        if (is_upper(c)) {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
}

/// Bytes of the first `count` characters (UTF-8 aware) of `text`, or of its last `count` with from_end.
std::size_t affix_bytes(std::string_view text, std::size_t count, bool from_end) {
    std::size_t characters = 0;
    if (!from_end) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && characters++ == count) {
                return i;
            }
        }
        return text.size();
    }
    for (std::size_t i = text.size(); i-- > 0;) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++characters == count) {
            return text.size() - i;
        }
    }
    return text.size();
}

std::uint32_t kb_value(const Word& word) {
    return word.kb == KbKind::none
               ? 0
               : 1 + 4 * static_cast<std::uint32_t>(word.kb) + static_cast<std::uint32_t>(word.kb_position);
}

std::uint32_t cluster_prefix(std::uint16_t cluster, std::uint32_t bits) {
    return cluster == WordFacts::k_no_cluster ? 0xFFFFFFFF : cluster >> (16 - bits);
}

} // namespace

std::uint32_t Lexicon::key(std::string_view word) {
    auto hash = util::k_fnv1a64_basis; // string_hash of the word in lower case, without a copy
    for (const char c : word) {
        hash = util::fnv1a64_add(hash, static_cast<unsigned char>(util::ascii_lower(c)));
    }
    return feature_key(Template::lexicon, hash, 0);
}

void Lexicon::set(std::uint32_t key, WordFacts facts) {
    (void)m_table.set(key, facts);
}

WordFacts Lexicon::find_key(std::uint32_t key) const {
    const auto* facts = m_table.find(key);
    return facts != nullptr ? *facts : WordFacts{};
}

std::vector<std::pair<std::uint32_t, WordFacts>> Lexicon::entries() const {
    std::vector<std::pair<std::uint32_t, WordFacts>> out;
    m_table.for_each([&](std::uint32_t key, const WordFacts& facts) { out.emplace_back(key, facts); });
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

namespace {

/// Calls `emit` with each character of the shape of `word` (see word_shape).
template <typename Emit>
void for_each_shape_character(std::string_view word, Emit emit) {
    char last = 0;
    for (const char byte_char : word) {
        const auto byte = static_cast<unsigned char>(byte_char);
        char c;
        if (is_upper(byte_char)) {
            c = 'X';
        } else if (is_lower(byte_char)) {
            c = 'x';
        } else if (byte >= '0' && byte <= '9') {
            c = 'd';
        } else if (byte >= 0x80) {
            if ((byte & 0xC0) == 0x80) {
                continue; // continuation byte: counted with its lead
            }
            c = 'u';
        } else {
            c = byte_char;
        }
        if (c != last) {
            emit(c);
            last = c;
        }
    }
}

std::uint64_t shape_hash(std::string_view word) {
    auto hash = util::k_fnv1a64_basis; // string_hash of word_shape(word), without building it
    for_each_shape_character(word,
                             [&](char c) { hash = util::fnv1a64_add(hash, static_cast<unsigned char>(c)); });
    return hash;
}

} // namespace

std::string word_shape(std::string_view word) {
    std::string shape;
    for_each_shape_character(word, [&](char c) { shape += c; });
    return shape;
}

void FeatureExtractor::hash_words(const Sentence& sentence, std::span<const std::uint8_t> scored) {
    m_words.resize(sentence.size());
    std::string lower;
    // A word's features read its neighbours' hashes up to two words away; words farther than that from every
    // scored word are not read at all.
    const auto needed = [&](std::size_t i) {
        const auto first = i >= 2 ? i - 2 : 0;
        const auto last = std::min(i + 2, scored.size() - 1);
        return std::any_of(scored.begin() + static_cast<std::ptrdiff_t>(first),
                           scored.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                           [](std::uint8_t s) { return s != 0; });
    };
    for (std::size_t i = 0; i < sentence.size(); ++i) {
        if (!scored.empty() && !needed(i)) {
            continue;
        }
        const auto text = sentence[i].text;
        auto& hashes = m_words[i];
        lower_into(text, lower);
        // One walk for the word, its lower case and its prefixes: the hash so far at the start of character k
        // + 1 is the hash of the first k characters.
        auto word = util::k_fnv1a64_basis;
        auto lowered = util::k_fnv1a64_basis;
        std::size_t characters = 0;
        for (std::size_t b = 0; b < text.size(); ++b) {
            if ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) {
                if (characters >= 1 && characters <= 4) {
                    hashes.prefix[characters - 1] = lowered;
                }
                ++characters;
            }
            word = util::fnv1a64_add(word, static_cast<unsigned char>(text[b]));
            lowered = util::fnv1a64_add(lowered, static_cast<unsigned char>(lower[b]));
        }
        for (auto k = std::max<std::size_t>(characters, 1); k <= 4; ++k) {
            hashes.prefix[k - 1] = lowered; // words of up to four characters: the whole word
        }
        hashes.word = word;
        hashes.lower = lowered;
        hashes.shape = shape_hash(text);
        if (scored.empty() || scored[i] == k_all_features) {
            // Only the word's own features read its suffixes.
            for (std::size_t k = 1; k <= 4; ++k) {
                hashes.suffix[k - 1] =
                    string_hash(std::string_view(lower).substr(lower.size() - affix_bytes(lower, k, true)));
            }
        }
        // The lexicon's key is the same lower-case hash (Lexicon::key).
        hashes.facts = m_lexicon.find_key(feature_key(Template::lexicon, lowered, 0));
    }
}

namespace {

const std::uint64_t k_start = string_hash("<s>");
const std::uint64_t k_end = string_hash("</s>");
const std::uint64_t k_shouted = string_hash("!");

/// One word of a sentence and its neighbours' hashes (beyond the sentence: start and end markers), and
/// where its features go.
class WordContext {
public:
    WordContext(const Sentence& sentence, std::span<const FeatureExtractor::WordHashes> words, std::size_t u,
                std::vector<std::uint32_t>& keys)
        : m_sentence(sentence), m_words(words), m_u(u), m_keys(keys) {}

    void add(Template t, std::uint64_t a, std::uint64_t b = 0) { m_keys.push_back(feature_key(t, a, b)); }
    [[nodiscard]] std::size_t index() const { return m_u; }
    [[nodiscard]] std::size_t size() const { return m_words.size(); }
    [[nodiscard]] const Word& word(std::ptrdiff_t d = 0) const { return m_sentence[at(d)]; }
    [[nodiscard]] bool has(std::ptrdiff_t d) const {
        const auto i = static_cast<std::ptrdiff_t>(m_u) + d;
        return i >= 0 && i < static_cast<std::ptrdiff_t>(m_words.size());
    }
    [[nodiscard]] const FeatureExtractor::WordHashes& hashes() const { return m_words[m_u]; }
    [[nodiscard]] std::uint64_t lower(std::ptrdiff_t d) const {
        return has(d) ? m_words[at(d)].lower : d < 0 ? k_start : k_end;
    }
    [[nodiscard]] std::uint64_t shape(std::ptrdiff_t d) const {
        return has(d) ? m_words[at(d)].shape : d < 0 ? k_start : k_end;
    }
    [[nodiscard]] std::uint32_t cluster(std::ptrdiff_t d) const {
        return has(d) ? m_words[at(d)].facts.cluster : WordFacts::k_no_cluster;
    }
    [[nodiscard]] std::uint64_t share(std::ptrdiff_t d) const {
        return has(d) ? m_words[at(d)].facts.lower_share : 254;
    }

private:
    [[nodiscard]] std::size_t at(std::ptrdiff_t d) const {
        return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(m_u) + d);
    }
    const Sentence& m_sentence;
    std::span<const FeatureExtractor::WordHashes> m_words;
    std::size_t m_u;
    std::vector<std::uint32_t>& m_keys;
};

/// The word itself: its form, lower case, shape and affixes, how often it is written in lower case, its
/// word cluster. Nothing here depends on where the word stands (SentenceFeatures::own_counts).
void add_word_features(WordContext& w) {
    const auto& hashes = w.hashes();
    w.add(Template::bias, 0);
    w.add(Template::word, hashes.word);
    w.add(Template::lower, hashes.lower);
    w.add(Template::shape, hashes.shape);
    for (std::uint64_t k = 0; k < 4; ++k) {
        w.add(Template::prefix, hashes.prefix[k], k);
        w.add(Template::suffix, hashes.suffix[k], k);
    }
    w.add(Template::lower_share, w.share(0), w.shape(0));
    if (const auto cluster = w.cluster(0); cluster != WordFacts::k_no_cluster) {
        for (const std::uint32_t bits : {4U, 8U, 12U}) {
            w.add(Template::cluster, bits, cluster_prefix(cluster, bits));
        }
    }
    w.add(Template::cluster_shape, cluster_prefix(w.cluster(0), 12), w.shape(0));
}

/// The words around it, their shapes, and how often each is written in lower case.
void add_context_features(WordContext& w) {
    w.add(Template::lower_previous, w.lower(-1));
    w.add(Template::lower_next, w.lower(1));
    w.add(Template::lower_previous2, w.lower(-2));
    w.add(Template::lower_next2, w.lower(2));
    w.add(Template::shape_previous, w.shape(-1));
    w.add(Template::shape_next, w.shape(1));
    w.add(Template::shape_previous_current, w.shape(-1), w.shape(0));
    w.add(Template::shape_current_next, w.shape(0), w.shape(1));
    w.add(Template::pair_previous_current, w.lower(-1), w.lower(0));
    w.add(Template::pair_current_next, w.lower(0), w.lower(1));
    w.add(Template::lower_previous_shape, w.lower(-1), w.shape(0));
    if (w.index() == 0) {
        w.add(Template::sentence_start_shape, w.shape(0));
    }
    w.add(Template::lower_share_start, w.share(0), w.index() == 0 ? 1 : 0);
    w.add(Template::lower_share_previous, w.share(-1), w.shape(0));
    w.add(Template::lower_share_next, w.share(1), w.shape(0));
}

/// Its neighbours' word clusters, at two depths of the cluster tree (its own is a word feature).
void add_cluster_features(WordContext& w) {
    for (const std::uint32_t bits : {4U, 12U}) {
        w.add(Template::cluster_previous, bits, cluster_prefix(w.cluster(-1), bits));
        w.add(Template::cluster_next, bits, cluster_prefix(w.cluster(1), bits));
    }
}

/// What the rest of the document says of the word: its case elsewhere, the first pass's labels.
void add_document_features(WordContext& w, bool all_capitals) {
    const auto& word = w.word();
    const auto shape = all_capitals ? k_shouted : w.shape(0);
    w.add(Template::document_case_shape, word.document_case, shape);
    if (word.document_label != 0) {
        w.add(Template::document_label, word.document_label);
        w.add(Template::document_label_shape, word.document_label, shape);
    }
    w.add(Template::document_label_previous, w.has(-1) ? w.word(-1).document_label : 99);
    w.add(Template::document_label_next, w.has(1) ? w.word(1).document_label : 99);
    if (word.document_label != 0 || word.first_pass != k_outside) {
        w.add(Template::first_pass, word.first_pass);
        w.add(Template::first_pass_previous, w.has(-1) ? w.word(-1).first_pass : 99, word.first_pass);
        w.add(Template::first_pass_next, word.first_pass, w.has(1) ? w.word(1).first_pass : 99);
    }
    w.add(Template::lower_around, w.lower(-1), w.lower(1));
    if (all_capitals) {
        w.add(Template::shouted_lower, w.lower(0));
        w.add(Template::shouted_document_case, word.document_case);
    }
}

/// The knowledge base's matches on and around the word, and whether it is a known given name.
void add_kb_features(WordContext& w) {
    const auto here = kb_value(w.word());
    w.add(Template::kb_current, here);
    w.add(Template::kb_previous, w.has(-1) ? kb_value(w.word(-1)) : 99);
    w.add(Template::kb_next, w.has(1) ? kb_value(w.word(1)) : 99);
    w.add(Template::kb_current_shape, here, w.shape(0));
    w.add(Template::given_current, w.word().given_name ? 1 : 0);
    w.add(Template::given_previous, w.has(-1) && w.word(-1).given_name ? 1 : 0);
}

} // namespace

const SentenceFeatures& FeatureExtractor::extract(const Sentence& sentence,
                                                  std::span<const std::uint8_t> scored) {
    // Each word's strings are hashed once; a feature's key then mixes the template with those hashes.
    hash_words(sentence, scored);
    const bool all_capitals = is_shouted(sentence);
    auto& keys = m_features.keys;
    keys.clear();
    m_features.offsets.assign(1, 0);
    m_features.own_counts.assign(sentence.size(), 0);
    for (std::size_t u = 0; u < sentence.size(); ++u) {
        if (!scored.empty() && scored[u] == k_no_features) {
            m_features.offsets.push_back(static_cast<std::uint32_t>(keys.size()));
            continue;
        }
        WordContext w(sentence, m_words, u, keys);
        if (scored.empty() || scored[u] == k_all_features) {
            add_word_features(w);
            m_features.own_counts[u] = static_cast<std::uint8_t>(keys.size() - m_features.offsets.back());
        }
        add_context_features(w);
        add_cluster_features(w);
        add_document_features(w, all_capitals);
        if (m_kb_features == KbFeatures::on) {
            add_kb_features(w);
        }
        m_features.offsets.push_back(static_cast<std::uint32_t>(keys.size()));
    }
    return m_features;
}

} // namespace dateline::ner
