// The index schema: every term prefix, value slot, metadata key and document-data field Dateline uses is
// spelled here and nowhere else. docs/schema.md explains each choice at more length.
//
// Prefixes follow Xapian's conventions (omega's termprefixes): single capitals for the standard meanings (Q
// unique id, S title, D/M/Y dates, Z stemmed form), `X` + capitals for Dateline's own. Boolean terms are
// lower-cased so no
// `:` separator is needed after multi-letter prefixes.
#pragma once

#include "article.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace dateline::schema {

/// Bumped when documents written by an older Dateline can no longer be read correctly.
inline constexpr int k_version = 1;

// --- term prefixes ---
inline constexpr std::string_view k_id = "Q";        ///< unique article identity (replace_document key)
inline constexpr std::string_view k_title = "S";     ///< title words, positional, for `title:`
inline constexpr std::string_view k_stem = "Z";      ///< stemmed form, no positions (QueryParser STEM_SOME)
inline constexpr std::string_view k_source = "XSRC"; ///< boolean: normalised source name, for `source:`
inline constexpr std::string_view k_day = "D";       ///< boolean: YYYYMMDD
inline constexpr std::string_view k_month = "M";     ///< boolean: YYYYMM
inline constexpr std::string_view k_year = "Y";      ///< boolean: YYYY
inline constexpr std::string_view k_no_date = "XNODATE"; ///< boolean: the article has no readable date

// --- value slots ---
enum class Slot : Xapian::valueno {
    date = 0,         ///< YYYYMMDD: date ranges (DateRangeProcessor), date sort, day buckets
    content_hash = 1, ///< 16 hex digits of the body hash: collapse syndicated copies
    month = 2,        ///< YYYYMM: month buckets for timelines
};

[[nodiscard]] constexpr Xapian::valueno slot(Slot s) {
    return static_cast<Xapian::valueno>(s);
}

// --- database metadata keys ---
inline constexpr std::string_view k_meta_version = "dateline.schema_version";
inline constexpr std::string_view k_meta_last_update =
    "dateline.last_update"; ///< ISO 8601 UTC, set at each commit
/// + a source term: the source's display name as first written (terms are lower-cased).
inline constexpr std::string_view k_meta_source_name = "dateline.source:";

// --- position layout ---
/// Title words take positions from 1; body words start after this gap so that no phrase spans title and body.
inline constexpr Xapian::termpos k_body_first_position = 1000;

/// The unique-id term for an identity (article_identity). Long identities are hashed to fit Xapian's term
/// limit.
[[nodiscard]] std::string id_term(std::string_view identity);

/// The boolean term for a source name: lower-cased, white space collapsed.
[[nodiscard]] std::string source_term(std::string_view source);

/// The fields kept in each document's data, as JSON: what a search hit displays and what snippets are cut
/// from.
struct StoredArticle {
    std::string id;
    std::string url;
    std::string title;
    std::string date; ///< YYYY-MM-DD, or empty
    std::string source;
    std::string text;
};

[[nodiscard]] std::string encode_document_data(const StoredArticle& article);

/// Throws DataError if the data is not what encode_document_data writes.
[[nodiscard]] StoredArticle decode_document_data(std::string_view data);

} // namespace dateline::schema
