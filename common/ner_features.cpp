#include "ner_features.hpp"

#include <algorithm>

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
};

/// FNV-1a over the template and its values, with a final mix: cheap, and no allocation per feature.
class KeyHasher {
public:
    explicit KeyHasher(Template t) { add_byte(static_cast<std::uint8_t>(t)); }
    KeyHasher& add(std::string_view text) {
        for (const char c : text) {
            add_byte(static_cast<std::uint8_t>(c));
        }
        add_byte(0x1f); // separates the values
        return *this;
    }
    KeyHasher& add(std::uint32_t value) {
        for (int i = 0; i < 4; ++i) {
            add_byte(static_cast<std::uint8_t>(value >> (8 * i)));
        }
        return *this;
    }
    [[nodiscard]] std::uint32_t key() const {
        auto h = m_hash;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        const auto folded = static_cast<std::uint32_t>(h ^ (h >> 32));
        return folded == 0 ? 1 : folded; // 0 marks an empty slot in the model's table
    }

private:
    void add_byte(std::uint8_t byte) {
        m_hash ^= byte;
        m_hash *= 0x100000001b3ULL;
    }
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

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
    KeyHasher hasher(Template::lexicon);
    char lower[64];
    const auto n = std::min(word.size(), sizeof(lower));
    for (std::size_t i = 0; i < n; ++i) {
        lower[i] = is_upper(word[i]) ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    }
    return hasher.add(std::string_view(lower, n)).key();
}

WordFacts Lexicon::find(std::string_view word) const {
    return find_key(key(word));
}

WordFacts Lexicon::find_key(std::uint32_t key) const {
    const auto it = m_facts.find(key);
    return it == m_facts.end() ? WordFacts{} : it->second;
}

std::string word_shape(std::string_view word) {
    std::string shape;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto byte = static_cast<unsigned char>(word[i]);
        char c;
        if (is_upper(static_cast<char>(byte))) {
            c = 'X';
        } else if (is_lower(static_cast<char>(byte))) {
            c = 'x';
        } else if (byte >= '0' && byte <= '9') {
            c = 'd';
        } else if (byte >= 0x80) {
            if ((byte & 0xC0) == 0x80) {
                continue; // continuation byte: counted with its lead
            }
            c = 'u';
        } else {
            c = static_cast<char>(byte);
        }
        if (shape.empty() || shape.back() != c) {
            shape += c;
        }
    }
    return shape;
}

const SentenceFeatures& FeatureExtractor::extract(const Sentence& sentence) {
    const auto n = sentence.size();
    m_lower.resize(std::max(m_lower.size(), n));
    m_shape.resize(std::max(m_shape.size(), n));
    m_facts.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        lower_into(sentence[i].text, m_lower[i]);
        m_shape[i] = word_shape(sentence[i].text);
        m_facts[i] = m_lexicon.find(sentence[i].text);
    }
    const auto share = [&](std::ptrdiff_t i) -> std::uint32_t {
        return i < 0 || i >= static_cast<std::ptrdiff_t>(n)
                   ? 254
                   : m_facts[static_cast<std::size_t>(i)].lower_share;
    };
    const bool all_capitals = is_shouted(sentence);
    const bool kb = m_kb_features == KbFeatures::on;
    static const std::string k_start = "<s>";
    static const std::string k_end = "</s>";
    const auto lower = [&](std::ptrdiff_t i) -> const std::string& {
        return i < 0                                 ? k_start
               : i >= static_cast<std::ptrdiff_t>(n) ? k_end
                                                     : m_lower[static_cast<std::size_t>(i)];
    };
    const auto shape = [&](std::ptrdiff_t i) -> const std::string& {
        return i < 0                                 ? k_start
               : i >= static_cast<std::ptrdiff_t>(n) ? k_end
                                                     : m_shape[static_cast<std::size_t>(i)];
    };
    auto& keys = m_features.keys;
    keys.clear();
    m_features.offsets.assign(1, 0);
    for (std::size_t u = 0; u < n; ++u) {
        const auto i = static_cast<std::ptrdiff_t>(u);
        const auto& word = sentence[u];
        keys.push_back(KeyHasher(Template::bias).key());
        keys.push_back(KeyHasher(Template::word).add(word.text).key());
        keys.push_back(KeyHasher(Template::lower).add(lower(i)).key());
        keys.push_back(KeyHasher(Template::shape).add(shape(i)).key());
        for (std::uint32_t k = 1; k <= 4; ++k) {
            const std::string_view l = lower(i);
            const auto prefix = affix_bytes(l, k, false);
            const auto suffix = affix_bytes(l, k, true);
            keys.push_back(KeyHasher(Template::prefix).add(k).add(l.substr(0, prefix)).key());
            keys.push_back(KeyHasher(Template::suffix).add(k).add(l.substr(l.size() - suffix)).key());
        }
        keys.push_back(KeyHasher(Template::lower_previous).add(lower(i - 1)).key());
        keys.push_back(KeyHasher(Template::lower_next).add(lower(i + 1)).key());
        keys.push_back(KeyHasher(Template::lower_previous2).add(lower(i - 2)).key());
        keys.push_back(KeyHasher(Template::lower_next2).add(lower(i + 2)).key());
        keys.push_back(KeyHasher(Template::shape_previous).add(shape(i - 1)).key());
        keys.push_back(KeyHasher(Template::shape_next).add(shape(i + 1)).key());
        keys.push_back(KeyHasher(Template::shape_previous_current).add(shape(i - 1)).add(shape(i)).key());
        keys.push_back(KeyHasher(Template::shape_current_next).add(shape(i)).add(shape(i + 1)).key());
        keys.push_back(KeyHasher(Template::pair_previous_current).add(lower(i - 1)).add(lower(i)).key());
        keys.push_back(KeyHasher(Template::pair_current_next).add(lower(i)).add(lower(i + 1)).key());
        keys.push_back(KeyHasher(Template::lower_previous_shape).add(lower(i - 1)).add(shape(i)).key());
        if (u == 0) {
            keys.push_back(KeyHasher(Template::sentence_start_shape).add(shape(i)).key());
        }
        keys.push_back(KeyHasher(Template::lower_share).add(share(i)).add(shape(i)).key());
        keys.push_back(KeyHasher(Template::lower_share_start).add(share(i)).add(u == 0 ? 1U : 0U).key());
        keys.push_back(KeyHasher(Template::lower_share_previous).add(share(i - 1)).add(shape(i)).key());
        keys.push_back(KeyHasher(Template::lower_share_next).add(share(i + 1)).add(shape(i)).key());
        if (const auto cluster = m_facts[u].cluster; cluster != WordFacts::k_no_cluster) {
            for (const std::uint32_t bits : {4U, 8U, 12U}) {
                keys.push_back(
                    KeyHasher(Template::cluster).add(bits).add(cluster_prefix(cluster, bits)).key());
            }
        }
        for (const std::uint32_t bits : {4U, 12U}) {
            const auto previous = u > 0 ? m_facts[u - 1].cluster : WordFacts::k_no_cluster;
            const auto next = u + 1 < n ? m_facts[u + 1].cluster : WordFacts::k_no_cluster;
            keys.push_back(
                KeyHasher(Template::cluster_previous).add(bits).add(cluster_prefix(previous, bits)).key());
            keys.push_back(KeyHasher(Template::cluster_next).add(bits).add(cluster_prefix(next, bits)).key());
        }
        keys.push_back(KeyHasher(Template::document_case_shape)
                           .add(word.document_case)
                           .add(all_capitals ? std::string_view("!") : std::string_view(shape(i)))
                           .key());
        if (all_capitals) {
            keys.push_back(KeyHasher(Template::shouted_lower).add(lower(i)).key());
            keys.push_back(KeyHasher(Template::shouted_document_case).add(word.document_case).key());
        }
        if (kb) {
            const auto here = kb_value(word);
            keys.push_back(KeyHasher(Template::kb_current).add(here).key());
            keys.push_back(
                KeyHasher(Template::kb_previous).add(u > 0 ? kb_value(sentence[u - 1]) : 99).key());
            keys.push_back(
                KeyHasher(Template::kb_next).add(u + 1 < n ? kb_value(sentence[u + 1]) : 99).key());
            keys.push_back(KeyHasher(Template::kb_current_shape).add(here).add(shape(i)).key());
            keys.push_back(KeyHasher(Template::given_current).add(word.given_name ? 1U : 0U).key());
            keys.push_back(
                KeyHasher(Template::given_previous).add(u > 0 && sentence[u - 1].given_name ? 1U : 0U).key());
        }
        m_features.offsets.push_back(static_cast<std::uint32_t>(keys.size()));
    }
    return m_features;
}

} // namespace dateline::ner
