// Co-mention graphs: entities as nodes, and for each pair the number of matching articles (or sentences) that
// mention both, with association measures so that hubs like "United States" do not swamp every picture.
#pragma once

#include "access/match_scan.hpp"
#include "aggregations/periods.hpp"
#include "entities/entity.hpp"

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dateline {

enum class CoMentionWindow { article, sentence };
enum class AssociationMeasure { count, npmi, lift };

struct GraphOptions {
    std::optional<std::string> center_term; ///< ego graph around this entity term; nothing: the whole graph
    int depth = 1;                          ///< 1: the center's neighbours; 2: also theirs
    CoMentionWindow window = CoMentionWindow::article;
    std::set<EntityType> types;      ///< empty: all
    Xapian::doccount min_weight = 1; ///< edges with a smaller count are dropped
    std::size_t top = 0;             ///< keep this many nodes (the center always); 0: all
    AssociationMeasure measure = AssociationMeasure::count; ///< ranks nodes and edges for --top
    std::optional<Granularity> by; ///< dynamic graph: edges counted per period as well
};

struct GraphNode {
    EntityType type;
    std::string id;
    std::string name;
    Xapian::doccount articles = 0; ///< matching articles that mention it
    Xapian::termcount mentions = 0;
};

struct GraphEdge {
    std::size_t source, target; ///< node indices, source < target
    Xapian::doccount count = 0; ///< articles (or sentences) mentioning both
    double npmi = 0;            ///< normalised pointwise mutual information, -1..1
    double lift = 0;            ///< observed / expected co-mentions
    std::vector<std::pair<std::string, Xapian::doccount>>
        periods; ///< with GraphOptions::by: count per period
};

struct CoMentionGraph {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    Xapian::doccount units = 0;       ///< articles (or sentences) the measures are computed over
    std::vector<std::string> periods; ///< with GraphOptions::by: every period that has an edge, in order
};

/// Builds the graph over every article matching `base`, exactly. In an ego graph, edges count the articles
/// that mention the center (depth 2: the center or a neighbour), while node counts and the measures are over
/// all of `base`'s matches. Names come from `display_name(term)`.
[[nodiscard]] CoMentionGraph
build_comention_graph(const Xapian::Database& database, const Shards& shards, const Xapian::Query& base,
                      const GraphOptions& options,
                      const std::function<std::string(const std::string&)>& display_name);

/// The value of the chosen measure for an edge.
[[nodiscard]] double edge_weight(const GraphEdge& edge, AssociationMeasure measure);

} // namespace dateline
