// Opening the databases a query runs over: one or more --db paths (shards searched as one) or Xapian stub
// files.
#pragma once

#include "store/database_layout.hpp"

#include "access/match_scan.hpp"

#include <xapian.h>

#include <string>
#include <vector>

namespace dateline {

/// Opens every path as one Xapian::Database. A path is a database folder, a Xapian stub file (which may list
/// `remote` shards served by xapian-tcpsrv), or tcp://HOST:PORT for one remote shard. Throws DataError naming
/// a missing, unreadable or unreachable shard, with the command that would create a missing one. Remote
/// shards time out after $DATELINE_REMOTE_TIMEOUT seconds (default 10) instead of hanging.
[[nodiscard]] Xapian::Database open_databases(const std::vector<std::string>& paths);

/// The shards behind the paths, for for_each_match: every local database folder the paths name (sharded
/// database folders and stub files expanded) and whether a remote shard is among them. Throws DataError for
/// an unreadable stub.
[[nodiscard]] Shards shards_of(const std::vector<std::string>& paths);

} // namespace dateline
