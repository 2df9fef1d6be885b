// dateline-query search
#include "access/database_set.hpp"
#include "commands/commands.hpp"
#include "search/search.hpp"
#include "text/utf8.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query search QUERY [OPTIONS]

Full-text search. QUERY uses Xapian's query syntax: words (all must match), "exact phrases",
AND / OR / NOT (in capitals), -excluded, trump* (wildcard), and the fields
  title:WORD   source:NAME   date:2025-10-01..2025-11-30
  person:NAME  country:NAME  org:NAME  place:NAME  entity:NAME   (articles mentioning an entity;
  any name, alias, native-script name or id works: person:习近平, country:KR, org:APEC)
Each hit shows rank, date, source, title, id, url, score and a snippet with matches in **bold**.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query search '"Lee Jae-myung" Xi' --from 2025-10-01 --to 2025-11-30
  dateline-query search 'tariffs date:2025-07-01..2025-08-31' --sort date --format json
  dateline-query search 'title:APEC OR source:Yonhap' --collapse --format csv
  dateline-query search 'person:"Xi Jinping" person:"Lee Jae-myung" tariffs' 
)";

void print_table(std::ostream& out, const SearchResult& result, const SearchRequest& request) {
    if (result.hits.empty()) {
        out << "no matches\n";
        return;
    }
    for (const auto& hit : result.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.2f", hit.score);
        out << hit.rank << ". " << (hit.date.empty() ? "(no date)  " : hit.date) << "  "
            << util::without_controls(hit.source.empty() ? "-" : hit.source) << "  "
            << util::without_controls(hit.title) << "\n   id: " << util::without_controls(hit.id);
        if (!hit.url.empty()) {
            out << "  url: " << hit.url;
        }
        out << "  score: " << score;
        if (hit.collapsed > 0) {
            out << "  (+" << hit.collapsed << " identical cop" << (hit.collapsed == 1 ? "y" : "ies") << ")";
        }
        out << "\n   " << util::without_controls(collapse_whitespace(hit.snippet)) << "\n\n";
    }
    const auto last = request.offset + static_cast<Xapian::doccount>(result.hits.size());
    out << "hits " << request.offset + 1 << "-" << last << " of " << (result.total_is_exact ? "" : "about ")
        << result.total << "\n";
}

void print_json(std::ostream& out, const SearchResult& result, const SearchRequest& request) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& hit : result.hits) {
        hits.push_back({{"rank", hit.rank},
                        {"id", hit.id},
                        {"date", hit.date},
                        {"source", hit.source},
                        {"title", hit.title},
                        {"url", hit.url},
                        {"score", hit.score},
                        {"percent", hit.percent},
                        {"snippet", hit.snippet},
                        {"collapsed", hit.collapsed}});
    }
    const nlohmann::json doc = {
        {"query", request.query},   {"total", result.total},  {"total_exact", result.total_is_exact},
        {"offset", request.offset}, {"limit", request.limit}, {"hits", hits}};
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void print_csv(std::ostream& out, const SearchResult& result) {
    write_csv_row(out, {"rank", "id", "date", "source", "title", "url", "score", "snippet"});
    for (const auto& hit : result.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", hit.score);
        write_csv_row(out, {std::to_string(hit.rank), hit.id, hit.date, hit.source, hit.title, hit.url, score,
                            hit.snippet});
    }
}

} // namespace

int run_search(const std::vector<std::string>& arguments, CommandSession& session) {
    CommonOptions common;
    SearchRequest request;
    std::string sort = "relevance";
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    // clang-format off
    options.add_options()
        ("limit", po::value(&request.limit)->default_value(10), "number of hits to show")
        ("offset", po::value(&request.offset)->default_value(0), "skip this many hits first (paging)")
        ("sort", po::value(&sort)->default_value("relevance"), "relevance|date (newest first)")
        ("collapse", "show one article of each group of identical texts (syndicated copies)");
    // clang-format on
    add_filter_options(options, request, QueryFilter::positional);
    const auto parsed = parse_or_help("search", arguments, options, "query", -1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format =
        parse_output_format(common.format, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    request.query = joined_positionals(vm, "query");
    read_date_filters(vm, request);
    if (sort == "date") {
        request.sort = SortOrder::date;
    } else if (sort != "relevance") {
        throw UsageError("unknown --sort \"" + sort + "\"; use relevance or date");
    }
    if (vm.count("collapse")) {
        request.duplicates = Duplicates::collapse;
    }
    // The knowledge base is loaded only if the query names an entity: a plain text search never needs it.
    const auto& context = session.context(common);
    const auto result = search(context.database(), context.resolver(), request);
    switch (format) {
    case OutputFormat::table:
        print_table(session.out(), result, request);
        break;
    case OutputFormat::json:
        print_json(session.out(), result, request);
        break;
    case OutputFormat::csv:
        print_csv(session.out(), result);
        break;
    }
    return 0;
}

} // namespace dateline
