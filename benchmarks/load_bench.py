"""A bounded load test of `hadath serve`: a fixed number of requests from concurrent clients, over real HTTP on
loopback, against a store of the seed and dev articles; prints requests/s, p50 / p99 latency and the error count,
and exits 1 when any request failed (a non-2xx answer or a broken connection).

The requests cycle through the API and the dashboard: filtered event lists, clusters, actors, quotes, relations,
one document, the aggregates, the HTML pages and, one in ten, ``POST /extract`` of a real article (extraction on
the server). ``--duration`` caps the run: requests not sent by then are counted as not sent, and say so.

    .venv/bin/python benchmarks/load_bench.py [--requests 3000] [--clients 8] [--duration 120] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import serve  # noqa: E402

from hadath.cli import sample_paths  # noqa: E402
from hadath.store import Store  # noqa: E402
from hadath.store.ingest import ingest  # noqa: E402

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"
GETS = ["/events", "/events?actor=CHN", "/events?root=04&limit=100", "/events?text=الرئيس", "/clusters",
        "/clusters?pair=CHN,KAZ", "/actors?name=wang", "/actors?type=PERSON&limit=200", "/quotes", "/relations",
        "/documents/1", "/documents/2?by=key", "/timeline", "/network?kind=meet", "/stats", "/ui/timeline",
        "/ui/events?actor=CHN", "/ui/documents/1", "/ui/network", "/static/hadath.css"]


def seed_store(db: Path) -> Path:
    """The bundled seeds and, when the shared data is beside the checkout, the 60 dev articles."""
    if not db.exists():
        sources = [str(p) for p in sample_paths()] + ([str(DEV)] if DEV.exists() else [])
        with Store(db) as store:
            ingest(store, sources)
    return db


def plan(n: int, article: str) -> list[tuple[str, str, dict | None]]:
    """n requests, the same list every run: (method, path, JSON body)."""
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append(("POST", "/extract", {"id": f"load-{i}", "text": article, "date": "2024-12-01"}))
        else:
            out.append(("GET", GETS[i % len(GETS)], None))
    return out


def run(url: str, requests: list, clients: int, duration: float) -> tuple[list[float], list[str], int, float]:
    """(latencies in s, error descriptions, requests not sent before the deadline, wall seconds)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    cursor = iter(range(len(requests)))
    started = time.perf_counter()
    deadline = started + duration

    def client() -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            while time.perf_counter() < deadline:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    return
                method, path, body = requests[i]
                t = time.perf_counter()
                try:
                    r = http.request(method, path, json=body)
                    ok = 200 <= r.status_code < 300
                    problem = None if ok else f"{method} {path}: {r.status_code}"
                except httpx.HTTPError as exc:
                    problem = f"{method} {path}: {type(exc).__name__}: {exc}"
                took = time.perf_counter() - t
                with lock:
                    latencies.append(took)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    return latencies, errors, len(requests) - len(latencies), wall


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--duration", type=float, default=120.0, help="seconds at most")
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "hadath-load-seed-dev.db")
    args = ap.parse_args()
    db = seed_store(args.db)
    with Store(db, create=False) as store:
        counts = store.counts()
    article = sample_paths()[0].read_text(encoding="utf-8")
    proc, url = serve(db)
    try:
        for method, path, body in plan(len(GETS) + 10, article)[: len(GETS) + 10]:   # warm every route once
            httpx.request(method, url + path, json=body, timeout=120)
        requests = plan(args.requests, article)
        latencies, errors, unsent, wall = run(url, requests, args.clients, args.duration)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    ms = sorted(x * 1000 for x in latencies)
    print(f"store: {db} ({counts['documents']} documents, {counts['events']} events)")
    print(f"load: {len(latencies)} requests ({sum(m == 'POST' for m, _, _ in requests[: len(latencies)])} POST /extract) from {args.clients} clients "
          f"in {wall:.1f} s (cap {args.duration:.0f} s)")
    print(f"throughput {len(latencies) / wall:.1f} requests/s   latency p50 {percentile(ms, 50):.1f} ms   "
          f"p99 {percentile(ms, 99):.1f} ms   max {ms[-1]:.1f} ms")
    print(f"errors {len(errors)}   not sent {unsent}")
    for problem in errors[:10]:
        print(f"  {problem}")
    return 1 if errors or unsent else 0


if __name__ == "__main__":
    sys.exit(main())
