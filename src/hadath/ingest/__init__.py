"""Ingest: bytes and files in, ``Document`` objects out (decoding, HTML, JSONL)."""
