"""Parquet files of articles as Documents: one row is one contract record.

Columns as the contract's JSONL fields (``id``, ``text`` or ``html``, ``date``,
``outlet``, ``url``); other columns are carried through as ``input.extra``, dates and
times as ISO strings, as a JSON line would have given them. Row ``n`` (1-based, over
the whole file) is named ``path:n``. pyarrow (``pip install 'hadath[parquet]'``) is
imported only when a Parquet file is read; a scale-out engine reads one row group
per split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from .document import Document, InputFailure
from .errors import InputError

PARQUET_SUFFIXES = (".parquet", ".pq")


def is_parquet_path(path: Path) -> bool:
    return path.name.lower().endswith(PARQUET_SUFFIXES)


def _json_safe(value: object) -> object:
    """A Parquet cell as the value a JSON line would have given (dates as ISO strings)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def _unreadable(path: Path, exc: BaseException) -> InputFailure:
    return InputFailure(str(path), "unreadable", f"{type(exc).__name__}: {exc}", id=path.stem)


def row_groups(path: Path) -> list[tuple[int, int]]:
    """(row group, 1-based number of its first row) for each row group of the file."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    out, first_row = [], 1
    for i in range(meta.num_row_groups):
        out.append((i, first_row))
        first_row += meta.row_group(i).num_rows
    return out


def read_parquet(path: Path, row_group: int | None = None, first_row: int = 1) -> Iterator[Document | InputFailure]:
    """The rows of the file (or of one row group, whose first row is ``first_row``) as Documents."""
    from .sources import document_from_object

    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        yield InputFailure(str(path), "unreadable", f"Parquet input needs pyarrow (pip install 'hadath[parquet]'): {exc}")
        return
    try:
        parquet = pq.ParquetFile(path)
        groups = [row_group] if row_group is not None else list(range(parquet.metadata.num_row_groups))
    except (OSError, ValueError) as exc:   # pyarrow's ArrowInvalid is a ValueError
        yield _unreadable(path, exc)
        return
    n = first_row
    for group in groups:
        try:
            rows = parquet.read_row_group(group).to_pylist()
        except (OSError, ValueError) as exc:
            yield _unreadable(path, exc)
            return
        for row in rows:
            where = f"{path}:{n}"
            n += 1
            obj = {k: _json_safe(v) for k, v in row.items() if v is not None}
            try:
                yield document_from_object(obj, where)
            except InputError as exc:
                yield InputFailure(where, exc.code, str(exc), id=getattr(exc, "doc_id", None))
