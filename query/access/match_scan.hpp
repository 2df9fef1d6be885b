// Visiting every article that matches a query, for exact aggregations (timelines, graphs): each match's date
// and packed entity list, read without loading document data.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// What one matching article contributes: its date (YYYYMMDD, empty if undated) and its Slot::entities value.
struct MatchRecord {
    std::string_view date;
    std::string_view entities;
};

/// The shards behind a database, as for_each_match reads them. Default: one local database.
struct Shards {
    bool remote = false;            ///< a remote shard is among them
    std::vector<std::string> local; ///< the local database folders, when there are several
};

/// Calls `each` once for every document matching `query` in `database` (which combines `shards`). Local
/// databases are read by a match spy as the match runs, one shard after another so that the spy streams the
/// shard's values (matching them on parallel threads gained nothing measurable: the aggregation in `each` is
/// ~85% of an ego graph's time); with a
/// remote shard (Xapian 1.4's stock xapian-tcpsrv runs neither user spies nor key makers) the entity slot,
/// which also holds the date, travels back as the sort key of a complete MSet sorted by that slot. Both give
/// the same records; their order is unspecified.
void for_each_match(const Xapian::Database& database, const Xapian::Query& query, const Shards& shards,
                    const std::function<void(const MatchRecord&)>& each);

} // namespace dateline
