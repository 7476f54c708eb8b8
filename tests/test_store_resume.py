"""Kill ``hadath ingest`` mid-batch with SIGKILL, run it again: the store equals a clean run's, row for row."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-10k.jsonl.gz"
ARTICLES = 60
BATCH = 5
# Tables that hold what was ingested; ingest_runs holds times and is compared on its counters only.
DATA_TABLES = ("documents", "document_sources", "entities", "mentions", "actors", "events", "event_actors",
               "event_clusters", "quotes", "relations", "ingest_failures")


def ingest_cmd(db: Path, src: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "hadath", "ingest", "--db", str(db), "--batch-size", str(BATCH), *extra, str(src)]


def env() -> dict[str, str]:
    return {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}


def digest(db: Path) -> dict[str, tuple[int, str]]:
    """Row count and sha256 of every row, in primary-key order, of each data table, and what full text finds."""
    conn = sqlite3.connect(db)
    out = {}
    for table in DATA_TABLES:
        h = hashlib.sha256()
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
        for row in rows:
            h.update(repr(row).encode())
        out[table] = (len(rows), h.hexdigest())
    for term in ("ترامب", "الرئيس", "كرة"):
        out[f"fts:{term}"] = conn.execute("SELECT group_concat(rowid) FROM documents_fts WHERE documents_fts MATCH ?",
                                          (term,)).fetchone()
    out["run"] = conn.execute("SELECT count(*), max(status), max(position), sum(documents_added), sum(failures) "
                              "FROM ingest_runs").fetchone()
    conn.close()
    return out


def committed_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:   # not made yet
        return 0


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory) -> Path:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not here")
    path = tmp_path_factory.mktemp("corpus") / "batch.jsonl"
    with gzip.open(CORPUS, "rb") as src, path.open("wb") as dst:
        dst.writelines(itertools.islice(src, ARTICLES))
    return path


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, batch_file: Path):
    clean_db = tmp_path / "clean.db"
    # the clean run extracts in two worker processes: the store must not depend on how extraction was spread
    clean = subprocess.run(ingest_cmd(clean_db, batch_file, "--workers", "2"), capture_output=True, env=env(), timeout=600)
    assert clean.returncode == 0, clean.stderr
    clean_digest = digest(clean_db)
    assert clean_digest["documents"][0] > 50 and clean_digest["events"][0] > 0

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(ingest_cmd(db, batch_file), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    deadline = time.monotonic() + 300
    while committed_documents(db) < 3 * BATCH and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = committed_documents(db)
    assert 0 < at_kill < clean_digest["documents"][0], "the run was not killed mid-way"

    again = subprocess.run(ingest_cmd(db, batch_file), capture_output=True, env=env(), timeout=600)
    assert again.returncode == 0, again.stderr
    assert b"(resumed)" in again.stderr
    assert digest(db) == clean_digest

    rerun = subprocess.run(ingest_cmd(db, batch_file), capture_output=True, env=env(), timeout=600)
    assert rerun.returncode == 0 and b"0 stored" in rerun.stderr
    after = digest(db)
    assert {k: v for k, v in after.items() if k != "run"} == {k: v for k, v in clean_digest.items() if k != "run"}
