"""Paragraph and sentence units over the token list, for the discourse extractors."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from hadath.analyse.segment import Span, paragraphs, sentences

from .matcher import Tok


@dataclass(frozen=True, slots=True)
class Unit:
    span: Span
    first: int   # token range [first, last)
    last: int


def units(text: str, body: list[Span], toks: list[Tok]) -> tuple[list[Unit], list[Unit]]:
    """(paragraphs, sentences) of the body, each with its token range."""
    starts = [t.start for t in toks]

    def unit(span: Span) -> Unit:
        return Unit(span, bisect_left(starts, span[0]), bisect_left(starts, span[1]))

    paras, sents = [], []
    for b in body:
        for ps, pe in paragraphs(text[b[0]:b[1]]):
            p = (ps + b[0], pe + b[0])
            paras.append(unit(p))
            sents.extend(unit(s) for s in sentences(text, p))
    return paras, sents
