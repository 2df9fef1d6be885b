"""Tests of the Python client against a real `dateline-query serve`.

    DATELINE_CORPUS=corpus DATELINE_INDEX=build/indexer/dateline-index \
    DATELINE_QUERY=build/query/dateline-query python3 -m unittest discover -s python/tests

builds a database from DATELINE_CORPUS with DATELINE_INDEX in a temporary folder, starts
`DATELINE_QUERY --db DB serve --listen 127.0.0.1:0`, and compares what the client returns with what the
command line prints with --format json. Without the three variables the server tests are skipped.
The tests need pandas and networkx (Debian: python3-pandas python3-networkx).
"""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # python/, so that `dateline` imports without installing

try:
    import networkx  # noqa: F401
    import pandas as pd

    import dateline
    from dateline.client import _params, _query_string

    IMPORT_ERROR = None
except ImportError as e:  # reported by the tests below
    IMPORT_ERROR = e

ENV = ("DATELINE_CORPUS", "DATELINE_INDEX", "DATELINE_QUERY")
SERVER_START_SECONDS = 60


def require_imports():
    if IMPORT_ERROR is not None:
        raise unittest.SkipTest("the dateline client needs pandas and networkx for %s: %s"
                                % (sys.executable, IMPORT_ERROR))


class ParameterTest(unittest.TestCase):
    """How keyword arguments become query parameters (no server needed)."""

    def setUp(self):
        require_imports()

    def test_names_lists_flags_and_utf8(self):
        params = _params([("from_", "2025-10"), ("with_", ["Xi Jinping", "이재명"]), ("min_weight", 2),
                          ("collapse", True), ("sort", None), ("articles", False), ("source", ("A", "B"))])
        self.assertEqual(params, [("from", "2025-10"), ("with", "Xi Jinping"), ("with", "이재명"),
                                  ("min-weight", "2"), ("collapse", "1"), ("source", "A"), ("source", "B")])
        self.assertEqual(_query_string([("name", "이재명"), ("q", 'a&b "c"+d/e')]),
                         "name=%EC%9D%B4%EC%9E%AC%EB%AA%85&q=a%26b%20%22c%22%2Bd%2Fe")

    def test_period_start(self):
        ps = dateline.period_start
        self.assertEqual(ps("2025-11-01"), pd.Timestamp(2025, 11, 1))
        self.assertEqual(ps("2025-11"), pd.Timestamp(2025, 11, 1))
        self.assertEqual(ps("2025"), pd.Timestamp(2025, 1, 1))
        self.assertEqual(ps("2025-W23"), pd.Timestamp(2025, 6, 2))
        self.assertEqual(ps("2026-W01"), pd.Timestamp(2025, 12, 29))  # ISO week 1 starts in the year before
        self.assertTrue(pd.isna(ps("")))

    def test_unreachable_server(self):
        with self.assertRaises(dateline.DatelineError) as cm:
            dateline.Client("http://127.0.0.1:9", timeout=5).stats()
        self.assertIsNone(cm.exception.status)


class Server:
    """`dateline-query --db DB serve --listen 127.0.0.1:0 [ARGS]`, its address read from standard error."""

    def __init__(self, query, db, *args):
        self.log = []
        self.proc = subprocess.Popen([query, "--db", db, "serve", "--listen", "127.0.0.1:0"] + list(args),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        lines = queue.Queue()

        def drain():  # keeps reading, so that a server logging requests never blocks on a full pipe
            for raw in self.proc.stderr:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.log.append(line)
                lines.put(line)
            lines.put(None)

        self.thread = threading.Thread(target=drain, daemon=True)
        self.thread.start()
        try:
            self.url = None
            while self.url is None:
                try:
                    line = lines.get(timeout=SERVER_START_SECONDS)
                except queue.Empty:
                    raise RuntimeError("the server printed no 'serving' line in %d s" % SERVER_START_SECONDS)
                if line is None:
                    raise RuntimeError("the server stopped (status %s):\n%s" % (self.proc.wait(), "\n".join(self.log)))
                m = re.search(r"serving (http://\S+)", line)
                if m:
                    self.url = m.group(1)
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.thread.join(timeout=5)
        self.proc.stderr.close()
        self.proc = None


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [v for v in ENV if not os.environ.get(v)]
        if missing:
            raise unittest.SkipTest("set %s to test the client against a server (the corpus folder, "
                                    "dateline-index and dateline-query)" % ", ".join(missing))
        if IMPORT_ERROR is not None:
            raise RuntimeError("the dateline client needs pandas and networkx for %s: %s"
                               % (sys.executable, IMPORT_ERROR))
        cls.corpus, cls.indexer, cls.query = (os.environ[v] for v in ENV)
        cls.tmp = tempfile.mkdtemp(prefix="dateline-py-")
        cls.server = None
        try:
            cls.db = os.path.join(cls.tmp, "test.db")
            subprocess.run([cls.indexer, "--db", cls.db, cls.corpus], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            cls.server = Server(cls.query, cls.db)
            cls.client = dateline.Client(cls.server.url, timeout=60)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None) is not None:
            cls.server.stop()
            cls.server = None
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)
            cls.tmp = None

    def cli(self, *args):
        """What the command line prints with --format json, parsed."""
        p = subprocess.run([self.query, "--db", self.db] + list(args) + ["--format", "json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        return json.loads(p.stdout.decode("utf-8"))

    @staticmethod
    def entity(cli_timeline, name):
        return next(e for e in cli_timeline["entities"] if e["name"] == name)

    def test_timeline_sums_equal_cli_totals(self):
        for by in ("month", "week", "day", "year"):
            with self.subTest(by=by):
                df = self.client.timeline("Lee Jae-myung", "Xi Jinping", by=by)
                cli = self.cli("timeline", "Lee Jae-myung", "Xi Jinping", "--by", by)
                for name in ("Lee Jae-myung", "Xi Jinping"):
                    want = self.entity(cli, name)
                    rows = df[df["entity_id"] == want["id"]]
                    self.assertEqual(int(rows["articles"].sum()), want["articles"])
                    self.assertEqual(int(rows["mentions"].sum()), want["mentions"])
                    self.assertEqual(rows["period"].tolist(), [p["period"] for p in want["timeline"]])
                    self.assertEqual(df.attrs["undated"][want["id"]], want["undated"])
                self.assertEqual(list(df.columns[:7]),
                                 ["entity_id", "name", "type", "period", "start", "articles", "mentions"])
                self.assertFalse(df["start"].isna().any(), df[df["start"].isna()])
                if by == "week":
                    self.assertTrue((df["start"].dt.dayofweek == 0).all())  # ISO weeks start on Monday
                    self.assertTrue(df["period"].str.match(r"^\d{4}-W\d{2}$").all())

    def test_timeline_with_filters(self):
        df = self.client.timeline("Lee Jae-myung", by="month", from_="2025-10", to="2025-11", with_="Xi Jinping")
        cli = self.cli("timeline", "Lee Jae-myung", "--by", "month", "--from", "2025-10", "--to", "2025-11",
                       "--with", "Xi Jinping")
        want = self.entity(cli, "Lee Jae-myung")
        self.assertEqual(df["period"].tolist(), ["2025-10", "2025-11"])
        self.assertEqual(int(df["articles"].sum()), want["articles"])

    def test_hangul_name(self):
        ko = self.client.timeline("이재명", by="month")
        en = self.client.timeline("Lee Jae-myung", by="month")
        self.assertEqual(ko["entity_id"].unique().tolist(), ["lee-jae-myung"])
        self.assertEqual(ko["articles"].tolist(), en["articles"].tolist())
        self.assertEqual(ko["mentions"].tolist(), en["mentions"].tolist())
        self.assertGreater(int(ko["articles"].sum()), 0)

    def test_entities_equal_cli(self):
        self.assertEqual(self.client.entities().to_dict("records"), self.cli("entities"))
        self.assertEqual(self.client.entities(type="person", with_="Xi Jinping", limit=5).to_dict("records"),
                         self.cli("entities", "--type", "person", "--with", "Xi Jinping", "--limit", "5"))
        self.assertEqual(self.client.entities("tariffs", from_="2025-10", limit=100).to_dict("records"),
                         self.cli("entities", "tariffs", "--from", "2025-10", "--limit", "100"))

    def test_search_equals_cli(self):
        df = self.client.search("tariffs", limit=5, offset=2)
        cli = self.cli("search", "tariffs", "--limit", "5", "--offset", "2")
        self.assertEqual(df.to_dict("records"), cli["hits"])
        self.assertEqual(df.attrs["total"], cli["total"])

    def test_search_all_pages_through_every_article(self):
        stats = self.client.stats()
        self.assertEqual(stats, self.cli("stats"))
        df = self.client.search_all(page_size=7)
        self.assertGreater(stats["articles"], 7 * 2)  # several pages
        self.assertEqual(len(df), stats["articles"])
        self.assertTrue(df["id"].is_unique)
        self.assertEqual(set(df.columns[:6]), {"id", "date", "source", "title", "url", "entities"})
        tariffs = self.client.search_all("tariffs", page_size=7)
        self.assertEqual(len(tariffs), self.cli("search", "tariffs")["total"])

    def test_article(self):
        ids = self.client.search_all()["id"].tolist()
        for aid in (ids[0], next((i for i in ids if "/" in i), ids[-1])):  # an id with a '/' too
            with self.subTest(id=aid):
                self.assertEqual(self.client.article(aid)["id"], aid)
        with self.assertRaises(dateline.DatelineError) as cm:
            self.client.article("no-such-article-id")
        self.assertEqual(cm.exception.status, 404)

    def test_graph_neighbour_and_edge_counts(self):
        G = self.client.graph("Lee Jae-myung")
        cli = self.cli("graph", "Lee Jae-myung")
        ids = {n["name"]: n["id"] for n in cli["nodes"]}
        lee, xi = ids["Lee Jae-myung"], ids["Xi Jinping"]
        self.assertTrue(G.has_edge(lee, xi))
        self.assertEqual(G.number_of_nodes(), len(cli["nodes"]))
        self.assertEqual(G.number_of_edges(), len(cli["links"]))
        for link in cli["links"]:
            edge = G.edges[link["source"], link["target"]]
            self.assertEqual(edge["count"], link["count"])
            for key in ("weight", "npmi", "lift"):
                self.assertAlmostEqual(edge[key], link[key])
        for node in cli["nodes"]:
            for key in ("name", "type", "articles"):
                self.assertEqual(G.nodes[node["id"]][key], node[key])
        self.assertEqual(G.graph.get("measure"), cli["graph"].get("measure"))

    def test_graph_options(self):
        G = self.client.graph("Lee Jae-myung", types=["person", "country"], min_weight=2, measure="npmi")
        cli = self.cli("graph", "Lee Jae-myung", "--types", "person,country", "--min-weight", "2",
                       "--measure", "npmi")
        self.assertEqual(sorted(G.nodes), sorted(n["id"] for n in cli["nodes"]))
        self.assertEqual({G.nodes[n]["type"] for n in G.nodes}, {"person", "country"})
        self.assertTrue(all(d["count"] >= 2 for _, _, d in G.edges(data=True)))

    def test_met_has_xi_evidence(self):
        df = self.client.met("Lee Jae-myung")
        cli = self.cli("met", "Lee Jae-myung")
        self.assertEqual(len(df), sum(len(p["evidence"]) for p in cli))
        xi = next(p for p in cli if "Xi Jinping" in (p["source"]["name"], p["target"]["name"]))
        xi_id = xi["source"]["id"] if xi["source"]["name"] == "Xi Jinping" else xi["target"]["id"]
        rows = df[df["sentence"].str.contains("Xi Jinping")]
        self.assertGreater(len(rows), 0)
        self.assertTrue(((rows["source_id"] == xi_id) | (rows["target_id"] == xi_id)).any())
        only = self.client.met("Lee Jae-myung", with_="Xi Jinping")
        self.assertEqual(len(only), len(xi["evidence"]))
        self.assertTrue(((only["source_id"] == xi_id) | (only["target_id"] == xi_id)).all())

    def test_events_equal_cli(self):
        df = self.client.events("Xi Jinping")
        cli = self.cli("events", "Xi Jinping")
        self.assertEqual(df["id"].tolist(), [e["id"] for e in cli])
        self.assertEqual(df["sentence"].tolist(), [e["sentence"] for e in cli])

    def test_unknown_entity_is_404(self):
        with self.assertRaises(dateline.DatelineError) as cm:
            self.client.timeline("Zzyzx Qwertyuiop")
        self.assertEqual(cm.exception.status, 404)
        with self.assertRaises(dateline.DatelineError) as cm:
            self.client.met("Lee Jae-mung")
        self.assertEqual(cm.exception.status, 404)
        self.assertTrue(any("Lee Jae-myung" in s for s in cm.exception.suggestions), cm.exception.suggestions)

    def test_token(self):
        server = Server(self.query, self.db, "--token", "s3cret")
        try:
            with self.assertRaises(dateline.DatelineError) as cm:
                dateline.Client(server.url).stats()
            self.assertEqual(cm.exception.status, 401)
            self.assertEqual(dateline.Client(server.url, token="s3cret").stats()["articles"],
                             self.client.stats()["articles"])
        finally:
            server.stop()

    def test_bad_parameter_is_400(self):
        with self.assertRaises(dateline.DatelineError) as cm:
            self.client.entities(type="no-such-type")
        self.assertEqual(cm.exception.status, 400)


if __name__ == "__main__":
    unittest.main()
