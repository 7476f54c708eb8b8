"""``hadath ingest``: read sources, skip texts already stored (by content hash, before extraction),
extract the rest, write in batches, one transaction each with the run's checkpoint.

A run killed anywhere restarts where its last batch committed: the checkpoint counts
input items read, and a rerun over the same input (same fingerprint) skips that many.
Should the checkpoint ever be behind, the content hash still keeps every text once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hadath.ingest.document import Document, InputFailure
from hadath.ingest.sources import read_sources
from hadath.record import Record

from .store import Batch, SourceInfo, Store, content_hash

DEFAULT_BATCH = 200


@dataclass(slots=True)
class IngestSummary:
    run_id: int
    resumed: bool
    skipped: int = 0          # items a resumed run did not read again
    read: int = 0
    added: int = 0
    duplicates: int = 0
    failures: int = 0
    events: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


def fingerprint(sources: list[str]) -> str:
    """Paths, sizes and modification times of the input: a checkpoint applies to this input only."""
    parts: list = []
    for src in sources:
        path = Path(src)
        if src == "-" or not path.exists():
            parts.append([src, os.urandom(8).hex()])   # stdin or missing: never resumable
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        parts.append([str(path.resolve()), [[str(f), f.stat().st_size, f.stat().st_mtime_ns] for f in files]])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _extract(doc: Document) -> Record | dict:
    """One document's record, or the failure to report (one bad document never stops a batch)."""
    from hadath.pipeline import extract_document

    try:
        return extract_document(doc)
    except Exception as exc:
        return {"id": doc.id, "source": doc.source, "error": "extract_failed", "message": f"{type(exc).__name__}: {exc}"}


def _extract_and_fold(doc: Document) -> tuple[Record | dict, str | None]:
    """In a worker: the record and the text's normalised form for the full-text index, off the writer's core."""
    from hadath.analyse.normalise import normalise

    result = _extract(doc)
    return result, (normalise(doc.text) if isinstance(result, Record) else None)


def ingest(store: Store, sources: list[str], *, batch_size: int = DEFAULT_BATCH, workers: int = 1, resume: bool = True,
           progress: bool = False, on_failure: Callable[[dict], None] | None = None) -> IngestSummary:
    run = store.start_run(sources, fingerprint(sources), resume=resume)
    summary = IngestSummary(run.id, run.resumed, skipped=run.position)
    started = time.perf_counter()
    bar = _bar(run.position) if progress else None
    pool = _pool(workers)
    try:
        position = 0
        pending: list[tuple[int, Document | InputFailure]] = []
        for item in read_sources(sources):
            position += 1
            if position <= run.position:
                continue
            pending.append((position, item))
            if len(pending) >= batch_size:
                _commit(store, run.id, pending, pool, summary, on_failure, bar)
                pending = []
        if pending:
            _commit(store, run.id, pending, pool, summary, on_failure, bar)
        store.finish_run(run.id)
    finally:
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.close()
            pool.join()
    if summary.added:
        _analyze_when_grown(store)
    summary.seconds = time.perf_counter() - started
    return summary


def _commit(store: Store, run_id: int, pending: list, pool, summary: IngestSummary, on_failure, bar=None) -> None:
    batch = Batch(position=pending[-1][0])
    to_extract: list[tuple[Document, str]] = []
    seen: set[str] = set()
    for _, item in pending:
        summary.read += 1
        if isinstance(item, InputFailure):
            batch.failures.append(item.as_dict())
            continue
        digest = content_hash(item.text)
        src = SourceInfo(item.id, item.source or "", item.outlet, item.url, item.date)
        if digest in seen or store.known_hash(digest):
            batch.duplicates.append((digest, src))      # stored once; this copy's source is recorded
        else:
            seen.add(digest)
            to_extract.append((item, digest))
    docs = [d for d, _ in to_extract]
    if pool is not None and docs:
        results = pool.map(_extract_and_fold, docs, chunksize=max(1, len(docs) // 32))
    else:
        results = [(_extract(d), None) for d in docs]
    for (doc, digest), (result, folded) in zip(to_extract, results, strict=True):
        if folded is not None:
            batch.folded[digest] = folded
        if isinstance(result, Record):
            batch.documents.append((result, digest, SourceInfo(doc.id, doc.source or "", doc.outlet, doc.url, doc.date)))
        else:
            batch.failures.append(result)
    if on_failure:
        for failure in batch.failures:
            on_failure(failure)
    written = store.write_batch(batch, run_id)
    summary.added += written.added
    summary.duplicates += written.duplicates
    summary.failures += written.failures
    summary.events += written.events
    if bar is not None:
        bar.update(len(pending))     # articles committed, so the rate is the rate at which they are stored


def _pool(workers: int):
    if workers <= 1:
        return None
    import multiprocessing as mp

    return mp.get_context("spawn" if sys.platform == "darwin" else "fork").Pool(workers)


def _bar(skip: int):
    """A progress bar on stderr counting committed articles, its rate in articles/s."""
    from tqdm import tqdm

    bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr, smoothing=0.1)
    if skip:
        bar.set_postfix_str(f"resumed after {skip}")
    return bar


def _analyze_when_grown(store: Store) -> None:
    """Planner statistics again when the documents have doubled since they were last taken."""
    docs = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    row = store.conn.execute("SELECT value FROM meta WHERE key = 'analyzed_documents'").fetchone()
    if row is None or docs >= 2 * int(row[0]):
        store.analyze()
        store.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('analyzed_documents', ?)", (str(docs),))
