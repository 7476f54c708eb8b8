"""Spark (local[N]) against Ray (local) on a slice of the corpus: how hadath chose its engine.

Both run the same splits through the same ``worker.run_split`` (so the same
``extract_document``); only the engine differs. Each configuration runs in a fresh
process so that memory and start-up are its own. Prints per engine and worker count:
start-up seconds (session up, before any work), job seconds and articles/s, peak
resident memory of the whole process tree (driver, JVM or Ray daemons, workers), and
whether the records equal the single-process ones.

Needs both engines installed (``pip install pyspark ray``; hadath itself ships only Spark):

    .venv/bin/python benchmarks/engine_compare.py [--limit 300]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine_bench import corpus_slice
from proctree import PeakMemory, tree_cpu_seconds

from hadath.engine.inputs import plan_splits
from hadath.engine.worker import RECORD, run_split

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/ant-10k.jsonl.gz"


def _lines(items) -> list[str]:
    return [it[3] for it in items if it[0] == RECORD]


def run_spark(path: Path, workers: int) -> tuple[float, float, float, list[str]]:
    from hadath.engine.spark import SPLITS_PER_SLOT, extract_partition, spark_context

    t0 = time.perf_counter()
    sc = spark_context(None, workers)
    sc.parallelize([0], 1).count()   # the first task starts the Python worker daemon
    startup = time.perf_counter() - t0
    t1, cpu1 = time.perf_counter(), tree_cpu_seconds()
    splits = plan_splits([path], SPLITS_PER_SLOT * workers)
    items = sc.parallelize(splits, len(splits)).mapPartitions(
        lambda it: extract_partition(it, fmt="jsonl", output=None, include_text=False)).collect()
    job, cpu = time.perf_counter() - t1, tree_cpu_seconds() - cpu1
    sc.stop()
    return startup, job, cpu, _lines(items)


def run_ray(path: Path, workers: int) -> tuple[float, float, float, list[str]]:
    import ray

    t0 = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)

    @ray.remote
    def ray_split(split):
        return list(run_split(split, "jsonl", None, False))

    ray.get(ray.remote(lambda: 0).remote())   # one task: a worker process is up
    startup = time.perf_counter() - t0
    t1, cpu1 = time.perf_counter(), tree_cpu_seconds()
    splits = plan_splits([path], 4 * workers)
    results = ray.get([ray_split.remote(s) for s in splits])
    job, cpu = time.perf_counter() - t1, tree_cpu_seconds() - cpu1
    ray.shutdown()
    return startup, job, cpu, _lines(it for items in results for it in items)


def one(engine: str, workers: int, path: Path) -> dict:
    with PeakMemory() as mem:
        startup, job, cpu, lines = (run_spark if engine == "spark" else run_ray)(path, workers)
    return {"engine": engine, "workers": workers, "startup_s": startup, "job_s": job, "cpu_s": cpu, "records": len(lines),
            "peak_mib": mem.peak_mib, "lines": lines}


def single(path: Path) -> dict:
    from hadath import pipeline
    from hadath.ingest.sources import read_sources
    from hadath.write import record_line

    docs = list(read_sources([path]))
    pipeline._entity_extractor()
    t0, cpu0 = time.perf_counter(), time.process_time()
    lines = [record_line(pipeline.extract_document(d)) for d in docs]
    return {"job_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0, "lines": lines}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=300, help="corpus articles in the slice")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "WORKERS", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), Path(args.one[2]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = corpus_slice(args.corpus, args.limit, Path(tmp))
        base = single(path)
        n = len(base["lines"])
        rate_single = n / base["job_s"]
        print(f"{n} articles; single process: {rate_single:.1f} articles/s, {1000 * base['cpu_s'] / n:.1f} CPU ms/article; "
              f"load average before: {os.getloadavg()[0]:.2f}\n")
        print(f"{'engine':<7}{'workers':>8}{'start-up s':>12}{'job s':>8}{'art/s':>8}{'efficiency':>12}"
              f"{'CPU ms/art':>12}{'peak MiB':>10}  same records")
        for engine in ("spark", "ray"):
            for workers in (1, 2):
                proc = subprocess.run([sys.executable, __file__, "--one", engine, str(workers), str(path)],
                                      capture_output=True, text=True)
                if proc.returncode:
                    print(f"{engine:<7}{workers:>8}  failed: {proc.stderr.strip().splitlines()[-1:]}")
                    continue
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                rate = r["records"] / r["job_s"]
                print(f"{engine:<7}{workers:>8}{r['startup_s']:>12.1f}{r['job_s']:>8.1f}{rate:>8.1f}"
                      f"{rate / workers / rate_single:>12.2f}{1000 * r['cpu_s'] / n:>12.1f}{r['peak_mib']:>10.0f}"
                      f"  {r['lines'] == base['lines']}")
        print(f"\nload average after: {os.getloadavg()[0]:.2f} (the machine's other work shares its cores)")


if __name__ == "__main__":
    main()
