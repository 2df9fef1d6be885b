// Entity timelines: how many matching articles mention each entity (and how often) per day, week, month or
// year.
#pragma once

#include "access/entity_resolver.hpp"
#include "access/match_scan.hpp"
#include "aggregations/periods.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace dateline {

struct TimelinePoint {
    std::string period;
    Xapian::doccount articles = 0;
    Xapian::termcount mentions = 0;
};

struct Timeline {
    ResolvedEntity entity;
    std::vector<TimelinePoint> points; ///< one per period of the result, zero-filled
    Xapian::doccount articles = 0;     ///< dated articles in the range
    Xapian::termcount mentions = 0;
    Xapian::doccount undated = 0; ///< matching articles without a date (in no bucket)
};

struct TimelineResult {
    Granularity granularity = Granularity::month;
    std::vector<std::string> periods; ///< shared by every timeline
    std::vector<Timeline> timelines;  ///< in the order the entities were asked for
};

/// Counts, exhaustively, the articles matching `base` that mention each entity, per period. The periods run
/// from `from` (else the first matching date) to `to` (else the last), zero-filled.
[[nodiscard]] TimelineResult compute_timelines(const Xapian::Database& database, const Shards& shards,
                                               const Xapian::Query& base,
                                               const std::vector<ResolvedEntity>& entities,
                                               Granularity granularity, std::optional<Day> from,
                                               std::optional<Day> to);

/// The same timelines for a base that matches every article (of the [from, to] range), read from the
/// entity-day terms without visiting any article: one term per entity and day. Requires
/// has_entity_day_terms(database).
[[nodiscard]] TimelineResult whole_database_timelines(const Xapian::Database& database,
                                                      const std::vector<ResolvedEntity>& entities,
                                                      Granularity granularity, std::optional<Day> from,
                                                      std::optional<Day> to);

/// True if every article of `database` carries entity-day terms (schema version 2 and later).
[[nodiscard]] bool has_entity_day_terms(const Xapian::Database& database);

/// The key an entity has in a Slot::entities value ("P:Q15031"), to compare with what the slot holds.
[[nodiscard]] std::string slot_key(EntityType type, std::string_view id);

} // namespace dateline
