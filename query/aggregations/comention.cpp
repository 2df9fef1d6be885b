#include "aggregations/comention.hpp"

#include "aggregations/entity_index.hpp"
#include "aggregations/timeline.hpp"
#include "store/schema.hpp"
#include "util/slot_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace dateline {

namespace {

/// Counts per node pair, in an open-addressing table: an ego graph can tally hundreds of thousands of pairs,
/// where a node-based hash map spends most of its time allocating. Iterates in insertion order.
class PairCounts {
public:
    Xapian::doccount& operator[](std::uint64_t key) {
        m_index.grow_for(m_entries.size(), [&](std::size_t number) { return hash(m_entries[number].first); });
        const auto at =
            m_index.probe(hash(key), [&](std::size_t number) { return m_entries[number].first == key; });
        if (!m_index.occupied(at)) {
            m_entries.emplace_back(key, 0);
            m_index.assign(at, m_entries.size() - 1);
            return m_entries.back().second;
        }
        return m_entries[m_index.number(at)].second;
    }
    [[nodiscard]] auto begin() const { return m_entries.begin(); }
    [[nodiscard]] auto end() const { return m_entries.end(); }

private:
    static std::size_t hash(std::uint64_t key) {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 17);
    }
    util::SlotIndex m_index;
    std::vector<std::pair<std::uint64_t, Xapian::doccount>> m_entries;
};

/// An entity as (type, id): an ego graph's center.
using EntityKey = std::pair<EntityType, std::string>;

struct Tally {
    EntityIndex index; ///< entity -> node: numbers follow `nodes`
    std::vector<GraphNode> nodes;
    std::vector<Xapian::doccount> units_with; ///< per node: articles or sentences mentioning it
    PairCounts edges;                         ///< pair_key -> articles or sentences
    std::map<std::pair<std::uint64_t, std::string>, Xapian::doccount> edge_periods;
    Xapian::doccount units = 0;
    std::optional<EntityKey> center; ///< an ego graph's center, for Count::nodes_and_center_edges
    /// If set, each article's nodes are recorded (`recorded`, article i ends at `recorded_ends[i]`), so that
    /// an ego graph's --top can count the edges among the nodes it keeps without a second pass over the
    /// database.
    bool record_nodes = false;
    std::vector<std::uint32_t> recorded;
    std::vector<std::size_t> recorded_ends;
};

std::uint64_t pair_key(std::size_t a, std::size_t b) {
    return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
}

std::size_t shared_sentences(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::size_t shared = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) {
            ++shared, ++i, ++j;
        } else if (a[i] < b[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return shared;
}

enum class Count {
    nodes_and_edges,
    nodes_and_center_edges, ///< only the pairs that include Tally::center (an ego graph's first pass with
                            ///< --top)
    nodes_only,
};

/// An entity of the article being tallied: its node and, for the sentence window, the sentences it is in.
struct Present {
    std::size_t node;
    std::vector<std::uint32_t> sentences;
};

/// The nodes of one article's entities (of the wanted types, or only `keep` if given), added to `tally` with
/// their counts; `present` gets one entry per node.
void add_article_nodes(const MatchRecord& record, const GraphOptions& options, const EntityIndex* keep,
                       Tally& tally, std::vector<Present>& present) {
    const bool by_sentence = options.window == CoMentionWindow::sentence;
    present.clear();
    schema::for_each_slot_entity(record.entities, [&](const schema::SlotEntity& entity) {
        if (!options.types.empty() && !options.types.contains(entity.type)) {
            return;
        }
        if (keep != nullptr && !keep->contains(entity.type, entity.id)) {
            return;
        }
        const auto [number, added] = tally.index.insert(entity.type, entity.id);
        if (added) {
            tally.nodes.push_back({entity.type, std::string(entity.id), {}, 0, 0});
            tally.units_with.push_back(0);
        }
        auto& node = tally.nodes[number];
        ++node.articles;
        node.mentions += entity.mentions;
        present.push_back(
            {number, by_sentence ? schema::parse_sentences(entity.sentences) : std::vector<std::uint32_t>{}});
    });
    tally.units += by_sentence ? std::max<std::uint32_t>(1, schema::slot_sentence_count(record.entities)) : 1;
    for (const auto& p : present) {
        tally.units_with[p.node] += by_sentence ? static_cast<Xapian::doccount>(p.sentences.size()) : 1;
    }
    if (tally.record_nodes) {
        for (const auto& p : present) {
            tally.recorded.push_back(static_cast<std::uint32_t>(p.node));
        }
        tally.recorded_ends.push_back(tally.recorded.size());
    }
}

/// The co-mentions of one article's entities: every pair, or with Count::nodes_and_center_edges only the
/// center's own (one per other entity of the article, not one per pair).
void add_article_edges(const MatchRecord& record, const GraphOptions& options, Count what,
                       const std::vector<Present>& present, Tally& tally) {
    std::string period;
    if (options.by) {
        if (const auto day = parse_compact_day(record.date)) {
            period = period_of(*day, *options.by);
        }
    }
    const auto add_edge = [&](const Present& a, const Present& b) {
        const auto count =
            options.window == CoMentionWindow::sentence ? shared_sentences(a.sentences, b.sentences) : 1;
        if (count == 0) {
            return;
        }
        const auto pair = pair_key(a.node, b.node);
        tally.edges[pair] += static_cast<Xapian::doccount>(count);
        if (!period.empty()) {
            tally.edge_periods[{pair, period}] += static_cast<Xapian::doccount>(count);
        }
    };
    if (what == Count::nodes_and_center_edges) {
        const auto found =
            tally.center ? tally.index.find(tally.center->first, tally.center->second) : std::nullopt;
        const std::size_t center_node = found.value_or(std::numeric_limits<std::size_t>::max());
        const auto center = std::find_if(present.begin(), present.end(),
                                         [&](const Present& p) { return p.node == center_node; });
        if (center == present.end()) {
            return;
        }
        for (const auto& p : present) {
            if (&p != &*center) {
                add_edge(*center, p);
            }
        }
        return;
    }
    for (std::size_t i = 0; i < present.size(); ++i) {
        for (std::size_t j = i + 1; j < present.size(); ++j) {
            add_edge(present[i], present[j]);
        }
    }
}

/// One pass over the matches of `query`, adding nodes (entities of the wanted types, or only `keep` if given)
/// and, unless `what` is nodes_only, their co-mentions to `tally`. This is the hot loop of every graph: no
/// allocation per entity, sentences parsed only for the sentence window.
void tally_matches(const Xapian::Database& database, const Shards& shards, const Xapian::Query& query,
                   const GraphOptions& options, const EntityIndex* keep, Tally& tally,
                   Count what = Count::nodes_and_edges) {
    std::vector<Present> present;
    for_each_match(database, query, shards, [&](const MatchRecord& record) {
        add_article_nodes(record, options, keep, tally, present);
        if (what != Count::nodes_only) {
            add_article_edges(record, options, what, present, tally);
        }
    });
}

/// True if the query matches every document (no filter was given).
bool is_everything(const Xapian::Query& query) {
    return query.get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

void add_measures(GraphEdge& edge, const std::vector<Xapian::doccount>& units_with, Xapian::doccount units) {
    const double n = units;
    const double x = units_with[edge.source];
    const double y = units_with[edge.target];
    const double xy = edge.count;
    if (n <= 0 || x <= 0 || y <= 0 || xy <= 0) {
        return;
    }
    edge.lift = xy * n / (x * y);
    const double p_xy = std::min(1.0, xy / n);
    edge.npmi = p_xy >= 1.0 ? 1.0 : std::log(edge.lift) / -std::log(p_xy);
}

/// The edges among an ego graph's kept neighbours, from the nodes recorded per article in its first pass (the
/// center's own edges are counted already).
void append_kept_edges(const Tally& tally, const std::vector<bool>& kept, std::size_t center,
                       Xapian::doccount min_weight, std::vector<GraphEdge>& edges) {
    PairCounts counts;
    std::vector<std::uint32_t> here;
    std::size_t begin = 0;
    for (const auto end : tally.recorded_ends) {
        here.clear();
        for (auto i = begin; i < end; ++i) {
            if (const auto node = tally.recorded[i]; kept[node] && node != center) {
                here.push_back(node);
            }
        }
        begin = end;
        for (std::size_t i = 0; i < here.size(); ++i) {
            for (std::size_t j = i + 1; j < here.size(); ++j) {
                ++counts[pair_key(here[i], here[j])];
            }
        }
    }
    for (const auto& [pair, count] : counts) {
        if (count < min_weight) {
            continue;
        }
        GraphEdge edge;
        edge.source = static_cast<std::size_t>(pair >> 32);
        edge.target = static_cast<std::size_t>(pair & 0xffffffffu);
        edge.count = count;
        add_measures(edge, tally.units_with, tally.units);
        edges.push_back(std::move(edge));
    }
}

/// With --top, an ego graph of depth 1 counts the center's edges first and the edges among the neighbours
/// it keeps after the cut.
bool counts_top_first(const GraphOptions& options) {
    return options.center_term && options.depth == 1 && options.top > 0;
}

/// The center of an ego graph as (type, id).
EntityKey center_key(const std::string& center_term) {
    const auto type = schema::entity_term_type(center_term);
    return {*type, center_term.substr(schema::entity_prefix(*type).size())};
}

/// The first pass of an ego graph: the articles that mention the center (depth 2: also those that mention its
/// neighbours).
Tally tally_ego(const Xapian::Database& database, const Shards& shards, const Xapian::Query& base,
                const GraphOptions& options) {
    Tally tally;
    tally.center = center_key(*options.center_term);
    const bool top_first = counts_top_first(options);
    tally.record_nodes = top_first && options.window == CoMentionWindow::article && !options.by;
    const Xapian::Query ego(Xapian::Query::OP_FILTER, base, Xapian::Query(*options.center_term));
    tally_matches(database, shards, ego, options, nullptr, tally,
                  top_first ? Count::nodes_and_center_edges : Count::nodes_and_edges);
    if (options.depth < 2) {
        return tally;
    }
    std::vector<Xapian::Query> neighbours{Xapian::Query(*options.center_term)};
    for (const auto& node : tally.nodes) {
        neighbours.emplace_back(schema::entity_term(node.type, node.id));
    }
    Tally wider;
    wider.center = tally.center;
    tally_matches(database, shards,
                  Xapian::Query(Xapian::Query::OP_FILTER, base,
                                Xapian::Query(Xapian::Query::OP_OR, neighbours.begin(), neighbours.end())),
                  options, nullptr, wider);
    return wider;
}

/// An edge of `tally` with its count per period (GraphOptions::by).
GraphEdge make_edge(const Tally& tally, std::uint64_t pair, Xapian::doccount count) {
    GraphEdge edge;
    edge.source = static_cast<std::size_t>(pair >> 32);
    edge.target = static_cast<std::size_t>(pair & 0xffffffffu);
    edge.count = count;
    for (auto it = tally.edge_periods.lower_bound({pair, std::string{}});
         it != tally.edge_periods.end() && it->first.first == pair; ++it) {
        edge.periods.emplace_back(it->first.second, it->second);
    }
    return edge;
}

/// The tallied edges with at least the minimum weight.
std::vector<GraphEdge> heavy_edges(const Tally& tally, const GraphOptions& options) {
    std::vector<GraphEdge> edges;
    for (const auto& [pair, count] : tally.edges) {
        if (count >= options.min_weight) {
            edges.push_back(make_edge(tally, pair, count));
        }
    }
    return edges;
}

/// An ego graph's node counts and the units its measures are over become those of all of `base`'s matches,
/// so that the measures say how strongly each neighbour is tied to the center in the whole collection.
void count_nodes_over_base(const Xapian::Database& database, const Shards& shards, const Xapian::Query& base,
                           const GraphOptions& options, Tally& tally) {
    // Over xapian-tcpsrv each node's two statistics are a round trip to every shard (~30 us each on
    // loopback), where a scan of the whole database costs ~5 us an article: the cheaper of the two is taken
    // (an ego graph of a common entity has tens of thousands of nodes: 11 s by statistics against 0.7 s by a
    // scan at 100k).
    const auto round_trips = std::uint64_t{2} * tally.nodes.size() * database.size();
    const bool stats_are_cheap = !shards.remote || round_trips * 6 <= database.get_doccount();
    if (options.window == CoMentionWindow::article && is_everything(base) && stats_are_cheap) {
        // The whole database, counted by articles: term statistics already hold every node's counts.
        for (std::size_t i = 0; i < tally.nodes.size(); ++i) {
            auto& node = tally.nodes[i];
            const auto term = schema::entity_term(node.type, node.id);
            node.articles = database.get_termfreq(term);
            node.mentions = database.get_collection_freq(term);
            tally.units_with[i] = node.articles;
        }
        tally.units = database.get_doccount();
        return;
    }
    Tally reference;
    tally_matches(database, shards, base, options, &tally.index, reference, Count::nodes_only);
    for (std::size_t node = 0; node < reference.nodes.size(); ++node) {
        const auto here = *tally.index.find(reference.nodes[node].type, reference.nodes[node].id);
        tally.nodes[here].articles = reference.nodes[node].articles;
        tally.nodes[here].mentions = reference.nodes[node].mentions;
        tally.units_with[here] = reference.units_with[node];
    }
    tally.units = reference.units;
}

/// The nodes in the order --top keeps them, each with its rank: the center, then the nodes with the heaviest
/// tie to it (ego graph), or the nodes with the most articles or the heaviest edge (whole graph).
struct Ranking {
    std::vector<std::size_t> order;
    std::vector<double> rank; ///< per node
};

Ranking rank_nodes(const Tally& tally, const std::vector<GraphEdge>& edges, const GraphOptions& options,
                   std::optional<std::size_t> center) {
    Ranking ranking;
    ranking.order.resize(tally.nodes.size());
    std::iota(ranking.order.begin(), ranking.order.end(), std::size_t{0});
    auto& rank = ranking.rank;
    rank.assign(tally.nodes.size(), 0.0);
    if (center) {
        for (const auto& edge : edges) {
            if (edge.source == *center || edge.target == *center) {
                rank[edge.source == *center ? edge.target : edge.source] = edge_weight(edge, options.measure);
            }
        }
        rank[*center] = 1e300;
    } else {
        for (std::size_t i = 0; i < tally.nodes.size(); ++i) {
            rank[i] = tally.nodes[i].articles;
        }
        if (options.measure != AssociationMeasure::count) {
            for (const auto& edge : edges) {
                rank[edge.source] = std::max(rank[edge.source], edge_weight(edge, options.measure));
                rank[edge.target] = std::max(rank[edge.target], edge_weight(edge, options.measure));
            }
        }
    }
    std::stable_sort(ranking.order.begin(), ranking.order.end(), [&](std::size_t a, std::size_t b) {
        if (rank[a] != rank[b]) {
            return rank[a] > rank[b];
        }
        return tally.nodes[a].id < tally.nodes[b].id;
    });
    return ranking;
}

/// Which nodes the graph keeps: the first --top of the ranking; in an ego graph of depth 1 only nodes tied to
/// the center (at depth 2 every node is tied to the center or to a node that is).
std::vector<bool> kept_nodes(const Ranking& ranking, const GraphOptions& options,
                             std::optional<std::size_t> center) {
    std::vector<bool> kept(ranking.order.size(), false);
    std::size_t kept_count = 0;
    for (const auto node : ranking.order) {
        if (options.top > 0 && kept_count >= options.top) {
            break;
        }
        if (center && options.depth == 1 && node != *center && ranking.rank[node] <= 0) {
            continue;
        }
        kept[node] = true;
        ++kept_count;
    }
    return kept;
}

/// Second pass of an ego graph with --top over the database (sentence window, periods): the edges among the
/// neighbours that were kept (the center's own edges are counted already).
void append_kept_edges_from_database(const Xapian::Database& database, const Shards& shards,
                                     const Xapian::Query& base, const GraphOptions& options,
                                     const Tally& tally, const std::vector<bool>& kept, std::size_t center,
                                     std::vector<GraphEdge>& edges) {
    EntityIndex kept_only;
    for (std::size_t node = 0; node < tally.nodes.size(); ++node) {
        if (kept[node]) {
            (void)kept_only.insert(tally.nodes[node].type, tally.nodes[node].id);
        }
    }
    Tally among;
    among.center = tally.center;
    tally_matches(database, shards,
                  Xapian::Query(Xapian::Query::OP_FILTER, base, Xapian::Query(*options.center_term)), options,
                  &kept_only, among);
    const auto node_of = [&](std::size_t among_node) {
        return *tally.index.find(among.nodes[among_node].type, among.nodes[among_node].id);
    };
    for (const auto& [pair, count] : among.edges) {
        auto edge = make_edge(among, pair, count);
        edge.source = node_of(edge.source);
        edge.target = node_of(edge.target);
        if (edge.source == center || edge.target == center || count < options.min_weight) {
            continue;
        }
        if (edge.source > edge.target) {
            std::swap(edge.source, edge.target);
        }
        add_measures(edge, tally.units_with, tally.units);
        edges.push_back(std::move(edge));
    }
}

/// The graph of the kept nodes, in ranking order and named, and of the edges among them, heaviest first.
CoMentionGraph assemble_graph(const Tally& tally, const Ranking& ranking, const std::vector<bool>& kept,
                              std::vector<GraphEdge> edges, const GraphOptions& options,
                              const std::function<std::string(const std::string&)>& display_name) {
    CoMentionGraph graph;
    graph.units = tally.units;
    std::vector<std::size_t> renumber(tally.nodes.size(), 0);
    for (const auto node : ranking.order) {
        if (!kept[node]) {
            continue;
        }
        renumber[node] = graph.nodes.size();
        auto out = tally.nodes[node];
        out.name = display_name(schema::entity_term(out.type, out.id));
        graph.nodes.push_back(std::move(out));
    }
    std::set<std::string> periods;
    for (auto& edge : edges) {
        if (!kept[edge.source] || !kept[edge.target]) {
            continue;
        }
        edge.source = renumber[edge.source];
        edge.target = renumber[edge.target];
        if (edge.source > edge.target) {
            std::swap(edge.source, edge.target);
        }
        for (const auto& [period, count] : edge.periods) {
            periods.insert(period);
        }
        graph.edges.push_back(std::move(edge));
    }
    std::sort(graph.edges.begin(), graph.edges.end(), [&](const GraphEdge& a, const GraphEdge& b) {
        const auto wa = edge_weight(a, options.measure), wb = edge_weight(b, options.measure);
        return wa != wb ? wa > wb : std::tie(a.source, a.target) < std::tie(b.source, b.target);
    });
    graph.periods.assign(periods.begin(), periods.end());
    return graph;
}

} // namespace

double edge_weight(const GraphEdge& edge, AssociationMeasure measure) {
    switch (measure) {
    case AssociationMeasure::count:
        return edge.count;
    case AssociationMeasure::npmi:
        return edge.npmi;
    case AssociationMeasure::lift:
        return edge.lift;
    }
    return edge.count;
}

CoMentionGraph build_comention_graph(const Xapian::Database& database, const Shards& shards,
                                     const Xapian::Query& base, const GraphOptions& options,
                                     const std::function<std::string(const std::string&)>& display_name) {
    auto tally = options.center_term ? tally_ego(database, shards, base, options) : Tally{};
    if (!options.center_term) {
        tally_matches(database, shards, base, options, nullptr, tally);
    }
    auto edges = heavy_edges(tally, options);
    if (options.center_term) {
        count_nodes_over_base(database, shards, base, options, tally);
    }
    for (auto& edge : edges) {
        add_measures(edge, tally.units_with, tally.units);
    }
    const auto center =
        tally.center ? tally.index.find(tally.center->first, tally.center->second) : std::nullopt;
    const auto ranking = rank_nodes(tally, edges, options, center);
    const auto kept = kept_nodes(ranking, options, center);
    if (counts_top_first(options) && center) { // without a center in the matches there are no edges
        if (tally.record_nodes) {
            append_kept_edges(tally, kept, *center, options.min_weight, edges);
        } else {
            append_kept_edges_from_database(database, shards, base, options, tally, kept, *center, edges);
        }
    }
    return assemble_graph(tally, ranking, kept, std::move(edges), options, display_name);
}

} // namespace dateline
