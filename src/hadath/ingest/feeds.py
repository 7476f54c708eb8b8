"""RSS and Atom files that carry full article text: each entry is a Document.

The text is the entry's content (else its summary); HTML goes through the same
trafilatura path as a saved page (``hadath.ingest.html``), and the entry's title
leads the text as in the contract's plain form (title, blank line, body). The id
is the entry's id (else its link), the date its published (else updated) time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from html import escape
from pathlib import Path

from .document import Document, InputFailure
from .errors import InputError
from .html import html_to_text, looks_like_html

FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def read_feed(path: Path) -> Iterator[Document | InputFailure]:
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    if not parsed.entries:
        reason = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}" if parsed.bozo else "no entries"
        yield InputFailure(str(path), "malformed_feed", f"not an RSS/Atom feed with entries ({reason})", id=path.stem)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{path}#{number}"
        doc_id = str(entry.get("id") or entry.get("link") or f"{path.stem}-{number}")
        try:
            yield entry_document(entry, doc_id, where, outlet)
        except InputError as exc:
            yield InputFailure(where, exc.code, str(exc), id=doc_id)


def entry_document(entry, doc_id: str, where: str, outlet: str | None) -> Document:
    title = (entry.get("title") or "").strip()
    contents = entry.get("content") or []
    body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
    if looks_like_html(body) or ("<" in body and ">" in body):
        page = (f"<html><head><title>{escape(title)}</title></head><body><article>"
                f"{'<h1>' + escape(title) + '</h1>' if title else ''}{body}</article></body></html>")
        _, text = html_to_text(page)
    else:
        text = f"{title}\n\n{body.strip()}" if title and not body.startswith(title) else body.strip()
    if not text.strip() or text.strip() == title:
        err = InputError("feed entry without article text")
        err.code = "empty"
        raise err
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    date = time.strftime("%Y-%m-%dT%H:%M", stamp) if stamp else None
    return Document(id=doc_id, text=text, date=date, outlet=outlet, url=entry.get("link"), source=where,
                    title_hint=title or None)
