"""Where documents come from: JSONL (plain or .gz), .txt, saved HTML, RSS/Atom feeds, WARC, Parquet, folders, stdin.

``read_sources`` yields a ``Document`` for every readable article and an
``InputFailure`` for every bad one (broken JSON line, binary file, empty file...),
in input order, so a batch always goes on past a bad document.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .decode import decode_bytes
from .document import Document, InputFailure
from .errors import InputError, MalformedRecordError, TooLargeError
from .feeds import FEED_SUFFIXES, read_feed
from .html import declared_charset, html_to_text, looks_like_html
from .parquet import PARQUET_SUFFIXES, is_parquet_path, read_parquet
from .warc import WARC_SUFFIXES, is_warc_path, read_warc

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024   # a single article; bigger is refused, not truncated
MAX_LINE_BYTES = 96 * 1024 * 1024       # a JSONL line (text plus metadata, JSON-escaped)
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_KNOWN_FIELDS = {"id", "text", "date", "outlet", "url", "html"}


def read_sources(sources: Iterable[str | os.PathLike], stdin: BinaryIO | None = None) -> Iterator[Document | InputFailure]:
    for src in sources:
        if str(src) == "-":
            yield from read_stream((stdin or sys.stdin.buffer), "stdin")
            continue
        path = Path(src)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and is_document_file(p)):
                yield from read_path(child)
        elif path.exists():
            yield from read_path(path)
        else:
            yield InputFailure(str(path), "not_found", f"no such file or directory: {path}")


def is_document_file(p: Path) -> bool:
    suffixes = [s.lower() for s in p.suffixes[-2:]]
    known = (bool(set(suffixes) & (TEXT_SUFFIXES | JSONL_SUFFIXES | {".rss", ".atom"}))
             or p.name.lower().endswith(WARC_SUFFIXES + PARQUET_SUFFIXES))
    return known and not p.name.startswith(".")


def read_path(path: Path) -> Iterator[Document | InputFailure]:
    name = path.name.lower()
    try:
        if name.endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
            with gzip.open(path, "rb") as fh:
                yield from read_jsonl(fh, str(path))
            return
        if path.suffix.lower() in FEED_SUFFIXES:
            yield from read_feed(path)
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, str(path))
            return
        if is_warc_path(path):
            yield from read_warc(path)
            return
        if is_parquet_path(path):
            yield from read_parquet(path)
            return
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise TooLargeError(f"document of {path.stat().st_size} bytes is over the {MAX_DOCUMENT_BYTES}-byte limit")
        yield document_from_bytes(path.read_bytes(), doc_id=path.stem, source=str(path))
    except InputError as exc:
        yield InputFailure(str(path), exc.code, str(exc), id=path.stem)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputFailure(str(path), "unreadable", f"{type(exc).__name__}: {exc}", id=path.stem)


def read_stream(fh: BinaryIO, source: str) -> Iterator[Document | InputFailure]:
    """Standard input: JSONL when it starts with ``{``, else one text or HTML document."""
    head = fh.read(1)
    while head and head.isspace():
        head = fh.read(1)
    if head == b"{":
        yield from read_jsonl(_Prepend(head, fh), source)
        return
    data = head + fh.read(MAX_DOCUMENT_BYTES + 1 - len(head))
    try:
        if len(data) > MAX_DOCUMENT_BYTES:
            raise TooLargeError(f"input over the {MAX_DOCUMENT_BYTES}-byte limit")
        yield document_from_bytes(data, doc_id=source, source=source)
    except InputError as exc:
        yield InputFailure(source, exc.code, str(exc), id=source)


class _Prepend(io.RawIOBase):
    """A stream with some bytes already read put back in front."""

    def __init__(self, first: bytes, rest: BinaryIO):
        self.first, self.rest = first, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.first:
            n = min(len(b), len(self.first))
            b[:n], self.first = self.first[:n], self.first[n:]
            return n
        data = self.rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def document_from_bytes(data: bytes, doc_id: str, source: str, is_html: bool | None = None,
                        declared: str | None = None, **meta) -> Document:
    """A ``.txt`` or HTML file's bytes as a Document (decoded, HTML reduced to its text).

    ``is_html`` and ``declared`` (a charset) come from a container that knows them, such
    as a WARC record's HTTP headers; otherwise they are read off the bytes.
    """
    if is_html is None:
        is_html = looks_like_html(data)
    if declared is None and is_html:
        declared = declared_charset(data)
    decoded = decode_bytes(data, declared=declared)
    title = None
    text = decoded.text
    if is_html:
        title, text = html_to_text(text)
    return Document(id=doc_id, text=text, source=source, encoding=decoded.encoding,
                    encoding_note=decoded.note, title_hint=title, **meta)


def read_jsonl(fh: BinaryIO, source: str, first_line: int = 1, max_lines: int | None = None) -> Iterator[Document | InputFailure]:
    """Contract input: one JSON object a line with ``id`` and ``text`` (or ``html``).

    ``first_line`` (1-based, ``fh`` already positioned there) and ``max_lines`` read one
    slice of a file, as a scale-out engine's split does, with lines still named
    ``source:line`` of the whole file.
    """
    buffered = fh if hasattr(fh, "readline") else io.BufferedReader(fh)
    lineno = first_line - 1
    last_line = None if max_lines is None else lineno + max_lines
    while last_line is None or lineno < last_line:
        try:
            raw = buffered.readline(MAX_LINE_BYTES + 1)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputFailure(f"{source}:{lineno + 1}", "unreadable", f"stream broke off: {type(exc).__name__}: {exc}")
            return
        if not raw:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(raw) > MAX_LINE_BYTES:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = buffered.readline(MAX_LINE_BYTES)
            yield InputFailure(where, "too_large", f"line over the {MAX_LINE_BYTES}-byte limit")
            continue
        if not raw.strip():
            continue
        try:
            yield document_from_json_line(raw, where)
        except InputError as exc:
            yield InputFailure(where, exc.code, str(exc), id=getattr(exc, "doc_id", None))


def document_from_json_line(raw: bytes, where: str) -> Document:
    try:
        line = decode_bytes(raw).text
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(f"not a JSON object: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(obj, dict):
        raise MalformedRecordError("not a JSON object")
    return document_from_object(obj, where)


def document_from_object(obj: dict, where: str) -> Document:
    """One contract record (a parsed JSON line, a Parquet row) as a Document."""
    doc_id = obj.get("id")
    if doc_id is None or not isinstance(doc_id, (str, int)):
        raise MalformedRecordError("record without an 'id'")
    doc_id = str(doc_id)
    meta = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in ("date", "outlet", "url")}
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS} or None
    text = obj.get("text")
    if text is None and isinstance(obj.get("html"), str):
        title, text = html_to_text(obj["html"])
        doc = Document(id=doc_id, text=text, source=where, title_hint=title, extra=extra, **meta)
    elif isinstance(text, str):
        doc = Document(id=doc_id, text=text, source=where, extra=extra, **meta)
    else:
        err = MalformedRecordError("record without a 'text' string")
        err.doc_id = doc_id  # type: ignore[attr-defined]
        raise err
    if not doc.text.strip():
        err = InputError("empty text")
        err.code = "empty"
        err.doc_id = doc_id  # type: ignore[attr-defined]
        raise err
    return doc
