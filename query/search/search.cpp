#include "search/search.hpp"

#include "access/entity_resolver.hpp"
#include "store/schema.hpp"
#include "text/tokenizer.hpp"
#include "util/deadline.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace dateline {

namespace {

/// Maps source:NAME to the normalised boolean term, so the user needn't know how sources are stored.
class SourceFieldProcessor : public Xapian::FieldProcessor {
public:
    Xapian::Query operator()(const std::string& name) override {
        return Xapian::Query(schema::source_term(name));
    }
};

/// The entity fields, and the type each restricts to.
constexpr std::pair<std::string_view, std::optional<EntityType>> k_entity_fields[] = {
    {"person", EntityType::person},
    {"country", EntityType::country},
    {"org", EntityType::org},
    {"place", EntityType::place},
    {"entity", std::nullopt}};

/// The hidden field that entity filters are rewritten to (see substitute_entity_fields).
constexpr std::string_view k_entity_reference_field = "dlentityref";

/// Maps dlentityref:N to the N-th resolved entity term. Weight 0: a filter, not a relevance signal.
class EntityReferenceProcessor : public Xapian::FieldProcessor {
public:
    explicit EntityReferenceProcessor(std::vector<std::string> terms) : m_terms(std::move(terms)) {}
    Xapian::Query operator()(const std::string& index) override {
        // Only substitute_entity_fields writes this field, but a user may type it too.
        const auto n = util::parse_unsigned(index);
        if (!n || *n >= m_terms.size()) {
            throw UsageError(std::string(k_entity_reference_field) +
                             ": is not a search field; filter entities with person:, country:, org:, "
                             "place: or entity:");
        }
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(m_terms[*n]), 0.0);
    }

private:
    std::vector<std::string> m_terms;
};

/// QueryParser hands a field processor neither quoted values nor CJK text intact, so entity filters
/// (person:"Lee Jae Myung", person:习近平) are resolved here first and replaced by dlentityref:N, which keeps
/// their place in the boolean structure of the query.
std::string substitute_entity_fields(std::string_view query, const EntityResolver& resolver,
                                     std::vector<std::string>& terms) {
    std::string out;
    std::size_t i = 0;
    while (i < query.size()) {
        const bool at_boundary =
            i == 0 || std::string_view(" (+-").find(query[i - 1]) != std::string_view::npos;
        std::optional<std::pair<std::string_view, std::optional<EntityType>>> field;
        if (at_boundary) {
            for (const auto& candidate : k_entity_fields) {
                if (query.substr(i).starts_with(candidate.first) &&
                    query.size() > i + candidate.first.size() && query[i + candidate.first.size()] == ':') {
                    field = candidate;
                }
            }
        }
        if (!field) {
            out += query[i++];
            continue;
        }
        auto start = i + field->first.size() + 1;
        std::string_view value;
        std::size_t end;
        if (start < query.size() && query[start] == '"') {
            end = query.find('"', start + 1);
            if (end == std::string_view::npos) {
                throw UsageError("unterminated quote after " + std::string(field->first) + ": in \"" +
                                 std::string(query) + "\"");
            }
            value = query.substr(start + 1, end - start - 1);
            ++end;
        } else {
            end = query.find_first_of(" )", start);
            if (end == std::string_view::npos) {
                end = query.size();
            }
            value = query.substr(start, end - start);
        }
        if (value.empty()) {
            throw UsageError(std::string(field->first) + ": needs a name, e.g. " + std::string(field->first) +
                             ":\"Xi Jinping\"");
        }
        terms.push_back(resolver.resolve(value, field->second).term);
        out += std::string(k_entity_reference_field) + ":" + std::to_string(terms.size() - 1);
        // The reference ends here even when the user wrote something right after the quote
        // (person:"Lee Jae Myung"3), which would otherwise extend its number.
        if (end < query.size() && query[end] != ' ' && query[end] != ')') {
            out += ' ';
        }
        i = end;
    }
    return out;
}

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

Xapian::Query build_query(const Xapian::Database& database, const EntityResolver& resolver,
                          const SearchRequest& request) {
    Xapian::QueryParser parser;
    parser.set_database(database);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix("title", std::string(schema::k_title));
    parser.add_boolean_prefix("source", (new SourceFieldProcessor)->release());
    parser.add_rangeprocessor(
        (new Xapian::DateRangeProcessor(schema::slot(schema::Slot::date), "date:"))->release());

    std::vector<std::string> entity_terms;
    const auto text = substitute_entity_fields(normalize_query_text(request.query), resolver, entity_terms);
    parser.add_prefix(std::string(k_entity_reference_field),
                      (new EntityReferenceProcessor(std::move(entity_terms)))->release());
    // A fresh match-all query, never a copy of Xapian::Query::MatchAll: that is one shared object whose
    // reference count is not atomic, and copying it on several server threads at once corrupts it (TSan).
    Xapian::Query query{std::string()};
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
            query = Xapian::Query{std::string()};
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
    if (!request.entities.empty()) {
        std::vector<Xapian::Query> terms;
        for (const auto& name : request.entities) {
            terms.emplace_back(resolver.resolve(name).term);
        }
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
    }
    if (request.from || request.to) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, date_filter(request));
    }
    return query;
}

SearchResult search(const Xapian::Database& database, const KnowledgeBase& knowledge_base,
                    const SearchRequest& request) {
    return search(database, EntityResolver(database, knowledge_base), request);
}

SearchResult search(const Xapian::Database& database, const EntityResolver& resolver,
                    const SearchRequest& request) {
    Xapian::Enquire enquire(database);
    const auto query = build_query(database, resolver, request);
    enquire.set_query(query);
    if (request.sort == SortOrder::date) {
        enquire.set_sort_by_value_then_relevance(schema::slot(schema::Slot::date), true);
    }
    if (request.duplicates == Duplicates::collapse) {
        enquire.set_collapse_key(schema::slot(schema::Slot::content_hash));
    }
    const auto mset = enquire.get_mset(request.offset, request.limit, k_exact_count_threshold);
    check_deadline();
    SearchResult result;
    result.total = mset.get_matches_estimated();
    result.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    const Xapian::Stem stemmer("english");
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto stored = schema::stored_article(it.get_document());
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
        // Fragments are chosen by the query's own terms. SNIPPET_BACKGROUND_MODEL would also weigh every
        // other word by its collection frequency: a B-tree lookup per word of every hit, a third of a
        // search's time on 100k articles and more on bigger databases.
        hit.snippet =
            mset.snippet(stored.text, 240, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE, "**", "**", "…");
        result.hits.push_back(std::move(hit));
    }
    return result;
}

} // namespace dateline
