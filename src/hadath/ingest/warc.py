"""WARC files (web crawls: Common Crawl News, national web archives) as Documents.

Each ``response`` (HTTP) or ``resource`` record whose media type is HTML or plain text
and whose HTTP status is 2xx is one document; it goes through the same decoding and
HTML path as a saved page (``document_from_bytes``), with the charset of the HTTP
``Content-Type`` header tried before a ``<meta>`` one. Other records (requests,
``warcinfo``, ``metadata``, ``revisit``, images, redirects) are not articles and are
passed over. A record is named ``path@offset``: ``warcio extract path offset`` prints
it again. warcio is imported only when a WARC file is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .document import Document, InputFailure
from .errors import InputError
from .html import declared_charset

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
TEXT_MEDIA_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_UUID = re.compile(r"^<?urn:uuid:([^>]+)>?$")


def is_warc_path(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a Content-Type header value."""
    if not content_type:
        return None, None
    m = _CHARSET.search(content_type)
    return content_type.split(";")[0].strip().lower(), (m.group(1) if m else None)


def _record_id(record, where: str) -> str:
    raw = record.rec_headers.get_header("WARC-Record-ID") or where
    m = _UUID.match(raw.strip())
    return m.group(1) if m else raw.strip()


def read_warc(path: Path) -> Iterator[Document | InputFailure]:
    """Every article record of a WARC (plain or gzip), in file order; bad ones as InputFailure."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .sources import MAX_DOCUMENT_BYTES, document_from_bytes

    with path.open("rb") as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError) as exc:
                # warcio's parser fails on a record cut off in its headers with AttributeError (a None URI)
                yield InputFailure(str(path), "unreadable", f"WARC stream broke off: {type(exc).__name__}: {exc}")
                return
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2"):
                    continue
                media, charset = _media_type(record.http_headers.get_header("Content-Type"))
            else:
                media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
            if media not in TEXT_MEDIA_TYPES:
                continue
            try:
                data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
            except (OSError, EOFError, ValueError) as exc:
                where = f"{path}@{records.get_record_offset()}"
                yield InputFailure(where, "unreadable", f"record body: {type(exc).__name__}: {exc}")
                continue
            where = f"{path}@{records.get_record_offset()}"
            doc_id = _record_id(record, where)
            if len(data) > MAX_DOCUMENT_BYTES:
                yield InputFailure(where, "too_large", f"record over the {MAX_DOCUMENT_BYTES}-byte limit", id=doc_id)
                continue
            is_html = media != "text/plain"
            try:
                yield document_from_bytes(
                    data, doc_id=doc_id, source=where, is_html=is_html,
                    declared=charset or (declared_charset(data) if is_html else None),
                    date=record.rec_headers.get_header("WARC-Date"),
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                )
            except InputError as exc:
                yield InputFailure(where, exc.code, str(exc), id=doc_id)
