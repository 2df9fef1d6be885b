// The one writer of a Dateline database: routes each article to its shard (common/store/database_layout.hpp)
// and writes every shard on a thread of its own, so that Xapian's write path, the larger half of an indexing
// run's CPU time, runs on as many cores as there are shards. Replaces articles by identity, commits in
// batches, records display names and when the database was last updated.
//
// Crash safety: each shard commits atomically, so a crash or kill leaves every committed batch readable. The
// shards commit at their own pace in between explicit commits; display names live in the first shard, so a
// kill can leave an article committed in another shard whose entity's display name is not yet recorded
// (queries then show the name from the knowledge base or the article; indexing it again records it).
#pragma once

#include "store/document_builder.hpp"
#include "writing/shard_writer.hpp"

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace dateline {

/// Opens (or with DB_CREATE_OR_OPEN creates) one Xapian database for writing. Throws DataError saying what
/// to do if another indexer holds its lock, or it cannot be opened or created.
[[nodiscard]] Xapian::WritableDatabase open_writable_database(const std::string& path,
                                                              int action = Xapian::DB_CREATE_OR_OPEN);

/// Not thread-safe: one IndexWriter per database, whose members are called from one thread.
class IndexWriter {
public:
    /// Opens the database at `path`, or creates it with `shards` shards (0: default_shards(); 1: a plain
    /// Xapian database). Throws UsageError if a nonzero `shards` differs from an existing database's,
    /// DataError if another indexer holds its write lock, its schema is another version or it cannot be
    /// opened.
    IndexWriter(const std::string& path, std::size_t batch_size, std::size_t shards = 0,
                std::size_t queue_limit = 256);
    /// Writes what is queued and commits it; errors at that point are lost, so call commit() first.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Queues the document: it replaces any article with the same unique id term, and each shard commits
    /// after its share of a batch. Rethrows (as DataError) a failure of an earlier write.
    void write(BuiltDocument&& built);

    /// Writes everything queued and commits every shard (in parallel); returns once it is durable.
    void commit();

    /// Articles in the database, counting only what is committed: call after commit().
    [[nodiscard]] Xapian::doccount article_count();
    /// Of the documents written so far, how many were new and how many replaced an article: after commit().
    [[nodiscard]] std::size_t added();
    [[nodiscard]] std::size_t replaced();
    /// Per shard, in routing order: its folder, articles added and replaced so far, and articles it holds
    /// (committed only: after commit()).
    struct ShardCounts {
        std::string path;
        std::size_t added = 0, replaced = 0;
        Xapian::doccount articles = 0;
    };
    [[nodiscard]] std::vector<ShardCounts> shard_counts();

    /// How many shards the database has.
    [[nodiscard]] std::size_t shard_count() const { return m_shards.size(); }

    /// Shards for a new database: one per core, at most 8 (each shard's writer needs a core to pay off).
    [[nodiscard]] static std::size_t default_shards();

private:
    std::vector<std::unique_ptr<ShardWriter>> m_shards; ///< the first holds the metadata
    std::unordered_set<std::string> m_known_sources;    ///< sources whose display name was handed over
    std::unordered_set<std::string> m_known_entities;   ///< entity terms whose display name was handed over
};

} // namespace dateline
