"""The record hadath writes for each article (``shared/eval/CONTRACT.md`` and more).

Typed dataclasses so that the Python API is typed; ``as_dict`` gives the JSON shape.
Every span is ``[start, end)`` in code points into the input text exactly as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(slots=True)
class Record:
    id: str
    text: str
    title: str | None = None
    title_span: Span | None = None
    outlet: str | None = None
    published: str | None = None
    dateline: dict[str, Any] | None = None
    body: list[Span] = field(default_factory=list)
    boilerplate: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    input: dict[str, Any] = field(default_factory=dict)   # date, outlet, url, source, encoding

    def as_dict(self, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "title_span": list(self.title_span) if self.title_span else None,
            "outlet": self.outlet,
            "published": self.published,
            "dateline": self.dateline,
            "body": [list(s) for s in self.body],
            "boilerplate": self.boilerplate,
            "dates": self.dates,
            "entities": self.entities,
            "events": self.events,
            "quotes": self.quotes,
            "relations": self.relations,
            "input": self.input,
        }
        if include_text:
            out["text"] = self.text
        return out
