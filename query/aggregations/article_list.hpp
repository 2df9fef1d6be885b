// The articles behind a figure: every match of a query, with id, date, title and url, oldest first.
#pragma once

#include "access/match_scan.hpp"
#include "store/schema.hpp"

#include <xapian.h>

#include <functional>

#include <string>
#include <vector>

namespace dateline {

struct ArticleRef {
    std::string id, date, title, url, source;
};

/// Every article matching `query`, by date (undated last). Reads document data: meant for evidence lists,
/// which are read by people, not for aggregation.
[[nodiscard]] std::vector<ArticleRef> list_articles(const Xapian::Database& database,
                                                    const Xapian::Query& query);

/// The stored article with this id; throws NotFoundError.
[[nodiscard]] schema::StoredArticle find_article(const Xapian::Database& database, const std::string& id);

/// Where a page of articles starts: after this document (0: at the first). Document order is fixed for a
/// database, so paging by cursor never skips nor repeats an article that was there when paging began.
using ArticleCursor = Xapian::docid;

/// Calls `each` with the cursor and stored data of every article matching `query` after `after`, in document
/// order, at most `limit` of them (0: all), reading them in bounded batches. Returns the cursor of the last
/// article given to `each` (`after` if none was), and sets `more` to whether articles remain after it.
ArticleCursor
for_each_article_after(const Xapian::Database& database, const Shards& shards, const Xapian::Query& query,
                       ArticleCursor after, Xapian::doccount limit, bool& more,
                       const std::function<void(ArticleCursor, const schema::StoredArticle&)>& each);

} // namespace dateline
