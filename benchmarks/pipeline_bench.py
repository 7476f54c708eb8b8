"""The default extraction over the 10,000-article corpus in one process: the figures of issue 8.

Prints articles/s, MB/s (UTF-8 input), peak RSS, seconds per stage (ingest, clean,
analyse, entities, events, write), and the floor: one Python regex tokenising pass over
the same texts in the same run (each text as it streams by, so memory stays flat), with the
ratio pipeline/floor. Then the start-up time of
``hadath --help`` and of loading the language data, each in a fresh interpreter.

    .venv/bin/python benchmarks/pipeline_bench.py [--limit N] [--corpus PATH] [--profile OUT.html]

``make bench`` runs it on the whole corpus. No test asserts any of these times.
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/ant-10k.jsonl.gz"
WORD = re.compile(r"\w+")
STAGES = ("ingest", "clean", "analyse", "entities", "events", "write")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # Linux: KiB


def _fresh(code: str, runs: int = 5) -> float:
    """Median wall seconds of a command in a fresh interpreter."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _startup(runs: int) -> tuple[float, float, float]:
    hadath_bin = Path(sys.executable).with_name("hadath")
    t_help = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(hadath_bin), "--help"], check=True, capture_output=True)
        t_help.append(time.perf_counter() - t)
    bare = _fresh("pass", runs)
    load = _fresh("from hadath.pipeline import _entity_extractor; from hadath.extractors.cues import cues; "
                  "_entity_extractor(); cues()", runs)
    return statistics.median(t_help), bare, load


def run(corpus: Path, limit: int) -> dict:
    from hadath.ingest.document import Document
    from hadath.ingest.sources import read_sources
    from hadath.pipeline import StageTimer, _entity_extractor, extract_document
    from hadath.write import JsonlWriter

    _entity_extractor()   # language data loads once, before the clock (its time is reported apart)
    timer = StageTimer()
    sink = io.StringIO()
    writer = JsonlWriter(sink)
    n = failures = words = 0
    floor_s = 0.0
    nbytes = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    t = t0
    for item in read_sources([corpus]):
        t = timer.add("ingest", t)
        if not isinstance(item, Document):
            failures += 1
            continue
        record = extract_document(item, timer)
        t = time.perf_counter()
        writer.write(record)
        if sink.tell() > 1 << 24:   # keep memory flat: the sink is dropped as a file would be flushed
            sink.seek(0)
            sink.truncate()
        t = timer.add("write", t)
        f0 = time.perf_counter()   # the floor, on the same text, outside the pipeline's clock
        words += len(WORD.findall(item.text))
        floor_s += time.perf_counter() - f0
        nbytes += len(item.text.encode("utf-8"))
        t = time.perf_counter()
        n += 1
        if limit and n >= limit:
            break
    pipeline_s = time.perf_counter() - t0 - floor_s
    cpu_s = time.process_time() - c0 - floor_s
    return {"articles": n, "failures": failures, "bytes": nbytes, "words": words, "seconds": pipeline_s, "cpu_seconds": cpu_s,
            "floor_seconds": floor_s, "stages": dict(timer.seconds), "peak_rss_mb": _peak_rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--startup-runs", type=int, default=5)
    ap.add_argument("--profile", type=Path, help="write a pyinstrument HTML profile of the run here")
    args = ap.parse_args()
    if args.profile:
        from pyinstrument import Profiler

        with Profiler() as prof:
            res = run(args.corpus, args.limit)
        args.profile.write_text(prof.output_html(), encoding="utf-8")
    else:
        res = run(args.corpus, args.limit)
    secs = res["seconds"]
    n = res["articles"]
    unreadable = f", {res['failures']} unreadable" if res["failures"] else ""
    print(f"corpus           {args.corpus.name}: {n} articles, {res['bytes'] / 1e6:.1f} MB, {res['words']:,} words{unreadable}")
    print(f"pipeline         {secs:8.2f} s   {n / secs:8.1f} articles/s   {res['bytes'] / 1e6 / secs:6.2f} MB/s")
    print(f"pipeline, CPU    {res['cpu_seconds']:8.2f} s   {n / res['cpu_seconds']:8.1f} articles per CPU-second (the figure a busy machine moves least)")
    print(f"floor (regex)    {res['floor_seconds']:8.2f} s   {n / res['floor_seconds']:8.1f} articles/s"
          f"   pipeline/floor = {secs / res['floor_seconds']:.0f}x")
    print(f"peak RSS         {res['peak_rss_mb']:8.0f} MB")
    print("per stage:")
    for stage in STAGES:
        s = res["stages"].get(stage, 0.0)
        print(f"  {stage:<10} {s:8.2f} s  {100 * s / secs:5.1f}%  {1000 * s / max(n, 1):7.2f} ms/article")
    t_help, bare, load = _startup(args.startup_runs)
    print(f"start-up         hadath --help {t_help * 1000:.0f} ms; bare interpreter {bare * 1000:.0f} ms; "
          f"language data load {max(0.0, load - bare) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
