// The index schema: every term prefix, value slot, metadata key and document-data field Dateline uses is
// spelled here and nowhere else. docs/schema.md explains each choice at more length.
//
// Prefixes follow Xapian's conventions (omega's termprefixes): single capitals for the standard meanings (Q
// unique id, S title, D/M/Y dates, Z stemmed form), `X` + capitals for Dateline's own. Boolean terms are
// lower-cased so no
// `:` separator is needed after multi-letter prefixes.
#pragma once

#include "entities/entity.hpp"
#include "store/article.hpp"

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::schema {

/// Bumped when documents written by an older Dateline can no longer be read correctly.
inline constexpr int k_version = 2; ///< 2: entity-day terms (k_entity_day)

// --- term prefixes ---
inline constexpr std::string_view k_id = "Q";        ///< unique article identity (replace_document key)
inline constexpr std::string_view k_title = "S";     ///< title words, positional, for `title:`
inline constexpr std::string_view k_stem = "Z";      ///< stemmed form, no positions (QueryParser STEM_SOME)
inline constexpr std::string_view k_source = "XSRC"; ///< boolean: normalised source name, for `source:`
inline constexpr std::string_view k_day = "D";       ///< boolean: YYYYMMDD
inline constexpr std::string_view k_month = "M";     ///< boolean: YYYYMM
inline constexpr std::string_view k_year = "Y";      ///< boolean: YYYY
inline constexpr std::string_view k_no_date = "XNODATE"; ///< boolean: the article has no readable date
// Entity terms: prefix + canonical id; wdf is the number of mentions. No positions (databases written before
// 2026-12 have sentence numbers + 1 there, which nothing reads): the sentences an entity is mentioned in are
// in Slot::entities.
inline constexpr std::string_view k_person = "XP:";
inline constexpr std::string_view k_country = "XC:";
inline constexpr std::string_view k_org = "XO:";
inline constexpr std::string_view k_place = "XL:";
/// Entity-day terms: "XE" + entity term + "@" + YYYYMMDD ("XEXP:Q15031@20251101"), wdf = mentions, on dated
/// articles. A whole-database timeline is then a walk over one entity's few thousand terms (article counts
/// are their term frequencies, mentions their collection frequencies) instead of a scan of every article.
inline constexpr std::string_view k_entity_day = "XE";

// --- value slots ---
enum class Slot : Xapian::valueno {
    date = 0,         ///< YYYYMMDD: date ranges (DateRangeProcessor), date sort, day buckets
    content_hash = 1, ///< 16 hex digits of the body hash: collapse syndicated copies
    month = 2,        ///< YYYYMM: month buckets for timelines
    /// "#\tN\tYYYYMMDD\n" (sentences, date), then the article's entities, "T:id\tmentions\tsentences\n" each
    /// (T = P, C, O, L; sentences comma-separated): exact counts, co-mentions and timelines from one value.
    entities = 3,
    /// The article as stored (StoredArticle): encode_document_data's JSON compressed with Zstandard.
    /// Databases written before 2026-12-03 keep that JSON in the document data, which Xapian compresses with
    /// zlib at several times the CPU; stored_article_json reads either.
    article = 4,
};

[[nodiscard]] constexpr Xapian::valueno slot(Slot s) {
    return static_cast<Xapian::valueno>(s);
}

// --- database metadata keys ---
inline constexpr std::string_view k_meta_version = "dateline.schema_version";
inline constexpr std::string_view k_meta_last_update =
    "dateline.last_update"; ///< ISO 8601 UTC, set at each commit
/// Articles the current partition takes before it is sealed (dateline-index --partition-size; 0: never).
inline constexpr std::string_view k_meta_partition_size = "dateline.partition_size";
/// In a sealed partition's shard: a Bloom filter of its article ids (util::BloomFilter), so that new articles
/// skip looking their ids up there.
inline constexpr std::string_view k_meta_id_filter = "dateline.id_filter";
/// + a source term: the source's display name as first written (terms are lower-cased).
inline constexpr std::string_view k_meta_source_name = "dateline.source:";
/// + an entity term: the entity's display name, so names show without the knowledge base that found them.
inline constexpr std::string_view k_meta_entity_name = "dateline.entity:";

// --- position layout ---
/// Title words take positions from 1; body words start after this gap so that no phrase spans title and body.
inline constexpr Xapian::termpos k_body_first_position = 1000;

/// The unique-id term for an identity (article_identity). Long identities are hashed to fit Xapian's term
/// limit.
[[nodiscard]] std::string id_term(std::string_view identity);

/// The boolean term for a source name: lower-cased, white space collapsed.
[[nodiscard]] std::string source_term(std::string_view source);

/// The term prefix for an entity type.
[[nodiscard]] std::string_view entity_prefix(EntityType type);

/// The term for an entity: prefix + id.
[[nodiscard]] std::string entity_term(EntityType type, std::string_view id);

/// The entity-day term of an entity term on a day (YYYYMMDD), and the prefix all of an entity's share.
[[nodiscard]] std::string entity_day_term(std::string_view entity_term, std::string_view compact_day);
[[nodiscard]] std::string entity_day_prefix(std::string_view entity_term);

/// The type of an entity term, or nothing if `term` is not one.
[[nodiscard]] std::optional<EntityType> entity_term_type(std::string_view term);

/// One entity of an article, as stored.
struct StoredEntity {
    std::string id;
    EntityType type = EntityType::person;
    std::string name;
    std::uint32_t mentions = 0;
    std::vector<std::uint32_t> sentences; ///< ascending, distinct (0 is the title)
};

/// One entity read back from a Slot::entities value; the views point into that value.
struct SlotEntity {
    EntityType type;
    std::string_view id;
    std::uint32_t mentions;
    std::string_view sentences; ///< "0,3,7"; see parse_sentences
};

/// "0,3,7" -> {0, 3, 7}
[[nodiscard]] std::vector<std::uint32_t> parse_sentences(std::string_view sentences);

/// One mention, as stored: spans index the tagged text, which is the title, "\n\n", then the body.
struct StoredMention {
    std::uint32_t entity; ///< index into StoredArticle::entities
    std::uint32_t begin, end, sentence;
    MentionHow how;
    bool ambiguous;
};

/// The value of Slot::entities: a first line "#	N	YYYYMMDD" (sentences in the text, the date or
/// nothing), then the entities. Every document has one, so that an aggregation that reads only this slot (as
/// remote shards must: Xapian 1.4 sends sort keys, not user match spies, over the wire) sees every article.
[[nodiscard]] std::string encode_entity_slot(const std::vector<StoredEntity>& entities,
                                             std::uint32_t sentences, std::string_view compact_date);

/// The number of sentences recorded in a Slot::entities value (0 if none is).
[[nodiscard]] std::uint32_t slot_sentence_count(std::string_view value);

/// The date (YYYYMMDD) recorded in a Slot::entities value, or empty.
[[nodiscard]] std::string_view slot_date(std::string_view value);

/// Calls `each` for every entity in a Slot::entities value.
void for_each_slot_entity(std::string_view value, const std::function<void(const SlotEntity&)>& each);

/// The fields kept for each article (Slot::article), as JSON: what a search hit displays and what snippets
/// are cut from.
struct StoredArticle {
    std::string id;
    std::string url;
    std::string title;
    std::string date; ///< YYYY-MM-DD, or empty
    std::string source;
    std::string text;
    std::vector<StoredEntity> entities;
    std::vector<StoredMention> mentions;
};

[[nodiscard]] std::string encode_document_data(const StoredArticle& article);

/// Throws DataError if the data is not what encode_document_data writes.
[[nodiscard]] StoredArticle decode_document_data(std::string_view data);

/// Stores an article in a document (Slot::article), leaving the document data empty.
void store_article(Xapian::Document& document, const StoredArticle& article);

/// The JSON (encode_document_data) of the article a document holds: Slot::article, or the document data of a
/// document written before it. Throws DataError if the slot is damaged.
[[nodiscard]] std::string stored_article_json(const Xapian::Document& document);

/// Whether a stored document holds the same article as another, byte for byte as stored (a copy stored before
/// Slot::article, in the document data, is not the same: replacing it moves it to the slot).
[[nodiscard]] bool same_article(const Xapian::Document& stored, const Xapian::Document& other);

/// The article a document holds: decode_document_data(stored_article_json(document)).
[[nodiscard]] StoredArticle stored_article(const Xapian::Document& document);

} // namespace dateline::schema
