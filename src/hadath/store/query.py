"""The queries of ``hadath query`` and ``Store``: events, cross-article events, actors, quotes, relations.

Each query first finds the ids it wants through one index (the limit applies there),
then joins the details for those rows only, so a query costs the same on a store of
a thousand events or of millions. Which index serves a filter:

| filter | index |
|---|---|
| actor alone (CHN, CHNGOV) | ``event_actors`` primary key (actor, day): newest first, no sort |
| pair | ``events_pair`` (party_a, party_b, day) |
| code / root / outlet | ``events_code`` / ``events_root`` / ``events_outlet`` (x, day) |
| since / until alone | ``events_day`` |
| text, rare (<= RARE_TEXT documents) | ``documents_fts`` (FTS5 over the normalised text), then the documents' events |
| text, common | the other filters' index (or ``events_day``) in day order, each event checked against the matches |
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from hadath.analyse.normalise import normalise

from .clusters import party

DEFAULT_LIMIT = 50
RARE_TEXT = 1000   # a text matching at most this many documents drives the query; a commoner one filters a day-ordered scan


class QueryError(ValueError):
    """A query that cannot run as given (a bad full-text expression, a malformed pair or date)."""


@dataclass(slots=True)
class EventFilter:
    actor: str | None = None        # a party (CHN) or an actor code (CHNGOV), as source or target
    pair: str | tuple[str, str] | None = None   # two parties, either direction: "CHN,KAZ"
    code: str | None = None
    root: str | None = None
    since: str | None = None        # YYYY-MM-DD, inclusive
    until: str | None = None
    outlet: str | None = None
    text: str | None = None         # FTS5 expression over the article text, normalised like the index
    limit: int = DEFAULT_LIMIT


@dataclass(slots=True)
class ActorFilter:
    name: str | None = None         # part of the canonical name, any case
    type: str | None = None         # PERSON, COUNTRY, REGION, ORG, LOCATION
    country: str | None = None      # code or country (CHN)
    limit: int = DEFAULT_LIMIT


@dataclass(slots=True)
class QuoteFilter:
    speaker: str | None = None      # the speaker's canonical name, else the start of it, any case
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(slots=True)
class RelationFilter:
    pair: str | tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    limit: int = DEFAULT_LIMIT


class Row:
    """Rows are dataclasses; ``as_dict`` gives the JSON/CSV shape."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(slots=True)
class EventRow(Row):
    id: int
    day: str | None
    code: str | None
    name: str | None
    source_actor: str | None
    source_name: str | None
    target_actor: str | None
    target_name: str | None
    location: str | None
    outlet: str | None
    doc_id: str
    cluster_id: int | None
    cluster_mentions: int | None
    cluster_articles: int | None
    cluster_outlets: int | None
    confidence: float | None
    modality: str | None
    passage: str | None


@dataclass(slots=True)
class ClusterRow(Row):
    id: int
    first_day: str | None
    last_day: str | None
    code: str | None
    root: str | None
    party_a: str | None
    party_b: str | None
    directed: bool
    mentions: int
    articles: int
    outlets: int
    name: str | None
    source_actor: str | None
    target_actor: str | None


@dataclass(slots=True)
class ActorRow(Row):
    id: int
    type: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    documents: int
    mentions: int
    events: int
    first_day: str | None
    last_day: str | None


@dataclass(slots=True)
class QuoteRow(Row):
    id: int
    day: str | None
    speaker_name: str | None
    cue: str | None
    how: str | None
    outlet: str | None
    doc_id: str
    text: str | None


@dataclass(slots=True)
class RelationRow(Row):
    id: int
    day: str | None
    a: str | None
    b: str | None
    designation: str | None
    since: str | None
    outlet: str | None
    doc_id: str
    passage: str | None


def parse_pair(pair: str | tuple[str, str]) -> tuple[str, str]:
    """Two parties, sorted: ``"KAZ,CHNGOV"`` -> ``("CHN", "KAZ")``."""
    parts = [p.strip() for p in pair.split(",")] if isinstance(pair, str) else list(pair)
    if len(parts) != 2 or not all(parts):
        raise QueryError(f"a pair is two actor codes separated by a comma (CHN,KAZ), not {pair!r}")
    a, b = sorted(party(p) or "" for p in parts)
    return a, b


def _day(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise QueryError(f"--{what} wants a date as YYYY-MM-DD, not {value!r}") from exc


def _limit(limit: int) -> int:
    return -1 if not limit or limit < 0 else int(limit)   # 0: no limit


def fts_expression(text: str) -> str:
    """The user's full-text query in the index's form: normalised like the indexed text."""
    expr = normalise(text).strip()
    if not expr:
        raise QueryError("an empty text query")
    return expr


def _run(conn: sqlite3.Connection, sql: str, params: list, text: str | None = None) -> list[tuple]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if text is not None:   # any error of a query with a text search is the search expression's (FTS5)
            raise QueryError(f"bad text query {text!r}: {msg} (words, \"phrases\", AND, OR, NOT, prefix*)") from None
        raise


def text_matches(conn: sqlite3.Connection, text: str, cap: int = RARE_TEXT) -> int:
    """How many documents a text query matches, counted up to ``cap + 1``: which plan serves it."""
    sql = "SELECT count(*) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)"
    return _run(conn, sql, [fts_expression(text), cap + 1], text)[0][0]


def event_id_query(f: EventFilter, common_text: bool = False) -> tuple[str, list]:
    """The inner query: ids of the events ``f`` finds, newest first, limited (see the module's index table).

    ``common_text``: the text matches many documents, so the document index must not drive the query
    (the unary ``+`` keeps the planner off it) and a day-ordered index does."""
    where: list[str] = []
    params: list = []
    since, until = _day(f.since, "since"), _day(f.until, "until")
    actor = f.actor.strip().upper() if f.actor else None
    # the actor index drives unless a pair does better, or a rare text (a few documents) does
    drive_by_actor = bool(actor) and not f.pair and not (f.text and not common_text)
    if actor and not drive_by_actor:
        if len(actor) == 3:
            where.append("(e.party_a = ? OR e.party_b = ?)")
        else:
            where.append("(e.source_actor = ? OR e.target_actor = ?)")
        params += [actor, actor]
    if f.pair:
        a, b = parse_pair(f.pair)
        where.append("e.party_a = ? AND e.party_b = ?")
        params += [a, b]
    for column, value in (("code", f.code), ("root", f.root), ("outlet", f.outlet)):
        if value:
            where.append(f"e.{column} = ?")
            params.append(value)
    if f.text:
        where.append(("+" if common_text else "") + "e.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(fts_expression(f.text))
    day = "k.day" if drive_by_actor else "e.day"
    if since:
        where.append(f"{day} >= ?")
        params.append(since)
    if until:
        where.append(f"{day} <= ? AND {day} != ''" if drive_by_actor else f"{day} <= ?")
        params.append(until)
    if drive_by_actor:
        join = " JOIN events e ON e.id = k.event_id" if any(w.startswith(("e.", "(e.", "+e.")) for w in where) else ""
        sql = (f"SELECT k.event_id AS event_id FROM event_actors k{join} WHERE k.actor = ?" + "".join(f" AND {w}" for w in where)
               + " ORDER BY k.day DESC, k.event_id DESC LIMIT ?")
        return sql, [actor, *params, _limit(f.limit)]
    sql = ("SELECT e.id AS event_id FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.day DESC, e.id DESC LIMIT ?")
    return sql, [*params, _limit(f.limit)]


_EVENT_COLUMNS = ("e.id, e.day, e.code, e.name, e.source_actor, e.source_name, e.target_actor, e.target_name, e.location, "
                  "e.outlet, d.doc_id, e.cluster_id, c.mentions, c.articles, c.outlets, e.confidence, e.modality, "
                  "substr(d.text, e.span_start + 1, e.span_end - e.span_start)")


def query_events(conn: sqlite3.Connection, f: EventFilter) -> list[EventRow]:
    common = bool(f.text) and text_matches(conn, f.text) > RARE_TEXT
    inner, params = event_id_query(f, common)
    sql = (f"SELECT {_EVENT_COLUMNS} FROM ({inner}) AS hit CROSS JOIN events e ON e.id = hit.event_id "
           "JOIN documents d ON d.id = e.document_id LEFT JOIN event_clusters c ON c.id = e.cluster_id "
           "ORDER BY e.day DESC, e.id DESC")
    return [EventRow(*r) for r in _run(conn, sql, params, f.text)]


def query_clusters(conn: sqlite3.Connection, f: EventFilter) -> list[ClusterRow]:
    """Events across articles, newest first: filters on the cluster's parties, root, code and days."""
    where, params = [], []
    if f.pair:
        a, b = parse_pair(f.pair)
        where.append("((c.party_a = ? AND c.party_b = ?) OR (c.party_a = ? AND c.party_b = ?))")
        params += [a, b, b, a]
    if f.actor:
        p = party(f.actor.strip())
        where.append("(c.party_a = ? OR c.party_b = ?)")
        params += [p, p]
    for column, value in (("root", f.root), ("code", f.code)):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    if f.since:
        where.append("c.last_day >= ?")
        params.append(_day(f.since, "since"))
    if f.until:
        where.append("c.first_day <= ?")
        params.append(_day(f.until, "until"))
    if f.outlet or f.text:
        raise QueryError("clusters are filtered by actor, pair, code, root and dates; --outlet and --text are for events")
    sql = ("SELECT c.id, c.first_day, c.last_day, c.code, c.root, c.party_a, c.party_b, c.directed, c.mentions, c.articles, "
           "c.outlets, e.name, e.source_actor, e.target_actor FROM event_clusters c LEFT JOIN events e ON e.id = c.first_event_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.first_day DESC, c.id DESC LIMIT ?")
    return [ClusterRow(*r[:7], bool(r[7]), *r[8:]) for r in _run(conn, sql, [*params, _limit(f.limit)])]


def query_actors(conn: sqlite3.Connection, f: ActorFilter) -> list[ActorRow]:
    """Actors by how many documents name them."""
    where, params = [], []
    if f.name:
        where.append("a.name LIKE ?")
        params.append(f"%{f.name}%")
    if f.type:
        where.append("a.type = ?")
        params.append(f.type.upper())
    if f.country:
        where.append("(a.code = ? OR a.country = ?)")
        params += [f.country.upper(), f.country.upper()]
    sql = ("SELECT a.id, a.type, a.name, a.code, a.country, a.sector, a.documents, a.mentions, a.events, a.first_day, "
           "a.last_day FROM actors a" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY a.documents DESC, a.id LIMIT ?")
    return [ActorRow(*r) for r in _run(conn, sql, [*params, _limit(f.limit)])]


def query_quotes(conn: sqlite3.Connection, f: QuoteFilter) -> list[QuoteRow]:
    """Quotes, newest first; by speaker through the speaker index (a name prefix, any case)."""
    where, params = [], []
    if f.speaker and conn.execute("SELECT 1 FROM actors WHERE name = ? COLLATE NOCASE LIMIT 1", (f.speaker,)).fetchone():
        where.append("q.speaker_name = ? COLLATE NOCASE")     # a full name: that speaker, newest first from the index
        params.append(f.speaker)
    elif f.speaker:
        where.append("q.speaker_name LIKE ?")                  # else the start of a name
        params.append(f.speaker.replace("%", "").replace("_", "") + "%")
    if f.since:
        where.append("q.day >= ?")
        params.append(_day(f.since, "since"))
    if f.until:
        where.append("q.day <= ?")
        params.append(_day(f.until, "until"))
    if f.outlet:
        where.append("q.outlet = ?")
        params.append(f.outlet)
    inner = ("SELECT q.id FROM quotes q" + (" WHERE " + " AND ".join(where) if where else "")
             + " ORDER BY q.day DESC, q.id DESC LIMIT ?")
    sql = ("SELECT q.id, q.day, q.speaker_name, q.cue, q.how, q.outlet, d.doc_id, "
           "substr(d.text, q.span_start + 1, q.span_end - q.span_start) "
           f"FROM ({inner}) AS hit CROSS JOIN quotes q ON q.id = hit.id JOIN documents d ON d.id = q.document_id "
           "ORDER BY q.day DESC, q.id DESC")
    return [QuoteRow(*r) for r in _run(conn, sql, [*params, _limit(f.limit)])]


def query_relations(conn: sqlite3.Connection, f: RelationFilter) -> list[RelationRow]:
    """A pair's designation history, oldest first."""
    where, params = [], []
    if f.pair:
        a, b = parse_pair(f.pair)
        where.append("r.party_a = ? AND r.party_b = ?")
        params += [a, b]
    if f.since:
        where.append("r.day >= ?")
        params.append(_day(f.since, "since"))
    if f.until:
        where.append("r.day <= ?")
        params.append(_day(f.until, "until"))
    inner = ("SELECT r.id FROM relations r" + (" WHERE " + " AND ".join(where) if where else "")
             + " ORDER BY r.day, r.id LIMIT ?")
    sql = ("SELECT r.id, r.day, r.a, r.b, r.designation, r.since, r.outlet, d.doc_id, "
           "substr(d.text, r.span_start + 1, r.span_end - r.span_start) "
           f"FROM ({inner}) AS hit CROSS JOIN relations r ON r.id = hit.id JOIN documents d ON d.id = r.document_id "
           "ORDER BY r.day, r.id")
    return [RelationRow(*r) for r in _run(conn, sql, [*params, _limit(f.limit)])]
