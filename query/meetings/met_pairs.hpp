// Who met whom: the pairs of parties whose meeting sentences report, with every supporting sentence
// (`dateline-query met`, /api/met).
#pragma once

#include "access/entity_resolver.hpp"
#include "meetings/meeting_search.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dateline {

struct MetPair {
    MeetingParty source, target; ///< the asked-for party first, else ordered by id; names for display
    std::vector<const EventRecord*> evidence; ///< into MetPairs::records, in date order
    std::set<std::string> articles, held_articles;
    std::string first, last; ///< days of held meetings (YYYY-MM-DD), or empty
};

struct MetPairs {
    std::deque<EventRecord> records; ///< every event that is evidence for a pair (stable addresses)
    std::vector<MetPair> pairs;      ///< most articles first; ties by (source id, target id)
};

/// The pairs that met in the articles `query` matches: only those that include every one of `required` (the
/// first of which comes first in its pairs) and, with `mode`, only meetings of that mode. Names come from
/// `display_name(term)`.
[[nodiscard]] MetPairs collect_met_pairs(const Xapian::Database& database, const Xapian::Query& query,
                                         const std::vector<ResolvedEntity>& required,
                                         std::optional<MeetingMode> mode,
                                         const std::function<std::string(const std::string&)>& display_name);

} // namespace dateline
