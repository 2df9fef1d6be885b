// Partitions of a sharded database (common/store/database_layout.hpp): sealing the current partition once it
// holds enough articles, and merging sealed partitions of a size, so that a night's writes touch a small
// database however large the archive grows (Xapian's own advice: index into a small database, compact it into
// the big one; Lucene's segments and merge policy).
//
// Every step writes new folders only and leaves the stub alone: the caller writes the new stub in one atomic
// rename once every folder it lists is complete, so a kill at any point leaves the old layout or the new one,
// each with every committed article once. Folders a stub no longer lists are removed by the next sealing or
// compaction (readers may still have them open until then).
#pragma once

#include "store/database_layout.hpp"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

/// Articles the current partition takes before it is sealed, unless the database says otherwise.
inline constexpr std::size_t k_default_partition_size = 100000;
/// How many sealed partitions of one size tier `compact` merges into one (Lucene's merge factor).
inline constexpr std::size_t k_merge_factor = 4;

/// The database's partition size (its metadata, else the default; 0: never sealed).
[[nodiscard]] std::size_t stored_partition_size(const Xapian::Database& first_shard);

/// A folder name in `path` for a new copy of `base` ("shard-03", "part-0002-03"): the base, "-c" and the UTC
/// time, with "-2" and so on if that exists already.
[[nodiscard]] std::string fresh_folder_name(const std::string& path, const std::string& base);

/// Removes the folders in `path` with Dateline's shard names that `partitions` do not list: the shards an
/// earlier sealing or compaction replaced, and the partial copies of an interrupted one. Nothing else in the
/// folder is touched. Returns the names removed.
std::vector<std::string> remove_unlisted(const std::string& path, const layout::Partitions& partitions);

/// Articles in a partition (committed).
[[nodiscard]] Xapian::doccount articles_in(const layout::Partition& partition);

/// Total size of the files in a database folder.
[[nodiscard]] std::uint64_t folder_bytes(const std::string& folder);

/// Records a Bloom filter of the article ids of the sealed shard at `folder` in its metadata, so that the
/// indexer looks up there only the ids it may hold (writing/shard_writer.hpp). Throws DataError.
void store_id_filter(const std::string& folder);

/// Seals the current partition: compacts each of its shards (document ids kept) into a new sealed
/// partition and creates an empty current partition holding the old one's metadata. Returns the new layout;
/// the caller writes its stub. The caller holds the current shards' write locks (nothing may write to them
/// while they are copied). Throws DataError.
[[nodiscard]] layout::Partitions seal_current(const std::string& path, const layout::Partitions& partitions);

/// Which sealed partitions `compact` merges: groups of k_merge_factor or more in one size tier (tier t holds
/// partitions of partition_size * 4^t articles up to the next), each by its index in `sealed`.
[[nodiscard]] std::vector<std::vector<std::size_t>>
plan_merges(const std::vector<Xapian::doccount>& articles_per_partition, std::size_t partition_size);

/// Merges `members` (indexes into partitions.sealed) into one new sealed partition, shard by shard with
/// Xapian's compactor. Returns the new layout (the merged partition, under a new number, listed last); the
/// caller writes its stub. Throws DataError.
[[nodiscard]] layout::Partitions merge_sealed(const std::string& path, const layout::Partitions& partitions,
                                              const std::vector<std::size_t>& members);

} // namespace dateline
