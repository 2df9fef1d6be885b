// The writer of one Xapian database (a shard, or the whole of an unsharded database) on a thread of its own:
// Xapian's write path (replace_document and commit) is half of an indexing run's CPU time, so the caller
// hands documents over and goes back to its work, and only waits when `queue_limit` jobs are already waiting.
// Xapian commits are atomic, so a crash or kill leaves every committed batch readable. Between commits the
// changes wait in an unflushed Xapian transaction: Xapian's own flushes (every XAPIAN_FLUSH_THRESHOLD
// documents, set_xapian_flush_threshold()) write its in-memory lists into the tables without making a
// revision.
//
// In a partitioned database (common/store/database_layout.hpp) the writer adds to its shard of the current
// partition and also holds the same shard of every sealed partition: an article found there (re-sent, or
// corrected) is replaced where it lives. Those few replacements wait for an explicit commit (or a large
// batch), since every commit of a large sealed shard costs B-tree work across it.
#pragma once

#include "store/document_builder.hpp"
#include "util/bloom_filter.hpp"

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace dateline {

/// The current UTC time as ISO 8601 ("2026-12-01T06:30:00Z"): the database's last update.
[[nodiscard]] std::string utc_now_iso();

/// Ends the unflushed transaction a writer's changes wait in (`begin_transaction(false)`) and commits them.
void commit_held_changes(Xapian::WritableDatabase& database);

/// A metadata entry to store unless the database has one under that key already (a display name: the first
/// name seen for an id is kept).
struct MetadataDefault {
    std::string key;
    std::string value;
    bool overwrite = false; ///< a setting rather than a default: replaces what the database has
};

/// Not thread-safe: its members are called from one thread (the IndexWriter's caller).
class ShardWriter {
public:
    /// Takes over `database` and starts the writing thread, named `thread_name` (top -H, perf, gdb). `path`
    /// names the shard in errors. `sealed` are the same shard of each sealed partition, newest first.
    ShardWriter(Xapian::WritableDatabase database, std::string path, std::size_t batch_size,
                std::size_t queue_limit, std::string thread_name,
                std::vector<Xapian::WritableDatabase> sealed = {});
    /// Writes what is queued and commits it; errors at that point are lost, so call commit() first.
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    /// Queues a document, which replaces any article with the same unique id term (one identical to it is
    /// left as it is), and metadata defaults (either may be empty); a commit follows a full batch of
    /// documents, but at most one a second (a reader may read a revision until two newer ones are committed:
    /// commits in quick succession would make every query longer than a few of them fail), always at a batch
    /// boundary. Rethrows (as DataError) a failure of an earlier write.
    void write(std::optional<BuiltDocument>&& document, std::vector<MetadataDefault>&& metadata);

    /// Rethrows (as DataError) a failure of an earlier write, if there was one.
    void check();

    /// Asks for everything queued to be written and committed; returns a ticket for wait_for_commit().
    [[nodiscard]] std::size_t request_commit();
    /// Returns once the commit `ticket` asked for is durable; rethrows a failure.
    void wait_for_commit(std::size_t ticket);

    /// Articles in the shard (current and sealed partitions), counting only what is committed: call after a
    /// commit.
    [[nodiscard]] Xapian::doccount article_count();
    /// Articles in the shard of the current partition, committed or not.
    [[nodiscard]] Xapian::doccount current_count();
    /// Of the documents written so far, how many were new and how many replaced an article.
    [[nodiscard]] std::size_t added();
    [[nodiscard]] std::size_t replaced();
    /// Of those replaced, how many were rewritten in a sealed partition.
    [[nodiscard]] std::size_t replaced_sealed();
    /// Of those replaced, how many were identical to the stored copy (same stored data: same text, fields
    /// and tags), which is then left as it is.
    [[nodiscard]] std::size_t unchanged();
    /// The shard's folder.
    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    struct Job {
        std::optional<BuiltDocument> document;
        std::vector<MetadataDefault> metadata;
    };

    void run(const std::string& thread_name);
    void write_now(const Job& job);
    struct SealedShard;
    /// Commits the current shard, and with `everything` the sealed shards with changes too.
    void commit_now(bool everything);
    /// Ends a sealed shard's transaction and commits it.
    static void commit_sealed(SealedShard& shard);
    /// Replaces the article in the sealed shard that holds it (unless it is unchanged); false if none does.
    bool write_to_sealed(const BuiltDocument& built);
    /// The id of the document indexed by the unique term `id_term` (uncommitted changes included), or 0.
    static Xapian::docid stored_docid(Xapian::WritableDatabase& database, const std::string& id_term);
    void rethrow_failure();

    struct SealedShard {
        Xapian::WritableDatabase database;
        std::optional<util::BloomFilter> ids; ///< its article ids, if recorded: others need no look-up
        std::size_t pending = 0;              ///< replaced since its last commit
    };

    Xapian::WritableDatabase m_database;
    std::vector<SealedShard> m_sealed; ///< owned by the writing thread once it runs
    std::string m_path;
    std::size_t m_batch_size;
    std::size_t m_queue_limit;
    static constexpr std::size_t k_wake_batch = 16; ///< queued jobs that wake the writing thread
    // Owned by the writing thread.
    std::size_t m_pending = 0; ///< documents written since the last commit
    std::chrono::steady_clock::time_point m_last_commit = std::chrono::steady_clock::now();
    bool m_metadata_pending = false; ///< metadata set since the last commit
    // Shared, under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_work_ready; ///< the writing thread waits for jobs or a commit request
    std::condition_variable m_work_done;  ///< the caller waits for room in the queue or a finished commit
    std::deque<Job> m_queue;
    std::size_t m_commit_requests = 0; ///< request_commit() calls so far
    std::size_t m_commits_done = 0;    ///< requests the writing thread has carried out
    std::size_t m_added = 0;
    std::size_t m_replaced = 0;
    std::size_t m_replaced_sealed = 0;
    std::size_t m_unchanged = 0;
    Xapian::doccount m_current_count = 0;
    bool m_stopping = false;
    std::exception_ptr m_failure; ///< the first failure of the writing thread
    std::thread m_thread;
};

} // namespace dateline
