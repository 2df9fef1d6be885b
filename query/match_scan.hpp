// Visiting every article that matches a query, for exact aggregations (timelines, graphs): each match's date
// and packed entity list, read without loading document data.
#pragma once

#include <xapian.h>

#include <functional>
#include <string_view>

namespace dateline {

/// What one matching article contributes: its date (YYYYMMDD, empty if undated) and its Slot::entities value.
struct MatchRecord {
    std::string_view date;
    std::string_view entities;
};

enum class ShardKind { local_only, with_remote };

/// Calls `each` once for every document matching `query`. Local databases are read by a match spy as the
/// match runs; with a remote shard (Xapian 1.4's stock xapian-tcpsrv runs neither user spies nor key makers)
/// the entity slot, which also holds the date, travels back as the sort key of a complete MSet sorted by that
/// slot. Both give the same records.
void for_each_match(const Xapian::Database& database, const Xapian::Query& query, ShardKind shards,
                    const std::function<void(const MatchRecord&)>& each);

} // namespace dateline
