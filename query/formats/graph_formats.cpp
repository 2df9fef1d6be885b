#include "formats/graph_formats.hpp"

#include "formats/output_format.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace dateline {

namespace {

/// Six significant digits, as printf's %.6g writes them, without printf's locale and format parsing.
std::string number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6);
    return std::string(buffer, result.ptr);
}

/// Where the first field of a CSV row ends (its comma), minding quotes.
std::size_t csv_field_end(const std::string& row) {
    if (row.empty() || row[0] != '"') {
        return row.find(',');
    }
    for (std::size_t i = 1; i < row.size(); ++i) {
        if (row[i] == '"') {
            if (i + 1 < row.size() && row[i + 1] == '"') {
                ++i; // an escaped quote
                continue;
            }
            return i + 1;
        }
    }
    return row.size();
}

/// A JSON number as nlohmann writes one (shortest round trip; null for what JSON cannot hold).
std::string json_number(double value) {
    if (!std::isfinite(value)) {
        return "null";
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".eE") == std::string::npos) {
        text += ".0"; // a double stays a double for readers that care
    }
    return text;
}

std::string json_string(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// networkx's node-link JSON. Nodes go through nlohmann; links, which can number hundreds of thousands, are
/// written directly (a JSON tree of that size costs seconds to build).
void write_json(std::ostream& out, const CoMentionGraph& graph, const GraphDescription& description,
                AssociationMeasure measure) {
    const nlohmann::json header = {
        {"window", description.window}, {"measure", description.measure}, {"units", graph.units}};
    out << "{\n  \"directed\": false,\n  \"graph\": "
        << header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << ",\n  \"links\": [";
    std::vector<std::string> ids;
    ids.reserve(graph.nodes.size());
    for (const auto& node : graph.nodes) {
        ids.push_back(json_string(node_id(node)));
    }
    std::string buffer;
    bool first = true;
    for (const auto& edge : graph.edges) {
        buffer.append(first ? "\n    {" : ",\n    {");
        first = false;
        buffer.append("\"count\": ").append(std::to_string(edge.count));
        buffer.append(", \"lift\": ").append(json_number(edge.lift));
        buffer.append(", \"npmi\": ").append(json_number(edge.npmi));
        if (!description.by.empty()) {
            buffer.append(", \"periods\": {");
            bool first_period = true;
            for (const auto& [period, count] : edge.periods) {
                buffer.append(first_period ? "" : ", ").append(json_string(period)).append(": ");
                buffer.append(std::to_string(count));
                first_period = false;
            }
            buffer.append("}");
        }
        buffer.append(", \"source\": ").append(ids[edge.source]);
        buffer.append(", \"target\": ").append(ids[edge.target]);
        buffer.append(", \"weight\": ").append(json_number(edge_weight(edge, measure))).append("}");
        if (buffer.size() > (1u << 16)) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out << (graph.edges.empty() ? "],\n" : "\n  ],\n") << "  \"multigraph\": false,\n  \"nodes\": [";
    first = true;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const auto& node = graph.nodes[i];
        const nlohmann::json entry = {{"id", node_id(node)},       {"entity_id", node.id},
                                      {"name", node.name},         {"type", entity_type_name(node.type)},
                                      {"articles", node.articles}, {"mentions", node.mentions}};
        out << (first ? "\n    " : ",\n    ")
            << entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        first = false;
    }
    out << (graph.nodes.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

void write_csv(std::ostream& out, const CoMentionGraph& graph, const GraphDescription& description) {
    std::vector<std::string> header = {"source", "target", "source_name", "target_name",
                                       "count",  "npmi",   "lift"};
    if (!description.by.empty()) {
        header.push_back("period");
    }
    write_csv_row(out, header);
    // Each node's fields once, escaped: a big graph has far more edges than nodes. Rows are assembled in one
    // buffer and written in large pieces (a quarter of a million edges is common).
    std::vector<std::string> fields;
    fields.reserve(graph.nodes.size());
    for (const auto& node : graph.nodes) {
        std::ostringstream escaped;
        write_csv_row(escaped, {node_id(node), node.name});
        auto pair = escaped.str();
        pair.pop_back(); // the newline
        fields.push_back(std::move(pair));
    }
    std::string buffer;
    const auto flush = [&] {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    };
    const auto append_row = [&](const GraphEdge& edge, std::uint64_t count, const std::string* period) {
        // source,target,source_name,target_name: the two nodes' "id,name" pairs interleaved.
        const auto& a = fields[edge.source];
        const auto& b = fields[edge.target];
        const auto a_comma = csv_field_end(a);
        const auto b_comma = csv_field_end(b);
        buffer.append(a, 0, a_comma).append(1, ',').append(b, 0, b_comma).append(1, ',');
        buffer.append(a, a_comma + 1).append(1, ',').append(b, b_comma + 1).append(1, ',');
        buffer.append(std::to_string(count)).append(1, ',').append(number(edge.npmi)).append(1, ',');
        buffer.append(number(edge.lift));
        if (period != nullptr) {
            buffer.append(1, ',').append(*period);
        }
        buffer.append(1, '\n');
        if (buffer.size() > (1u << 16)) {
            flush();
        }
    };
    for (const auto& edge : graph.edges) {
        if (description.by.empty()) {
            append_row(edge, edge.count, nullptr);
            continue;
        }
        for (const auto& [period, count] : edge.periods) {
            append_row(edge, count, &period);
        }
    }
    flush();
}

void write_graphml(std::ostream& out, const CoMentionGraph& graph, AssociationMeasure measure) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
           "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
           "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
           "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"int\"/>\n"
           "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
           "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
           "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
           "  <key id=\"npmi\" for=\"edge\" attr.name=\"npmi\" attr.type=\"double\"/>\n"
           "  <key id=\"lift\" for=\"edge\" attr.name=\"lift\" attr.type=\"double\"/>\n"
           "  <graph id=\"comentions\" edgedefault=\"undirected\">\n";
    for (const auto& node : graph.nodes) {
        out << "    <node id=\"" << xml_escape(node_id(node)) << "\">"
            << "<data key=\"name\">" << xml_escape(node.name) << "</data>"
            << "<data key=\"type\">" << entity_type_name(node.type) << "</data>"
            << "<data key=\"articles\">" << node.articles << "</data>"
            << "<data key=\"mentions\">" << node.mentions << "</data></node>\n";
    }
    std::size_t n = 0;
    for (const auto& edge : graph.edges) {
        out << "    <edge id=\"e" << n++ << "\" source=\"" << xml_escape(node_id(graph.nodes[edge.source]))
            << "\" target=\"" << xml_escape(node_id(graph.nodes[edge.target])) << "\">"
            << "<data key=\"weight\">" << number(edge_weight(edge, measure)) << "</data>"
            << "<data key=\"count\">" << edge.count << "</data>"
            << "<data key=\"npmi\">" << number(edge.npmi) << "</data>"
            << "<data key=\"lift\">" << number(edge.lift) << "</data></edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

/// GEXF 1.2 (the version both Gephi and networkx read). A dynamic graph (--by) gives each edge a spell per
/// period with its count there, which Gephi's timeline plays; periods are written as dates (the period's
/// first and last day).
void write_gexf(std::ostream& out, const CoMentionGraph& graph, const GraphDescription& description,
                AssociationMeasure measure, std::optional<Granularity> by) {
    const bool dynamic = by.has_value();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" "
           "version=\"1.2\">\n"
           "  <meta><creator>Dateline</creator><description>co-mentions by "
        << xml_escape(description.window) << ", weight = " << xml_escape(description.measure)
        << "</description></meta>\n"
        << "  <graph defaultedgetype=\"undirected\" mode=\"" << (dynamic ? "dynamic" : "static") << "\""
        << (dynamic ? " timeformat=\"date\" timerepresentation=\"interval\"" : "") << ">\n"
        << "    <attributes class=\"node\">\n"
           "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
           "      <attribute id=\"articles\" title=\"articles\" type=\"integer\"/>\n"
           "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n"
           "    </attributes>\n"
           "    <attributes class=\"edge\">\n"
           "      <attribute id=\"count\" title=\"count\" type=\"integer\"/>\n"
           "      <attribute id=\"npmi\" title=\"npmi\" type=\"double\"/>\n"
           "      <attribute id=\"lift\" title=\"lift\" type=\"double\"/>\n"
           "    </attributes>\n"
           "    <nodes>\n";
    for (const auto& node : graph.nodes) {
        out << "      <node id=\"" << xml_escape(node_id(node)) << "\" label=\"" << xml_escape(node.name)
            << "\"><attvalues><attvalue for=\"type\" value=\"" << entity_type_name(node.type)
            << "\"/><attvalue for=\"articles\" value=\"" << node.articles
            << "\"/><attvalue for=\"mentions\" value=\"" << node.mentions << "\"/></attvalues></node>\n";
    }
    out << "    </nodes>\n    <edges>\n";
    std::size_t n = 0;
    for (const auto& edge : graph.edges) {
        out << "      <edge id=\"e" << n++ << "\" source=\"" << xml_escape(node_id(graph.nodes[edge.source]))
            << "\" target=\"" << xml_escape(node_id(graph.nodes[edge.target])) << "\" weight=\""
            << number(std::max(edge_weight(edge, measure), 0.0)) << "\"><attvalues>";
        if (dynamic) {
            for (const auto& [period, count] : edge.periods) {
                const auto bounds = period_bounds(period, *by);
                out << "<attvalue for=\"count\" value=\"" << count << "\" start=\""
                    << format_iso_day(bounds.first) << "\" end=\"" << format_iso_day(bounds.last) << "\"/>";
            }
        } else {
            out << "<attvalue for=\"count\" value=\"" << edge.count << "\"/>";
        }
        out << "<attvalue for=\"npmi\" value=\"" << number(edge.npmi) << "\"/><attvalue for=\"lift\" value=\""
            << number(edge.lift) << "\"/></attvalues>";
        if (dynamic) {
            out << "<spells>";
            for (const auto& [period, count] : edge.periods) {
                const auto bounds = period_bounds(period, *by);
                out << "<spell start=\"" << format_iso_day(bounds.first) << "\" end=\""
                    << format_iso_day(bounds.last) << "\"/>";
            }
            out << "</spells>";
        }
        out << "</edge>\n";
    }
    out << "    </edges>\n  </graph>\n</gexf>\n";
}

std::string dot_quote(std::string_view raw) {
    const auto text = util::without_controls(raw);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

void write_dot(std::ostream& out, const CoMentionGraph& graph, AssociationMeasure measure) {
    out << "graph comentions {\n  graph [overlap=false, splines=true];\n  node [shape=ellipse, "
           "fontname=\"sans\"];\n";
    const char* colours[] = {"#8dd3c7", "#fdb462", "#bebada", "#b3de69"};
    for (const auto& node : graph.nodes) {
        out << "  " << dot_quote(node_id(node)) << " [label=" << dot_quote(node.name)
            << ", style=filled, fillcolor=\"" << colours[static_cast<int>(node.type)] << "\", tooltip="
            << dot_quote(std::string(entity_type_name(node.type)) + ", " + std::to_string(node.articles) +
                         " articles")
            << "];\n";
    }
    for (const auto& edge : graph.edges) {
        out << "  " << dot_quote(node_id(graph.nodes[edge.source])) << " -- "
            << dot_quote(node_id(graph.nodes[edge.target])) << " [weight=" << edge.count
            << ", label=" << dot_quote(number(edge_weight(edge, measure))) << "];\n";
    }
    out << "}\n";
}

} // namespace

GraphFormat parse_graph_format(std::string_view name) {
    constexpr std::pair<std::string_view, GraphFormat> k_names[] = {{"json", GraphFormat::json},
                                                                    {"csv", GraphFormat::csv},
                                                                    {"graphml", GraphFormat::graphml},
                                                                    {"gexf", GraphFormat::gexf},
                                                                    {"dot", GraphFormat::dot}};
    for (const auto& [known, format] : k_names) {
        if (known == name) {
            return format;
        }
    }
    throw UsageError("unknown --format \"" + std::string(name) + "\"; use json, csv, graphml, gexf or dot");
}

std::string node_id(const GraphNode& node) {
    return std::string(entity_type_name(node.type)) + ":" + node.id;
}

std::string xml_escape(std::string_view raw) {
    const auto text = util::without_controls(raw); // XML 1.0 has no place for them, even escaped
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void write_graph(std::ostream& out, const CoMentionGraph& graph, GraphFormat format,
                 const GraphDescription& description, AssociationMeasure measure) {
    std::optional<Granularity> by;
    if (!description.by.empty()) {
        by = parse_granularity(description.by);
    }
    switch (format) {
    case GraphFormat::json:
        write_json(out, graph, description, measure);
        break;
    case GraphFormat::csv:
        write_csv(out, graph, description);
        break;
    case GraphFormat::graphml:
        write_graphml(out, graph, measure);
        break;
    case GraphFormat::gexf:
        write_gexf(out, graph, description, measure, by);
        break;
    case GraphFormat::dot:
        write_dot(out, graph, measure);
        break;
    }
}

namespace {

std::string meeting_node_id(const MeetingParty& party) {
    return std::string(entity_type_name(party.type)) + ":" + party.id;
}

std::string modes_text(const MeetingEdge& edge) {
    std::string out;
    for (const auto& [mode, count] : edge.modes) {
        out += (out.empty() ? "" : ";") + (mode.empty() ? std::string("unspecified") : mode) + ":" +
               std::to_string(count);
    }
    return out;
}

void write_meeting_json(std::ostream& out, const MeetingGraph& graph) {
    nlohmann::json nodes = nlohmann::json::array();
    for (const auto& node : graph.nodes) {
        nodes.push_back({{"id", meeting_node_id(node.party)},
                         {"entity_id", node.party.id},
                         {"name", node.party.name},
                         {"type", entity_type_name(node.party.type)},
                         {"events", node.events}});
    }
    nlohmann::json links = nlohmann::json::array();
    for (const auto& edge : graph.edges) {
        links.push_back({{"source", meeting_node_id(graph.nodes[edge.source].party)},
                         {"target", meeting_node_id(graph.nodes[edge.target].party)},
                         {"weight", edge.events},
                         {"events", edge.events},
                         {"held", edge.held},
                         {"planned", edge.planned},
                         {"cancelled", edge.cancelled},
                         {"modes", edge.modes},
                         {"first", edge.first},
                         {"last", edge.last},
                         {"event_ids", edge.event_ids}});
    }
    const nlohmann::json doc = {{"directed", false},
                                {"multigraph", false},
                                {"graph", {{"edges", "meetings"}}},
                                {"nodes", nodes},
                                {"links", links}};
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_meeting_graphml(std::ostream& out, const MeetingGraph& graph) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
           "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
           "  <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"int\"/>\n"
           "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
           "  <key id=\"held\" for=\"edge\" attr.name=\"held\" attr.type=\"int\"/>\n"
           "  <key id=\"planned\" for=\"edge\" attr.name=\"planned\" attr.type=\"int\"/>\n"
           "  <key id=\"cancelled\" for=\"edge\" attr.name=\"cancelled\" attr.type=\"int\"/>\n"
           "  <key id=\"mode\" for=\"edge\" attr.name=\"mode\" attr.type=\"string\"/>\n"
           "  <key id=\"first\" for=\"edge\" attr.name=\"first\" attr.type=\"string\"/>\n"
           "  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
           "  <graph id=\"meetings\" edgedefault=\"undirected\">\n";
    for (const auto& node : graph.nodes) {
        out << "    <node id=\"" << xml_escape(meeting_node_id(node.party)) << "\">"
            << "<data key=\"name\">" << xml_escape(node.party.name) << "</data>"
            << "<data key=\"type\">" << entity_type_name(node.party.type) << "</data>"
            << "<data key=\"events\">" << node.events << "</data></node>\n";
    }
    std::size_t n = 0;
    for (const auto& edge : graph.edges) {
        out << "    <edge id=\"e" << n++ << "\" source=\""
            << xml_escape(meeting_node_id(graph.nodes[edge.source].party)) << "\" target=\""
            << xml_escape(meeting_node_id(graph.nodes[edge.target].party)) << "\">"
            << "<data key=\"weight\">" << edge.events << "</data>"
            << "<data key=\"held\">" << edge.held << "</data>"
            << "<data key=\"planned\">" << edge.planned << "</data>"
            << "<data key=\"cancelled\">" << edge.cancelled << "</data>"
            << "<data key=\"mode\">" << xml_escape(modes_text(edge)) << "</data>"
            << "<data key=\"first\">" << edge.first << "</data>"
            << "<data key=\"last\">" << edge.last << "</data></edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

void write_meeting_gexf(std::ostream& out, const MeetingGraph& graph) {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gexf xmlns=\"http://gexf.net/1.2\" version=\"1.2\">\n"
           "  <meta><creator>Dateline</creator><description>who met whom: meeting events (PLOVER CONSULT)"
           "</description></meta>\n"
           "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
           "    <attributes class=\"node\">\n"
           "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
           "      <attribute id=\"events\" title=\"events\" type=\"integer\"/>\n"
           "    </attributes>\n"
           "    <attributes class=\"edge\">\n"
           "      <attribute id=\"held\" title=\"held\" type=\"integer\"/>\n"
           "      <attribute id=\"planned\" title=\"planned\" type=\"integer\"/>\n"
           "      <attribute id=\"cancelled\" title=\"cancelled\" type=\"integer\"/>\n"
           "      <attribute id=\"mode\" title=\"mode\" type=\"string\"/>\n"
           "      <attribute id=\"first\" title=\"first\" type=\"string\"/>\n"
           "      <attribute id=\"last\" title=\"last\" type=\"string\"/>\n"
           "    </attributes>\n    <nodes>\n";
    for (const auto& node : graph.nodes) {
        out << "      <node id=\"" << xml_escape(meeting_node_id(node.party)) << "\" label=\""
            << xml_escape(node.party.name) << "\"><attvalues><attvalue for=\"type\" value=\""
            << entity_type_name(node.party.type) << "\"/><attvalue for=\"events\" value=\"" << node.events
            << "\"/></attvalues></node>\n";
    }
    out << "    </nodes>\n    <edges>\n";
    std::size_t n = 0;
    for (const auto& edge : graph.edges) {
        out << "      <edge id=\"e" << n++ << "\" source=\""
            << xml_escape(meeting_node_id(graph.nodes[edge.source].party)) << "\" target=\""
            << xml_escape(meeting_node_id(graph.nodes[edge.target].party)) << "\" weight=\"" << edge.events
            << "\"><attvalues>"
            << "<attvalue for=\"held\" value=\"" << edge.held << "\"/>"
            << "<attvalue for=\"planned\" value=\"" << edge.planned << "\"/>"
            << "<attvalue for=\"cancelled\" value=\"" << edge.cancelled << "\"/>"
            << "<attvalue for=\"mode\" value=\"" << xml_escape(modes_text(edge)) << "\"/>"
            << "<attvalue for=\"first\" value=\"" << edge.first << "\"/>"
            << "<attvalue for=\"last\" value=\"" << edge.last << "\"/></attvalues></edge>\n";
    }
    out << "    </edges>\n  </graph>\n</gexf>\n";
}

} // namespace

void write_meeting_graph(std::ostream& out, const MeetingGraph& graph, GraphFormat format) {
    switch (format) {
    case GraphFormat::json:
        write_meeting_json(out, graph);
        break;
    case GraphFormat::graphml:
        write_meeting_graphml(out, graph);
        break;
    case GraphFormat::gexf:
        write_meeting_gexf(out, graph);
        break;
    case GraphFormat::csv:
        write_csv_row(out, {"source", "target", "source_name", "target_name", "events", "held", "planned",
                            "cancelled", "modes", "first", "last"});
        for (const auto& edge : graph.edges) {
            const auto& a = graph.nodes[edge.source].party;
            const auto& b = graph.nodes[edge.target].party;
            write_csv_row(out, {meeting_node_id(a), meeting_node_id(b), a.name, b.name,
                                std::to_string(edge.events), std::to_string(edge.held),
                                std::to_string(edge.planned), std::to_string(edge.cancelled),
                                modes_text(edge), edge.first, edge.last});
        }
        break;
    case GraphFormat::dot:
        out << "graph meetings {\n";
        for (const auto& node : graph.nodes) {
            out << "  " << dot_quote(meeting_node_id(node.party)) << " [label=" << dot_quote(node.party.name)
                << "];\n";
        }
        for (const auto& edge : graph.edges) {
            out << "  " << dot_quote(meeting_node_id(graph.nodes[edge.source].party)) << " -- "
                << dot_quote(meeting_node_id(graph.nodes[edge.target].party)) << " [weight=" << edge.events
                << ", label=" << dot_quote(modes_text(edge) + (edge.first.empty() ? "" : " " + edge.first))
                << "];\n";
        }
        out << "}\n";
        break;
    }
}

} // namespace dateline
