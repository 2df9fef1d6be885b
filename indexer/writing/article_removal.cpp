#include "writing/article_removal.hpp"

#include "store/article_identity.hpp"
#include "store/database_layout.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"
#include "writing/index_writer.hpp"
#include "writing/shard_writer.hpp"
#include "writing/write_failure.hpp"

#include <xapian.h>

#include <filesystem>
#include <optional>

namespace dateline {

namespace {

/// The partitions of the database at `path`, each its shards in routing order (a database of one folder is
/// one partition of one shard). Throws DataError if there is no database.
std::vector<std::vector<std::string>> existing_partitions(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        throw DataError(path + ": no such database; give the --db that was indexed");
    }
    if (!layout::is_sharded(path)) {
        return {{path}};
    }
    const auto partitions = layout::read_partitions(path);
    std::vector<std::vector<std::string>> out{partitions.current.shards};
    for (const auto& partition : partitions.sealed) {
        out.push_back(partition.shards);
    }
    return out;
}

/// The unique term of the article with identity `id`, if `database` holds it.
std::optional<std::string> stored_term(const Xapian::Database& database, const std::string& id) {
    if (auto term = schema::id_term(id); database.term_exists(term)) {
        return term;
    }
    return std::nullopt;
}

} // namespace

RemovalSummary remove_articles(const std::string& path, const std::vector<std::string>& ids) {
    const auto partitions = existing_partitions(path);
    const auto per_partition = partitions.front().size();
    std::vector<std::string> folders; // every shard, partition by partition
    for (const auto& partition : partitions) {
        folders.insert(folders.end(), partition.begin(), partition.end());
    }
    std::vector<std::optional<Xapian::WritableDatabase>> shards(folders.size());
    const auto shard = [&](std::size_t index) -> Xapian::WritableDatabase& {
        if (!shards[index]) {
            shards[index].emplace(open_writable_database(folders[index], Xapian::DB_OPEN));
            // One commit at the end, however many articles go: Xapian's flushes before it stay uncommitted.
            shards[index]->begin_transaction(false);
        }
        return *shards[index];
    };
    RemovalSummary summary;
    std::vector<bool> touched(folders.size(), false);
    for (const auto& id : ids) {
        // The id as given, then its normalised form if it is a URL (which may route to another shard).
        std::optional<std::pair<std::size_t, std::string>> found;
        std::vector<std::string> candidates{id};
        if (auto normalised = normalize_url(id); normalised != id) {
            candidates.push_back(std::move(normalised));
        }
        // Its shard in each partition, the current one first.
        for (const auto& candidate : candidates) {
            const auto routed = layout::shard_of(schema::id_term(candidate), per_partition);
            for (std::size_t p = 0; p < partitions.size() && !found; ++p) {
                const auto index = p * per_partition + routed;
                if (const auto term = stored_term(shard(index), candidate)) {
                    found.emplace(index, *term);
                }
            }
            if (found) {
                break;
            }
        }
        if (!found) {
            summary.not_found.push_back(id);
            continue;
        }
        try {
            shard(found->first).delete_document(found->second);
        } catch (const Xapian::Error& e) {
            throw DataError(folders[found->first] + ": cannot delete \"" + id + "\": " + e.get_description());
        }
        touched[found->first] = true;
        summary.deleted.push_back(id);
    }
    if (!summary.deleted.empty()) {
        touched[0] = true; // the first shard's last update is the database's
    }
    for (std::size_t i = 0; i < folders.size(); ++i) {
        if (!touched[i]) {
            continue;
        }
        try {
            const WritingDatabase writing(folders[i]);
            shard(i).set_metadata(std::string(schema::k_meta_last_update), utc_now_iso());
            commit_held_changes(shard(i));
        } catch (const Xapian::Error& e) {
            throw DataError(folders[i] + ": cannot commit the deletions: " + e.get_description());
        }
        ++summary.shards_touched;
    }
    return summary;
}

} // namespace dateline
