// Command-line numbers, checked once for both programs: Boost.Program_options reads "-1" into an unsigned
// option as 4294967295 (lexical_cast wraps), which asked for 2^32-1 threads. Every option whose value type is
// unsigned is checked here before parsing.
#pragma once

#include <boost/program_options/options_description.hpp>

#include <string>
#include <vector>

namespace dateline::util {

/// Throws boost::program_options::error (the callers add their --help hint) naming the option if an unsigned
/// option's value is not a whole number of 0 or more
/// ("--limit -1", "--threads=-2", "--batch 1e3").
void check_unsigned_options(const std::vector<std::string>& arguments,
                            const boost::program_options::options_description& options);

} // namespace dateline::util
