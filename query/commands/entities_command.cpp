// dateline-query entities
#include "access/database_set.hpp"
#include "aggregations/article_list.hpp"
#include "aggregations/entity_counts.hpp"
#include "commands/commands.hpp"
#include "search/search.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query entities [QUERY] [OPTIONS]

People, countries, organisations and places, ranked by the number of matching articles, with the
number of mentions. Counts are exact over all matching articles. QUERY uses the search syntax
(see search --help); without it and without filters, the whole database is counted.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query entities --type person --limit 10
  dateline-query entities 'tariffs' --from 2025-10 --to 2025-11 --format json
  dateline-query entities --entity "Xi Jinping" --type person      (who is mentioned with Xi)
  dateline-query entities --doc dl-2025-1101-lee-xi-summit
)";

std::vector<EntityCount> entities_of_document(const Xapian::Database& database, const std::string& id,
                                              std::optional<EntityType> type) {
    const auto stored = find_article(database, id);
    std::vector<EntityCount> out;
    for (const auto& entity : stored.entities) {
        if (!type || entity.type == *type) {
            out.push_back({entity.type, entity.id, entity.name, 1, entity.mentions});
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.mentions > b.mentions; });
    return out;
}

} // namespace

int run_entities(const std::vector<std::string>& arguments, CommandSession& session) {
    std::ostream& out = session.out();
    CommonOptions common;
    SearchRequest request;
    std::string type_name, document;
    std::size_t limit = 20;
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    // clang-format off
    options.add_options()
        ("type", po::value(&type_name), "only this type: person, country, org or place")
        ("doc", po::value(&document), "the entities of one article, by id")
        ("limit", po::value(&limit)->default_value(20), "number of entities to show (0: all)");
    // clang-format on
    add_filter_options(options, request, QueryFilter::positional);
    const auto parsed = parse_or_help("entities", arguments, options, "query", -1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format =
        parse_output_format(common.format, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    const auto type = parse_type_option(type_name);
    request.query = joined_positionals(vm, "query");
    read_date_filters(vm, request);
    const auto& context = session.context(common);
    const auto& database = context.database();
    const auto& resolver = context.resolver();
    std::vector<EntityCount> counts;
    if (!document.empty()) {
        counts = entities_of_document(database, document, type);
    } else {
        const bool filtered = !request.query.empty() || request.from || request.to ||
                              !request.sources.empty() || !request.entities.empty();
        const auto shards = context.shards();
        counts = count_entities(database, shards,
                                filtered ? std::optional(build_query(database, context.resolver(), request))
                                         : std::nullopt,
                                type, resolver, limit);
    }
    if (limit > 0 && counts.size() > limit) {
        counts.resize(limit);
    }
    switch (format) {
    case OutputFormat::json: {
        nlohmann::json doc = nlohmann::json::array();
        for (const auto& count : counts) {
            doc.push_back({{"id", count.id},
                           {"name", count.name},
                           {"type", entity_type_name(count.type)},
                           {"articles", count.articles},
                           {"mentions", count.mentions}});
        }
        out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        break;
    }
    case OutputFormat::csv:
        write_csv_row(out, {"id", "name", "type", "articles", "mentions"});
        for (const auto& count : counts) {
            write_csv_row(out, {count.id, count.name, std::string(entity_type_name(count.type)),
                                std::to_string(count.articles), std::to_string(count.mentions)});
        }
        break;
    case OutputFormat::table:
        if (counts.empty()) {
            out << "no entities\n";
            break;
        }
        out << "articles  mentions  type     " << fit_columns("name", 32) << " id\n";
        for (const auto& count : counts) {
            char numbers[32];
            std::snprintf(numbers, sizeof numbers, "%8u  %8u  ", count.articles, count.mentions);
            out << numbers << fit_columns(entity_type_name(count.type), 8) << ' '
                << fit_columns(count.name, 32) << ' ' << count.id << '\n';
        }
        break;
    }
    return 0;
}

} // namespace dateline
