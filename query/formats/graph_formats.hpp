// Writing co-mention graphs in the formats researchers' tools read: node-link JSON (d3, networkx), CSV edge
// lists, GraphML and GEXF (Gephi, networkx; GEXF carries time spells for dynamic graphs) and DOT (Graphviz).
#pragma once

#include "aggregations/comention.hpp"
#include "meetings/meeting_graph.hpp"

#include <ostream>
#include <string_view>

namespace dateline {

enum class GraphFormat { json, csv, graphml, gexf, dot };

/// Parses --format for graphs; throws UsageError listing json, csv, graphml, gexf, dot.
[[nodiscard]] GraphFormat parse_graph_format(std::string_view name);

struct GraphDescription {
    std::string_view window;  ///< "article" or "sentence"
    std::string_view measure; ///< "count", "npmi" or "lift"
    std::string_view by;      ///< period name for dynamic graphs, or empty
};

void write_graph(std::ostream& out, const CoMentionGraph& graph, GraphFormat format,
                 const GraphDescription& description, AssociationMeasure measure);

/// The graph of who met whom in `format`: edges carry the number of events (as weight), held, planned and
/// cancelled counts, the modes ("phone:2;visit:1"), the first and last day held, and (JSON) the event ids.
void write_meeting_graph(std::ostream& out, const MeetingGraph& graph, GraphFormat format);

/// "person:Q15031": a node id unique across types.
[[nodiscard]] std::string node_id(const GraphNode& node);

/// Escapes &, <, >, " and ' for XML text and attributes.
[[nodiscard]] std::string xml_escape(std::string_view text);

} // namespace dateline
