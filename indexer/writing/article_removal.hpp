// Taking articles out of a database by identity (`dateline-index delete ID...`, for takedowns): each is
// looked up in the shard its identity routes to and deleted there; every shard touched commits once, so the
// removal is durable when the call returns and a crash before then leaves the articles in place.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dateline {

struct RemovalSummary {
    std::vector<std::string> deleted;   ///< the ids as given
    std::vector<std::string> not_found; ///< ids no article has (already gone, or never indexed)
    std::size_t shards_touched = 0;
};

/// Deletes the articles with the given ids (what `dateline-query article` and search show as "id": the
/// source's id, the normalised URL, or "text:" + hash). An id that is a URL not in its normalised form is
/// looked up normalised too. Throws DataError if the database cannot be opened for writing (missing,
/// locked by an indexer, damaged) or a commit fails.
[[nodiscard]] RemovalSummary remove_articles(const std::string& path, const std::vector<std::string>& ids);

} // namespace dateline
