"""The store's write path on real records and its queries on a million synthetic events.

(1) write: extracts N corpus articles once (extraction runs ~55 articles/s/core, so it is
    timed apart), then times ``Store.add_records`` of those records into a fresh file in
    batches: records/s, rows/s, file size. ``--repeat K`` writes K copies (each text made
    distinct) to measure at a larger scale; ``--full`` also times ``hadath ingest`` end to
    end over the whole corpus.
(2) query: generates ``--events`` synthetic events (actor codes, outlets and CAMEO codes
    from hadath's own tables, Zipf-like weights, days over ten years, article text from
    corpus words) through the same write path, then times every query type with varied
    parameters: p50 / p95 / max milliseconds over ``--runs`` runs each.

    .venv/bin/python benchmarks/store_bench.py write --limit 1000 --workers 2 [--repeat 10] [--full]
    .venv/bin/python benchmarks/store_bench.py query --events 1000000 [--db /tmp/synthetic.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hadath.ingest.sources import read_sources
from hadath.record import Record
from hadath.store import Store
from hadath.store.ingest import _extract, ingest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/ant-10k.jsonl.gz"
LANG = ROOT / "src/hadath/lang/ar"
ROW_TABLES = ("documents", "document_sources", "entities", "mentions", "events", "event_actors", "event_clusters", "quotes",
              "relations", "actors")


# -- (1) the write path ----------------------------------------------------------------------------
def extract_records(corpus: Path, limit: int, workers: int, cache: Path | None) -> list[Record]:
    if cache and cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            records = [_record_from_json(json.loads(line)) for line in itertools.islice(fh, limit or None)]
        if len(records) >= (limit or 1):
            print(f"records: {len(records)} from {cache}")
            return records
    docs = [d for d in itertools.islice(read_sources([corpus]), limit or None) if hasattr(d, "text")]
    t = time.perf_counter()
    if workers > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_extract, docs, chunksize=16)
    else:
        results = [_extract(d) for d in docs]
    records = [r for r in results if isinstance(r, Record)]
    secs = time.perf_counter() - t
    print(f"extraction: {len(records)} records in {secs:.1f} s = {len(records) / secs:.1f} articles/s on {workers} process(es)")
    if cache:
        with gzip.open(cache, "wt", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r.as_dict(include_text=True), ensure_ascii=False) + "\n")
    return records


def _record_from_json(obj: dict) -> Record:
    span = obj.get("title_span")
    return Record(**{**obj, "title_span": tuple(span) if span else None, "body": [tuple(s) for s in obj["body"]]})


def bench_write(args: argparse.Namespace) -> None:
    records = extract_records(args.corpus, args.limit, args.workers, args.cache)
    copies = [records] + [[replace(r, text=r.text + "\n" * k) for r in records] for k in range(1, args.repeat)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "write.db"
        with Store(path) as store:
            t = time.perf_counter()
            for batch in itertools.chain.from_iterable(_chunks(c, args.batch) for c in copies):
                store.add_records(batch)
            secs = time.perf_counter() - t
            counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ROW_TABLES}
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        docs = counts["documents"]
        rows = sum(counts.values())
        print(f"\nwrite path: {docs} records in {secs:.2f} s (batches of {args.batch})")
        print(f"  {'records/s':<22}{docs / secs:>12,.0f}")
        print(f"  {'rows/s (all tables)':<22}{rows / secs:>12,.0f}")
        print(f"  {'events/s':<22}{counts['events'] / secs:>12,.0f}")
        print(f"  {'file size':<22}{size / 2**20:>10,.1f} MB  ({size / docs / 1024:.1f} KB a record)")
        print("  rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    if args.full:
        with tempfile.TemporaryDirectory() as tmp:
            with Store(Path(tmp) / "full.db") as store:
                s = ingest(store, [str(args.corpus)], workers=args.workers)
            print(f"\nend to end `ingest` of {args.corpus.name}: {s.added} records, {s.events} events in {s.seconds:.0f} s "
                  f"= {s.read / s.seconds:.1f} articles/s on {args.workers} process(es)")


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i:i + n]


# -- (2) a million synthetic events ----------------------------------------------------------------
def _tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    rows, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(tuple(cells[header.index(c)] if header.index(c) < len(cells) else "" for c in columns))
    return rows


class Synthetic:
    """Records with realistic codes: hadath's countries, CAMEO codes, outlets, designations; corpus words as text."""

    SECTORS = ("GOV", "GOV", "GOV", "", "", "MIL", "BUS", "OPP")   # CAMEO sector suffixes, weighted

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        countries = sorted({(c, n) for c, n, k in _tsv(LANG / "gazetteer/countries.tsv", ("iso3", "name_en", "kind"))
                            if k == "name"})
        self.rng.shuffle(countries)
        self.countries = countries
        self.country_weights = [1 / (i + 1) ** 1.1 for i in range(len(countries))]
        self.codes = [c for (c,) in _tsv(LANG / "cameo_codes.tsv", ("code",))]
        self.code_weights = [5 if c.startswith("04") else 3 if c[:2] in ("01", "03", "05") else 1 for c in self.codes]
        self.outlets = sorted({o for (o,) in _tsv(LANG / "outlets.tsv", ("name",))})
        self.designations = sorted({d for (d,) in _tsv(LANG / "relation_designations.tsv", ("designation",))})
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            words = [w for line in itertools.islice(fh, 400) for w in json.loads(line)["text"].split() if len(w) > 2]
        self.vocab = words   # with their corpus frequencies: common words are common here too
        self.people = [(f"Person {i}", self.countries[i % 60][0]) for i in range(5000)]
        self.people_weights = [1 / (i + 1) for i in range(len(self.people))]

    def record(self, i: int, events_per_doc: float) -> Record:
        rng = self.rng
        day = 735600 + rng.randrange(3650)     # 2015 .. 2024
        iso = dt.date.fromordinal(day).isoformat()
        outlet = self.outlets[min(int(rng.paretovariate(1.2)) - 1, len(self.outlets) - 1)]
        states = rng.choices(self.countries, self.country_weights, k=3)
        person = rng.choices(self.people, self.people_weights)[0]
        text = " ".join(rng.choices(self.vocab, k=60))
        entities = [{"id": f"e{k + 1}", "type": "COUNTRY", "name": n, "code": c, "mentions": [[k * 10, k * 10 + 5]]}
                    for k, (c, n) in enumerate(states)]
        entities.append({"id": "e4", "type": "PERSON", "name": person[0], "code": person[1], "country": person[1],
                         "sector": "GOV", "mentions": [[40, 48], [90, 95]]})
        events = []
        for k in range(max(1, int(rng.expovariate(1 / events_per_doc) + 0.5))):
            a, b = rng.sample(range(3), 2)
            code = rng.choices(self.codes, self.code_weights)[0]
            events.append({"code": code, "root": code[:2], "name": None,
                           "source": {"actor": states[a][0] + rng.choice(self.SECTORS), "entity": f"e{a + 1}",
                                      "name": states[a][1]},
                           "target": {"actor": states[b][0] + rng.choice(self.SECTORS), "entity": f"e{b + 1}",
                                      "name": states[b][1]},
                           "directed": code[:2] not in ("03", "04", "05", "06"),
                           "date": dt.date.fromordinal(day - rng.choice((0, 0, 0, 1, 2))).isoformat(),
                           "location": None, "span": [k * 20, k * 20 + 60], "cue": None, "confidence": 0.8,
                           "modality": "asserted", "goldstein": 1.0, "quad_class": 1, "plover": {"event": "CONSULT", "mode": None}})
        quotes = [{"speaker": "e4", "speaker_name": person[0], "cue": "قال", "cue_span": [100, 103], "span": [100, 300],
                   "how": "named"}]
        relations = []
        if rng.random() < 0.1:
            relations.append({"a": states[0][0], "b": states[1][0], "designation": rng.choice(self.designations),
                              "since": None, "span": [0, 80]})
        return Record(id=f"syn-{i}", text=text, title=text[:40], outlet=outlet, published=iso, entities=entities,
                      events=events, quotes=quotes, relations=relations,
                      input={"source": f"synthetic:{i}", "outlet": outlet, "date": iso})


def build_synthetic(path: Path, n_events: int, events_per_doc: float = 4.0, batch: int = 1000) -> None:
    syn = Synthetic()
    t = time.perf_counter()
    made = 0
    docs = 0
    with Store(path) as store:
        while made < n_events:
            records = [syn.record(docs + k, events_per_doc) for k in range(batch)]
            docs += batch
            made += store.add_records(records).events
            if docs % 50_000 == 0:
                print(f"  {docs:,} records, {made:,} events, {time.perf_counter() - t:.0f} s", file=sys.stderr)
        store.analyze()
    secs = time.perf_counter() - t
    print(f"synthetic store: {docs:,} records, {made:,} events in {secs:.0f} s ({docs / secs:,.0f} records/s, "
          f"{made / secs:,.0f} events/s incl. generation), {path.stat().st_size / 2**20:,.0f} MB")


def bench_query(args: argparse.Namespace) -> None:
    path = args.db or Path(tempfile.gettempdir()) / f"hadath-synthetic-{args.events}.db"
    if not path.exists():
        build_synthetic(path, args.events)
    rng = random.Random(11)
    with Store(path, create=False) as store:
        conn = store.conn
        parties = [p for (p,) in conn.execute("SELECT actor FROM event_actors WHERE length(actor) = 3 GROUP BY actor "
                                              "ORDER BY count(*) DESC LIMIT 80")]
        full = [p for (p,) in conn.execute("SELECT source_actor FROM events WHERE id % 97 = 0 AND length(source_actor) > 3 "
                                           "LIMIT 400")]
        pairs = conn.execute("SELECT party_a, party_b FROM events WHERE id % 101 = 0 LIMIT 400").fetchall()
        codes = [c for (c,) in conn.execute("SELECT DISTINCT code FROM events")]
        roots = sorted({c[:2] for c in codes})
        outlets = [o for (o,) in conn.execute("SELECT DISTINCT outlet FROM events")]
        speakers = [s for (s,) in conn.execute("SELECT speaker_name FROM quotes WHERE id % 53 = 0 LIMIT 400")]
        rel_pairs = conn.execute("SELECT party_a, party_b FROM relations WHERE id % 7 = 0 LIMIT 400").fetchall()
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, documents_fts, row)")
        # words users would look for: from the top of the vocabulary (in 0.1 % of the documents or more)
        n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        words = [w for (w,) in conn.execute("SELECT term FROM temp.fts_vocab WHERE doc >= ? AND length(term) > 3 "
                                            "ORDER BY random() LIMIT 400", (n_docs // 1000,))]
        first, last = conn.execute("SELECT min(day), max(day) FROM events").fetchone()

        def window(days: int) -> dict:
            lo = dt.date.fromisoformat(first).toordinal()
            hi = dt.date.fromisoformat(last).toordinal() - days
            start = rng.randrange(lo, hi)
            return {"since": dt.date.fromordinal(start).isoformat(), "until": dt.date.fromordinal(start + days).isoformat()}

        cases = {
            "events --actor CHN": lambda: store.events(actor=rng.choice(parties)),
            "events --actor CHNGOV": lambda: store.events(actor=rng.choice(full)),
            "events --pair A,B": lambda: store.events(pair=",".join(rng.choice(pairs))),
            "events --code 043": lambda: store.events(code=rng.choice(codes)),
            "events --root 04": lambda: store.events(root=rng.choice(roots)),
            "events --since --until (30 d)": lambda: store.events(**window(30)),
            "events --outlet X": lambda: store.events(outlet=rng.choice(outlets)),
            "events --text WORD": lambda: store.events(text=rng.choice(words)),
            "events --actor --since --until": lambda: store.events(actor=rng.choice(parties), **window(90)),
            "events --pair --root": lambda: store.events(pair=",".join(rng.choice(pairs)), root=rng.choice(roots)),
            "events --code --outlet": lambda: store.events(code=rng.choice(codes), outlet=rng.choice(outlets)),
            "events --actor --text": lambda: store.events(actor=rng.choice(parties), text=rng.choice(words)),
            "clusters --pair A,B": lambda: store.clusters(pair=",".join(rng.choice(pairs))),
            "actors --name": lambda: store.actors(name=f"Person {rng.randrange(5000)}"),
            "actors (top)": lambda: store.actors(),
            "quotes --speaker NAME": lambda: store.quotes(speaker=rng.choice(speakers)),
            "relations --pair A,B": lambda: store.relations(pair=",".join(rng.choice(rel_pairs))),
        }
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        print(f"\nqueries on {path.name}: {n_events:,} events, limit 50, {args.runs} runs each with varied parameters")
        print(f"  {'query':<34}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'rows':>7}")
        worst = 0.0
        for name, fn in cases.items():
            times, rows = [], 0
            for _ in range(args.runs):
                t = time.perf_counter()
                rows += len(fn())
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            worst = max(worst, p95)
            print(f"  {name:<34}{statistics.median(times):>8.2f}{p95:>8.2f}{times[-1]:>8.1f}{rows / args.runs:>7.0f}")
        print(f"  worst p95: {worst:.1f} ms (goal 50 ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="part", required=True)
    w = sub.add_parser("write")
    w.add_argument("--corpus", type=Path, default=CORPUS)
    w.add_argument("--limit", type=int, default=1000, help="corpus articles to extract (0: all)")
    w.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    w.add_argument("--cache", type=Path, help="keep the extracted records here (gzip JSONL) for the next run")
    w.add_argument("--repeat", type=int, default=1, help="write the records this many times (texts made distinct)")
    w.add_argument("--batch", type=int, default=200)
    w.add_argument("--full", action="store_true", help="also `ingest` the whole corpus end to end")
    w.set_defaults(func=bench_write)
    q = sub.add_parser("query")
    q.add_argument("--events", type=int, default=1_000_000)
    q.add_argument("--db", type=Path, help="the synthetic store (made when missing)")
    q.add_argument("--runs", type=int, default=200)
    q.set_defaults(func=bench_query)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
