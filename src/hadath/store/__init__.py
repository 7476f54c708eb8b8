"""The event store: records in one SQLite file, queried and exported (``hadath ingest|query|export``)."""

from __future__ import annotations

from .query import QueryError
from .store import DEFAULT_DB, Store, StoreError

__all__ = ["DEFAULT_DB", "QueryError", "Store", "StoreError"]
