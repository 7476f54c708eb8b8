"""Events per article by section of the ANT corpus, and throughput.

Sport, culture and technology articles should yield few diplomatic events; world and
Middle East news many. Prints one row per section, then articles/s and M chars/s.

    .venv/bin/python benchmarks/events_by_section.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import hadath

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/ant-10k.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    articles: Counter[str] = Counter()
    events: Counter[str] = Counter()
    roots: dict[str, Counter[str]] = defaultdict(Counter)
    n, chars = 0, 0
    hadath.extract("تمهيد")   # load the lexicon before the clock starts
    t0 = time.perf_counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            rec = hadath.extract(doc["text"], date=doc.get("date"), outlet=doc.get("outlet"), id=doc.get("id", "doc"))
            section = doc.get("section") or "-"
            articles[section] += 1
            events[section] += len(rec.events)
            roots[section].update(e["root"] for e in rec.events)
            n += 1
            chars += len(doc["text"])
            if args.limit and n >= args.limit:
                break
    secs = time.perf_counter() - t0
    print(f"{'section':<16}{'articles':>9}{'events':>8}{'per article':>13}  top roots")
    for section, count in sorted(articles.items(), key=lambda x: -events[x[0]] / x[1]):
        top = ", ".join(f"{r}:{c}" for r, c in roots[section].most_common(4))
        print(f"{section:<16}{count:>9}{events[section]:>8}{events[section] / count:>13.2f}  {top}")
    print(f"\n{n} articles, {chars / 1e6:.1f} M chars in {secs:.1f} s: {n / secs:.0f} articles/s, "
          f"{chars / 1e6 / secs:.2f} M chars/s")


if __name__ == "__main__":
    main()
