"""Parquet output: one row per record, partitioned by publication day (``date=YYYY-MM-DD/``).

Columns a person can query without parsing anything: ``id``, ``date``, ``outlet``,
``title``, ``published``, ``source`` (where the article was read: ``path:line``,
``path@offset`` of a WARC record), the counts ``n_entities``, ``n_events``,
``n_quotes``, ``n_relations``, and ``split``/``position`` (sort by both to get the
input order back). The nested parts of the record (``entities``, ``events``,
``quotes``, ``relations``, ``dates``, ``dateline``, ``body``, ``boilerplate``,
``title_span``, ``input``) are JSON strings exactly as in the JSONL record: their
shapes vary by kind (an event's place, a quote's speaker), and JSON keeps them whole
and readable by any Parquet reader (DuckDB's ``json_extract``, Spark's ``from_json``).
``text`` is there only with ``--include-text``. A record without a publication day
goes to ``date=unknown``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from hadath.analyse.dates import parse_iso_date
from hadath.record import Record

JSON_COLUMNS = ("title_span", "dateline", "body", "boilerplate", "dates", "entities", "events", "quotes", "relations", "input")
UNKNOWN_DATE = "unknown"


def parquet_schema(include_text: bool):
    import pyarrow as pa

    fields = [
        ("id", pa.string()), ("date", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
        ("published", pa.string()), ("source", pa.string()),
        ("n_entities", pa.int32()), ("n_events", pa.int32()), ("n_quotes", pa.int32()), ("n_relations", pa.int32()),
        *[(name, pa.string()) for name in JSON_COLUMNS],
        ("split", pa.int32()), ("position", pa.int32()),
    ]
    if include_text:
        fields.append(("text", pa.string()))
    return pa.schema(fields)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parquet_row(record: Record, split: int, position: int, include_text: bool) -> dict:
    """A record as one Parquet row (see the module docstring for the columns)."""
    d = record.as_dict(include_text=include_text)
    day = parse_iso_date(record.published)
    row = {
        "id": record.id, "date": day.isoformat() if day else UNKNOWN_DATE, "outlet": record.outlet,
        "title": record.title, "published": record.published, "source": record.input.get("source"),
        "n_entities": len(record.entities), "n_events": len(record.events),
        "n_quotes": len(record.quotes), "n_relations": len(record.relations),
        **{name: _json(d[name]) for name in JSON_COLUMNS},
        "split": split, "position": position,
    }
    if include_text:
        row["text"] = record.text
    return row


RECORD_KEYS = tuple(Record(id="", text="").as_dict(include_text=True))   # the JSONL record's key order


def record_from_row(row: dict) -> dict:
    """The JSONL record dict back from a Parquet row, keys in the JSONL order (what a reader of the output does)."""
    return {k: (json.loads(row[k]) if k in JSON_COLUMNS else row[k]) for k in RECORD_KEYS if k in row}


def prepare_output_dir(root: str | os.PathLike) -> None:
    """An empty folder to write into: parts of an earlier run are never mixed with this one's."""
    path = Path(root)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise FileExistsError(f"Parquet output {path} exists and is not an empty folder")
    path.mkdir(parents=True, exist_ok=True)


def write_parquet_part(rows: Iterable[dict], root: str | os.PathLike, part: str, include_text: bool) -> int:
    """Write rows as ``root/date=.../part-<part>-<i>.parquet``; one file per day in this part."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    if not rows:
        return 0
    table = pa.Table.from_pylist(rows, schema=parquet_schema(include_text))
    pq.write_to_dataset(table, str(root), partition_cols=["date"], basename_template=f"part-{part}-{{i}}.parquet",
                        existing_data_behavior="overwrite_or_ignore")
    return len(rows)


def read_parquet_records(root: str | os.PathLike) -> list[dict]:
    """All rows of a hadath Parquet output, in input order (sorted by split, position)."""
    import pyarrow.parquet as pq

    table = pq.read_table(str(root))
    rows = table.to_pylist()
    rows.sort(key=lambda r: (r["split"], r["position"]))
    return rows
