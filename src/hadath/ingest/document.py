"""The unit the pipeline works on: one article's text and what came with it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Document:
    id: str
    text: str
    date: str | None = None      # publication or crawl date given with the input (ISO 8601)
    outlet: str | None = None
    url: str | None = None
    source: str | None = None    # where it was read from: a path, "path:line", "stdin"
    encoding: str | None = None  # codec the bytes were decoded with; None for JSON strings
    encoding_note: str | None = None
    title_hint: str | None = None  # a title the container gave (HTML <title>), if any
    extra: dict | None = None      # other input fields (section, ...), carried through


@dataclass(slots=True)
class InputFailure:
    """A document that could not be read: reported, never silently dropped."""

    source: str
    code: str
    message: str
    id: str | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "error": self.code, "message": self.message}
