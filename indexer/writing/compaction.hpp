// Compaction of a sharded database (`dateline-index compact`): each shard is rewritten by Xapian's own
// compactor (Database::compact, what xapian-compact runs) into a new folder beside it, full B-tree blocks and
// document ids kept (export cursors stay valid), and the stub is then swapped to list the new folders in one
// atomic rename. Sealed partitions of one size tier are merged into one on the way
// (writing/partitioning.hpp), and with `seal` the current partition is sealed first; both renumber documents,
// so export cursors taken before such a compaction start over. Readers opening the database see the old
// layout or the new one, never a mixture or nothing; readers with the old shards open keep them, since the
// old folders are removed only by the next compaction or sealing. Every shard's write lock is held
// throughout, so no indexer writes into a shard while it is copied. A kill at any point leaves the old stub,
// or the new one, and every committed article once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

struct CompactionSummary {
    std::size_t shards = 0;     ///< shard folders written (compacted copies and merged or sealed partitions)
    std::size_t merged = 0;     ///< sealed partitions merged into others
    unsigned sealed = 0;        ///< the number of the partition the current one was sealed into (0: none)
    std::size_t partitions = 0; ///< sealed partitions after it
    std::uint64_t bytes_before = 0, bytes_after = 0;
    std::vector<std::string> removed; ///< folders of earlier compactions (or interrupted ones) removed
    double seconds = 0;
};

/// Compacts every shard of the sharded database at `path`, merging sealed partitions of one tier and, with
/// `seal`, sealing the current partition first. Throws UsageError for a database of one folder (compact it
/// with xapian-compact while no indexer runs), DataError if a shard is locked by an indexer, is remote, or
/// cannot be compacted (the stub is then left as it was).
[[nodiscard]] CompactionSummary compact_database(const std::string& path, bool seal = false);

} // namespace dateline
