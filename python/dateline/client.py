"""A client for the Dateline HTTP API (`dateline-query serve`, see docs/api.md).

Every method sends one or more GET requests with the standard library's urllib and turns the JSON that
`dateline-query ... --format json` prints into pandas DataFrames, a networkx graph or plain dicts.

Parameters
----------
Keyword arguments become query parameters: a trailing underscore is dropped and the other underscores
become hyphens (``from_`` -> ``from``, ``with_`` -> ``with``, ``min_weight`` -> ``min-weight``); a list,
tuple or set becomes a repeated parameter (``source=["A", "B"]`` -> ``source=A&source=B``); ``True`` becomes
``1`` and ``False`` or ``None`` leaves the parameter out; dates (``datetime.date``, ``pandas.Timestamp``)
are sent as YYYY-MM-DD. Names may be in any script (``timeline("이재명")``).
"""

from __future__ import annotations

import datetime as _dt
import http.client
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import pandas as pd

__all__ = ["Client", "DatelineError", "period_start"]


class DatelineError(Exception):
    """An error answered by the server: ``{"error": {"status", "message", "suggestions"}}``.

    ``status`` is the HTTP status (400 bad parameter, 401 token, 404 unknown endpoint, article or
    entity, 413 over a limit, 503 timeout), or ``None`` when the server could not be reached or did not
    answer. ``suggestions`` lists the closest known names for an unknown entity (else it is empty).
    """

    def __init__(self, status: Optional[int], message: str, suggestions: Optional[Iterable[str]] = None):
        self.status = status
        self.message = message
        self.suggestions = list(suggestions or [])
        super().__init__(status, message, self.suggestions)

    def __str__(self) -> str:
        text = self.message if self.status is None else "%s: %s" % (self.status, self.message)
        if self.suggestions:
            text += " (did you mean: %s?)" % ", ".join(self.suggestions)
        return text


# --------------------------------------------------------------------------------------------------
# Parameters


def _param_name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def _param_value(value: Any) -> Optional[str]:
    if value is None or value is False:
        return None
    if value is True:
        return "1"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _params(items: Iterable[Tuple[str, Any]]) -> List[Tuple[str, str]]:
    """(keyword, value) pairs -> (parameter, text) pairs, lists repeated, None/False dropped."""
    out = []
    for key, value in items:
        name = _param_name(key)
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        for v in values:
            text = _param_value(v)
            if text is not None:
                out.append((name, text))
    return out


def _query_string(params: List[Tuple[str, str]]) -> str:
    # %20 rather than '+' for spaces, and every reserved character escaped: the server need not
    # implement form decoding to read 'Lee Jae-myung', 'a&b' or '이재명'.
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="")


# --------------------------------------------------------------------------------------------------
# Periods

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def period_start(period: Any) -> pd.Timestamp:
    """The first day of a period as the CLI prints it: '2025-11-01' (day), '2025-W44' (ISO week: its
    Monday), '2025-11' (month), '2025' (year). Anything else gives NaT."""
    if not isinstance(period, str):
        return pd.NaT
    try:
        m = _WEEK.match(period)
        if m:
            return pd.Timestamp(_dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1))
        m = _DAY.match(period)
        if m:
            return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _MONTH.match(period)
        if m:
            return pd.Timestamp(int(m.group(1)), int(m.group(2)), 1)
        m = _YEAR.match(period)
        if m:
            return pd.Timestamp(int(m.group(1)), 1, 1)
    except ValueError:
        pass
    return pd.NaT


def _starts(periods: Iterable[Any]) -> pd.Series:
    return pd.to_datetime(pd.Series([period_start(p) for p in periods], dtype="object"))


# --------------------------------------------------------------------------------------------------
# Frames


def _frame(rows: List[Dict[str, Any]], columns: List[str]) -> pd.DataFrame:
    """A DataFrame with the known columns first (in this order), then any others the server sent."""
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows)
    known = [c for c in columns if c in df.columns]
    return df[known + [c for c in df.columns if c not in known]]


def _with_starts(df: pd.DataFrame) -> pd.DataFrame:
    """Adds the period's first day after `period`; counts stay integers in an empty frame too."""
    df.insert(df.columns.get_loc("period") + 1, "start", _starts(df["period"]).values)
    if df.empty:
        df = df.astype({"articles": "int64", "mentions": "int64"})
    return df


def _flatten_place(row: Dict[str, Any]) -> Dict[str, Any]:
    if "place" in row:
        row = dict(row)
        place = row.pop("place")
        if isinstance(place, dict):
            row["place_id"], row["place_name"] = place.get("id"), place.get("name")
        else:
            row["place_id"], row["place_name"] = None, (place or None)
    return row


_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Client:
    """A connection to `dateline-query serve`.

    >>> c = Client("http://127.0.0.1:8080")
    >>> c.timeline("Lee Jae-myung", "Xi Jinping", by="month")      # long form, one row per entity and period
    >>> c.search('"Lee Jae-myung" AND tariffs', from_="2025-10", limit=20)
    >>> G = c.graph("Lee Jae-myung", types=["person", "country"], min_weight=2)
    """

    def __init__(self, url: str = "http://127.0.0.1:8080", token: Optional[str] = None, timeout: float = 60):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        host = urllib.parse.urlsplit(self.url).hostname or ""
        # a proxy from the environment (http_proxy) must not swallow requests to this machine
        handlers = [urllib.request.ProxyHandler({})] if host in _LOOPBACK else []
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return "Client(%r)" % self.url

    # ---- HTTP

    def _request(self, path: str, params: List[Tuple[str, str]]) -> str:
        url = self.url + path
        if params:
            url += "?" + _query_string(params)
        headers = {"Accept": "application/json, application/x-ndjson;q=0.9, */*;q=0.1"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        req = urllib.request.Request(url, headers=headers, method="GET")
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            raise self._error(e) from None
        except urllib.error.URLError as e:
            raise DatelineError(None, "cannot reach %s: %s" % (self.url, e.reason)) from e
        except (socket.timeout, TimeoutError) as e:
            raise DatelineError(None, "no answer from %s within %s s" % (self.url, self.timeout)) from e
        except (ConnectionError, http.client.HTTPException) as e:
            raise DatelineError(None, "the connection to %s broke: %s" % (self.url, e)) from e

    @staticmethod
    def _error(e: urllib.error.HTTPError) -> DatelineError:
        try:
            body = e.read().decode("utf-8", "replace")
        except Exception:  # the connection broke while reading the error
            body = ""
        finally:
            e.close()
        try:
            err = json.loads(body)["error"]
            return DatelineError(err.get("status", e.code), err.get("message", ""), err.get("suggestions"))
        except (ValueError, KeyError, TypeError, AttributeError):
            return DatelineError(e.code, body.strip() or str(e.reason))

    def _get_json(self, path: str, params: Iterable[Tuple[str, Any]] = ()) -> Any:
        text = self._request(path, _params(list(params) + [("format", "json")]))
        try:
            return json.loads(text)
        except ValueError as e:
            raise DatelineError(None, "%s answered something that is not JSON: %.200r" % (path, text)) from e

    def _get_jsonl(self, path: str, params: Iterable[Tuple[str, Any]] = ()) -> List[Any]:
        text = self._request(path, _params(list(params) + [("format", "jsonl")]))
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as e:
            raise DatelineError(None, "%s answered a line that is not JSON: %s" % (path, e)) from e

    # ---- endpoints

    def search(self, q: str = "", limit: int = 10, offset: int = 0, **filters: Any) -> pd.DataFrame:
        """Ranked hits of a search (`search Q`): one row per hit (rank, id, date, source, title, url,
        score, percent, collapsed, snippet). ``sort="date"``, ``collapse=True`` and the filters
        (``from_``, ``to``, ``source``, ``with_``) pass through. ``df.attrs`` holds ``total``,
        ``total_exact``, ``query``, ``limit`` and ``offset``."""
        data = self._get_json("/api/search", [("q", q), ("limit", limit), ("offset", offset)] + list(filters.items()))
        df = _frame(data.get("hits", []),
                    ["rank", "id", "date", "source", "title", "url", "score", "percent", "collapsed", "snippet"])
        df.attrs.update({k: v for k, v in data.items() if k != "hits"})
        return df

    def iter_articles(self, q: str = "", page_size: int = 1000, **filters: Any) -> Iterator[Dict[str, Any]]:
        """Every matching article, page by page through `/api/articles` (``limit`` + ``after`` cursor).
        Each is a dict: cursor, id, date, source, title, url, entities [{id, type, name, mentions}].
        A page size over the server's ``--max-page`` (413) is halved until it is accepted."""
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        after = None
        seen = set()
        while True:
            params = [("q", q or None), ("limit", page_size), ("after", after)] + list(filters.items())
            try:
                data = self._get_json("/api/articles", params)
            except DatelineError as e:
                if e.status == 413 and page_size > 1:
                    page_size //= 2
                    continue
                raise
            for article in data.get("articles", []):
                yield article
            after = data.get("next")
            if after is None:
                return
            after = str(after)
            if after in seen:
                raise DatelineError(None, "/api/articles returned the cursor %r twice" % after)
            seen.add(after)

    def search_all(self, q: str = "", page_size: int = 1000, **filters: Any) -> pd.DataFrame:
        """Every matching article, unranked and uncapped, in the database's order: one row per article
        (id, date, source, title, url, entities, cursor), read in pages of ``page_size``."""
        return _frame(list(self.iter_articles(q, page_size=page_size, **filters)),
                      ["id", "date", "source", "title", "url", "entities", "cursor"])

    def entities(self, q: str = "", type: Optional[str] = None, limit: int = 20, **filters: Any) -> pd.DataFrame:
        """Entities ranked by matching articles (`entities [Q]`): id, name, type, articles, mentions.
        ``doc=ID`` gives the entities of one article. The command line's ``limit=0`` (all) is over a
        server's page limit (413): ask for a number up to its ``--max-page`` (10000 by default)."""
        data = self._get_json("/api/entities", [("q", q or None), ("type", type), ("limit", limit)]
                              + list(filters.items()))
        return _frame(data, ["id", "name", "type", "articles", "mentions"])

    def timeline(self, *names: Any, by: str = "month", **filters: Any) -> pd.DataFrame:
        """Articles and mentions per period for one or more entities (`timeline NAME...`), in long form:
        entity_id, name, type, period, start (the period's first day: a Monday for ISO weeks), articles,
        mentions; and article_list with ``articles=True``. ``df.attrs``: ``by``, ``periods``,
        ``undated`` and ``totals`` (per entity id)."""
        flat = []
        for n in names:
            flat.extend(n if isinstance(n, (list, tuple)) else [n])
        if not flat:
            raise ValueError("timeline needs at least one entity name")
        data = self._get_json("/api/timeline", [("name", flat), ("by", by)] + list(filters.items()))
        rows = []
        for ent in data.get("entities", []):
            for point in ent.get("timeline", []):
                row = {"entity_id": ent.get("id"), "name": ent.get("name"), "type": ent.get("type")}
                row.update(point)
                rows.append(row)
        df = _with_starts(_frame(rows, ["entity_id", "name", "type", "period", "articles", "mentions"]))
        df.attrs["by"] = data.get("by", by)
        df.attrs["periods"] = list(data.get("periods", []))
        df.attrs["undated"] = {e.get("id"): e.get("undated", 0) for e in data.get("entities", [])}
        df.attrs["totals"] = {e.get("id"): {"articles": e.get("articles"), "mentions": e.get("mentions")}
                              for e in data.get("entities", [])}
        return df

    def met(self, name: Optional[str] = None, with_: Optional[str] = None, mode: Optional[str] = None,
            **filters: Any) -> pd.DataFrame:
        """Who met whom (`met [NAME]`): one row per evidence sentence, with the pair (source_id,
        source_name, source_type, target_id, target_name, target_type, articles, held_articles, first,
        last) and the evidence (article, article_date, date, event, mode, place_id, place_name, planned,
        status, rule, sentence, url). ``with_`` is the other party."""
        data = self._get_json("/api/met", [("name", name), ("with", with_), ("mode", mode)] + list(filters.items()))
        rows = []
        for pair in data:
            base = {}
            for side in ("source", "target"):
                party = pair.get(side) or {}
                for key in ("id", "name", "type"):
                    base["%s_%s" % (side, key)] = party.get(key)
            evidence = pair.get("evidence") or [{}]
            ev_keys = set().union(*[_flatten_place(ev).keys() for ev in evidence])
            for key, value in pair.items():
                if key not in ("source", "target", "evidence"):
                    base["pair_" + key if key in ev_keys else key] = value
            for ev in evidence:
                row = dict(base)
                row.update(_flatten_place(ev))
                rows.append(row)
        return _frame(rows, ["source_id", "source_name", "source_type", "target_id", "target_name", "target_type",
                             "articles", "held_articles", "first", "last", "date", "mode", "status", "planned",
                             "place_id", "place_name", "sentence", "article", "article_date", "event", "rule",
                             "url"])

    def events(self, name: Optional[str] = None, **filters: Any) -> pd.DataFrame:
        """Every meeting as a coded event (`events [NAME]`): one row per event, actors, recipients and
        participants as lists of {id, name, surface, type}, the place as place_id and place_name."""
        data = self._get_json("/api/events", [("name", name)] + list(filters.items()))
        return _frame([_flatten_place(e) for e in data],
                      ["id", "type", "date", "mode", "status", "place_id", "place_name", "actors", "recipients",
                       "participants", "article", "article_date", "source", "url", "sentence", "rule",
                       "confidence"])

    def graph(self, name: Optional[str] = None, **options: Any):
        """The co-mention graph (`graph [NAME]`) as a networkx Graph: node ids as the server gives them
        ('person:Q15031') with attributes entity_id, name, type, articles, mentions; edges with count,
        weight, npmi, lift (and periods with ``by=``; events, held, modes ... with ``edges="meetings"``).
        Options: depth, window, types (a list is joined with commas), min_weight, top, measure, by, edges,
        and the filters. The graph-level attributes (measure, window, units) are in ``G.graph``."""
        import networkx as nx

        if isinstance(options.get("types"), (list, tuple, set)):
            options["types"] = ",".join(options["types"])
        data = self._get_json("/api/graph", [("name", name)] + list(options.items()))
        directed, multi = bool(data.get("directed")), bool(data.get("multigraph"))
        G = {(False, False): nx.Graph, (True, False): nx.DiGraph,
             (False, True): nx.MultiGraph, (True, True): nx.MultiDiGraph}[(directed, multi)]()
        G.graph.update(data.get("graph") or {})
        for node in data.get("nodes", []):
            G.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        for edge in data.get("links", data.get("edges", [])):
            G.add_edge(edge["source"], edge["target"],
                       **{k: v for k, v in edge.items() if k not in ("source", "target")})
        return G

    def stats(self) -> Dict[str, Any]:
        """What the database holds (`stats`): articles, first_date, last_date, undated, sources ..."""
        return self._get_json("/api/stats")

    def article(self, id: str) -> Dict[str, Any]:
        """One article by id (`/api/articles/{id}`; the id is percent-encoded, '/' included)."""
        return self._get_json("/api/articles/" + urllib.parse.quote(str(id), safe=""))

    def export_timelines(self, type: Optional[str] = None, by: str = "month", **filters: Any) -> pd.DataFrame:
        """Every entity's timeline (`export timelines`): entity_id, name, type, period, start, articles,
        mentions; periods without mentions are left out."""
        rows = self._get_jsonl("/api/export/timelines", [("type", type), ("by", by)] + list(filters.items()))
        df = _with_starts(_frame(rows, ["entity_id", "name", "type", "period", "articles", "mentions"]))
        return df

    def openapi(self) -> Dict[str, Any]:
        """The server's OpenAPI 3 description."""
        return json.loads(self._request("/api/openapi.json", []))
