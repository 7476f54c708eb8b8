"""English labels of CAMEO codes and roots for the dashboard: codes from the language data hadath extracts with,
roots (the two-digit families the timeline stacks) from ``cameo_roots.tsv`` beside this module."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from hadath.lang import read_table


@cache
def code_labels() -> dict[str, str]:
    return {r["code"]: r["name"] for r in read_table("cameo_codes.tsv")}


@cache
def root_labels() -> dict[str, str]:
    path = resources.files("hadath.serve").joinpath("cameo_roots.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return {r["root"]: r["name"] for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def code_label(code: str | None) -> str:
    return code_labels().get(code or "", "")


def root_label(root: str | None) -> str:
    return root_labels().get(root or "", root or "")
