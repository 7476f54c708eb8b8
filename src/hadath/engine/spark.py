"""``hadath extract --engine spark``: the extraction on Apache Spark (local[N] or a cluster).

The driver plans splits (``inputs.plan_splits``) and ships them, one per partition;
each task runs ``worker.run_split`` (``extract_document``, the single-machine
function) in a reused Python worker, so the lexicon loads once per worker process.
JSONL output streams back to the driver in split order and is written there, line
for line what ``hadath extract`` writes; Parquet is written by the workers
themselves. On a cluster, workers open the input files and the Parquet folder by
path, so both must be on a file system every executor mounts at the same path.

Also a ``spark-submit`` entry point: ``spark-submit --master URL .../hadath/engine/spark.py
SOURCES -o OUT [--format parquet]`` (the master then comes from spark-submit).
"""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import IO

from hadath.engine.inputs import Split, plan_splits
from hadath.engine.outputs import prepare_output_dir
from hadath.engine.worker import DONE, FAILURE, RECORD, SplitStats, run_split

SPLITS_PER_SLOT = 4   # several splits per worker slot, so the tail of the job is short


@dataclass
class JobResult:
    """What a job did: counts, where time went, and the per-worker lexicon loads."""

    records: int = 0
    failures: int = 0
    splits: int = 0
    parallelism: int = 0
    stats: list[SplitStats] = field(default_factory=list)

    @property
    def worker_pids(self) -> set[int]:
        return {s.pid for s in self.stats}

    @property
    def lexicon_loads(self) -> int:
        return sum(s.loaded_lexicon for s in self.stats)


def spark_context(master: str | None, workers: int, app_name: str = "hadath extract"):
    """A SparkContext: ``local[workers]`` unless a master is given or spark-submit set one.

    The RDD API is all the job needs; no SparkSession, so no SQL layer (nor pandas) is loaded.
    """
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as exc:
        raise RuntimeError("--engine spark needs pyspark: pip install 'hadath[spark]'") from exc
    if not os.environ.get("JAVA_HOME") and not shutil.which("java"):
        raise RuntimeError("Spark needs Java 17 or later (e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME)")

    # pyspark warns about a pandas it would use only for DataFrames; this job has none
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

    # workers run this same interpreter (with hadath installed) unless the user chose another
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setAppName(app_name)
    if master or not conf.contains("spark.master"):
        conf.setMaster(master or f"local[{workers}]")
    if conf.get("spark.master", "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")   # local mode: loopback only
        conf.setIfMissing("spark.ui.enabled", "false")
    conf.set("spark.python.worker.reuse", "true")   # one Python worker per slot for the whole job
    conf.set("spark.ui.showConsoleProgress", "false")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("ERROR")
    return sc


def extract_partition(splits: Iterator[Split], fmt: str, output: str | None, include_text: bool) -> Iterator[tuple]:
    """One Spark partition (one split): a generator, so results stream out as they are made."""
    for split in splits:
        yield from run_split(split, fmt, output, include_text)


def run_job(sources: Iterable[str], fmt: str = "jsonl", output: str | None = None, out: IO[str] | None = None,
            on_failure: Callable[[dict], None] | None = None, include_text: bool = False,
            workers: int = 2, master: str | None = None, sc=None) -> JobResult:
    """Extract ``sources`` on Spark; JSONL lines go to ``out`` in input order, Parquet to the ``output`` folder.

    ``sc`` is a running SparkContext to reuse (benchmarks, tests); otherwise one is
    started here and stopped at the end.
    """
    from pyspark import StorageLevel

    if fmt == "parquet":
        if not output:
            raise ValueError("Parquet output needs a folder (-o)")
        prepare_output_dir(output)
    own_context = sc is None
    sc = sc or spark_context(master, workers)
    try:
        result = JobResult(parallelism=sc.defaultParallelism)
        splits = plan_splits(sources, target_splits=SPLITS_PER_SLOT * result.parallelism)
        result.splits = len(splits)
        work = partial(extract_partition, fmt=fmt, output=os.path.abspath(output) if output else None, include_text=include_text)
        items = sc.parallelize(splits, max(1, len(splits))).mapPartitions(work)
        if fmt == "parquet":
            stream: Iterable[tuple] = items.collect()   # only failures and per-split counts come back
        else:
            # compute every partition in parallel first, then stream them back in order
            items.persist(StorageLevel.MEMORY_AND_DISK)
            items.count()
            stream = items.toLocalIterator()
        for item in stream:
            kind = item[0]
            if kind == RECORD:
                result.records += 1
                if out is not None:
                    out.write(item[3])
                    out.write("\n")
            elif kind == FAILURE:
                result.failures += 1
                if on_failure:
                    on_failure(item[3])
            elif kind == DONE:
                result.stats.append(item[2])
        if fmt == "parquet":
            result.records = sum(s.records for s in result.stats)
        else:
            items.unpersist()
        return result
    finally:
        if own_context:
            sc.stop()


def main(argv: list[str] | None = None) -> int:
    """``spark-submit .../hadath/engine/spark.py`` arguments as ``hadath extract --engine spark``."""
    from hadath.cli import main as cli_main

    return cli_main(["extract", "--engine", "spark", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
