// dateline-query stats
#include "access/database_set.hpp"
#include "aggregations/stats.hpp"
#include "commands/commands.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query stats [OPTIONS]

What the database holds: number of articles, date range, undated articles, articles per source,
when it was last updated and its size on disk.

Options)";

constexpr const char* k_examples = R"(
Example:
  dateline-query --db news.db stats --format json
)";

} // namespace

int run_stats(const std::vector<std::string>& arguments, CommandSession& session) {
    std::ostream& out = session.out();
    CommonOptions common;
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json});
    const auto vm = parse_subcommand("stats", arguments, options, {});
    if (vm.count("help")) {
        std::cout << k_help << options << k_examples;
        return 0;
    }
    const auto format = parse_output_format(common.format, {OutputFormat::table, OutputFormat::json});
    const auto& context = session.context(common);
    const auto& paths = context.paths();
    const auto stats = collect_stats(context.database(), paths);
    if (format == OutputFormat::json) {
        nlohmann::json sources = nlohmann::json::array();
        for (const auto& source : stats.sources) {
            sources.push_back({{"name", source.name}, {"articles", source.articles}});
        }
        const nlohmann::json doc = {
            {"articles", stats.articles},     {"undated", stats.undated}, {"first_date", stats.first_date},
            {"last_date", stats.last_date},   {"sources", sources},       {"last_update", stats.last_update},
            {"size_bytes", stats.size_bytes}, {"databases", paths}};
        out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return 0;
    }
    out << "articles     " << stats.articles << " (" << stats.undated << " undated)\n"
        << "dates        " << (stats.first_date.empty() ? "-" : stats.first_date + " .. " + stats.last_date)
        << "\nlast update  " << (stats.last_update.empty() ? "-" : stats.last_update) << "\nsize         "
        << stats.size_bytes / 1024 << " KiB\nsources      " << stats.sources.size() << '\n';
    for (const auto& source : stats.sources) {
        out << "  " << fit_columns(source.name, 30) << ' ' << source.articles << '\n';
    }
    return 0;
}

} // namespace dateline
