// The one writer of a Dateline database: replaces articles by identity, commits in batches, and records when
// the database was last updated. Xapian commits are atomic, so a crash or kill leaves every committed batch
// readable.
#pragma once

#include "document_builder.hpp"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_set>

namespace dateline {

enum class WriteResult { added, replaced };

/// Not thread-safe: one IndexWriter per database, used from one thread.
class IndexWriter {
public:
    /// Opens or creates the database at `path`. Throws DataError if another indexer holds its write lock or
    /// it cannot be opened.
    IndexWriter(const std::string& path, std::size_t batch_size);

    /// Adds the document, replacing any article with the same unique id term; commits when a batch is full.
    WriteResult write(const BuiltDocument& built);

    /// Commits pending changes (a no-op if there are none).
    void commit();

    [[nodiscard]] Xapian::doccount article_count() const { return m_database.get_doccount(); }
    [[nodiscard]] std::size_t commits() const { return m_commits; }

private:
    Xapian::WritableDatabase m_database;
    std::size_t m_batch_size;
    std::size_t m_pending = 0;
    std::size_t m_commits = 0;
    std::unordered_set<std::string> m_known_sources;  ///< sources whose display name is already stored
    std::unordered_set<std::string> m_known_entities; ///< entity terms whose display name is already stored
};

} // namespace dateline
