"""Cutting the input into splits a worker reads on its own, and reading one split.

The driver only plans: it lists files (folders expanded as ``read_sources`` does),
counts JSONL lines and Parquet row groups, and hands out ``Split``s; the workers do
the reading, decoding and HTML extraction. A split yields exactly the ``Document``s
and ``InputFailure``s that ``read_sources`` yields for the same lines, rows or
records (same ids, same ``source`` names), so a record built from it equals the
single-machine one. Splits are numbered in input order, which is how the output is
put back in order.

- JSONL (plain): line ranges; a worker seeks to the range's byte offset.
- JSONL (.gz): line ranges; gzip cannot seek, so a worker reads past earlier lines
  unparsed (cheap next to extraction: the 10,000-article corpus decompresses in 0.2 s).
- Parquet: one split per row group (``hadath.ingest.parquet`` reads the rows).
- WARC and every other file (.txt, HTML): one split per file.
"""

from __future__ import annotations

import gzip
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hadath.ingest.document import Document, InputFailure
from hadath.ingest.parquet import is_parquet_path, read_parquet, row_groups
from hadath.ingest.sources import JSONL_SUFFIXES, is_document_file, read_jsonl, read_path

MIN_SPLIT_LINES = 50      # below this, task overhead outweighs the work
MAX_SPLIT_LINES = 2000    # (a multiple of MIN_SPLIT_LINES) above this, one slow split holds up the end of the job


@dataclass(frozen=True, slots=True)
class Split:
    """One unit of work: a slice of one input file, numbered in input order."""

    order: int
    path: str
    kind: str                     # "jsonl", "parquet", "file" (WARC, .txt, HTML: read whole) or "missing"
    first_line: int = 1           # jsonl: 1-based first line of the slice
    max_lines: int | None = None  # jsonl: lines in the slice (None: to the end)
    byte_offset: int | None = None  # plain jsonl: where first_line starts
    row_group: int | None = None  # parquet
    first_row: int = 1            # parquet: 1-based number of the row group's first row in the file


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in JSONL_SUFFIXES or name.endswith(tuple(s + ".gz" for s in JSONL_SUFFIXES))


def input_files(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """The files behind ``sources``, in the order ``read_sources`` reads them."""
    files: list[Path] = []
    for src in sources:
        if str(src) == "-":
            raise ValueError("a scale-out engine reads files, not standard input")
        path = Path(src)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_document_file(p)))
        else:
            files.append(path)
    return files


def _line_starts(path: Path) -> tuple[int, list[int]]:
    """(number of lines, byte offset of every MIN_SPLIT_LINES-th line start) of a JSONL file.

    Splits are whole multiples of MIN_SPLIT_LINES, so these offsets are all a split can start at.
    """
    gz = path.name.lower().endswith(".gz")
    offsets: list[int] = []
    pos = n_lines = 0
    with (gzip.open(path, "rb") if gz else path.open("rb")) as fh:
        for raw in fh:
            if n_lines % MIN_SPLIT_LINES == 0:
                offsets.append(pos)
            n_lines += 1
            pos += len(raw)
    return n_lines, offsets


def plan_splits(sources: Iterable[str | os.PathLike], target_splits: int) -> list[Split]:
    """Splits for ``sources``: about ``target_splits`` of them over all JSONL lines."""
    files = input_files(sources)
    counted: dict[Path, tuple[int, list[int]]] = {}
    for path in files:
        if path.is_file() and _is_jsonl(path):
            try:
                counted[path] = _line_starts(path)
            except (OSError, EOFError, gzip.BadGzipFile):
                pass   # read whole by one split, which reports the failure as read_path does
    total_lines = sum(n for n, _ in counted.values())
    wanted = math.ceil(total_lines / max(1, target_splits))
    per_split = min(MAX_SPLIT_LINES, max(1, math.ceil(wanted / MIN_SPLIT_LINES)) * MIN_SPLIT_LINES)
    splits: list[Split] = []
    for path in files:
        if not path.exists():
            splits.append(Split(len(splits), str(path), "missing"))
        elif path in counted:
            n_lines, starts = counted[path]
            plain = not path.name.lower().endswith(".gz")
            for first in range(1, max(1, n_lines) + 1, per_split):
                splits.append(Split(len(splits), str(path), "jsonl", first_line=first, max_lines=per_split,
                                    byte_offset=(starts[(first - 1) // MIN_SPLIT_LINES] if plain and starts else None)))
        elif is_parquet_path(path):
            splits.extend(_parquet_splits(path, len(splits)))
        else:
            splits.append(Split(len(splits), str(path), "file"))
    return splits


def _parquet_splits(path: Path, start_order: int) -> list[Split]:
    try:
        groups = row_groups(path)
    except (ImportError, OSError, ValueError):   # no pyarrow, or not Parquet (ArrowInvalid is a ValueError)
        return [Split(start_order, str(path), "parquet", row_group=-1)]   # read_split reports it
    return [Split(start_order + i, str(path), "parquet", row_group=group, first_row=first)
            for i, (group, first) in enumerate(groups)]


def read_split(split: Split) -> Iterator[Document | InputFailure]:
    """The documents of one split, as ``read_sources`` gives them for the same input."""
    path = Path(split.path)
    if split.kind == "missing":
        yield InputFailure(str(path), "not_found", f"no such file or directory: {path}")
    elif split.kind == "jsonl":
        yield from _read_jsonl_split(path, split)
    elif split.kind == "parquet":
        yield from _read_parquet_split(path, split)
    else:
        yield from read_path(path)


def _read_jsonl_split(path: Path, split: Split) -> Iterator[Document | InputFailure]:
    try:
        if split.byte_offset is not None:
            with path.open("rb") as fh:
                fh.seek(split.byte_offset)
                yield from read_jsonl(fh, str(path), first_line=split.first_line, max_lines=split.max_lines)
            return
        with gzip.open(path, "rb") as fh:
            for _ in range(split.first_line - 1):
                fh.readline()
            yield from read_jsonl(fh, str(path), first_line=split.first_line, max_lines=split.max_lines)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputFailure(str(path), "unreadable", f"{type(exc).__name__}: {exc}", id=path.stem)


def _read_parquet_split(path: Path, split: Split) -> Iterator[Document | InputFailure]:
    if split.row_group is None or split.row_group < 0:   # the footer did not read: read_parquet says why
        yield from read_parquet(path)
    else:
        yield from read_parquet(path, row_group=split.row_group, first_row=split.first_row)
