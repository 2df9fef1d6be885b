#include "writing/compaction.hpp"

#include "store/database_layout.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"
#include "writing/index_writer.hpp"
#include "writing/partitioning.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace dateline {

namespace {

namespace fs = std::filesystem;

std::uint64_t total_bytes(const layout::Partitions& partitions) {
    std::uint64_t bytes = 0;
    for (const auto& shard : partitions.all_shards()) {
        bytes += folder_bytes(shard);
    }
    return bytes;
}

/// Articles in each sealed partition.
std::vector<Xapian::doccount> sealed_sizes(const layout::Partitions& partitions) {
    std::vector<Xapian::doccount> sizes;
    for (const auto& partition : partitions.sealed) {
        sizes.push_back(articles_in(partition));
    }
    return sizes;
}

/// Merges sealed partitions tier by tier until no tier holds k_merge_factor of them.
layout::Partitions merge_tiers(const std::string& path, layout::Partitions partitions,
                               std::size_t partition_size, CompactionSummary& summary) {
    while (true) {
        const auto plan = plan_merges(sealed_sizes(partitions), partition_size);
        if (plan.empty()) {
            return partitions;
        }
        partitions = merge_sealed(path, partitions, plan.front());
        summary.merged += plan.front().size();
        summary.shards += partitions.current.shards.size();
    }
}

/// Compacts every shard `fresh` does not name (written by this compaction already) into a new folder with
/// its document ids.
void compact_the_rest(const std::string& path, layout::Partitions& partitions,
                      const std::set<std::string>& fresh, CompactionSummary& summary) {
    const auto compact = [&](std::string& shard) {
        if (fresh.contains(shard)) {
            return;
        }
        const auto name = fs::path(shard).filename().string();
        const auto to = (fs::path(path) / fresh_folder_name(path, name.substr(0, name.find("-c")))).string();
        try {
            Xapian::Database(shard).compact(to, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        } catch (const Xapian::Error& e) {
            throw DataError(shard + ": cannot compact: " + e.get_description() + " (" + path +
                            " is unchanged)");
        }
        shard = to;
        ++summary.shards;
    };
    for (auto& shard : partitions.current.shards) {
        compact(shard);
    }
    for (auto& partition : partitions.sealed) {
        for (auto& shard : partition.shards) {
            compact(shard);
            // A partition sealed by an older dateline-index gets the filter of its ids now.
            if (Xapian::Database(shard).get_metadata(std::string(schema::k_meta_id_filter)).empty()) {
                store_id_filter(shard);
            }
        }
    }
}

} // namespace

CompactionSummary compact_database(const std::string& path, bool seal) {
    const auto start = std::chrono::steady_clock::now();
    if (!layout::is_sharded(path)) {
        throw UsageError(path +
                         " is a database of one folder; compact works on sharded databases (the "
                         "default). Compact this one with `xapian-compact " +
                         path + " " + path + ".new` while no indexer runs, then swap the folders");
    }
    const auto before = layout::read_partitions(path);
    CompactionSummary summary;
    summary.removed = remove_unlisted(path, before);
    summary.bytes_before = total_bytes(before);
    // Every shard's write lock, held until the new list is in place: no indexer writes into a shard while
    // it is copied (one that tries is told the database is locked).
    std::vector<Xapian::WritableDatabase> locks;
    for (const auto& shard : before.all_shards()) {
        locks.push_back(open_writable_database(shard, Xapian::DB_OPEN));
    }
    const auto partition_size = stored_partition_size(Xapian::Database(before.current.shards.front()));
    auto after = before;
    if (seal && articles_in(before.current) > 0) {
        after = seal_current(path, after);
        summary.sealed = after.sealed.back().number;
        summary.shards += after.current.shards.size();
    }
    after = merge_tiers(path, std::move(after), partition_size, summary);
    const auto listed_before = before.all_shards();
    std::set<std::string> fresh;
    for (const auto& shard : after.all_shards()) {
        if (std::find(listed_before.begin(), listed_before.end(), shard) == listed_before.end()) {
            fresh.insert(shard);
        }
    }
    compact_the_rest(path, after, fresh, summary);
    layout::write_stub(path, after);
    summary.partitions = after.sealed.size();
    summary.bytes_after = total_bytes(after);
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

} // namespace dateline
