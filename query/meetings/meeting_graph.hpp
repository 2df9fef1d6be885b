// The graph of who met whom: nodes are the people (and delegations) in meeting events, edges the pairs that
// met, with how often, when and how (`dateline-query graph --edges meetings`).
#pragma once

#include "meetings/meeting_search.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dateline {

struct MeetingNode {
    MeetingParty party;
    std::size_t events = 0;
};

struct MeetingEdge {
    std::size_t source = 0, target = 0; ///< indexes into MeetingGraph::nodes
    std::size_t events = 0, held = 0, planned = 0, cancelled = 0;
    std::string first, last;                  ///< days of held meetings (YYYY-MM-DD), or empty
    std::map<std::string, std::size_t> modes; ///< mode name ("" unspecified) -> events
    std::vector<std::string> event_ids;       ///< the evidence: EventRecord ids
};

struct MeetingGraph {
    std::vector<MeetingNode> nodes;
    std::vector<MeetingEdge> edges;
};

/// The meetings in the articles `query` matches, as a graph; with `center`, only the meetings it took part
/// in; with `types`, only nodes of those types. Pairs are those `met` reports (actor with recipient; every
/// two of a summit's participants).
[[nodiscard]] MeetingGraph
build_meeting_graph(const Xapian::Database& database, const Xapian::Query& query,
                    const std::optional<std::pair<EntityType, std::string>>& center,
                    const std::set<EntityType>& types);

/// The pairs one event makes: each actor with each recipient, or every two participants where all are alike.
[[nodiscard]] std::vector<std::pair<MeetingParty, MeetingParty>> meeting_pairs(const MeetingEvent& event);

} // namespace dateline
