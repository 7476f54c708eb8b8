"""Language data: the lexicons, gazetteers and patterns the pipeline reads.

Data lives in TSV files beside the code (one folder per language, like spaCy's
``spacy/lang/ar/``); this module only knows how to read them. Each file opens with
``#`` comment lines that say where its entries come from, then a header row.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["read_table"]


@cache
def read_table(name: str, lang: str = "ar") -> tuple[dict[str, str], ...]:
    """Rows of ``lang/<lang>/<name>`` as dicts keyed by the header; read once per process."""
    path = resources.files("hadath.lang").joinpath(lang, name)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{lang}/{name}: malformed row {row!r}")
        rows.append({k: v.strip() for k, v in row.items()})
    return tuple(rows)
