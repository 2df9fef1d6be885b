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

#include "store/database_layout.hpp"
#include "store/document_builder.hpp"
#include "writing/shard_writer.hpp"

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace dateline {

/// Opens (or with DB_CREATE_OR_OPEN creates) one Xapian database for writing. Throws DataError saying what
/// to do if another indexer holds its lock, or it cannot be opened or created.
[[nodiscard]] Xapian::WritableDatabase open_writable_database(const std::string& path,
                                                              int action = Xapian::DB_CREATE_OR_OPEN);

/// Xapian flushes a writable database's in-memory inverted lists into its tables every XAPIAN_FLUSH_THRESHOLD
/// changed documents (10,000 by default). The indexer's writers keep their changes in an unflushed
/// transaction between commits (ShardWriter), so a flush there writes the lists without committing a
/// revision; small flushes keep Xapian's per-term maps of documents small, which is where its write path
/// spends its time (on Reuters-21578: 250 documents take 11-16% less CPU per article than 1,000,
/// BENCHMARKS.md). Sets the variable to `k_flush_threshold` unless the user has set it. Call once, before any
/// thread starts: the environment is read when a database is opened.
void set_xapian_flush_threshold();
inline constexpr const char* k_flush_threshold = "250";

/// Not thread-safe: one IndexWriter per database, whose members are called from one thread.
class IndexWriter {
public:
    /// Opens the database at `path`, or creates it with `shards` shards (0: default_shards(); 1: a plain
    /// Xapian database). Throws UsageError if a nonzero `shards` differs from an existing database's,
    /// DataError if another indexer holds its write lock, its schema is another version or it cannot be
    /// opened.
    /// In a sharded database the current partition is sealed whenever it reaches `partition_size` articles
    /// (writing/partitioning.hpp): the size given is stored in the database for later runs; without one the
    /// stored size or k_default_partition_size applies; 0 never seals.
    IndexWriter(const std::string& path, std::size_t batch_size, std::size_t shards = 0,
                std::size_t queue_limit = 256, std::optional<std::size_t> partition_size = std::nullopt);
    /// Writes what is queued and commits it; errors at that point are lost, so call commit() first.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Queues the document: it replaces any article with the same unique id term, and each shard commits
    /// after its share of a batch. Rethrows (as DataError) a failure of an earlier write.
    void write(BuiltDocument&& built);

    /// Writes everything queued and commits every shard (in parallel); returns once it is durable. Seals the
    /// current partition then if it is full.
    void commit();

    /// Articles in the database, counting only what is committed: call after commit().
    [[nodiscard]] Xapian::doccount article_count();
    /// Of the documents written so far, how many were new and how many replaced an article: after commit().
    [[nodiscard]] std::size_t added();
    [[nodiscard]] std::size_t replaced();
    /// Of those replaced, how many were rewritten in a sealed partition, and how many were identical to the
    /// stored copy and left as they were.
    [[nodiscard]] std::size_t replaced_sealed();
    [[nodiscard]] std::size_t unchanged();
    /// Per shard, in routing order: its folder, articles added and replaced so far, and articles it holds
    /// (committed only: after commit()).
    struct ShardCounts {
        std::string path;
        std::size_t added = 0, replaced = 0;
        Xapian::doccount articles = 0;
    };
    [[nodiscard]] std::vector<ShardCounts> shard_counts();

    /// A partition this writer sealed.
    struct Sealed {
        unsigned number = 0;
        Xapian::doccount articles = 0;
        double seconds = 0;
    };
    [[nodiscard]] const std::vector<Sealed>& sealed() const { return m_sealed; }

    /// How many shards the database has.
    [[nodiscard]] std::size_t shard_count() const { return m_shards.size(); }

    /// Shards for a new database: one per core, at most 8 (each shard's writer needs a core to pay off).
    [[nodiscard]] static std::size_t default_shards();

private:
    /// `earlier` (the count of writers closed at sealings) plus `count` of every current shard's writer.
    std::size_t sum_over_shards(std::size_t earlier, std::size_t (ShardWriter::*count)());
    /// Opens a writer for each shard of the current partition, each holding its sealed shards.
    void open_shards(const std::vector<std::string>& current, const layout::Partitions* partitions);
    /// Seals the current partition if it holds partition_size articles.
    void seal_if_full();
    /// Commits, seals the current partition and opens writers on the new one.
    void seal();
    /// Articles in the current partition, as far as the writing threads have got.
    [[nodiscard]] Xapian::doccount current_articles();
    void commit_shards();

    std::string m_path;
    std::size_t m_batch_size = 0;
    std::size_t m_queue_limit = 0;
    std::size_t m_partition_size = 0;       ///< 0: never seal (and a database of one folder)
    Xapian::doccount m_current_at_base = 0; ///< articles in the current partition at the last count
    std::size_t m_written_since_base = 0;   ///< articles written since
    std::vector<Sealed> m_sealed;
    std::size_t m_added_earlier = 0, m_replaced_earlier = 0, m_replaced_sealed_earlier = 0,
                m_unchanged_earlier = 0;                ///< by the writers of partitions sealed since
    std::vector<std::unique_ptr<ShardWriter>> m_shards; ///< the first holds the metadata
    std::unordered_set<std::string> m_known_sources;    ///< sources whose display name was handed over
    std::unordered_set<std::string> m_known_entities;   ///< entity terms whose display name was handed over
};

} // namespace dateline
