// dateline-query graph
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "aggregations/comention.hpp"
#include "commands/commands.hpp"
#include "formats/graph_formats.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query graph [ENTITY] [OPTIONS]

The co-mention graph of the matching articles: nodes are entities (with the number of articles that
mention them), edges the number of articles (--window article) or sentences (--window sentence) that
mention both, with two association measures so that hubs do not swamp the picture:
  npmi  normalised pointwise mutual information, -1 (never together) .. 0 (independent) .. 1 (always)
  lift  observed co-mentions / expected if independent
With ENTITY, the ego graph: the articles that mention it (--depth 2: also those of its neighbours).
Counts are exact over all matches. --by month adds a count per period to every edge (a dynamic graph:
GEXF time spells for Gephi's timeline, or a period column in CSV).
--edges meetings draws who met whom instead: edges are pairs that met (see `met` and `events`), weighted by
events, with held/planned/cancelled counts, modes and the first and last day held on every edge.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query graph "Xi Jinping" --types person,country --format json
  dateline-query graph --query APEC --window sentence --measure npmi --top 30 --format gexf > apec.gexf
  dateline-query graph "Lee Jae-myung" --depth 2 --min-weight 2 --format dot | dot -Tsvg > lee.svg
  dateline-query graph --types person --by month --format csv
  dateline-query graph "Xi Jinping" --edges meetings --format gexf > xi-meetings.gexf
)";

std::set<EntityType> parse_types(const std::string& list) {
    std::set<EntityType> types;
    std::size_t start = 0;
    while (start <= list.size() && !list.empty()) {
        auto end = list.find(',', start);
        if (end == std::string::npos) {
            end = list.size();
        }
        const auto name = list.substr(start, end - start);
        const auto type = parse_entity_type(name);
        if (!type) {
            throw UsageError("unknown type \"" + name + "\" in --types; use person, country, org, place");
        }
        types.insert(*type);
        start = end + 1;
    }
    return types;
}

} // namespace

int run_graph(const std::vector<std::string>& arguments, CommandSession& session) {
    std::ostream& out = session.out();
    CommonOptions common;
    SearchRequest request;
    std::string window = "article", measure = "count", types, by, edges = "comentions";
    GraphOptions graph_options;
    po::options_description options("");
    options.add_options()("db", po::value(&common.databases)->composing(),
                          "database to read; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")(
        "format", po::value(&common.format)->default_value("json"),
        "output format: json|csv|graphml|gexf|dot")("entities", po::value(&common.entity_files)->composing(),
                                                    "add or override knowledge-base entities")(
        "help,h", "show this help");
    // clang-format off
    options.add_options()
        ("depth", po::value(&graph_options.depth)->default_value(1), "ego graph depth: 1 or 2")
        ("window", po::value(&window)->default_value("article"), "co-mention window: article or sentence")
        ("types", po::value(&types), "node types, comma-separated: person,country,org,place (default: all)")
        ("min-weight", po::value(&graph_options.min_weight)->default_value(1), "drop edges with a smaller count")
        ("top", po::value(&graph_options.top)->default_value(0), "keep this many nodes (0: all)")
        ("measure", po::value(&measure)->default_value("count"), "edge weight and ranking: count, npmi or lift")
        ("by", po::value(&by), "dynamic graph: day, week, month or year")
        ("edges", po::value(&edges)->default_value("comentions"), "comentions, or meetings: who met whom");
    // clang-format on
    add_filter_options(options, request);
    const auto parsed = parse_or_help("graph", arguments, options, "subject", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format = parse_graph_format(common.format);
    if (graph_options.depth != 1 && graph_options.depth != 2) {
        throw UsageError("--depth must be 1 or 2");
    }
    if (window == "sentence") {
        graph_options.window = CoMentionWindow::sentence;
    } else if (window != "article") {
        throw UsageError("unknown --window \"" + window + "\"; use article or sentence");
    }
    if (measure == "npmi") {
        graph_options.measure = AssociationMeasure::npmi;
    } else if (measure == "lift") {
        graph_options.measure = AssociationMeasure::lift;
    } else if (measure != "count") {
        throw UsageError("unknown --measure \"" + measure + "\"; use count, npmi or lift");
    }
    if (!by.empty()) {
        graph_options.by = parse_granularity(by);
    }
    graph_options.types = parse_types(types);
    read_date_filters(vm, request);
    const auto& context = session.context(common);
    const auto& database = context.database();
    const auto& resolver = context.resolver();
    if (vm.count("subject")) {
        const auto center = resolver.resolve(joined_positionals(vm, "subject"));
        graph_options.center_term = center.term;
        if (!graph_options.types.empty()) {
            graph_options.types.insert(center.type); // the center is always in its own graph
        }
    }
    const auto base = build_query(database, context.resolver(), request);
    if (edges == "meetings") {
        std::optional<std::pair<EntityType, std::string>> center;
        if (vm.count("subject")) {
            const auto entity = resolver.resolve(joined_positionals(vm, "subject"));
            center.emplace(entity.type, entity.id);
        }
        write_meeting_graph(out, build_meeting_graph(database, base, center, graph_options.types), format);
        return 0;
    }
    if (edges != "comentions" && edges != "comention" && edges != "co-mentions") {
        throw UsageError("unknown --edges \"" + edges + "\"; use comentions or meetings");
    }
    const auto graph =
        build_comention_graph(database, context.shards(), base, graph_options,
                              [&](const std::string& term) { return resolver.display_name(term); });
    write_graph(out, graph, format, {window, measure, by}, graph_options.measure);
    return 0;
}

} // namespace dateline
