// The subcommands of dateline-query, each a function from its arguments to an exit status, and what they
// share.
#pragma once

#include "dates.hpp"
#include "knowledge_base.hpp"
#include "output_format.hpp"

#include <boost/program_options.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

/// Options every subcommand takes.
struct CommonOptions {
    std::vector<std::string> databases; ///< empty: the default database
    std::string format = "table";
    std::vector<std::string> entity_files; ///< --entities: user knowledge-base files
};

/// The built-in knowledge base plus --entities files (their problems reported on standard error). `storage`
/// holds a user knowledge base when there is one.
const KnowledgeBase& knowledge_base_for(const CommonOptions& common, std::optional<KnowledgeBase>& storage);

/// Parses --from/--to style options; throws UsageError naming the option.
[[nodiscard]] std::optional<Day> day_option(const boost::program_options::variables_map& vm, const char* name,
                                            RangeEnd end);

/// Adds --db, --format (listing `formats`) and --help to a subcommand's options.
void add_common_options(boost::program_options::options_description& options, CommonOptions& common,
                        std::initializer_list<OutputFormat> formats);

/// Parses a subcommand's arguments; throws UsageError naming the subcommand on a bad option.
[[nodiscard]] boost::program_options::variables_map
parse_subcommand(const std::string& name, const std::vector<std::string>& arguments,
                 const boost::program_options::options_description& options,
                 const boost::program_options::positional_options_description& positional);

/// The databases to open: --db values, or the default.
[[nodiscard]] std::vector<std::string> database_paths(const CommonOptions& common);

int run_entities(const std::vector<std::string>& arguments);
int run_search(const std::vector<std::string>& arguments);
int run_stats(const std::vector<std::string>& arguments);
int run_timeline(const std::vector<std::string>& arguments);
int run_graph(const std::vector<std::string>& arguments);
int run_met(const std::vector<std::string>& arguments);
int run_export(const std::vector<std::string>& arguments);

/// The header of timeline CSV (long form), shared by timeline and export timelines.
void write_timeline_csv_header(std::ostream& out);

} // namespace dateline
