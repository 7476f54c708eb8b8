"""The unit the pipeline works on: one article's text and what came with it."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import TooLargeError

# Extraction time and memory grow faster than the text (1M characters: about 6 s and 250 MB; 2M: 14 s); the
# longest article of the 10,000-article corpus has 21,155. A text far past that is a dump or an attack, refused
# here, where every reader (files, JSONL, feeds, stdin, the Python API) builds its Document.
MAX_TEXT_CHARS = 1_000_000


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

    def __post_init__(self) -> None:
        if len(self.text) > MAX_TEXT_CHARS:
            err = TooLargeError(f"text of {len(self.text)} characters is over the {MAX_TEXT_CHARS}-character limit")
            err.doc_id = self.id  # type: ignore[attr-defined]
            raise err


@dataclass(slots=True)
class InputFailure:
    """A document that could not be read: reported, never silently dropped."""

    source: str
    code: str
    message: str
    id: str | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "error": self.code, "message": self.message}
