"""A real store built from the bundled seed articles and one hostile article, served by a real uvicorn on a free
loopback port: the API and dashboard tests talk to it over HTTP."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from serving import SCRIPT_ARTICLE, TOKEN, LiveServer, build_store

from hadath.cli import sample_paths
from hadath.serve.app import create_app
from hadath.store import Store


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The two seed articles and the article with markup in it, ingested by the store's own ingest."""
    folder = tmp_path_factory.mktemp("seedstore")
    return build_store(folder / "seeds.db", [*sample_paths(), SCRIPT_ARTICLE])


@pytest.fixture(scope="session")
def server(seed_db) -> Iterator[LiveServer]:
    """The read-only server (no token: writing is off)."""
    with LiveServer(create_app(seed_db)) as live:
        yield live


@pytest.fixture()
def writable_server(seed_db, tmp_path) -> Iterator[LiveServer]:
    """A server with a token over a copy of the seed store, so that writes stay in this test."""
    db = tmp_path / "copy.db"
    with Store(seed_db, create=False) as store, closing(sqlite3.connect(db)) as copy:
        store.conn.backup(copy)
    with LiveServer(create_app(db, token=TOKEN)) as live:
        yield live
