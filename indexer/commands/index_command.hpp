// The dateline-index command line: parses options and runs an indexing job. main() only calls this.
#pragma once

namespace dateline {

/// Returns the process exit status: 0 all indexed, 1 some records skipped, 2 usage or fatal error, 130
/// interrupted.
int run_index_command(int argc, char** argv);

} // namespace dateline
