#!/usr/bin/env python3
"""Lee Jae-myung and Xi Jinping in the news, through Dateline's HTTP API.

Draws Lee's monthly timeline against Xi's (timeline.png) and Lee's ego graph of co-mentions
(ego-graph.png), then prints the people most often mentioned with Lee and the meetings between them.

    build/query/dateline-query --db news.db serve          # in another terminal
    python3 docs/examples/lee_xi.py --url http://127.0.0.1:8080 --out /tmp/lee-xi

Needs pandas, matplotlib and networkx (Debian 12: apt install python3-pandas python3-matplotlib
python3-networkx); uses the `dateline` package from python/ when it is not installed.
"""

import argparse
import os
import sys

try:
    import dateline
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "python"))
    import dateline

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

LEE = "Lee Jae-myung"
XI = "Xi Jinping"
TYPE_COLOURS = {"person": "#d62728", "country": "#1f77b4", "org": "#2ca02c", "place": "#ff7f0e"}


def plot_timeline(client, path):
    """Articles per month mentioning Lee and Xi, side by side."""
    df = client.timeline(LEE, XI, by="month")
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for entity_id, rows in df.groupby("entity_id", sort=False):
        name = rows["name"].iloc[0]
        undated = df.attrs["undated"].get(entity_id, 0)
        label = name + (" (+%d undated)" % undated if undated else "")
        ax.plot(rows["start"], rows["articles"], marker="o", label=label)
    ax.set_ylabel("articles per month")
    ax.set_title("%s and %s in the news" % (LEE, XI))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return df


def node_of(G, name):
    return next(n for n, d in G.nodes(data=True) if d.get("name") == name)


def plot_ego_graph(client, path, top=30):
    """Lee's ego graph: the people, countries and organisations mentioned in his articles."""
    # places are left out: a few are in Chinese script, which matplotlib's default font cannot draw
    G = client.graph(LEE, types=["person", "country", "org"], top=top)
    lee = node_of(G, LEE)
    pos = nx.spring_layout(G, seed=7, k=1.5 / max(1, G.number_of_nodes()) ** 0.5)
    fig, ax = plt.subplots(figsize=(11, 9))
    counts = [d["count"] for _, _, d in G.edges(data=True)] or [1]
    nx.draw_networkx_edges(G, pos, ax=ax, alpha=0.25, edge_color="#777777",
                           width=[0.5 + 4.0 * d["count"] / max(counts) for _, _, d in G.edges(data=True)])
    nodes = list(G.nodes)
    most = max(G.nodes[n].get("articles", 1) for n in nodes)
    nx.draw_networkx_nodes(G, pos, ax=ax, nodelist=nodes,
                           node_color=[TYPE_COLOURS.get(G.nodes[n].get("type"), "#999999") for n in nodes],
                           node_size=[80 + 1200 * G.nodes[n].get("articles", 1) / most for n in nodes],
                           edgecolors=["black" if n == lee else "white" for n in nodes], linewidths=1.5)
    nx.draw_networkx_labels(G, pos, ax=ax, labels={n: G.nodes[n]["name"] for n in nodes}, font_size=8)
    ax.legend(handles=[Line2D([], [], marker="o", linestyle="", color=c, label=t, markersize=9)
                       for t, c in TYPE_COLOURS.items() if t != "place"], loc="lower left")
    ax.set_title("Co-mentions around %s (%d entities, article window)" % (LEE, G.number_of_nodes()))
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return G


def top_people(client, n):
    """The people most often mentioned in the same article as Lee, with the association measures."""
    G = client.graph(LEE, types=["person"])
    lee = node_of(G, LEE)
    people = [(G.nodes[o], d) for o, d in ((o, G.edges[lee, o]) for o in G.neighbors(lee))]
    people.sort(key=lambda p: (-p[1]["count"], p[0]["name"]))
    return people[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8080", help="the dateline-query serve address")
    ap.add_argument("--out", default=".", help="folder for timeline.png and ego-graph.png")
    ap.add_argument("--token", default=os.environ.get("DATELINE_TOKEN"), help="bearer token, if the server wants one")
    ap.add_argument("--top", type=int, default=8, help="number of co-mentioned people to list")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    client = dateline.Client(args.url, token=args.token)

    try:
        stats = client.stats()
        print("%s: %d articles, %s .. %s" % (args.url, stats["articles"], stats.get("first_date"),
                                             stats.get("last_date")))

        timeline_png = os.path.join(args.out, "timeline.png")
        tl = plot_timeline(client, timeline_png)
        totals = tl.groupby("name", sort=False)["articles"].sum()
        print("monthly timeline (%s) -> %s" % (", ".join("%s: %d dated articles" % kv for kv in totals.items()),
                                               timeline_png))

        graph_png = os.path.join(args.out, "ego-graph.png")
        G = plot_ego_graph(client, graph_png)
        print("ego graph: %d nodes, %d edges -> %s" % (G.number_of_nodes(), G.number_of_edges(), graph_png))

        people = top_people(client, args.top)
        meetings = client.met(LEE)
        print("\nPeople most often mentioned with %s (articles together, npmi, lift) and their meetings:" % LEE)
        for node, edge in people:
            print("\n%-20s %3d  npmi %+.2f  lift %.2f" % (node["name"], edge["count"], edge["npmi"], edge["lift"]))
            pid = node["entity_id"]
            rows = meetings[(meetings["source_id"] == pid) | (meetings["target_id"] == pid)]
            if rows.empty:
                print("    no meeting reported")
                continue
            first = rows.iloc[0]
            print("    met in %d stories, first %s, last %s" % (first["articles"], first["first"] or "?",
                                                               first["last"] or "?"))
            for _, r in rows.drop_duplicates("article").iterrows():
                where = " in %s" % r["place_name"] if isinstance(r["place_name"], str) and r["place_name"] else ""
                how = " (%s)" % r["mode"] if r["mode"] else ""
                status = "" if r["status"] == "held" else " [%s]" % r["status"]
                sentence = r["sentence"] if len(r["sentence"]) <= 110 else r["sentence"][:107] + "..."
                print("    %-10s%s%s%s: %s" % (r["date"] or "undated", how, where, status, sentence))
    except dateline.DatelineError as e:
        if e.status is None:
            sys.exit("error: %s\n(start the server first: dateline-query --db news.db serve)" % e)
        sys.exit("error: %s" % e)


if __name__ == "__main__":
    main()
