"""The server on a million synthetic events: `hadath serve` in its own process, each route over real HTTP on
loopback, cold (the first call after start; the timeline and network of the whole store are computed in the
background at start) and then p50 / p95 milliseconds over ``--runs`` calls with varied parameters.

The store is made as ``store_bench.py query`` makes its synthetic one (when missing, through the store's write path).

    .venv/bin/python benchmarks/serve_bench.py [--events 1000000] [--db /tmp/hadath-serve-synthetic-1000000.db] [--runs 30]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import build_synthetic  # noqa: E402

from hadath.store import Store  # noqa: E402


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    """`hadath serve` in its own process (as a user runs it), on a free loopback port; returns once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "hadath", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/openapi.json", timeout=5).raise_for_status()
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("hadath serve did not answer")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"hadath-serve-synthetic-{args.events}.db"
    if not db.exists():
        build_synthetic(db, args.events)
    rng = random.Random(5)
    with Store(db, create=False) as store:
        conn = store.conn
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        parties = [p for (p,) in conn.execute("SELECT actor FROM event_actors WHERE length(actor) = 3 GROUP BY actor "
                                              "ORDER BY count(*) DESC LIMIT 40")]
        pairs = [f"{a},{b}" for a, b in conn.execute("SELECT party_a, party_b FROM events WHERE id % 101 = 0 LIMIT 200")]
        event_ids = [i for (i,) in conn.execute("SELECT id FROM events WHERE id % 997 = 0")]
        doc_ids = [i for (i,) in conn.execute("SELECT id FROM documents WHERE id % 499 = 0")]
        rel_pairs = [f"{a},{b}" for a, b in conn.execute("SELECT party_a, party_b FROM relations WHERE id % 7 = 0 LIMIT 200")]
        years = [str(y) for y in range(2015, 2025)]
    proc, url = serve(db)

    def year() -> dict:
        y = rng.choice(years)
        return {"since": f"{y}-01-01", "until": f"{y}-12-31"}

    cases = {
        "GET /ui/timeline (all 10 years)": lambda: ("/ui/timeline", {}),
        "GET /timeline (one year)": lambda: ("/timeline", year()),
        "GET /ui/network (all)": lambda: ("/ui/network", {}),
        "GET /network?kind=meet (one year)": lambda: ("/network", {"kind": "meet", **year()}),
        "GET /ui/events (first page)": lambda: ("/ui/events", {}),
        "GET /events?actor=X": lambda: ("/events", {"actor": rng.choice(parties)}),
        "GET /events?pair=A,B&offset=1000": lambda: ("/events", {"pair": rng.choice(pairs), "offset": 1000}),
        "GET /events?offset=10000&limit=200": lambda: ("/events", {"offset": 10_000, "limit": 200}),
        "GET /events/{id}": lambda: (f"/events/{rng.choice(event_ids)}", {}),
        "GET /ui/documents/{id}": lambda: (f"/ui/documents/{rng.choice(doc_ids)}", {}),
        "GET /actors": lambda: ("/actors", {}),
        "GET /ui/relations?pair=A,B": lambda: ("/ui/relations", {"pair": rng.choice(rel_pairs)}),
    }
    print(f"serve on {db.name}: {n_events:,} events; {args.runs} calls per route over HTTP on loopback")
    print(f"  {'route':<38}{'cold ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'KB':>7}")
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, make in cases.items():
            times, size = [], 0
            for _ in range(args.runs + 1):
                path, params = make()
                t = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
                size = len(r.content)
            cold, warm = times[0], sorted(times[1:])
            p95 = warm[int(0.95 * (len(warm) - 1))]
            print(f"  {name:<38}{cold:>9.1f}{statistics.median(warm):>9.1f}{p95:>9.1f}{size / 1024:>7.0f}")
    proc.terminate()
    proc.wait(timeout=30)


if __name__ == "__main__":
    main()
