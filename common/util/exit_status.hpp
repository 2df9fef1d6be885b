// The exit statuses of both programs, in one table (README, "Exit status"):
//   0  done
//   1  data: some input records or files were skipped, or a database, file, model or shard could not be used
//      (missing, locked, damaged, unreachable, disk full); the messages on standard error say which
//   2  usage: the command line is wrong (unknown option or command, bad value, unknown entity, query syntax)
//   130 interrupted (Ctrl-C); what was read before is committed
#pragma once

namespace dateline::exit_status {

inline constexpr int k_done = 0;
inline constexpr int k_data = 1;
inline constexpr int k_usage = 2;
inline constexpr int k_interrupted = 130;

} // namespace dateline::exit_status
