"""Exports: contract JSONL (what ``hadath extract`` writes), GDELT 2.0-style event TSV, PLOVER JSON lines,
Parquet, and DataFrames. pyarrow, pandas and polars are imported only by the export that needs them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from hadath.record import Record
from hadath.write import record_line

from .clusters import party
from .query import RARE_TEXT, EventFilter, _run, event_id_query, text_matches

if TYPE_CHECKING:
    from .store import Store

CHUNK = 500   # documents read per round trip when a whole store is exported

# GDELT 2.0 event table columns hadath fills, in GDELT's names and order (a subset of its 61). One row per
# cross-article event: the actors, code and place of its first report, its counts over all reports.
GDELT_COLUMNS = ("GlobalEventID", "SQLDATE", "MonthYear", "Year", "FractionDate",
                 "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
                 "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                 "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "DATEADDED", "SOURCEURL")

# The flat event columns of Parquet and DataFrames.
EVENT_COLUMNS = ("id", "doc_id", "day", "date", "code", "root", "name", "source_actor", "source_name", "target_actor",
                 "target_name", "party_a", "party_b", "directed", "location", "outlet", "span_start", "span_end",
                 "confidence", "modality", "goldstein", "quad_class", "plover_event", "cluster_id", "cluster_mentions",
                 "cluster_articles", "cluster_outlets")
_EVENT_SELECT = ("e.id, d.doc_id, e.day, e.date, e.code, e.root, e.name, e.source_actor, e.source_name, e.target_actor, "
                 "e.target_name, e.party_a, e.party_b, e.directed, e.location, e.outlet, e.span_start, e.span_end, "
                 "e.confidence, e.modality, e.goldstein, e.quad_class, e.plover_event, e.cluster_id, c.mentions, c.articles, "
                 "c.outlets")


# -- records -------------------------------------------------------------------------------------
def iter_records(conn: sqlite3.Connection, first_id: int = 1, last_id: int | None = None) -> Iterator[Record]:
    """Every stored record in document order, exactly as extracted (a few hundred documents a round trip)."""
    last = last_id or conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
    for lo in range(first_id, last + 1, CHUNK):
        for text, record in conn.execute("SELECT text, record FROM documents WHERE id BETWEEN ? AND ? ORDER BY id",
                                         (lo, min(lo + CHUNK - 1, last))):
            yield record_from_json(json.loads(record), text)


def record_of(conn: sqlite3.Connection, document_id: int) -> Record:
    for rec in iter_records(conn, document_id, document_id):
        return rec
    raise KeyError(f"no document {document_id}")


def record_from_json(obj: dict[str, Any], text: str) -> Record:
    """A Record from its JSON form (``Record.as_dict``) and its text."""
    span = obj.get("title_span")
    return Record(**{**obj, "text": text, "title_span": tuple(span) if span else None,
                     "body": [tuple(s) for s in obj.get("body") or []]})


def write_jsonl(conn: sqlite3.Connection, fh: IO[str], include_text: bool = False) -> int:
    n = 0
    for rec in iter_records(conn):
        fh.write(record_line(rec, include_text))
        fh.write("\n")
        n += 1
    return n


# -- GDELT ---------------------------------------------------------------------------------------
def write_gdelt(conn: sqlite3.Connection, fh: IO[str], header: bool = True) -> int:
    """Cross-article events as GDELT 2.0 event rows (tab-separated; GDELT's own files have no header line)."""
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in conn.execute(
            "SELECT c.id, c.first_day, e.source_actor, e.source_name, e.target_actor, e.target_name, c.code, e.quad_class, "
            "e.goldstein, c.mentions, c.outlets, c.articles, e.location, r.started_at, coalesce(d.url, d.doc_id) "
            "FROM event_clusters c JOIN events e ON e.id = c.first_event_id JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN ingest_runs r ON r.id = d.run_id ORDER BY c.id"):
        (cid, day, a1, a1name, a2, a2name, code, quad, goldstein, mentions, outlets, articles, location, added, url) = row
        day_ = dt.date.fromisoformat(day) if day else None
        added_ = (added or "").replace("-", "").replace(":", "").replace("T", "")[:14]
        fields = (cid, day_.strftime("%Y%m%d") if day_ else "", day_.strftime("%Y%m") if day_ else "",
                  day_.year if day_ else "", f"{day_.year + (day_.timetuple().tm_yday - 1) / 365:.4f}" if day_ else "",
                  a1 or "", a1name or "", party(a1) or "", a2 or "", a2name or "", party(a2) or "",
                  code or "", (code or "")[:3], (code or "")[:2], quad if quad is not None else "",
                  goldstein if goldstein is not None else "", mentions, outlets, articles, location or "", added_, url or "")
        fh.write("\t".join(_tsv(v) for v in fields) + "\n")
        n += 1
    return n


def _tsv(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


# -- PLOVER --------------------------------------------------------------------------------------
def write_plover(conn: sqlite3.Connection, fh: IO[str]) -> int:
    """Events in PLOVER's JSON form, one object a line; CAMEO 01 and 02 have no PLOVER event and are left out
    (as PLOVER itself does)."""
    n = 0
    for (eid, doc_id, ordinal, day, code, source, source_name, target, target_name, location, outlet, start, end,
         quad, goldstein, cluster, plover_event, plover_mode, passage) in conn.execute(
            "SELECT e.id, d.doc_id, e.ordinal, e.day, e.code, e.source_actor, e.source_name, e.target_actor, e.target_name, "
            "e.location, e.outlet, e.span_start, e.span_end, e.quad_class, e.goldstein, e.cluster_id, e.plover_event, e.plover_mode, "
            "substr(d.text, e.span_start + 1, e.span_end - e.span_start) "
            "FROM events e JOIN documents d ON d.id = e.document_id WHERE e.plover_event IS NOT NULL ORDER BY e.id"):
        obj = {
            "id": f"hadath-{eid}",
            "date": day,
            "event": plover_event,
            "mode": [plover_mode] if plover_mode else [],
            "context": [],
            "actor": [_plover_actor(source, source_name)] if source else [],
            "recipient": [_plover_actor(target, target_name)] if target else [],
            "event_loc": {"name": location} if location else None,
            "event_text": passage,
            "quad_code": quad,
            "cameo_code": code,
            "goldstein": goldstein,
            "story_id": doc_id,
            "outlet": outlet,
            "cluster_id": cluster,
            "text_info": {"sequence": ordinal, "start": start, "end": end},
        }
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def _plover_actor(code: str, name: str | None) -> dict[str, Any]:
    sector = code[3:6] if len(code) > 3 and not code.startswith("IGO") else ("IGO" if code.startswith("IGO") else None)
    return {"code": code, "entity_text": name, "country": party(code), "sector": sector}


# -- Parquet and DataFrames ----------------------------------------------------------------------
def event_rows(conn: sqlite3.Connection, f: EventFilter | None = None) -> Iterator[tuple]:
    """The flat event columns (``EVENT_COLUMNS``) of the events ``f`` finds, or of all events."""
    if f is None:
        yield from conn.execute(f"SELECT {_EVENT_SELECT} FROM events e JOIN documents d ON d.id = e.document_id "
                                "LEFT JOIN event_clusters c ON c.id = e.cluster_id ORDER BY e.id")
        return
    inner, params = event_id_query(f, bool(f.text) and text_matches(conn, f.text) > RARE_TEXT)
    yield from _run(conn, f"SELECT {_EVENT_SELECT} FROM ({inner}) AS hit CROSS JOIN events e ON e.id = hit.event_id "
                          "JOIN documents d ON d.id = e.document_id LEFT JOIN event_clusters c ON c.id = e.cluster_id "
                          "ORDER BY e.day DESC, e.id DESC", params, f.text)


def _arrow_schema():
    import pyarrow as pa

    types = {"id": pa.int64(), "directed": pa.bool_(), "span_start": pa.int64(), "span_end": pa.int64(),
             "confidence": pa.float64(), "goldstein": pa.float64(), "quad_class": pa.int64(), "cluster_id": pa.int64(),
             "cluster_mentions": pa.int64(), "cluster_articles": pa.int64(), "cluster_outlets": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EVENT_COLUMNS])


def write_parquet(conn: sqlite3.Connection, path: str | Path, row_group: int = 100_000) -> int:
    """All events as one Parquet file, written a row group at a time so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        rows = event_rows(conn)
        while True:
            chunk = [r for _, r in zip(range(row_group), rows, strict=False)]
            if not chunk:
                break
            columns = list(zip(*chunk, strict=True))
            arrays = [pa.array([bool(v) if v is not None else None for v in col] if name == "directed" else col, type=field.type)
                      for name, col, field in zip(EVENT_COLUMNS, columns, schema, strict=True)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(chunk)
    return n


def events_frame(store: Store, engine: str = "pandas", **filters):
    """The events ``filters`` find (all events without filters) as a pandas or polars DataFrame."""
    f = EventFilter(**{"limit": 0, **filters}) if filters else None
    rows = list(event_rows(store.conn, f))
    if engine == "pandas":
        import pandas as pd

        return pd.DataFrame.from_records(rows, columns=list(EVENT_COLUMNS))
    if engine == "polars":
        import polars as pl

        return pl.DataFrame(rows, schema=list(EVENT_COLUMNS), orient="row", infer_schema_length=None)
    raise ValueError(f"engine is 'pandas' or 'polars', not {engine!r}")


EXPORT_FORMATS = ("jsonl", "gdelt", "plover", "parquet")
