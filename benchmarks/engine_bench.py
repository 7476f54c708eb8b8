"""Scale-out throughput: the corpus on Spark local[1] and local[2] next to the single-process loop.

For each configuration: articles, seconds, articles/s, efficiency = (rate_N / N) /
rate_single (1.0 is linear), CPU seconds of the whole process tree (JVM and Python
workers included), and whether the JSONL output is byte for byte the single-process
one (a SHA-256 over the lines). Spark start-up (JVM, Python workers) is reported
apart from the job; the job includes planning, reading, each worker's lexicon load
and streaming the records back in order. The load average is printed before and
after: on a machine whose cores other work shares, wall-clock rates drop with it;
"CPU eff." (single-process CPU seconds / the engine's) does not: it is the share of
the engine's CPU that went into the extraction itself, the efficiency it reaches when
its cores are its own.

    .venv/bin/python benchmarks/engine_bench.py [--limit N] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import tempfile
import time
from pathlib import Path

from proctree import tree_cpu_seconds

from hadath import pipeline
from hadath.engine.spark import run_job, spark_context
from hadath.ingest.document import Document
from hadath.ingest.sources import read_sources
from hadath.write import record_line

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/ant-10k.jsonl.gz"


class Digest:
    """A text sink that keeps only the SHA-256 of what was written and the line count."""

    def __init__(self) -> None:
        self.sha = hashlib.sha256()
        self.lines = 0

    def write(self, text: str) -> None:
        self.sha.update(text.encode("utf-8"))
        self.lines += text.count("\n")


def corpus_slice(corpus: Path, limit: int, folder: Path) -> Path:
    if not limit:
        return corpus
    path = folder / f"corpus-{limit}.jsonl.gz"
    with gzip.open(corpus, "rb") as src, gzip.open(path, "wb") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return path


def single(path: Path) -> tuple[int, float, float, str]:
    """The single-machine loop (read, extract_document, JSONL line), lexicon loaded before the clock."""
    pipeline._entity_extractor()
    digest = Digest()
    t0, cpu0 = time.perf_counter(), time.process_time()
    for item in read_sources([path]):
        if isinstance(item, Document):
            digest.write(record_line(pipeline.extract_document(item)) + "\n")
    return digest.lines, time.perf_counter() - t0, time.process_time() - cpu0, digest.sha.hexdigest()


def on_spark(path: Path, workers: int) -> tuple[float, int, float, float, str]:
    t0 = time.perf_counter()
    sc = spark_context(None, workers, app_name="hadath engine bench")
    sc.parallelize(range(workers), workers).count()   # JVM up, Python workers forked
    startup = time.perf_counter() - t0
    digest = Digest()
    t1, cpu1 = time.perf_counter(), tree_cpu_seconds()
    result = run_job([str(path)], out=digest, sc=sc)
    job, cpu = time.perf_counter() - t1, tree_cpu_seconds() - cpu1
    sc.stop()
    assert result.failures == 0 and result.lexicon_loads == len(result.worker_pids)
    return startup, digest.lines, job, cpu, digest.sha.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="corpus articles (0: all 10,000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        path = corpus_slice(args.corpus, args.limit, Path(tmp))
        n, secs, cpu_single, want = single(path)
        rate_single = n / secs
        print(f"\n{'configuration':<22}{'articles':>9}{'start-up s':>12}{'job s':>8}{'art/s':>8}{'efficiency':>12}"
              f"{'CPU s':>8}{'CPU eff.':>10}  same output")
        print(f"{'single process':<22}{n:>9}{'-':>12}{secs:>8.1f}{rate_single:>8.1f}{1:>12.2f}{cpu_single:>8.1f}{1:>10.2f}  -")
        for workers in args.workers:
            startup, got, job, cpu, sha = on_spark(path, workers)
            rate = got / job
            print(f"{f'spark local[{workers}]':<22}{got:>9}{startup:>12.1f}{job:>8.1f}{rate:>8.1f}"
                  f"{rate / workers / rate_single:>12.2f}{cpu:>8.1f}{cpu_single / cpu:>10.2f}  {sha == want}")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
