#include "meetings/met_pairs.hpp"

#include "meetings/meeting_graph.hpp"
#include "store/schema.hpp"

#include <algorithm>
#include <map>

namespace dateline {

namespace {

bool same(const MeetingParty& party, const ResolvedEntity& entity) {
    return party.id == entity.id && party.type == entity.type;
}

/// Adds one piece of evidence to its pair: the article, and for a held meeting its day.
void add_evidence(MetPair& pair, const EventRecord& record) {
    pair.evidence.push_back(&record);
    pair.articles.insert(record.article);
    if (record.event.status != MeetingStatus::held) {
        return;
    }
    pair.held_articles.insert(record.article);
    const auto& day = record.event.date;
    if (!day.empty()) {
        pair.first = pair.first.empty() ? day : std::min(pair.first, day);
        pair.last = std::max(pair.last, day);
    }
}

} // namespace

MetPairs collect_met_pairs(const Xapian::Database& database, const Xapian::Query& query,
                           const std::vector<ResolvedEntity>& required, std::optional<MeetingMode> mode,
                           const std::function<std::string(const std::string&)>& display_name) {
    MetPairs result;
    std::map<std::pair<std::string, std::string>, MetPair> pairs;
    for_each_meeting(database, query, [&](const EventRecord& found) {
        if (mode && found.event.mode != *mode) {
            return;
        }
        const EventRecord* record = nullptr;
        for (auto [a, b] : meeting_pairs(found.event)) {
            // (clang 14 cannot capture a structured binding: name them first)
            const auto involves = [&first = a, &second = b](const ResolvedEntity& e) {
                return same(first, e) || same(second, e);
            };
            if (!std::all_of(required.begin(), required.end(), involves)) {
                continue;
            }
            // A pair is unordered; the asked-for party comes first, else the order is by id.
            if (!required.empty() ? !same(a, required[0]) : b.id < a.id) {
                std::swap(a, b);
            }
            if (record == nullptr) {
                record = &result.records.emplace_back(found);
            }
            auto& pair = pairs[{a.id, b.id}];
            pair.source = a;
            pair.target = b;
            pair.source.name = display_name(schema::entity_term(a.type, a.id));
            pair.target.name = display_name(schema::entity_term(b.type, b.id));
            add_evidence(pair, *record);
        }
    });
    for (auto& [key, pair] : pairs) {
        result.pairs.push_back(std::move(pair));
    }
    std::stable_sort(result.pairs.begin(), result.pairs.end(), [](const MetPair& a, const MetPair& b) {
        return a.articles.size() > b.articles.size();
    });
    return result;
}

} // namespace dateline
