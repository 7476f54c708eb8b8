"""The bounds every request is held to: how much it may send and how much one page may return."""

from __future__ import annotations

DEFAULT_MAX_BODY = 2 * 2**20      # bytes of a request body: a few long articles
MAX_PAGE = 200                    # rows per page at most
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000               # deeper than this, narrow the filters (each page walks its index to its offset)
MAX_TEXT = 200_000                # characters of one article sent to /extract or /ingest
MAX_INGEST_DOCS = 100             # documents in one /ingest request
MAX_FILTER = 200                  # characters of one filter value
