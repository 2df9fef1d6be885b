#include "timeline.hpp"

#include "schema.hpp"

#include <map>
#include <unordered_map>

namespace dateline {

std::string slot_key(EntityType type, std::string_view id) {
    constexpr char k_letters[] = {'P', 'C', 'O', 'L'};
    return std::string(1, k_letters[static_cast<int>(type)]) + ":" + std::string(id);
}

TimelineResult compute_timelines(const Xapian::Database& database, ShardKind shards,
                                 const Xapian::Query& base, const std::vector<ResolvedEntity>& entities,
                                 Granularity granularity, std::optional<Day> from, std::optional<Day> to) {
    TimelineResult result;
    result.granularity = granularity;
    std::unordered_map<std::string, std::size_t> wanted;
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        wanted.emplace(slot_key(entities[i].type, entities[i].id), i);
        terms.emplace_back(entities[i].term);
        result.timelines.push_back({entities[i], {}, 0, 0, 0});
    }
    // Per entity: period -> totals. Periods are only known at the end (the range may come from the data).
    std::vector<std::map<std::string, TimelinePoint>> buckets(entities.size());
    std::optional<Day> first, last;
    const Xapian::Query query(Xapian::Query::OP_FILTER, base,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    for_each_match(database, query, shards, [&](const MatchRecord& record) {
        const auto day = parse_compact_day(record.date);
        schema::for_each_slot_entity(record.entities, [&](const schema::SlotEntity& entity) {
            const auto it = wanted.find(slot_key(entity.type, entity.id));
            if (it == wanted.end()) {
                return;
            }
            auto& timeline = result.timelines[it->second];
            if (!day) {
                ++timeline.undated;
                return;
            }
            auto& point = buckets[it->second][period_of(*day, granularity)];
            ++point.articles;
            point.mentions += entity.mentions;
            ++timeline.articles;
            timeline.mentions += entity.mentions;
        });
        if (day) {
            first = first ? std::min(*first, *day) : *day;
            last = last ? std::max(*last, *day) : *day;
        }
    });
    const auto range_first = from ? from : first;
    const auto range_last = to ? to : last;
    if (range_first && range_last && *range_first <= *range_last) {
        result.periods = periods_between(*range_first, *range_last, granularity);
    }
    for (std::size_t i = 0; i < entities.size(); ++i) {
        for (const auto& period : result.periods) {
            const auto it = buckets[i].find(period);
            result.timelines[i].points.push_back(it == buckets[i].end() ? TimelinePoint{period, 0, 0}
                                                                        : it->second);
            result.timelines[i].points.back().period = period;
        }
    }
    return result;
}

} // namespace dateline
