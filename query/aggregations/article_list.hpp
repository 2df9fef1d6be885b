// The articles behind a figure: every match of a query, with id, date, title and url, oldest first.
#pragma once

#include <xapian.h>

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

} // namespace dateline
