// Exhaustive entity counts: how many matching articles mention each entity, and how often.
#pragma once

#include "access/entity_resolver.hpp"
#include "access/match_scan.hpp"
#include "entities/entity.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace dateline {

struct EntityCount {
    EntityType type;
    std::string id;
    std::string name;
    Xapian::doccount articles = 0;
    Xapian::termcount mentions = 0;
};

/// Counts entities over every article matching `query` (nothing: the whole database), optionally of one type.
/// Sorted by articles, then mentions, then id; the first `limit` (0: all). Exact: the whole database is read
/// from the term statistics, a query by visiting every match (for_each_match), and so is a database with a
/// remote shard (each term's statistics would be a round trip to every server). Names are looked up for the
/// entities returned only (a lookup each: thousands of entities co-occur with a frequent one).
[[nodiscard]] std::vector<EntityCount> count_entities(const Xapian::Database& database, const Shards& shards,
                                                      const std::optional<Xapian::Query>& query,
                                                      std::optional<EntityType> type,
                                                      const EntityResolver& names, std::size_t limit = 0);

} // namespace dateline
