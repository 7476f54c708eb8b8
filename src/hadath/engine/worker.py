"""What a worker does with a split: read it, run ``extract_document`` on each document, emit results.

Engine-neutral: the Spark job calls ``run_split`` inside ``mapPartitions``; so does any
other engine. The extraction is ``hadath.pipeline.extract_document`` itself, whose
lexicon is a per-process cache, so it loads once per worker process, not per
document or per split; each split says whether it was the one that loaded it, which
is how the driver checks that.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from hadath import pipeline
from hadath.engine.inputs import Split, read_split
from hadath.engine.outputs import parquet_row, write_parquet_part
from hadath.ingest.document import Document, InputFailure
from hadath.record import Record
from hadath.write import record_line

# Item kinds a worker emits (plain tuples: cheap to pickle between engine processes).
RECORD = "record"     # (RECORD, split, position, json_line)
FAILURE = "failure"   # (FAILURE, split, position, failure_dict)
DONE = "done"         # (DONE, split, SplitStats)


@dataclass(frozen=True, slots=True)
class SplitStats:
    split: int
    pid: int
    loaded_lexicon: bool   # this split's process had no lexicon yet and loaded it
    records: int
    failures: int


def extract_or_report(item: Document | InputFailure) -> Record | dict:
    """A document's record, or the error report (as ``hadath extract`` prints it) of a bad one."""
    if isinstance(item, InputFailure):
        return item.as_dict()
    try:
        return pipeline.extract_document(item)
    except Exception as exc:  # one bad document never stops the batch
        return {"id": item.id, "source": item.source, "error": "extract_failed", "message": f"{type(exc).__name__}: {exc}"}


def run_split(split: Split, fmt: str, output: str | None, include_text: bool) -> Iterator[tuple]:
    """Results of one split in input order; Parquet rows are written here, by the worker."""
    loaded = pipeline._EXTRACTOR is None   # the per-process lexicon cache of extract_document
    rows: list[dict] = []
    records = failures = 0
    for position, item in enumerate(read_split(split)):
        result = extract_or_report(item)
        if isinstance(result, dict):
            failures += 1
            yield (FAILURE, split.order, position, result)
            continue
        records += 1
        if fmt == "parquet":
            rows.append(parquet_row(result, split.order, position, include_text))
        else:
            yield (RECORD, split.order, position, record_line(result, include_text))
    if fmt == "parquet" and output:
        write_parquet_part(rows, output, f"{split.order:05d}", include_text)
    yield (DONE, split.order, SplitStats(split.order, os.getpid(), loaded and pipeline._EXTRACTOR is not None,
                                         records, failures))
