#include "aggregations/timeline.hpp"

#include "aggregations/entity_index.hpp"
#include "store/schema.hpp"

#include <map>
#include <vector>

namespace dateline {

std::string slot_key(EntityType type, std::string_view id) {
    constexpr char k_letters[] = {'P', 'C', 'O', 'L'};
    return std::string(1, k_letters[static_cast<int>(type)]) + ":" + std::string(id);
}

namespace {

/// Zero-filled points for every period of the result's range, from per-entity buckets.
void fill_points(TimelineResult& result, const std::vector<std::map<std::string, TimelinePoint>>& buckets,
                 std::optional<Day> first, std::optional<Day> last, std::optional<Day> from,
                 std::optional<Day> to) {
    const auto range_first = from ? from : first;
    const auto range_last = to ? to : last;
    if (range_first && range_last && *range_first <= *range_last) {
        result.periods = periods_between(*range_first, *range_last, result.granularity);
    }
    for (std::size_t i = 0; i < result.timelines.size(); ++i) {
        for (const auto& period : result.periods) {
            const auto it = buckets[i].find(period);
            result.timelines[i].points.push_back(it == buckets[i].end() ? TimelinePoint{period, 0, 0}
                                                                        : it->second);
            result.timelines[i].points.back().period = period;
        }
    }
}

} // namespace

bool has_entity_day_terms(const Xapian::Database& database) {
    const auto version = database.get_metadata(std::string(schema::k_meta_version));
    return !version.empty() && std::stoi(version) >= 2;
}

TimelineResult whole_database_timelines(const Xapian::Database& database,
                                        const std::vector<ResolvedEntity>& entities, Granularity granularity,
                                        std::optional<Day> from, std::optional<Day> to) {
    TimelineResult result;
    result.granularity = granularity;
    std::vector<std::map<std::string, TimelinePoint>> buckets(entities.size());
    std::optional<Day> first, last;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        auto& timeline = result.timelines.emplace_back(Timeline{entities[i], {}, 0, 0, 0});
        const auto prefix = schema::entity_day_prefix(entities[i].term);
        Xapian::doccount dated = 0;
        for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
            const auto term = *it;
            const auto day = parse_compact_day(std::string_view(term).substr(prefix.size()));
            if (!day) {
                continue;
            }
            const auto articles = it.get_termfreq();
            dated += articles;
            if ((from && *day < *from) || (to && *day > *to)) {
                continue;
            }
            const auto mentions = static_cast<Xapian::termcount>(database.get_collection_freq(term));
            auto& point = buckets[i][period_of(*day, granularity)];
            point.articles += articles;
            point.mentions += mentions;
            timeline.articles += articles;
            timeline.mentions += mentions;
            first = first ? std::min(*first, *day) : *day;
            last = last ? std::max(*last, *day) : *day;
        }
        // A date range leaves undated articles out, as the scan's date filter does.
        if (!from && !to) {
            timeline.undated = database.get_termfreq(entities[i].term) - dated;
        }
    }
    fill_points(result, buckets, first, last, from, to);
    return result;
}

TimelineResult compute_timelines(const Xapian::Database& database, const Shards& shards,
                                 const Xapian::Query& base, const std::vector<ResolvedEntity>& entities,
                                 Granularity granularity, std::optional<Day> from, std::optional<Day> to) {
    TimelineResult result;
    result.granularity = granularity;
    EntityIndex wanted;
    std::vector<std::size_t> timeline_of; // wanted's numbers -> the entity's first place in `entities`
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        if (wanted.insert(entities[i].type, entities[i].id).second) {
            timeline_of.push_back(i);
        }
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
            const auto number = wanted.find(entity.type, entity.id);
            if (!number) {
                return;
            }
            const auto index = timeline_of[*number];
            auto& timeline = result.timelines[index];
            if (!day) {
                ++timeline.undated;
                return;
            }
            auto& point = buckets[index][period_of(*day, granularity)];
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
    fill_points(result, buckets, first, last, from, to);
    return result;
}

} // namespace dateline
