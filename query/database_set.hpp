// Opening the databases a query runs over: one or more --db paths (shards searched as one) or Xapian stub
// files.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace dateline {

/// Opens every path as one Xapian::Database. Throws DataError naming a missing or unreadable path, with the
/// command that would create it.
[[nodiscard]] Xapian::Database open_databases(const std::vector<std::string>& paths);

/// The --db default: $DATELINE_DB, else ./dateline.db.
[[nodiscard]] std::string default_database_path();

} // namespace dateline
