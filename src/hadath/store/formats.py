"""Query results as a table (on a terminal), JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO

from .query import Row

FORMATS = ("table", "json", "csv")
_CELL = 48   # widest column in a table; longer values are cut with an ellipsis


def write_rows(rows: Sequence[Row], fmt: str, fh: IO[str], table_columns: Sequence[str] | None = None) -> None:
    dicts = [r.as_dict() for r in rows]
    if fmt == "json":
        json.dump(dicts, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    elif fmt == "csv":
        if not dicts:
            return
        writer = csv.DictWriter(fh, fieldnames=list(dicts[0]))
        writer.writeheader()
        writer.writerows(dicts)
    elif fmt == "table":
        write_table(dicts, fh, table_columns)
    else:
        raise ValueError(f"format is one of {', '.join(FORMATS)}, not {fmt!r}")


def write_table(dicts: list[dict], fh: IO[str], columns: Sequence[str] | None = None) -> None:
    if not dicts:
        fh.write("(nothing found)\n")
        return
    cols = list(columns or dicts[0])
    cells = [[_cell(d.get(c)) for c in cols] for d in dicts]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    fh.write("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    fh.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        fh.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _cell(value) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"
