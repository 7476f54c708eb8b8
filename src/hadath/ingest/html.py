"""Saved HTML pages: main text and title by trafilatura, the text then is the document.

trafilatura is imported on the first HTML page only (it pulls in lxml and friends),
so plain-text and JSONL runs do not pay for it.
"""

from __future__ import annotations

import re

from .errors import InputError

_HTML_HINT = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<article)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.I)


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "ignore")
    return bool(_HTML_HINT.search(head))


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def html_to_text(html: str) -> tuple[str | None, str]:
    """(title, text): the page's title and main text, paragraphs one per line.

    The title comes first in the text, then a blank line, then the body, as in the
    contract's plain-text form, so that offsets point into this text.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=False, deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title.strip() if meta and meta.title else None) or None
    if not text.strip():
        raise InputError("HTML page without article text")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return title, text
