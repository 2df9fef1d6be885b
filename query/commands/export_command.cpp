// dateline-query export
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "access/match_scan.hpp"
#include "aggregations/entity_index.hpp"
#include "aggregations/periods.hpp"
#include "aggregations/timeline.hpp"
#include "commands/commands.hpp"
#include "search/search.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <vector>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query export timelines [OPTIONS]

Every entity's timeline over the whole database (or the articles matching --query and the filters), in
long form: one row per entity and period in which it is mentioned, with the number of articles and of
mentions (periods without mentions are left out). Rows are grouped by entity, most mentioned first,
and written as they are ready.
  csv:   entity_id,name,type,period,articles,mentions
  jsonl: one JSON object per row with the same keys

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query export timelines --by month --out timelines.csv
  dateline-query export timelines --type person --query tariffs --format jsonl
)";

struct Counts {
    Xapian::doccount articles = 0;
    Xapian::termcount mentions = 0;
};

} // namespace

int run_export(const std::vector<std::string>& arguments) {
    CommonOptions common;
    SearchRequest request;
    std::string by = "month", type_name, out_path;
    po::options_description options("");
    options.add_options()("db", po::value(&common.databases)->composing(),
                          "database to read; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")(
        "format", po::value(&common.format)->default_value("csv"),
        "output format: csv|jsonl")("entities", po::value(&common.entity_files)->composing(),
                                    "add or override knowledge-base entities")("help,h", "show this help");
    // clang-format off
    options.add_options()
        ("type", po::value(&type_name), "only this entity type: person, country, org or place")
        ("by", po::value(&by)->default_value("month"), "period: day, week, month or year")
        ("out", po::value(&out_path), "write to this file instead of standard output");
    // clang-format on
    add_filter_options(options, request);
    const auto parsed = parse_or_help("export", arguments, options, "what", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    if (!vm.count("what") || joined_positionals(vm, "what") != "timelines") {
        throw UsageError("export: say what to export: dateline-query export timelines [OPTIONS]");
    }
    if (common.format != "csv" && common.format != "jsonl") {
        throw UsageError("unknown --format \"" + common.format + "\"; use csv or jsonl");
    }
    const auto granularity = parse_granularity(by);
    const auto type = parse_type_option(type_name);
    read_date_filters(vm, request);
    const QueryContext context(common);
    const auto& database = context.database();
    const auto& resolver = context.resolver();
    const auto query = build_query(database, context.resolver(), request);

    // Per entity (seen's numbers): period -> counts; periods sort as strings in time order.
    EntityIndex seen;
    std::vector<std::map<std::string, Counts>> timelines;
    std::vector<Xapian::termcount> totals;
    for_each_match(database, query, context.shards(), [&](const MatchRecord& record) {
        const auto day = parse_compact_day(record.date);
        if (!day) {
            return;
        }
        const auto period = period_of(*day, granularity);
        schema::for_each_slot_entity(record.entities, [&](const schema::SlotEntity& entity) {
            if (type && entity.type != *type) {
                return;
            }
            const auto [number, added] = seen.insert(entity.type, entity.id);
            if (added) {
                timelines.emplace_back();
                totals.push_back(0);
            }
            auto& counts = timelines[number][period];
            ++counts.articles;
            counts.mentions += entity.mentions;
            totals[number] += entity.mentions;
        });
    });
    std::vector<std::size_t> order(seen.size());
    for (std::size_t number = 0; number < order.size(); ++number) {
        order[number] = number;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return totals[a] != totals[b]
                   ? totals[a] > totals[b]
                   : slot_key(seen.type(a), seen.id(a)) < slot_key(seen.type(b), seen.id(b));
    });
    std::ofstream file;
    if (!out_path.empty()) {
        file.open(out_path, std::ios::binary);
        if (!file) {
            throw DataError(out_path + ": cannot open for writing");
        }
    }
    std::ostream& out = out_path.empty() ? std::cout : file;
    if (common.format == "csv") {
        write_timeline_csv_header(out);
    }
    for (const auto number : order) {
        const auto term_type = seen.type(number);
        const auto& id = seen.id(number);
        const auto name = resolver.display_name(schema::entity_term(term_type, id));
        for (const auto& [period, counts] : timelines[number]) {
            if (common.format == "csv") {
                write_csv_row(out, {id, name, std::string(entity_type_name(term_type)), period,
                                    std::to_string(counts.articles), std::to_string(counts.mentions)});
            } else {
                const nlohmann::json row = {{"entity_id", id},
                                            {"name", name},
                                            {"type", entity_type_name(term_type)},
                                            {"period", period},
                                            {"articles", counts.articles},
                                            {"mentions", counts.mentions}};
                out << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            }
        }
    }
    if (!out_path.empty() && !file) {
        throw DataError(out_path + ": write failed");
    }
    return 0;
}

} // namespace dateline
