// dateline-query met
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "commands/commands.hpp"
#include "meetings/meetings.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <set>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query met [PERSON] [OPTIONS]

Who met whom: pairs of people (or a person and a country's or organisation's delegation) whose meeting
a sentence reports: "X met Y", "X held talks with Y", "X hosted Y", "X spoke by phone with Y", "X and Y
met", "talks between X and Y". Negated, refused, hypothetical and merely offered meetings are left out;
planned ones ("will meet") are kept and marked planned. Each pair comes with the number of articles,
the first and last date, and every supporting sentence with its article id, date and url.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query met "Lee Jae-myung"
  dateline-query met Trump --with "Xi Jinping" --format json
  dateline-query met --from 2025-10-01 --to 2025-11-30 --format csv
)";

struct Evidence {
    std::string article, date, url, sentence;
    bool planned;
};

struct Pair {
    MeetingParty source, target;
    std::vector<Evidence> evidence;
    std::set<std::string> articles, held_articles;
    std::string first, last; ///< dates of actual (not planned) meetings
};

} // namespace

int run_met(const std::vector<std::string>& arguments) {
    CommonOptions common;
    SearchRequest request;
    std::vector<std::string> with;
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    // clang-format off
    options.add_options()
        ("with", po::value(&with)->composing(), "only meetings with this person (or country, organisation)")
        ("source", po::value(&request.sources)->composing(), "only articles from this source (repeatable)")
        ("query", po::value(&request.query), "only articles matching this search query (see search --help)")
        ("from", po::value<std::string>(), "only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY)")
        ("to", po::value<std::string>(), "only articles dated on or before this day");
    // clang-format on
    const auto parsed = parse_or_help("met", arguments, options, "person", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format =
        parse_output_format(common.format, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    read_date_filters(vm, request);
    const QueryContext context(common);
    const auto& database = context.database();
    const auto& resolver = context.resolver();
    std::vector<ResolvedEntity> required;
    if (vm.count("person")) {
        required.push_back(resolver.resolve(joined_positionals(vm, "person")));
    }
    for (const auto& name : with) {
        required.push_back(resolver.resolve(name));
    }
    auto query = build_query(database, context.resolver(), request);
    for (const auto& entity : required) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(entity.term));
    }
    // Only articles naming at least one person can hold a meeting.
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(schema::k_person)));
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::slot(schema::Slot::date), false);
    const auto mset = enquire.get_mset(0, database.get_doccount(), database.get_doccount());
    Tokenizer tokenizer;
    std::map<std::pair<std::string, std::string>, Pair> pairs;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto article = schema::decode_document_data(it.get_document().get_data());
        for (auto meeting : find_meetings(article, tokenizer)) {
            const auto involves = [&](const ResolvedEntity& e) {
                return (meeting.first.id == e.id && meeting.first.type == e.type) ||
                       (meeting.second.id == e.id && meeting.second.type == e.type);
            };
            if (!std::all_of(required.begin(), required.end(), involves)) {
                continue;
            }
            // A pair is unordered; the asked-for person comes first, else the order is by id.
            const bool swap = !required.empty() ? !(meeting.first.id == required[0].id &&
                                                    meeting.first.type == required[0].type)
                                                : meeting.second.id < meeting.first.id;
            if (swap) {
                std::swap(meeting.first, meeting.second);
            }
            auto& pair = pairs[{meeting.first.id, meeting.second.id}];
            pair.source = meeting.first;
            pair.target = meeting.second;
            pair.source.name = resolver.display_name(schema::entity_term(pair.source.type, pair.source.id));
            pair.target.name = resolver.display_name(schema::entity_term(pair.target.type, pair.target.id));
            const bool planned = meeting.kind == MeetingKind::planned;
            pair.evidence.push_back({article.id, article.date, article.url, meeting.sentence, planned});
            pair.articles.insert(article.id);
            if (!planned) {
                pair.held_articles.insert(article.id);
                if (!article.date.empty()) {
                    pair.first = pair.first.empty() ? article.date : std::min(pair.first, article.date);
                    pair.last = std::max(pair.last, article.date);
                }
            }
        }
    }
    std::vector<const Pair*> ordered;
    for (const auto& [key, pair] : pairs) {
        ordered.push_back(&pair);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Pair* a, const Pair* b) { return a->articles.size() > b->articles.size(); });
    switch (format) {
    case OutputFormat::json: {
        nlohmann::json out = nlohmann::json::array();
        for (const auto* pair : ordered) {
            nlohmann::json evidence = nlohmann::json::array();
            for (const auto& e : pair->evidence) {
                evidence.push_back({{"article", e.article},
                                    {"date", e.date},
                                    {"url", e.url},
                                    {"sentence", e.sentence},
                                    {"planned", e.planned}});
            }
            out.push_back({{"source",
                            {{"id", pair->source.id},
                             {"name", pair->source.name},
                             {"type", entity_type_name(pair->source.type)}}},
                           {"target",
                            {{"id", pair->target.id},
                             {"name", pair->target.name},
                             {"type", entity_type_name(pair->target.type)}}},
                           {"articles", pair->articles.size()},
                           {"held_articles", pair->held_articles.size()},
                           {"first", pair->first},
                           {"last", pair->last},
                           {"evidence", evidence}});
        }
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        break;
    }
    case OutputFormat::csv:
        write_csv_row(std::cout, {"source_id", "source", "target_id", "target", "articles", "first", "last",
                                  "article", "date", "url", "planned", "sentence"});
        for (const auto* pair : ordered) {
            for (const auto& e : pair->evidence) {
                write_csv_row(std::cout,
                              {pair->source.id, pair->source.name, pair->target.id, pair->target.name,
                               std::to_string(pair->articles.size()), pair->first, pair->last, e.article,
                               e.date, e.url, e.planned ? "yes" : "no", e.sentence});
            }
        }
        break;
    case OutputFormat::table:
        if (ordered.empty()) {
            std::cout << "no meetings found\n";
        }
        for (const auto* pair : ordered) {
            std::cout << pair->source.name << " — " << pair->target.name << ": " << pair->articles.size()
                      << " article" << (pair->articles.size() == 1 ? "" : "s");
            if (!pair->first.empty()) {
                std::cout << ", " << pair->first << (pair->last != pair->first ? " .. " + pair->last : "");
            }
            std::cout << "\n";
            for (const auto& e : pair->evidence) {
                std::cout << "   " << (e.date.empty() ? "(no date)" : e.date) << "  " << e.article
                          << (e.planned ? "  [planned]" : "") << "\n      " << e.sentence << "\n";
            }
        }
        break;
    }
    return 0;
}

} // namespace dateline
