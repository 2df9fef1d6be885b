#include "meetings/meeting_graph.hpp"

#include <algorithm>

namespace dateline {

std::vector<std::pair<MeetingParty, MeetingParty>> meeting_pairs(const MeetingEvent& event) {
    std::vector<std::pair<MeetingParty, MeetingParty>> out;
    if (!event.recipients.empty()) {
        for (const auto& a : event.actors) {
            for (const auto& r : event.recipients) {
                out.emplace_back(a, r);
            }
        }
        return out;
    }
    for (std::size_t i = 0; i < event.actors.size(); ++i) {
        for (auto j = i + 1; j < event.actors.size(); ++j) {
            out.emplace_back(event.actors[i], event.actors[j]);
        }
    }
    return out;
}

MeetingGraph build_meeting_graph(const Xapian::Database& database, const Xapian::Query& query,
                                 const std::optional<std::pair<EntityType, std::string>>& center,
                                 const std::set<EntityType>& types) {
    MeetingGraph graph;
    std::map<std::pair<EntityType, std::string>, std::size_t> node_of;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> edge_of;
    const auto node = [&](const MeetingParty& party) {
        const auto [it, added] = node_of.try_emplace({party.type, party.id}, graph.nodes.size());
        if (added) {
            graph.nodes.push_back(MeetingNode{party, 0});
        }
        return it->second;
    };
    const auto is = [](const MeetingParty& p, const std::pair<EntityType, std::string>& e) {
        return p.type == e.first && p.id == e.second;
    };
    for_each_meeting(database, query, [&](const EventRecord& record) {
        const auto& event = record.event;
        std::set<std::size_t> counted;
        for (const auto& [a, b] : meeting_pairs(event)) {
            if ((center && !is(a, *center) && !is(b, *center)) ||
                (!types.empty() && (!types.contains(a.type) || !types.contains(b.type)))) {
                continue;
            }
            auto x = node(a);
            auto y = node(b);
            for (const auto n : {x, y}) {
                if (counted.insert(n).second) {
                    ++graph.nodes[n].events;
                }
            }
            if (y < x) {
                std::swap(x, y);
            }
            const auto [it, added] = edge_of.try_emplace({x, y}, graph.edges.size());
            if (added) {
                MeetingEdge edge;
                edge.source = x;
                edge.target = y;
                graph.edges.push_back(std::move(edge));
            }
            auto& edge = graph.edges[it->second];
            ++edge.events;
            edge.held += event.status == MeetingStatus::held ? 1 : 0;
            edge.planned += event.status == MeetingStatus::planned ? 1 : 0;
            edge.cancelled += event.status == MeetingStatus::cancelled ? 1 : 0;
            ++edge.modes[std::string(meeting_mode_name(event.mode))];
            edge.event_ids.push_back(record.id);
            if (event.status == MeetingStatus::held && !event.date.empty()) {
                edge.first = edge.first.empty() ? event.date : std::min(edge.first, event.date);
                edge.last = std::max(edge.last, event.date);
            }
        }
    });
    return graph;
}

} // namespace dateline
