// Turns an Article into the Xapian document the schema describes: terms with positions, stemmed terms,
// boolean filter terms, entity terms, values and stored data.
#pragma once

#include "entities/entity_tagger.hpp"
#include "entities/knowledge_base.hpp"
#include "store/article.hpp"
#include "store/schema.hpp"
#include "text/tokenizer.hpp"

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dateline {

struct BuiltDocument {
    Xapian::Document document;
    std::string id_term;     ///< the unique term to replace_document() by
    std::string source_term; ///< empty if the article names no source
    std::string source_name; ///< the source as written, for display
    std::vector<schema::StoredEntity>
        entities; ///< what the tagger found, for the writer's entity-name registry
};

/// The text the tagger sees and stored mention spans index: the title, a blank line, the body.
[[nodiscard]] std::string tagged_text(const Article& article);

/// Not thread-safe (it owns a Tokenizer and a tagger); use one per thread. The knowledge base must outlive
/// it.
class DocumentBuilder {
public:
    /// With `model` null, entities come from the knowledge base and rules only. Both must outlive the
    /// builder.
    explicit DocumentBuilder(const KnowledgeBase& knowledge_base,
                             const ner::Model* model = ner::Model::builtin());

    /// Requires the article's text fields to be valid UTF-8 (readers repair them).
    [[nodiscard]] BuiltDocument build(const Article& article);

private:
    void index_tokens(Xapian::Document& document, const Token* tokens, std::size_t count,
                      std::string_view prefix, Xapian::termpos first_position);
    /// The English stem of `word`, remembered: news vocabulary repeats, and Snowball is the costlier step.
    const std::string& stem(const std::string& word);
    const std::string& stem(const std::string& word, std::uint64_t hash);

    /// The stem terms of one index_tokens call, counted before they go into the document: one add_term
    /// (with the count as wdf, as many increments would make it) and one stem look-up per distinct word.
    struct StemCount {
        std::uint64_t hash = 0;
        const std::string* word = nullptr; ///< null: an empty slot
        Xapian::termcount count = 0;
    };
    std::vector<StemCount> m_stem_counts;    ///< open addressing by hash, a power of two long
    std::vector<std::uint32_t> m_stem_order; ///< used slots, in the order their words came

    /// A remembered stem: a direct-mapped cache (a slot per hash, the newest word wins it) small enough to
    /// stay in the processor's cache, where a map of every word seen cost a cache miss or two per word.
    struct StemSlot {
        std::uint64_t hash = 0;
        std::string word;
        std::string stem;
    };

    Tokenizer m_tokenizer;
    EntityTagger m_tagger;
    Xapian::Stem m_stemmer;
    std::vector<StemSlot> m_stems;
};

} // namespace dateline
