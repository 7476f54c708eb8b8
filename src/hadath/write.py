"""Writing records: contract JSONL, one record a line, flushed as it goes."""

from __future__ import annotations

import json
from typing import IO

from hadath.record import Record


def record_line(record: Record, include_text: bool = False) -> str:
    return json.dumps(record.as_dict(include_text=include_text), ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    def __init__(self, fh: IO[str], include_text: bool = False):
        self.fh = fh
        self.include_text = include_text
        self.count = 0

    def write(self, record: Record) -> None:
        self.fh.write(record_line(record, self.include_text))
        self.fh.write("\n")
        self.count += 1
