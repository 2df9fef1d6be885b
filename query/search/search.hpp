// Full-text search: the query language, filters, sorting and collapsing, and the hits it returns.
//
// Query language: Xapian's QueryParser with AND/OR/NOT, phrases in quotes, +/-, wildcards (trump*), and
// fields:
//   title:WORD          words of the title
//   source:NAME         articles from one source (source:"Korea Herald")
//   date:A..B           publication date range, A and B as YYYY-MM-DD (either may be left out)
//   person:NAME, country:NAME, org:NAME, place:NAME, entity:NAME
//                       articles mentioning the entity; NAME is any name, alias, native-script name or id
//                       (person:"Xi Jinping", person:习近平, country:KR, org:APEC); several filters mean AND
// CJK and Hangul words match inside longer runs (character n-grams).
#pragma once

#include "access/entity_resolver.hpp"

#include "entities/knowledge_base.hpp"
#include "text/dates.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace dateline {

enum class SortOrder { relevance, date };
enum class Duplicates { keep, collapse };

struct SearchRequest {
    std::string query;                 ///< empty: every article (filters still apply)
    std::optional<Day> from, to;       ///< inclusive
    std::vector<std::string> sources;  ///< any of these (OR)
    std::vector<std::string> entities; ///< all of these (AND): names or ids, resolved like entity:NAME
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    SortOrder sort = SortOrder::relevance;
    Duplicates duplicates = Duplicates::keep;
};

struct SearchHit {
    Xapian::doccount rank = 0; ///< from 1, counting the offset
    std::string id, date, source, title, url;
    double score = 0;
    int percent = 0;
    std::string snippet;            ///< query terms marked with ** **
    Xapian::doccount collapsed = 0; ///< identical copies hidden behind this hit (with --collapse)
};

struct SearchResult {
    Xapian::doccount total = 0;
    bool total_is_exact = false;
    std::vector<SearchHit> hits;
};

/// Builds the Xapian query for a request (text, field prefixes and filters). Throws UsageError for a syntax
/// error, with the parser's message and a hint.
[[nodiscard]] Xapian::Query build_query(const Xapian::Database& database, const EntityResolver& resolver,
                                        const SearchRequest& request);

[[nodiscard]] SearchResult search(const Xapian::Database& database, const EntityResolver& resolver,
                                  const SearchRequest& request);
[[nodiscard]] SearchResult search(const Xapian::Database& database, const KnowledgeBase& knowledge_base,
                                  const SearchRequest& request);

} // namespace dateline
