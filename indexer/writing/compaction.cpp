#include "writing/compaction.hpp"

#include "store/database_layout.hpp"
#include "util/errors.hpp"
#include "writing/index_writer.hpp"

#include <xapian.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <string_view>

namespace dateline {

namespace {

namespace fs = std::filesystem;

std::uint64_t folder_bytes(const fs::path& folder) {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        if (entry.is_regular_file(error)) {
            bytes += entry.file_size(error);
        }
    }
    return bytes;
}

/// The shard folders the stub lists, as names inside `path`. Throws if a shard is remote or lies elsewhere
/// (a stub edited by hand: compaction would not know where to put its copy).
std::vector<std::string> listed_shards(const std::string& path) {
    const auto shards = layout::expand(path);
    if (shards.remote || shards.local.empty()) {
        throw DataError(path +
                        ": its shard list names a remote or no database; compact on the host that writes "
                        "each shard");
    }
    std::vector<std::string> names;
    for (const auto& folder : shards.local) {
        const fs::path shard(folder);
        std::error_code error;
        if (!fs::equivalent(shard.parent_path(), path, error)) {
            throw DataError(folder + ": a shard outside " + path + "; compact it with xapian-compact");
        }
        names.push_back(shard.filename().string());
    }
    return names;
}

/// True for the folder names Dateline gives shards: "shard-03", and compacted copies
/// "shard-03-c20261201T063000" (with "-2" and so on for a second one in the same second). Nothing else in a
/// database folder is touched.
bool is_shard_name(std::string_view name) {
    if (!name.starts_with("shard-")) {
        return false;
    }
    name.remove_prefix(6);
    const auto digits = name.find_first_not_of("0123456789");
    if (digits == 0) {
        return false;
    }
    if (digits == std::string_view::npos) {
        return true;
    }
    name.remove_prefix(digits);
    return name.starts_with("-c") && name.size() > 2 &&
           name.substr(2).find_first_not_of("0123456789T-") == std::string_view::npos;
}

/// Removes the shard folders in `path` the stub does not list: the old shards of an earlier compaction (kept
/// until now for readers that had them open) and the partial copy of an interrupted one.
std::vector<std::string> remove_unlisted(const std::string& path, const std::vector<std::string>& listed) {
    const std::set<std::string> keep(listed.begin(), listed.end());
    std::vector<std::string> removed;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path, error)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory(error) && is_shard_name(name) && !keep.contains(name)) {
            fs::remove_all(entry.path(), error);
            if (error) {
                throw DataError(entry.path().string() + ": cannot remove an old shard: " + error.message());
            }
            removed.push_back(name);
        }
    }
    return removed;
}

/// A new folder name for shard `name`'s compacted copy: its base ("shard-03") and when, unused in `path`.
std::string compacted_name(const std::string& path, const std::string& name) {
    const auto base = name.substr(0, name.find("-c"));
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
    auto candidate = base + "-c" + stamp;
    for (int n = 2; fs::exists(fs::path(path) / candidate); ++n) {
        candidate = base + "-c" + stamp + "-" + std::to_string(n);
    }
    return candidate;
}

} // namespace

CompactionSummary compact_database(const std::string& path) {
    const auto start = std::chrono::steady_clock::now();
    if (!layout::is_sharded(path)) {
        throw UsageError(path +
                         " is a database of one folder; compact works on sharded databases (the "
                         "default). Compact this one with `xapian-compact " +
                         path + " " + path + ".new` while no indexer runs, then swap the folders");
    }
    auto names = listed_shards(path);
    CompactionSummary summary;
    summary.removed = remove_unlisted(path, names);
    // Every shard's write lock, held until the new list is in place: no indexer writes into a shard while
    // it is copied (one that tries is told the database is locked).
    std::vector<Xapian::WritableDatabase> locks;
    for (const auto& name : names) {
        locks.push_back(open_writable_database((fs::path(path) / name).string(), Xapian::DB_OPEN));
    }
    std::vector<std::string> compacted;
    for (const auto& name : names) {
        const auto from = fs::path(path) / name;
        const auto to = compacted_name(path, name);
        try {
            Xapian::Database(from.string())
                .compact((fs::path(path) / to).string(),
                         Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        } catch (const Xapian::Error& e) {
            throw DataError(from.string() + ": cannot compact: " + e.get_description() + " (" + path +
                            " is unchanged)");
        }
        summary.bytes_before += folder_bytes(from);
        summary.bytes_after += folder_bytes(fs::path(path) / to);
        compacted.push_back(to);
    }
    layout::write_stub(path, compacted);
    summary.shards = compacted.size();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

} // namespace dateline
