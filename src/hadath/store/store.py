"""The store: one SQLite file (WAL) that holds records, their rows, cross-article events and ingest runs.

``Store.write_batch`` writes one batch in one transaction: the documents, every row
derived from their records, the cluster assignment of their events, the duplicates'
extra sources, the failures and the run's checkpoint commit together or not at all,
so a process killed at any point leaves the file as it was after the last batch.
Row ids are allocated for the whole batch up front so that every table is written
with one ``executemany``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath import __version__
from hadath.analyse.dates import parse_iso_date
from hadath.analyse.normalise import normalise
from hadath.record import Record

from .clusters import ClusterAssigner, cluster_key, party, refresh_counts
from .schema import migrate

DEFAULT_DB = "hadath.db"
DEFAULT_WINDOW_DAYS = 3
_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


class StoreError(RuntimeError):
    """A store that cannot be opened as asked (missing file, other settings)."""


def content_hash(text: str) -> str:
    """sha256 of the NFC text: the same article read from two files or outlets is one document."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def day_of(value: str | None) -> str | None:
    d = parse_iso_date(value)
    return d.isoformat() if d else None


@dataclass(slots=True)
class SourceInfo:
    """Where one copy of a text was read from."""

    doc_id: str
    source: str
    outlet: str | None = None
    url: str | None = None
    date: str | None = None

    @classmethod
    def of_record(cls, record: Record) -> SourceInfo:
        inp = record.input or {}
        return cls(record.id, inp.get("source") or "", inp.get("outlet"), inp.get("url"), inp.get("date"))


@dataclass(slots=True)
class Batch:
    """What one transaction writes: new records, texts seen again, inputs that failed, the checkpoint."""

    documents: list[tuple[Record, str, SourceInfo]] = field(default_factory=list)   # record, content hash, source
    duplicates: list[tuple[str, SourceInfo]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)                    # source, doc_id, error, message
    position: int | None = None
    folded: dict[str, str] = field(default_factory=dict)    # content hash -> normalised text, where a worker made it


@dataclass(slots=True)
class BatchResult:
    added: int = 0
    duplicates: int = 0
    failures: int = 0
    events: int = 0


@dataclass(slots=True)
class RunState:
    id: int
    position: int          # items already committed: a resumed run skips them
    resumed: bool


class Store:
    """``hadath.Store(path)``: open (or create and migrate) a store; the queries of ``hadath query`` as methods."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True, window_days: int | None = None):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path} (run `hadath ingest` first, or pass --db)")
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")     # with WAL: a crash loses no committed batch, a power cut at most the last
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA cache_size = -65536")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        migrate(self.conn)
        self.window_days = self._setting("cluster_window_days", window_days, DEFAULT_WINDOW_DAYS)
        self._actor_ids: dict[tuple[str, str], int] = {}

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        finally:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _setting(self, key: str, wanted: int | None, default: int) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            value = default if wanted is None else wanted
            self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, str(value)))
            return value
        if wanted is not None and int(row[0]) != wanted:
            raise StoreError(f"{self.path} was made with {key}={row[0]}; it cannot change to {wanted} (use a new file)")
        return int(row[0])

    def analyze(self) -> None:
        """Planner statistics, approximate and quick: the indexes the queries rely on are picked from them."""
        self.conn.execute("PRAGMA analysis_limit = 2000")
        self.conn.execute("ANALYZE")

    # -- writing -----------------------------------------------------------------------------------
    def known_hash(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone() is not None

    def add_records(self, records: Iterable[Record]) -> BatchResult:
        """Store extracted records in one transaction; a text already stored adds its source only."""
        batch = Batch()
        for record in records:
            batch.documents.append((record, content_hash(record.text), SourceInfo.of_record(record)))
        return self.write_batch(batch)

    def write_batch(self, batch: Batch, run_id: int | None = None) -> BatchResult:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        staged_actors: dict[tuple[str, str], int] = {}
        try:
            result = self._write(batch, run_id, staged_actors)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._actor_ids.update(staged_actors)
        return result

    def _next_ids(self) -> dict[str, int]:
        tables = ("documents", "entities", "events", "quotes", "relations", "event_clusters")
        return {t: self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0] for t in tables}

    def _write(self, batch: Batch, run_id: int | None, staged_actors: dict[tuple[str, str], int]) -> BatchResult:
        conn = self.conn
        ids = self._next_ids()
        result = BatchResult(failures=len(batch.failures))
        hash_ids: dict[str, int] = {}
        new_docs = []
        duplicates = list(batch.duplicates)
        stored = self._known_hashes([digest for _, digest, _ in batch.documents])
        for record, digest, src in batch.documents:
            if digest in hash_ids or digest in stored:
                duplicates.append((digest, src))
            else:
                hash_ids[digest] = ids["documents"]
                ids["documents"] += 1
                new_docs.append((hash_ids[digest], record, digest, src))
        actor_of = self._resolve_actors([r for _, r, _, _ in new_docs], staged_actors)

        doc_rows, source_rows, fts_rows, entity_rows, mention_rows = [], [], [], [], []
        event_drafts, actor_rows, quote_rows, relation_rows = [], [], [], []
        actor_counts: dict[int, list] = {}          # actor id -> [documents, mentions, events, first_day, last_day]

        def count(actor_id: int, docs: int, mentions: int, events: int, day: str | None) -> None:
            c = actor_counts.setdefault(actor_id, [0, 0, 0, day, day])
            c[0] += docs
            c[1] += mentions
            c[2] += events
            if day:
                c[3] = day if c[3] is None or day < c[3] else c[3]
                c[4] = day if c[4] is None or day > c[4] else c[4]

        for doc_key, rec, digest, src in new_docs:
            doc_day = day_of(rec.published) or day_of((rec.input or {}).get("date"))
            doc_rows.append((doc_key, rec.id, digest, rec.title, rec.outlet, rec.published, doc_day,
                             (rec.input or {}).get("url"), rec.text, _dumps(rec.as_dict(include_text=False)), run_id))
            source_rows.append((doc_key, src.doc_id, src.source, rec.outlet or src.outlet, src.url, src.date, run_id))
            fts_rows.append((doc_key, batch.folded.get(digest) or normalise(rec.text)))
            local_actor: dict[str, int] = {}
            mentions_of: dict[int, int] = {}
            for ordinal, ent in enumerate(rec.entities):
                eid = ids["entities"]
                ids["entities"] += 1
                key = _actor_key(ent)
                actor_id = actor_of[key]
                local_actor[ent.get("id")] = actor_id
                entity_rows.append((eid, doc_key, ordinal, ent.get("id"), actor_id, key[0], key[1],
                                    ent.get("code"), ent.get("country"), ent.get("sector"), ent.get("surface")))
                spans = ent.get("mentions") or ()
                adjectives = ent.get("adjective_mentions") or ()
                n = len(spans)
                mention_rows += [(eid, k, se[0], se[1], "name") for k, se in enumerate(spans)]
                if adjectives:
                    mention_rows += [(eid, n + k, se[0], se[1], "adjective") for k, se in enumerate(adjectives)]
                mentions_of[actor_id] = mentions_of.get(actor_id, 0) + n + len(adjectives)
            for actor_id, n in mentions_of.items():
                count(actor_id, 1, n, 0, doc_day)
            for ordinal, ev in enumerate(rec.events):
                event_drafts.append((doc_key, ordinal, ev, day_of(ev.get("date")) or doc_day, rec.outlet, local_actor))
            for ordinal, q in enumerate(rec.quotes):
                quote_rows.append((ids["quotes"], doc_key, ordinal, q.get("speaker"), q.get("speaker_name"),
                                   local_actor.get(q.get("speaker")), q.get("cue"), q.get("how"), *_span(q.get("span")),
                                   doc_day, rec.outlet))
                ids["quotes"] += 1
            for ordinal, rel in enumerate(rec.relations):
                pa, pb = _sorted_pair(rel.get("a"), rel.get("b"))
                relation_rows.append((ids["relations"], doc_key, ordinal, rel.get("a"), rel.get("b"), pa, pb,
                                      rel.get("designation"), rel.get("since"), *_span(rel.get("span")),
                                      doc_day, rec.outlet))
                ids["relations"] += 1

        days = [parse_iso_date(d[3]) for d in event_drafts if d[3]]
        assigner = ClusterAssigner(conn, self.window_days, ids["event_clusters"],
                                   min(days).toordinal() if days else 0)
        event_rows = []
        for doc_key, ordinal, ev, day, outlet, local_actor in event_drafts:
            eid = ids["events"]
            ids["events"] += 1
            src, tgt = ev.get("source") or {}, ev.get("target") or {}
            sp, tp = party(src.get("actor")), party(tgt.get("actor"))
            pa, pb = _sorted_pair(sp, tp)
            directed = bool(ev.get("directed"))
            code = ev.get("code")
            root = ev.get("root") or (code[:2] if code else None)
            cid = assigner.assign(cluster_key(root, sp, tp, directed), directed, parse_iso_date(day).toordinal() if day else None)
            event_rows.append([eid, doc_key, ordinal, cid, code, root, ev.get("name"),
                               src.get("actor"), src.get("name"), src.get("entity"),
                               tgt.get("actor"), tgt.get("name"), tgt.get("entity"), pa, pb, int(directed),
                               ev.get("date"), day, ev.get("location"), *_span(ev.get("span")), ev.get("cue"),
                               ev.get("confidence"), ev.get("modality"), ev.get("goldstein"), ev.get("quad_class"),
                               (ev.get("plover") or {}).get("event"), (ev.get("plover") or {}).get("mode"), outlet])
            for actor in {sp, tp, src.get("actor"), tgt.get("actor")} - {None, ""}:
                actor_rows.append((actor, day or "", eid))
            for actor_id in {local_actor.get(src.get("entity")), local_actor.get(tgt.get("entity"))} - {None}:
                count(actor_id, 0, 0, 1, None)
        for row in event_rows:
            row[3] = assigner.resolve(row[3])

        conn.executemany("INSERT INTO documents (id, doc_id, content_hash, title, outlet, published, day, url, text, record, run_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc_rows)
        conn.executemany("INSERT INTO document_sources (document_id, doc_id, source, outlet, url, date, run_id) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", source_rows)
        conn.executemany("INSERT INTO documents_fts (rowid, text) VALUES (?, ?)", fts_rows)
        conn.executemany("INSERT INTO entities (id, document_id, ordinal, local_id, actor_id, type, name, code, country, sector, "
                         "surface) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entity_rows)
        conn.executemany("INSERT INTO mentions (entity_id, ordinal, span_start, span_end, kind) VALUES (?, ?, ?, ?, ?)", mention_rows)
        assigner.write()
        conn.executemany("INSERT INTO events (id, document_id, ordinal, cluster_id, code, root, name, source_actor, source_name, "
                         "source_entity, target_actor, target_name, target_entity, party_a, party_b, directed, date, day, "
                         "location, span_start, span_end, cue, confidence, modality, goldstein, quad_class, plover_event, "
                         "plover_mode, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?, ?, ?)", event_rows)
        conn.executemany("INSERT INTO event_actors (actor, day, event_id) VALUES (?, ?, ?)", actor_rows)
        conn.executemany("INSERT INTO quotes (id, document_id, ordinal, speaker, speaker_name, speaker_actor_id, cue, how, "
                         "span_start, span_end, day, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quote_rows)
        conn.executemany("INSERT INTO relations (id, document_id, ordinal, a, b, party_a, party_b, designation, since, span_start, "
                         "span_end, day, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", relation_rows)
        conn.executemany("UPDATE actors SET documents = documents + ?, mentions = mentions + ?, events = events + ?, "
                         "first_day = coalesce(min(first_day, ?), ?, first_day), last_day = coalesce(max(last_day, ?), ?, last_day) "
                         "WHERE id = ?", [(c[0], c[1], c[2], c[3], c[3], c[4], c[4], aid) for aid, c in actor_counts.items()])
        touched = set(assigner.touched)
        touched |= self._add_duplicate_sources(duplicates, hash_ids, run_id)
        refresh_counts(conn, touched)
        conn.executemany("INSERT INTO ingest_failures (run_id, source, doc_id, error, message) VALUES (?, ?, ?, ?, ?)",
                         [(run_id, f.get("source") or "", f.get("id"), f.get("error") or "failed", f.get("message") or "")
                          for f in batch.failures])
        result.added, result.duplicates, result.events = len(new_docs), len(duplicates), len(event_rows)
        if run_id is not None:
            conn.execute("UPDATE ingest_runs SET position = coalesce(?, position), documents_added = documents_added + ?, "
                         "duplicates = duplicates + ?, failures = failures + ? WHERE id = ?",
                         (batch.position, result.added, result.duplicates, result.failures, run_id))
        return result

    def _add_duplicate_sources(self, duplicates: list[tuple[str, SourceInfo]], hash_ids: dict[str, int],
                               run_id: int | None) -> set[int]:
        """A text seen again adds where it was seen; a new outlet changes the outlet count of its events' clusters."""
        touched: set[int] = set()
        for digest, src in duplicates:
            doc_key = hash_ids.get(digest)
            if doc_key is None:
                row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
                if row is None:
                    continue
                doc_key = row[0]
            cur = self.conn.execute("INSERT OR IGNORE INTO document_sources (document_id, doc_id, source, outlet, url, date, run_id) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)", (doc_key, src.doc_id, src.source, src.outlet, src.url,
                                                                     src.date, run_id))
            if cur.rowcount and src.outlet:
                touched.update(cid for (cid,) in self.conn.execute(
                    "SELECT DISTINCT cluster_id FROM events WHERE document_id = ? AND cluster_id IS NOT NULL", (doc_key,)))
        return touched

    def _known_hashes(self, digests: list[str]) -> set[str]:
        """Which of these texts are stored already: one query a few hundred hashes."""
        found: set[str] = set()
        for i in range(0, len(digests), 500):
            chunk = digests[i:i + 500]
            found.update(h for (h,) in self.conn.execute(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def _resolve_actors(self, records: list[Record], staged: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
        """The actor id of every (type, name) in the records; new ones are inserted (and cached after commit)."""
        wanted: dict[tuple[str, str], dict] = {}
        for rec in records:
            for ent in rec.entities:
                wanted.setdefault(_actor_key(ent), ent)
        found = {k: self._actor_ids[k] for k in wanted if k in self._actor_ids}
        missing = [k for k in wanted if k not in found]
        if missing:
            self.conn.executemany("INSERT OR IGNORE INTO actors (type, name, code, country, sector) VALUES (?, ?, ?, ?, ?)",
                                  [(k[0], k[1], wanted[k].get("code"), wanted[k].get("country"), wanted[k].get("sector"))
                                   for k in missing])
            by_type: dict[str, list[str]] = {}
            for kind, name in missing:
                by_type.setdefault(kind, []).append(name)
            for kind, names in by_type.items():           # through the (type, name) unique index
                for i in range(0, len(names), 500):
                    chunk = names[i:i + 500]
                    for actor_id, name in self.conn.execute(
                            f"SELECT id, name FROM actors WHERE type = ? AND name IN ({','.join('?' * len(chunk))})",
                            [kind, *chunk]):
                        found[(kind, name)] = staged[(kind, name)] = actor_id
        return found

    # -- runs --------------------------------------------------------------------------------------
    def start_run(self, sources: list[str], fingerprint: str, resume: bool = True) -> RunState:
        """Resume the unfinished run over the same input, else start a new one."""
        if resume:
            row = self.conn.execute("SELECT id, position FROM ingest_runs WHERE status = 'running' AND fingerprint = ? "
                                    "ORDER BY id DESC LIMIT 1", (fingerprint,)).fetchone()
            if row:
                return RunState(row[0], row[1], True)
        cur = self.conn.execute("INSERT INTO ingest_runs (started_at, status, sources, fingerprint, hadath_version) "
                                "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running', ?, ?, ?)",
                                (_dumps(sources), fingerprint, __version__))
        return RunState(cur.lastrowid, 0, False)

    def finish_run(self, run_id: int) -> None:
        self.conn.execute("UPDATE ingest_runs SET status = 'finished', finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                          "WHERE id = ?", (run_id,))

    def run(self, run_id: int) -> dict[str, Any]:
        cur = self.conn.execute("SELECT * FROM ingest_runs WHERE id = ?", (run_id,))
        return dict(zip([c[0] for c in cur.description], cur.fetchone(), strict=True))

    # -- reading -----------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = ("documents", "document_sources", "entities", "mentions", "actors", "events", "event_clusters", "quotes",
                  "relations", "ingest_runs", "ingest_failures")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def record(self, document_id: int) -> Record:
        from .export import record_of

        return record_of(self.conn, document_id)

    def events(self, **filters) -> list:
        from .query import EventFilter, query_events

        return query_events(self.conn, EventFilter(**filters))

    def clusters(self, **filters) -> list:
        from .query import EventFilter, query_clusters

        return query_clusters(self.conn, EventFilter(**filters))

    def actors(self, **filters) -> list:
        from .query import ActorFilter, query_actors

        return query_actors(self.conn, ActorFilter(**filters))

    def quotes(self, **filters) -> list:
        from .query import QuoteFilter, query_quotes

        return query_quotes(self.conn, QuoteFilter(**filters))

    def relations(self, **filters) -> list:
        from .query import RelationFilter, query_relations

        return query_relations(self.conn, RelationFilter(**filters))

    def events_frame(self, engine: str = "pandas", **filters):
        """The events a query finds as a pandas (or polars) DataFrame; the library is imported here only."""
        from .export import events_frame

        return events_frame(self, engine, **filters)


def _actor_key(ent: dict) -> tuple[str, str]:
    return (ent.get("type") or "UNKNOWN", ent.get("name") or ent.get("surface") or ent.get("id") or "?")


def _span(span) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def _sorted_pair(a: str | None, b: str | None) -> tuple[str | None, str | None]:
    return tuple(sorted((a, b), key=lambda x: (x is None, x or "")))  # type: ignore[return-value]


__all__ = ["Store", "StoreError", "Batch", "BatchResult", "SourceInfo", "RunState", "content_hash"]
