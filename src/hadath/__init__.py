"""hadath (حدث): Arabic news in, structured and sourced event records out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "Record", "Store"]


def extract(text: str, date: str | None = None, *, id: str = "doc", outlet: str | None = None,
            url: str | None = None):
    """Extract one article: ``hadath.extract(text, date="2024-12-02") -> Record``."""
    from hadath.ingest.document import Document
    from hadath.pipeline import extract_document

    return extract_document(Document(id=id, text=text, date=date, outlet=outlet, url=url))


def __getattr__(name: str):
    if name == "Record":
        from hadath.record import Record

        return Record
    if name == "Store":
        from hadath.store import Store

        return Store
    raise AttributeError(name)
