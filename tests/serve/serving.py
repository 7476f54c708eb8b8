"""Helpers of the serve tests: a live uvicorn server on a free loopback port, a store built by the store's ingest."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from hadath.store import Store
from hadath.store.ingest import ingest

DATA = Path(__file__).parent / "data"
SCRIPT_ARTICLE = DATA / "script_article.txt"
TOKEN = "test-token-5b1f"


class LiveServer:
    """uvicorn serving an app in a background thread, on a socket bound to 127.0.0.1 port 0 (a free port)."""

    def __init__(self, app):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


def build_store(path: Path, sources: list[Path]) -> Path:
    with Store(path) as store:
        summary = ingest(store, [str(p) for p in sources])
    assert summary.failures == 0 and summary.added == len(sources)
    return path


