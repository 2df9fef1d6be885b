// The one writer of a Dateline database: replaces articles by identity, commits in batches, and records when
// the database was last updated. Xapian commits are atomic, so a crash or kill leaves every committed batch
// readable.
//
// Xapian's write path (replace_document and commit) is half of an indexing run's CPU time, so it runs on a
// thread of its own: the caller hands documents over and goes back to reading input, and only waits when
// `queue_limit` documents are already waiting to be written.
#pragma once

#include "document_builder.hpp"

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>

namespace dateline {

/// Not thread-safe: one IndexWriter per database, whose members are called from one thread.
class IndexWriter {
public:
    /// Opens or creates the database at `path`. Throws DataError if another indexer holds its write lock or
    /// it cannot be opened.
    IndexWriter(const std::string& path, std::size_t batch_size, std::size_t queue_limit = 256);
    /// Writes what is queued and commits it; errors at that point are lost, so call commit() first.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Queues the document: it replaces any article with the same unique id term, and a commit follows each
    /// full batch. Rethrows (as DataError) a failure of an earlier write.
    void write(BuiltDocument&& built);

    /// Writes everything queued and commits it (a no-op if nothing is pending); returns once it is durable.
    void commit();

    /// Articles in the database, counting only what is committed: call after commit().
    [[nodiscard]] Xapian::doccount article_count();
    /// Of the documents written so far, how many were new and how many replaced an article: after commit().
    [[nodiscard]] std::size_t added();
    [[nodiscard]] std::size_t replaced();

private:
    void run();
    void write_now(const BuiltDocument& built);
    void commit_now();
    void rethrow_failure();

    Xapian::WritableDatabase m_database;
    std::size_t m_batch_size;
    std::size_t m_queue_limit;
    // Owned by the writing thread.
    std::size_t m_pending = 0;
    std::unordered_set<std::string> m_known_sources;  ///< sources whose display name is already stored
    std::unordered_set<std::string> m_known_entities; ///< entity terms whose display name is already stored
    // Shared, under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_work_ready; ///< the writing thread waits for documents or a commit request
    std::condition_variable m_work_done;  ///< the caller waits for room in the queue or a finished commit
    std::deque<BuiltDocument> m_queue;
    std::size_t m_commit_requests = 0; ///< commit() calls so far
    std::size_t m_commits_done = 0;    ///< requests the writing thread has carried out
    std::size_t m_added = 0;
    std::size_t m_replaced = 0;
    bool m_stopping = false;
    std::exception_ptr m_failure; ///< the first failure of the writing thread
    std::thread m_thread;
};

} // namespace dateline
