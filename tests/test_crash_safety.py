"""Twenty SIGKILLs of ``hadath ingest`` at random points, each followed by a restart: the store ends identical
to a clean run's, table by table and row by row.

The kill points come from a seeded RNG: after a random number of committed documents plus a random delay (so a
kill lands inside extraction, inside a commit or between batches), and a few during start-up, before the first
commit. Small batches (4 articles) make many commit boundaries. ``tests/test_store_resume.py`` is the single-kill
version; its row digest is reused here.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_store_resume import CORPUS, committed_documents, digest, env

ARTICLES = 80
BATCH = 4
KILLS = 20
MAX_ARTICLE_CHARS = 2500   # short articles keep the twenty-one runs inside a minute


def ingest_cmd(db: Path, src: Path) -> list[str]:
    return [sys.executable, "-m", "hadath", "ingest", "-q", "--db", str(db), "--batch-size", str(BATCH), str(src)]


@pytest.fixture(scope="module")
def short_articles(tmp_path_factory) -> Path:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not here")
    path = tmp_path_factory.mktemp("crash") / "articles.jsonl"
    kept = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for line in src:
            if len(json.loads(line)["text"]) <= MAX_ARTICLE_CHARS:
                dst.write(line)
                kept += 1
                if kept == ARTICLES:
                    break
        dst.write('{"id": "broken", "text": \n')    # a failure row must survive the kills too
    return path


def kill_at(db: Path, src: Path, after_documents: int, delay: float) -> tuple[bool, int]:
    """Start ingest, SIGKILL it ``delay`` s after ``after_documents`` are committed; (was it killed, committed then)."""
    proc = subprocess.Popen(ingest_cmd(db, src), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    deadline = time.monotonic() + 120
    while committed_documents(db) < after_documents and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return killed, committed_documents(db)


def test_twenty_kills_and_restarts_leave_the_store_as_a_clean_run(tmp_path: Path, short_articles: Path):
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run(ingest_cmd(clean_db, short_articles), capture_output=True, env=env(), timeout=300)
    assert clean.returncode == 1, clean.stderr        # 1: the broken line is reported
    expected = digest(clean_db)
    total = expected["documents"][0]
    assert total >= ARTICLES - 5 and expected["events"][0] > 0 and expected["ingest_failures"][0] == 1

    rng = random.Random(20240901)
    # Rising targets so that the runs get through the input; the first three kill during start-up.
    targets = [0, 0, 0] + sorted(rng.randrange(1, total - 2 * BATCH) for _ in range(KILLS - 3))
    db = tmp_path / "killed.db"
    survived, progress = 0, []
    for target in targets:
        delay = rng.uniform(0.0, 0.6) if target == 0 else rng.uniform(0.0, 0.15)
        killed, committed = kill_at(db, short_articles, target, delay)
        survived += killed
        progress.append(committed)
    assert survived == KILLS, f"only {survived} runs were still going when killed"
    assert 0 < progress[-1] < total and progress == sorted(progress), progress

    final = subprocess.run(ingest_cmd(db, short_articles), capture_output=True, env=env(), timeout=300)
    assert final.returncode == 1, final.stderr
    assert digest(db) == expected
    print(f"\ncrash safety: {survived} SIGKILLs survived; committed documents at each kill: {progress}; total {total}")
