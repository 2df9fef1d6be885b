// The subcommands of dateline-query, each a function from its arguments to an exit status, and what they
// share.
#pragma once

#include "output_format.hpp"

#include <boost/program_options.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace dateline {

/// Options every subcommand takes.
struct CommonOptions {
    std::vector<std::string> databases; ///< empty: the default database
    std::string format = "table";
};

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

int run_search(const std::vector<std::string>& arguments);
int run_stats(const std::vector<std::string>& arguments);

} // namespace dateline
