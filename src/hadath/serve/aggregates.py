"""The server's own read queries over the store's tables: pages of events, one event with its reports and
parties, the timeline and network aggregates, the pairs that have relations.

Everything here is computed in SQLite (GROUP BY over an index, LIMIT/OFFSET over the store's own id
query), so a page costs the same on a thousand events or a million; the heavier aggregates are cached by
the caller against ``data_version``. The filters of an events page are the store's (``EventFilter``,
``event_id_query``): the API, the dashboard and ``hadath query`` find the same events.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from hadath.store import Store
from hadath.store.query import RARE_TEXT, EventFilter, QueryError, event_id_query, text_matches

MEETING_ROOT = "04"        # CAMEO consult: meetings, visits, talks, calls
SIGNING_CODE = "057"       # CAMEO sign formal agreement
NETWORK_KINDS = ("meet", "sign", "both")


def data_version(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """Highest row ids of documents, events and relations: changes whenever a batch is written (ids only grow)."""
    return tuple(conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                 for t in ("documents", "events", "relations"))


def _fetch(conn: sqlite3.Connection, sql: str, params: list, text: str | None = None) -> list[tuple]:
    """Run a query; a bad full-text expression is the user's error (QueryError), not the server's."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if text is not None:
            raise QueryError(f"bad text query {text!r}: {exc} (words, \"phrases\", AND, OR, NOT, prefix*)") from None
        raise


# -- events ------------------------------------------------------------------------------------------
_PAGE_COLUMNS = ("id", "day", "code", "root", "name", "source_actor", "source_name", "target_actor", "target_name",
                 "location", "outlet", "modality", "confidence", "document", "doc_id", "title", "cluster_id",
                 "cluster_mentions", "cluster_articles", "cluster_outlets", "ordinal", "span", "passage")
_PAGE_SELECT = ("e.id, e.day, e.code, e.root, e.name, e.source_actor, e.source_name, e.target_actor, e.target_name, "
                "e.location, e.outlet, e.modality, e.confidence, e.document_id, d.doc_id, d.title, e.cluster_id, "
                "c.mentions, c.articles, c.outlets, e.ordinal, e.span_start, e.span_end, "
                "substr(d.text, e.span_start + 1, e.span_end - e.span_start)")


def events_page(conn: sqlite3.Connection, f: EventFilter, offset: int, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """One page of the events ``f`` finds, newest first, and whether more follow.

    The store's id query (with its plan for a rare or a common text) runs with its limit at offset + limit + 1 (it walks its index that far and no
    further); only the page's rows are then joined with their documents and clusters.
    """
    common = bool(f.text) and _common_text(conn, f.text)
    inner, params = event_id_query(EventFilter(**{**_filter_dict(f), "limit": offset + limit + 1}), common)
    sql = (f"SELECT {_PAGE_SELECT} FROM (SELECT event_id FROM ({inner}) LIMIT ? OFFSET ?) AS hit "
           "CROSS JOIN events e ON e.id = hit.event_id JOIN documents d ON d.id = e.document_id "
           "LEFT JOIN event_clusters c ON c.id = e.cluster_id ORDER BY e.day DESC, e.id DESC")
    rows = _fetch(conn, sql, [*params, limit + 1, offset], f.text)
    out = []
    for r in rows[:limit]:
        row = dict(zip(_PAGE_COLUMNS[:21], r[:21], strict=True))
        row["span"] = [r[21], r[22]] if r[21] is not None else None
        row["passage"] = r[23]
        out.append(row)
    return out, len(rows) > limit


def _common_text(conn: sqlite3.Connection, text: str) -> bool:
    """The store's choice of plan for a text; any expression FTS5 refuses is the user's error (400), whatever its message."""
    try:
        return text_matches(conn, text) > RARE_TEXT
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad text query {text!r}: {exc} (words, \"phrases\", AND, OR, NOT, prefix*)") from None


def _filter_dict(f: EventFilter) -> dict[str, Any]:
    return {name: getattr(f, name) for name in EventFilter.__dataclass_fields__}


def event_detail(store: Store, event_id: int, max_reports: int = 50) -> dict[str, Any] | None:
    """One event as extracted, its passage and cue, its parties with every span they are named at in the
    article, and the reports of the same event across articles (its cluster), each with its source span."""
    conn = store.conn
    row = conn.execute("SELECT e.id, e.document_id, e.ordinal, d.doc_id, d.title, d.outlet, e.day, e.cluster_id "
                       "FROM events e JOIN documents d ON d.id = e.document_id WHERE e.id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    eid, doc_key, ordinal, doc_id, title, outlet, day, cluster_id = row
    record = store.record(doc_key)
    item = record.events[ordinal]
    entities = {e.get("id"): e for e in record.entities}

    def text_at(span) -> str | None:
        return record.text[span[0]:span[1]] if span else None

    parties = {}
    for role in ("source", "target"):
        ent = entities.get((item.get(role) or {}).get("entity"), {})
        spans = [(s, "name") for s in ent.get("mentions") or []] + [(s, "adjective") for s in ent.get("adjective_mentions") or []]
        parties[role] = {**(item.get(role) or {}),
                         "mentions": [{"span": list(s), "kind": k, "text": text_at(s)} for s, k in sorted(spans)]}
    cluster = None
    reports: list[dict[str, Any]] = []
    if cluster_id is not None:
        c = conn.execute("SELECT id, key, root, code, party_a, party_b, directed, first_day, last_day, mentions, articles, "
                         "outlets FROM event_clusters WHERE id = ?", (cluster_id,)).fetchone()
        cluster = dict(zip(("id", "key", "root", "code", "party_a", "party_b", "directed", "first_day", "last_day",
                            "mentions", "articles", "outlets"), c, strict=True))
        cluster["directed"] = bool(cluster["directed"])
        for r in conn.execute("SELECT e.id, e.document_id, d.doc_id, e.outlet, e.day, e.code, e.span_start, e.span_end, "
                              "substr(d.text, e.span_start + 1, e.span_end - e.span_start) FROM events e "
                              "JOIN documents d ON d.id = e.document_id WHERE e.cluster_id = ? ORDER BY e.day, e.id LIMIT ?",
                              (cluster_id, max_reports)):
            reports.append({"event": r[0], "document": r[1], "doc_id": r[2], "outlet": r[3], "day": r[4], "code": r[5],
                            "span": [r[6], r[7]] if r[6] is not None else None, "passage": r[8]})
    return {"id": eid, "document": doc_key, "doc_id": doc_id, "title": title, "outlet": outlet, "day": day,
            "event": item, "passage": text_at(item.get("span")), "cue": text_at(item.get("cue_span")),
            "source": parties["source"], "target": parties["target"], "cluster": cluster, "mentions": reports}


# -- documents ---------------------------------------------------------------------------------------
def document_key(conn: sqlite3.Connection, ref: str, by_record: bool = False) -> int | None:
    """A document by the store's number (all digits) or else, or with ``by_record``, by its record id (the first stored)."""
    if ref.isdigit() and not by_record:
        row = conn.execute("SELECT id FROM documents WHERE id = ?", (int(ref),)).fetchone()
    else:
        row = conn.execute("SELECT id FROM documents WHERE doc_id = ? ORDER BY id LIMIT 1", (ref,)).fetchone()
    return row[0] if row else None


def document_sources(conn: sqlite3.Connection, doc_key: int) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT doc_id, source, outlet, url, date FROM document_sources WHERE document_id = ? ORDER BY id",
                        (doc_key,))
    return [dict(zip(("doc_id", "source", "outlet", "url", "date"), r, strict=True)) for r in rows]


# -- timeline ----------------------------------------------------------------------------------------
@dataclass(slots=True)
class Bucket:
    label: str                 # 2024-12-01, 2024-12 or 2024
    since: str                 # first day it covers
    until: str                 # last day it covers
    counts: dict[str, int] = field(default_factory=dict)   # root -> events

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class Timeline:
    unit: str                  # day, month or year: chosen so that the range gives a readable number of bars
    buckets: list[Bucket]
    roots: list[str]           # the roots present, in code order
    undated: int               # events without a day (not on the chart)
    total: int


def timeline(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> Timeline:
    """Events per root per day, month or year over the range, counted in SQLite on the (root, day) index."""
    where, params = ["root IS NOT NULL", "day IS NOT NULL"], []
    if since:
        where.append("day >= ?")
        params.append(since)
    if until:
        where.append("day <= ?")
        params.append(until)
    cond = " AND ".join(where)
    first, last = conn.execute(f"SELECT min(day), max(day) FROM events WHERE {cond}", params).fetchone()
    undated = 0 if (since or until) else conn.execute("SELECT count(*) FROM events WHERE day IS NULL").fetchone()[0]
    if first is None:
        return Timeline("day", [], [], undated, 0)
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    unit, width = ("day", 10) if span <= 92 else ("month", 7) if span <= 3 * 366 else ("year", 4)
    counts: dict[str, dict[str, int]] = {}
    # grouped by (root, day), the index's own order (no sort in SQLite); days fold into buckets here
    for root, day, n in conn.execute(f"SELECT root, day, count(*) FROM events INDEXED BY events_root WHERE {cond} "
                                     "GROUP BY root, day", params):
        bucket = counts.setdefault(day[:width], {})
        bucket[root] = bucket.get(root, 0) + n
    buckets = [Bucket(label, *_bucket_days(label, unit), counts.get(label, {})) for label in _labels(first, last, unit)]
    roots = sorted({r for c in counts.values() for r in c})
    return Timeline(unit, buckets, roots, undated, sum(b.total for b in buckets))


def _labels(first: str, last: str, unit: str) -> list[str]:
    """Every bucket from the first to the last, empty ones included (a gap shows as a gap)."""
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if unit == "day":
        return [(a + dt.timedelta(days=k)).isoformat() for k in range((b - a).days + 1)]
    if unit == "month":
        months = (b.year - a.year) * 12 + b.month - a.month
        return [f"{a.year + (a.month - 1 + k) // 12:04d}-{(a.month - 1 + k) % 12 + 1:02d}" for k in range(months + 1)]
    return [f"{y:04d}" for y in range(a.year, b.year + 1)]


def _bucket_days(label: str, unit: str) -> tuple[str, str]:
    if unit == "day":
        return label, label
    if unit == "year":
        return f"{label}-01-01", f"{label}-12-31"
    y, m = int(label[:4]), int(label[5:7])
    end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return f"{label}-01", end.isoformat()


def top_clusters(conn: sqlite3.Connection, since: str | None = None, until: str | None = None,
                 limit: int = 12) -> list[dict[str, Any]]:
    """The events across articles reported most in the range, with the name, parties and place of the first report."""
    where, params = [], []
    if since:
        where.append("c.last_day >= ?")
        params.append(since)
    if until:
        where.append("c.first_day <= ?")
        params.append(until)
    sql = ("SELECT c.id, c.first_day, c.last_day, c.root, c.code, c.party_a, c.party_b, c.mentions, c.articles, c.outlets, "
           "e.id, e.name, e.source_name, e.target_name, e.location, e.document_id FROM event_clusters c "
           "LEFT JOIN events e ON e.id = c.first_event_id" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY c.articles DESC, c.mentions DESC, c.first_day DESC, c.id LIMIT ?")
    cols = ("id", "first_day", "last_day", "root", "code", "party_a", "party_b", "mentions", "articles", "outlets",
            "first_event", "name", "source_name", "target_name", "location", "document")
    return [dict(zip(cols, r, strict=True)) for r in conn.execute(sql, [*params, limit])]


# -- network -----------------------------------------------------------------------------------------
@dataclass(slots=True)
class Network:
    kind: str
    nodes: list[dict[str, Any]]     # code, name, weight (events on its edges shown)
    edges: list[dict[str, Any]]     # a, b, a_name, b_name, meet, sign, weight
    pairs: int                      # pairs in the store before the cut to max_edges


def network(conn: sqlite3.Connection, kind: str = "both", since: str | None = None, until: str | None = None,
            max_edges: int = 60, max_nodes: int = 24) -> Network:
    """Who met or signed with whom: one edge per pair of parties, weighted by its events (CAMEO 04x, 057)."""
    if kind not in NETWORK_KINDS:
        raise QueryError(f"kind is one of {', '.join(NETWORK_KINDS)}, not {kind!r}")
    where, params = ["party_a IS NOT NULL", "party_b IS NOT NULL", "party_a != party_b"], []
    if since:
        where.append("day >= ?")
        params.append(since)
    if until:
        where.append("day <= ?")
        params.append(until)
    which = {"meet": "root = ?", "sign": "code = ?", "both": "(root = ? OR code = ?)"}[kind]
    which_params = {"meet": [MEETING_ROOT], "sign": [SIGNING_CODE], "both": [MEETING_ROOT, SIGNING_CODE]}[kind]
    sql = (f"SELECT party_a, party_b, sum(root = ?), sum(code = ?), count(*) FROM events WHERE {which} AND "
           + " AND ".join(where) + " GROUP BY party_a, party_b ORDER BY count(*) DESC, party_a, party_b")
    rows = conn.execute(sql, [MEETING_ROOT, SIGNING_CODE, *which_params, *params]).fetchall()
    degree: dict[str, int] = {}
    for a, b, _, _, n in rows:
        degree[a] = degree.get(a, 0) + n
        degree[b] = degree.get(b, 0) + n
    keep = set(sorted(degree, key=lambda p: (-degree[p], p))[:max_nodes])
    edges = [r for r in rows if r[0] in keep and r[1] in keep][:max_edges]
    shown = {p for r in edges for p in r[:2]}
    names = party_names(conn, shown)
    weight: dict[str, int] = {}
    for a, b, _, _, n in edges:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    nodes = [{"code": p, "name": names.get(p, p), "weight": weight[p]} for p in sorted(shown, key=lambda p: (-weight[p], p))]
    return Network(kind, nodes,
                   [{"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b), "meet": m, "sign": s, "weight": n}
                    for a, b, m, s, n in edges], len(rows))


def party_names(conn: sqlite3.Connection, codes: set[str]) -> dict[str, str]:
    """The canonical English name of each party code: the state, region or body named most in the store."""
    if not codes:
        return {}
    marks = ",".join("?" * len(codes))
    rows = conn.execute(f"SELECT code, name FROM actors WHERE code IN ({marks}) AND type != 'PERSON' "
                        "ORDER BY documents DESC, id", sorted(codes))
    names: dict[str, str] = {}
    for code, name in rows:
        names.setdefault(code, name)
    return names


# -- relations ---------------------------------------------------------------------------------------
def relation_pairs(conn: sqlite3.Connection, limit: int = 60) -> list[dict[str, Any]]:
    """Pairs of states with designated relations, most statements first, counted on the pair index."""
    rows = conn.execute("SELECT party_a, party_b, count(*), min(day), max(day), count(DISTINCT designation) FROM relations "
                        "WHERE party_a IS NOT NULL AND party_b IS NOT NULL GROUP BY party_a, party_b "
                        "ORDER BY count(*) DESC, party_a, party_b LIMIT ?", (limit,)).fetchall()
    names = party_names(conn, {p for r in rows for p in r[:2]})
    return [{"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b), "statements": n, "first_day": lo,
             "last_day": hi, "designations": k} for a, b, n, lo, hi, k in rows]
