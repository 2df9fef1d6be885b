// Compaction of a sharded database (`dateline-index compact`): each shard is rewritten by Xapian's own
// compactor (Database::compact, what xapian-compact runs) into a new folder beside it, full B-tree blocks and
// document ids kept (export cursors stay valid), and the stub is then swapped to list the new folders in one
// atomic rename. Readers opening the database see the old shards or the new ones, never a mixture or nothing;
// readers with the old shards open keep them, since the old folders are removed only by the next compaction.
// The shards' write locks are held throughout, so no indexer writes into a shard while it is copied. A kill
// at any point leaves the old stub, or the new one, and every committed article.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

struct CompactionSummary {
    std::size_t shards = 0;
    std::uint64_t bytes_before = 0, bytes_after = 0;
    std::vector<std::string> removed; ///< folders of earlier compactions (or interrupted ones) removed
    double seconds = 0;
};

/// Compacts every shard of the sharded database at `path`. Throws UsageError for a database of one folder
/// (compact it with xapian-compact while no indexer runs), DataError if a shard is locked by an indexer, is
/// remote, or cannot be compacted (the stub is then left as it was).
[[nodiscard]] CompactionSummary compact_database(const std::string& path);

} // namespace dateline
