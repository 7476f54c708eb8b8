"""``create_app(db_path, token=None)``: the FastAPI application over one store, its JSON API and its dashboard.

Guards that hold for every route live here: a bounded request body (413 before the body is read when the
length is declared, and while it is read when it is not), security headers with a content security policy
that allows no inline script and no other origin, a store per worker thread (SQLite connections
are per thread), a bound on how many requests use one at once, and a cache of the heavier aggregates keyed on the
store's data version so that a dashboard over a million events answers from memory until a batch lands.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hadath import __version__
from hadath.store import Store

from .aggregates import data_version
from .limits import DEFAULT_MAX_BODY

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


@dataclass(slots=True)
class Settings:
    db_path: Path
    token: str | None
    max_body: int


class StorePool:
    """One store per worker thread (SQLite connections belong to their thread), at most ``size`` in use at once.

    Each store is opened by ``Store`` itself, with its settings; a thread that ends takes its store with it.
    """

    def __init__(self, path: Path, size: int = 4):
        self.path = path
        self._local = threading.local()
        self._slots = threading.BoundedSemaphore(size)

    @contextmanager
    def store(self) -> Iterator[Store]:
        with self._slots:
            store = getattr(self._local, "store", None)
            if store is None:
                store = self._local.store = Store(self.path, create=False)
            try:
                yield store
            finally:
                if store.conn.in_transaction:
                    store.conn.execute("ROLLBACK")


class AggregateCache:
    """Results of the costly aggregates by (name, arguments), valid while the store's data version holds.

    One computation per key at a time: a request that finds one running waits for it instead of starting
    a second (the first dashboard load and the warm-up at start share the work).
    """

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}

    def get(self, store: Store, name: str, args: tuple, compute: Callable[[], Any]) -> Any:
        version = data_version(store.conn)
        key = (name, args)
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                hit = self._items.get(key)
                if hit and hit[0] == version:
                    self._items.move_to_end(key)
                    return hit[1]
            value = compute()
            with self._lock:
                self._items[key] = (version, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._computing.pop(self._items.popitem(last=False)[0], None)
        return value


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body over {limit} bytes")


class BodyLimit:
    """Refuse a body over ``limit`` bytes: by its Content-Length up front, else while it streams in."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _json(send, 413, {"detail": f"request body over {self.limit} bytes"})
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracked)
        except BodyTooLarge:
            if not started:
                await _json(send, 413, {"detail": f"request body over {self.limit} bytes"})


async def _json(send: Send, status: int, body: dict) -> None:
    import json

    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


class SecurityHeaders:
    """Every response: no inline script, nothing from another origin, no sniffing, no framing, no referrer."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db_path: str | Path, token: str | None = None, *, max_body: int = DEFAULT_MAX_BODY,
               connections: int = 4) -> FastAPI:
    """The server over the store at ``db_path`` (which must exist: `hadath ingest` makes it).

    ``token``: when set, ``POST /ingest`` is on and needs ``Authorization: Bearer <token>``; else writing is off.
    """
    from hadath.store import StoreError

    from . import api, views

    path = Path(db_path)
    if not path.exists():
        raise StoreError(f"no store at {path} (run `hadath ingest ... --db {path}` first)")
    Store(path, create=False).close()       # migrate once, here, before any request
    pool = StorePool(path, connections)

    @asynccontextmanager
    async def lifespan(started: FastAPI):
        threading.Thread(target=_warm, args=(started,), name="hadath-warm", daemon=True).start()
        yield

    app = FastAPI(title="hadath", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Structured, sourced events from Arabic news: the records of one hadath store.")
    app.state.settings = Settings(path, token or None, max_body)
    app.state.pool = pool
    app.state.cache = AggregateCache()
    app.include_router(api.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("hadath.serve").joinpath("static"))), name="static")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=303)

    @app.exception_handler(api.QueryError)
    def query_error(_request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _warm(app: FastAPI) -> None:
    """The dashboard's first page (timeline, network over the whole store), computed once at start in the
    background: on a million events each takes a second or two the first time, then comes from the cache."""
    from . import aggregates
    from .views import header_counts

    pool, cache = app.state.pool, app.state.cache
    with pool.store() as store:
        cache.get(store, "header", (), lambda: header_counts(store.conn))
        cache.get(store, "timeline", (None, None), lambda: aggregates.timeline(store.conn))
        cache.get(store, "top", (None, None), lambda: aggregates.top_clusters(store.conn))
        cache.get(store, "network", ("both", None, None), lambda: aggregates.network(store.conn))
