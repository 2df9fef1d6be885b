// Command-line numbers, checked once for both programs: Boost.Program_options reads "-1" into an unsigned
// option as 4294967295 (lexical_cast wraps), which asked for 2^32-1 threads. Every option whose value type is
// unsigned is checked here before parsing.
#pragma once

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/variables_map.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace dateline::util {

/// Throws boost::program_options::error (the callers add their --help hint) naming the option if an unsigned
/// option's value is not a whole number of 0 or more
/// ("--limit -1", "--threads=-2", "--batch 1e3").
void check_unsigned_options(const std::vector<std::string>& arguments,
                            const boost::program_options::options_description& options);

/// Parses `arguments` (without the program's name) against `options` and `positional`, unsigned numbers
/// checked first. Values are stored in their variables unless --help is among them (then the caller prints
/// help and nothing else is checked). A mistake throws UsageError: "PREFIXwhat; see HELP_COMMAND --help".
[[nodiscard]] boost::program_options::variables_map
parse_arguments(const std::vector<std::string>& arguments,
                const boost::program_options::options_description& options,
                const boost::program_options::positional_options_description& positional,
                std::string_view help_command, std::string_view prefix = {});

} // namespace dateline::util
