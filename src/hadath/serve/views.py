"""The dashboard: server-rendered HTML pages (Jinja2, autoescape on) over the same queries as the API.

Pages: the timeline of events by CAMEO root, the network of who met or signed with whom, the events table
with the store's filters, an article with every entity, event and quote highlighted and glossed in English
beside its line, and a pair's designation history. Charts are SVG drawn on the server (``charts``), so the
pages carry no script at all; the content security policy forbids any.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from hadath.store.query import EventFilter, QueryError

from . import aggregates
from .api import Day, Filter, Limit, Offset, cached_network, cached_timeline
from .charts import network_chart, timeline_chart
from .highlight import article_lines
from .labels import code_label, root_label
from .limits import DEFAULT_PAGE

router = APIRouter(prefix="/ui", include_in_schema=False)

EVENT_FILTERS = ("actor", "pair", "code", "root", "since", "until", "outlet", "text")


@cache
def templates() -> Environment:
    env = Environment(loader=PackageLoader("hadath.serve", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(code_label=code_label, root_label=root_label)
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    with request.app.state.pool.store() as store:
        counts = request.app.state.cache.get(store, "header", (), lambda: header_counts(store.conn))
    html = templates().get_template(name).render(page=name.removesuffix(".html"), counts=counts, **context)
    return HTMLResponse(html, status_code=status)


def header_counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events")}


def _url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


@router.get("/", response_class=HTMLResponse)
@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, since: Day = None, until: Day = None) -> HTMLResponse:
    try:
        tl = cached_timeline(request, since, until)
    except QueryError as exc:
        return render(request, "error.html", 400, message=str(exc))
    with request.app.state.pool.store() as store:
        top = request.app.state.cache.get(store, "top", (since, until),
                                          lambda: aggregates.top_clusters(store.conn, since, until))
    return render(request, "timeline.html", timeline=tl, chart=timeline_chart(tl), top=top, since=since or "",
                  until=until or "")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, kind: Annotated[str, Query(pattern="^(meet|sign|both)$")] = "both", since: Day = None,
                 until: Day = None) -> HTMLResponse:
    try:
        net = cached_network(request, kind, since, until)
    except QueryError as exc:
        return render(request, "error.html", 400, message=str(exc))
    return render(request, "network.html", net=net, chart=network_chart(net), kind=kind, since=since or "",
                  until=until or "")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, actor: Filter = None, pair: Filter = None, code: Filter = None, root: Filter = None,
                since: Day = None, until: Day = None, outlet: Filter = None, text: Filter = None, offset: Offset = 0,
                limit: Limit = DEFAULT_PAGE) -> HTMLResponse:
    values = {"actor": actor, "pair": pair, "code": code, "root": root, "since": since, "until": until, "outlet": outlet,
              "text": text}
    f = EventFilter(**{k: (v or None) for k, v in values.items()})
    error, rows, more = None, [], False
    try:
        with request.app.state.pool.store() as store:
            rows, more = aggregates.events_page(store.conn, f, offset, limit)
    except QueryError as exc:
        error = str(exc)
    params = {**values, "limit": limit if limit != DEFAULT_PAGE else None}
    prev_url = _url("/ui/events", {**params, "offset": max(0, offset - limit) or None}) if offset else None
    next_url = _url("/ui/events", {**params, "offset": offset + limit}) if more else None
    return render(request, "events.html", 400 if error else 200, rows=rows, error=error,
                  values={k: v or "" for k, v in values.items()}, offset=offset, prev_url=prev_url, next_url=next_url)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document_page(request: Request, ref: Annotated[str, PathParam(max_length=200)],
                  by: Annotated[str, Query(pattern="^(key|record)$")] = "key") -> HTMLResponse:
    with request.app.state.pool.store() as store:
        key = aggregates.document_key(store.conn, ref, by_record=by == "record")
        if key is None:
            return render(request, "error.html", 404, message=f"no document {ref!r}")
        record = store.record(key)
        sources = aggregates.document_sources(store.conn, key)
    return render(request, "article.html", record=record, key=key, lines=article_lines(record), sources=sources)


@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request, pair: Filter = None) -> HTMLResponse:
    error, history, names = None, [], {}
    with request.app.state.pool.store() as store:
        pairs = request.app.state.cache.get(store, "relation_pairs", (), lambda: aggregates.relation_pairs(store.conn))
        if pair:
            try:
                history = store.relations(pair=pair, limit=500)
                names = aggregates.party_names(store.conn, {p for r in history for p in (r.a, r.b) if p})
            except QueryError as exc:
                error = str(exc)
    return render(request, "relations.html", 400 if error else 200, pairs=pairs, pair=pair or "", history=history,
                  names=names, error=error)
