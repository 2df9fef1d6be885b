// dateline-index delete and compact: the maintenance of a database between nightly runs.
#pragma once

namespace dateline {

/// argv[0] is "delete": takes articles out by id (takedowns). Returns the exit status (util/exit_status.hpp).
int run_delete_command(int argc, char** argv);

/// argv[0] is "compact": compacts every shard and swaps them in. Returns the exit status.
int run_compact_command(int argc, char** argv);

} // namespace dateline
