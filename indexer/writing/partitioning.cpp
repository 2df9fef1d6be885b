#include "writing/partitioning.hpp"

#include "store/schema.hpp"
#include "util/bloom_filter.hpp"
#include "util/errors.hpp"
#include "writing/index_writer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

namespace dateline {

namespace fs = std::filesystem;

std::size_t stored_partition_size(const Xapian::Database& first_shard) {
    const auto stored = first_shard.get_metadata(std::string(schema::k_meta_partition_size));
    if (stored.empty()) {
        return k_default_partition_size;
    }
    try {
        return static_cast<std::size_t>(std::stoull(stored));
    } catch (const std::exception&) {
        return k_default_partition_size;
    }
}

std::string fresh_folder_name(const std::string& path, const std::string& base) {
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

std::vector<std::string> remove_unlisted(const std::string& path, const layout::Partitions& partitions) {
    std::set<std::string> keep;
    for (const auto& shard : partitions.all_shards()) {
        keep.insert(fs::path(shard).filename().string());
    }
    std::vector<std::string> removed;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path, error)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory(error) && layout::parse_folder_name(name).valid && !keep.contains(name)) {
            fs::remove_all(entry.path(), error);
            if (error) {
                throw DataError(entry.path().string() + ": cannot remove an old shard: " + error.message());
            }
            removed.push_back(name);
        }
    }
    std::sort(removed.begin(), removed.end());
    return removed;
}

Xapian::doccount articles_in(const layout::Partition& partition) {
    Xapian::doccount articles = 0;
    for (const auto& shard : partition.shards) {
        try {
            articles += Xapian::Database(shard).get_doccount();
        } catch (const Xapian::Error& e) {
            throw DataError(shard + ": cannot open: " + e.get_description());
        }
    }
    return articles;
}

std::uint64_t folder_bytes(const std::string& folder) {
    std::uint64_t bytes = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        if (entry.is_regular_file(error)) {
            bytes += entry.file_size(error);
        }
    }
    return bytes;
}

namespace {

/// A number for a new sealed partition: above every listed one and every part- folder in `path` (a partial
/// copy left by a kill is never reused).
unsigned next_partition_number(const std::string& path, const layout::Partitions& partitions) {
    unsigned highest = 0;
    for (const auto& partition : partitions.sealed) {
        highest = std::max(highest, partition.number);
    }
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path, error)) {
        highest = std::max(highest, layout::parse_folder_name(entry.path().filename().string()).partition);
    }
    return highest + 1;
}

/// Compacts `sources` (one database, or several merged) into the folder `to`, full B-tree blocks;
/// `keep_ids` keeps document ids (one source only).
void compact_into(const std::vector<std::string>& sources, const std::string& to, bool keep_ids) {
    try {
        Xapian::Database combined;
        for (const auto& source : sources) {
            combined.add_database(Xapian::Database(source));
        }
        combined.compact(to, Xapian::Compactor::FULL | (keep_ids ? Xapian::DBCOMPACT_NO_RENUMBER : 0));
    } catch (const Xapian::Error& e) {
        std::error_code ignored;
        fs::remove_all(to, ignored);
        throw DataError(sources.front() + ": cannot compact into " + to + ": " + e.get_description());
    }
}

/// A new, empty shard beside the old one holding the old one's metadata (the first shard's display names,
/// every shard's schema version), committed.
std::string empty_copy(const std::string& path, const std::string& old_shard, std::size_t index) {
    const auto name =
        fresh_folder_name(path, fs::path(layout::shard_folder(path, index)).filename().string());
    const auto folder = (fs::path(path) / name).string();
    auto fresh = open_writable_database(folder, Xapian::DB_CREATE);
    try {
        const Xapian::Database old(old_shard);
        for (auto key = old.metadata_keys_begin(); key != old.metadata_keys_end(); ++key) {
            fresh.set_metadata(*key, old.get_metadata(*key));
        }
        fresh.commit();
    } catch (const Xapian::Error& e) {
        throw DataError(folder + ": cannot create the new current shard: " + e.get_description());
    }
    return folder;
}

} // namespace

void store_id_filter(const std::string& folder) {
    try {
        auto shard = open_writable_database(folder, Xapian::DB_OPEN);
        const std::string prefix(schema::k_id);
        util::BloomFilter ids(shard.get_doccount());
        for (auto term = shard.allterms_begin(prefix); term != shard.allterms_end(prefix); ++term) {
            ids.add(*term);
        }
        shard.set_metadata(std::string(schema::k_meta_id_filter), ids.serialise());
        shard.commit();
    } catch (const Xapian::Error& e) {
        throw DataError(folder + ": cannot record its ids: " + e.get_description());
    }
}

layout::Partitions seal_current(const std::string& path, const layout::Partitions& partitions) {
    const auto number = next_partition_number(path, partitions);
    layout::Partition sealed{number, {}};
    for (std::size_t i = 0; i < partitions.current.shards.size(); ++i) {
        const auto to = (fs::path(path) / layout::sealed_folder_name(number, i)).string();
        compact_into({partitions.current.shards[i]}, to, true);
        store_id_filter(to);
        sealed.shards.push_back(to);
    }
    layout::Partitions out;
    out.current.number = 0;
    for (std::size_t i = 0; i < partitions.current.shards.size(); ++i) {
        out.current.shards.push_back(empty_copy(path, partitions.current.shards[i], i));
    }
    out.sealed = partitions.sealed;
    out.sealed.push_back(std::move(sealed));
    return out;
}

std::vector<std::vector<std::size_t>> plan_merges(const std::vector<Xapian::doccount>& articles_per_partition,
                                                  std::size_t partition_size) {
    const double unit = static_cast<double>(std::max<std::size_t>(partition_size, 1));
    std::map<int, std::vector<std::size_t>> tiers;
    for (std::size_t i = 0; i < articles_per_partition.size(); ++i) {
        const double ratio = std::max(1.0, static_cast<double>(articles_per_partition[i]) / unit);
        tiers[static_cast<int>(std::floor(std::log(ratio) / std::log(static_cast<double>(k_merge_factor))))]
            .push_back(i);
    }
    std::vector<std::vector<std::size_t>> out;
    for (auto& [tier, members] : tiers) {
        if (members.size() >= k_merge_factor) {
            out.push_back(std::move(members));
        }
    }
    return out;
}

layout::Partitions merge_sealed(const std::string& path, const layout::Partitions& partitions,
                                const std::vector<std::size_t>& members) {
    const auto number = next_partition_number(path, partitions);
    layout::Partition merged{number, {}};
    for (std::size_t i = 0; i < partitions.current.shards.size(); ++i) {
        std::vector<std::string> sources;
        for (const auto member : members) {
            sources.push_back(partitions.sealed.at(member).shards.at(i));
        }
        const auto to = (fs::path(path) / layout::sealed_folder_name(number, i)).string();
        compact_into(sources, to, false);
        store_id_filter(to);
        merged.shards.push_back(to);
    }
    layout::Partitions out;
    out.current = partitions.current;
    const std::set<std::size_t> gone(members.begin(), members.end());
    for (std::size_t i = 0; i < partitions.sealed.size(); ++i) {
        if (!gone.contains(i)) {
            out.sealed.push_back(partitions.sealed[i]);
        }
    }
    out.sealed.push_back(std::move(merged));
    return out;
}

} // namespace dateline
