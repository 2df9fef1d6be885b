// The dateline-query command line: finds the subcommand and hands its arguments to it. main() only calls
// this.
#pragma once

namespace dateline {

/// Returns the process exit status: 0 success, 2 usage error (bad option, query syntax), 1 data error.
int run_query_command(int argc, char** argv);

} // namespace dateline
