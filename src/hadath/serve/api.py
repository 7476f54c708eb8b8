"""The JSON API: extraction without storing, the store's queries with paging, one event, one document, the
dashboard's aggregates, and ``POST /ingest`` (off unless the server has a token).

Every route is a plain ``def``: it runs in a worker thread and takes that thread's store from the pool for
the duration of the call. Filters go to SQL as parameters only; a bad full-text expression, date or pair is
a ``QueryError`` and answers 400.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from hadath.ingest.document import Document
from hadath.store.query import EventFilter, QueryError
from hadath.store.store import Batch, SourceInfo, content_hash

from . import aggregates
from .limits import DEFAULT_PAGE, MAX_FILTER, MAX_INGEST_DOCS, MAX_OFFSET, MAX_PAGE, MAX_TEXT

router = APIRouter()

Filter = Annotated[str | None, Query(max_length=MAX_FILTER)]
Day = Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD, inclusive")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"rows to skip (at most {MAX_OFFSET})")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows in the page (at most {MAX_PAGE})")]

__all__ = ["router", "QueryError"]


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the article, as plain text")
    id: str = Field("doc", max_length=200)
    date: str | None = Field(None, max_length=40, description="publication date (ISO 8601), the anchor of relative dates")
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    def document(self, source: str) -> Document:
        return Document(id=self.id, text=self.text, date=self.date, outlet=self.outlet, url=self.url, source=source)


class IngestIn(BaseModel):
    documents: list[ArticleIn] = Field(min_length=1, max_length=MAX_INGEST_DOCS)


def _page(items: list, offset: int, limit: int, more: bool | None = None) -> dict[str, Any]:
    """A page of rows; ``items`` may hold one row more than the page, which says that another page follows."""
    more = len(items) > limit if more is None else more
    rows = [r.as_dict() if hasattr(r, "as_dict") else r for r in items[:limit]]
    return {"items": rows, "offset": offset, "limit": limit, "next_offset": offset + limit if more else None}


def _pool(request: Request):
    return request.app.state.pool


@router.post("/extract", tags=["extract"])
def extract(article: ArticleIn) -> dict[str, Any]:
    """One article in, its record out (the contract's shape, as `hadath extract` writes it); nothing is stored."""
    from hadath.pipeline import extract_document

    return extract_document(article.document("http:extract")).as_dict(include_text=False)


@router.get("/events", tags=["events"])
def events(request: Request, actor: Filter = None, pair: Filter = None, code: Filter = None, root: Filter = None,
           since: Day = None, until: Day = None, outlet: Filter = None, text: Filter = None, offset: Offset = 0,
           limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """Events as each article reports them, newest first: the filters of `hadath query events`."""
    f = EventFilter(actor=actor, pair=pair, code=code, root=root, since=since, until=until, outlet=outlet, text=text)
    with _pool(request).store() as store:
        rows, more = aggregates.events_page(store.conn, f, offset, limit)
    return _page(rows, offset, limit, more)


@router.get("/events/{event_id}", tags=["events"])
def event(request: Request, event_id: int) -> dict[str, Any]:
    """One event: as extracted, its passage and cue, its parties with their spans, and its reports in other articles."""
    with _pool(request).store() as store:
        found = aggregates.event_detail(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return found


@router.get("/clusters", tags=["events"])
def clusters(request: Request, actor: Filter = None, pair: Filter = None, code: Filter = None, root: Filter = None,
             since: Day = None, until: Day = None, offset: Offset = 0, limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """Events across articles, newest first, with how many reports, articles and outlets each has."""
    with _pool(request).store() as store:
        rows = store.clusters(actor=actor, pair=pair, code=code, root=root, since=since, until=until,
                              limit=offset + limit + 1)
    return _page(rows[offset:], offset, limit)


@router.get("/actors", tags=["actors"])
def actors(request: Request, name: Filter = None, type: Filter = None, country: Filter = None, offset: Offset = 0,
           limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """People, states, bodies and places across the store, most documents first."""
    with _pool(request).store() as store:
        rows = store.actors(name=name, type=type, country=country, limit=offset + limit + 1)
    return _page(rows[offset:], offset, limit)


@router.get("/quotes", tags=["quotes"])
def quotes(request: Request, speaker: Filter = None, since: Day = None, until: Day = None, outlet: Filter = None,
           offset: Offset = 0, limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """Quotes, newest first; ``speaker`` is the start of the speaker's name, any case."""
    with _pool(request).store() as store:
        rows = store.quotes(speaker=speaker, since=since, until=until, outlet=outlet, limit=offset + limit + 1)
    return _page(rows[offset:], offset, limit)


@router.get("/relations", tags=["relations"])
def relations(request: Request, pair: Filter = None, since: Day = None, until: Day = None, offset: Offset = 0,
              limit: Limit = DEFAULT_PAGE) -> dict[str, Any]:
    """Designated relationships, oldest first: with ``pair``, that pair's designation history."""
    with _pool(request).store() as store:
        rows = store.relations(pair=pair, since=since, until=until, limit=offset + limit + 1)
    return _page(rows[offset:], offset, limit)


@router.get("/documents/{ref}", tags=["documents"])
def document(request: Request, ref: Annotated[str, PathParam(max_length=200)],
             by: Annotated[str, Query(pattern="^(key|record)$")] = "key") -> dict[str, Any]:
    """One stored record with its text, by the store's document number, or by the record id (not a number, or ``by=record``)."""
    with _pool(request).store() as store:
        key = aggregates.document_key(store.conn, ref, by_record=by == "record")
        if key is None:
            raise HTTPException(404, f"no document {ref!r}")
        record = store.record(key)
        sources = aggregates.document_sources(store.conn, key)
    return {"document": key, **record.as_dict(include_text=True), "sources": sources}


@router.get("/timeline", tags=["aggregates"])
def timeline(request: Request, since: Day = None, until: Day = None) -> dict[str, Any]:
    """Events per CAMEO root per day, month or year (chosen by the range), counted on the server."""
    tl = cached_timeline(request, since, until)
    return {"unit": tl.unit, "roots": tl.roots, "undated": tl.undated, "total": tl.total,
            "buckets": [{"label": b.label, "since": b.since, "until": b.until, "counts": b.counts} for b in tl.buckets]}


@router.get("/network", tags=["aggregates"])
def network(request: Request, kind: Annotated[str, Query(pattern="^(meet|sign|both)$")] = "both", since: Day = None,
            until: Day = None) -> dict[str, Any]:
    """Who met (CAMEO 04) or signed (057) with whom: parties and pairs, weighted by events."""
    net = cached_network(request, kind, since, until)
    return {"kind": net.kind, "nodes": net.nodes, "edges": net.edges, "pairs": net.pairs}


@router.get("/stats", tags=["aggregates"])
def stats(request: Request) -> dict[str, Any]:
    """Rows in each table of the store."""
    with _pool(request).store() as store:
        return request.app.state.cache.get(store, "counts", (), store.counts)


def cached_timeline(request: Request, since: str | None, until: str | None) -> aggregates.Timeline:
    since, until = _checked_day(since, "since"), _checked_day(until, "until")
    with _pool(request).store() as store:
        return request.app.state.cache.get(store, "timeline", (since, until),
                                           lambda: aggregates.timeline(store.conn, since, until))


def cached_network(request: Request, kind: str, since: str | None, until: str | None) -> aggregates.Network:
    since, until = _checked_day(since, "since"), _checked_day(until, "until")
    with _pool(request).store() as store:
        return request.app.state.cache.get(store, "network", (kind, since, until),
                                           lambda: aggregates.network(store.conn, kind, since, until))


def _checked_day(value: str | None, what: str) -> str | None:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{what} wants a date as YYYY-MM-DD, not {value!r}") from None


@router.post("/ingest", tags=["ingest"], status_code=201)
def ingest(request: Request, body: IngestIn, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Extract and store up to 100 articles (needs the server's token: ``Authorization: Bearer TOKEN``).

    A text already stored adds its source only; an article that fails to extract is reported and the rest
    are stored; all of it is one transaction.
    """
    from hadath.pipeline import extract_document

    token = request.app.state.settings.token
    if token is None:
        raise HTTPException(403, "writing is off: start the server with --token (or HADATH_TOKEN) to allow POST /ingest")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "POST /ingest needs the server's token: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    batch = Batch()
    seen: set[str] = set()
    with _pool(request).store() as store:
        for k, article in enumerate(body.documents):
            doc = article.document(f"http:ingest:{k}")
            digest = content_hash(doc.text)
            src = SourceInfo(doc.id, doc.source or "", doc.outlet, doc.url, doc.date)
            if digest in seen or store.known_hash(digest):
                batch.duplicates.append((digest, src))
                continue
            seen.add(digest)
            try:
                batch.documents.append((extract_document(doc), digest, src))
            except Exception as exc:   # one bad document never stops the batch
                batch.failures.append({"source": doc.source, "id": doc.id, "error": "extract_failed",
                                       "message": f"{type(exc).__name__}: {exc}"})
        result = store.write_batch(batch)
    return {"added": result.added, "duplicates": result.duplicates, "events": result.events, "failures": batch.failures}
