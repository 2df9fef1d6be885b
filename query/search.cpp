#include "search.hpp"

#include "errors.hpp"
#include "schema.hpp"
#include "tokenizer.hpp"

namespace dateline {

namespace {

/// Maps source:NAME to the normalised boolean term, so the user needn't know how sources are stored.
class SourceFieldProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& name) override {
        return Xapian::Query(schema::source_term(name));
    }
};

/// Below this many matches the count is always exact; above it Xapian may estimate.
constexpr Xapian::doccount k_exact_count_threshold = 10000;

Xapian::Query date_filter(const SearchRequest& request) {
    const auto slot = schema::slot(schema::Slot::date);
    if (request.from && request.to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, format_compact_day(*request.from),
                             format_compact_day(*request.to));
    }
    if (request.from) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, format_compact_day(*request.from));
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, format_compact_day(*request.to));
}

} // namespace

Xapian::Query build_query(const Xapian::Database& database, const SearchRequest& request) {
    Xapian::QueryParser parser;
    parser.set_database(database);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix("title", std::string(schema::k_title));
    parser.add_boolean_prefix("source", (new SourceFieldProcessor)->release());
    parser.add_rangeprocessor(
        (new Xapian::DateRangeProcessor(schema::slot(schema::Slot::date), "date:"))->release());

    Xapian::Query query = Xapian::Query::MatchAll;
    const auto text = normalize_query_text(request.query);
    if (text.find_first_not_of(" \t") != std::string::npos) {
        try {
            query = parser.parse_query(
                text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                          Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_PURE_NOT);
        } catch (const Xapian::QueryParserError& e) {
            throw UsageError(
                "query syntax error in \"" + request.query + "\": " + e.get_msg() +
                "\nhint: quote phrases (\"Lee Jae-myung\"), write AND, OR, NOT in capitals, and use "
                "title:, source: or date:2025-10-01..2025-11-30");
        }
        if (query.empty()) {
            query = Xapian::Query::MatchAll;
        }
    }
    if (!request.sources.empty()) {
        std::vector<Xapian::Query> terms;
        for (const auto& source : request.sources) {
            terms.emplace_back(schema::source_term(source));
        }
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    }
    if (request.from || request.to) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_filter(request));
    }
    return query;
}

SearchResult search(const Xapian::Database& database, const SearchRequest& request) {
    Xapian::Enquire enquire(database);
    const auto query = build_query(database, request);
    enquire.set_query(query);
    if (request.sort == SortOrder::date) {
        enquire.set_sort_by_value_then_relevance(schema::slot(schema::Slot::date), true);
    }
    if (request.duplicates == Duplicates::collapse) {
        enquire.set_collapse_key(schema::slot(schema::Slot::content_hash));
    }
    const auto mset = enquire.get_mset(request.offset, request.limit, k_exact_count_threshold);
    SearchResult result;
    result.total = mset.get_matches_estimated();
    result.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const Xapian::Stem stemmer("english");
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto stored = schema::decode_document_data(it.get_document().get_data());
        SearchHit hit;
        hit.rank = it.get_rank() + 1;
        hit.id = stored.id;
        hit.date = stored.date;
        hit.source = stored.source;
        hit.title = stored.title;
        hit.url = stored.url;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.collapsed = it.get_collapse_count();
        hit.snippet = mset.snippet(stored.text, 240, stemmer,
                                   Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                   "**", "**", "…");
        result.hits.push_back(std::move(hit));
    }
    return result;
}

} // namespace dateline
