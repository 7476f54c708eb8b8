"""The bodies of ``hadath ingest``, ``hadath query`` and ``hadath export`` (the parser is in ``hadath.cli``)."""

from __future__ import annotations

import argparse
import json
import sys

from .store import Store, StoreError

TABLE_COLUMNS = {
    "events": ("day", "code", "name", "source_actor", "target_actor", "location", "outlet", "cluster_articles",
               "cluster_outlets", "doc_id"),
    "clusters": ("id", "first_day", "last_day", "code", "name", "source_actor", "target_actor", "mentions", "articles",
                 "outlets"),
    "actors": ("type", "name", "code", "sector", "documents", "mentions", "events", "first_day", "last_day"),
    "quotes": ("day", "speaker_name", "cue", "outlet", "doc_id", "text"),
    "relations": ("day", "a", "b", "designation", "since", "outlet", "doc_id"),
}


def _error(message: str) -> int:
    print(f"hadath: {message}", file=sys.stderr)
    return 2


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest

    show = (sys.stderr.isatty() or args.progress) and not args.quiet
    try:
        store = Store(args.db, window_days=args.window)
    except StoreError as exc:
        return _error(str(exc))

    def report(failure: dict) -> None:
        print(json.dumps({"level": "error", **failure}, ensure_ascii=False), file=sys.stderr)

    with store:
        summary = ingest(store, args.sources, batch_size=args.batch_size, workers=args.workers, resume=not args.restart,
                         progress=show, on_failure=report)
    if not args.quiet:
        rate = summary.read / summary.seconds if summary.seconds else 0.0
        print(f"hadath: run {summary.run_id}{' (resumed)' if summary.resumed else ''}: {summary.read} read, "
              f"{summary.added} stored, {summary.duplicates} already stored, {summary.failures} failed, "
              f"{summary.events} events, {rate:.1f} articles/s → {args.db}", file=sys.stderr)
    return 1 if summary.failures else 0


def cmd_query(args: argparse.Namespace) -> int:
    from .formats import write_rows
    from .query import QueryError

    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    try:
        with Store(args.db, create=False) as store:
            what = args.what
            if what in ("events", "clusters"):
                filters = dict(actor=args.actor, pair=args.pair, code=args.code, root=args.root, since=args.since,
                               until=args.until, outlet=args.outlet, text=args.text, limit=args.limit)
                rows = store.events(**filters) if what == "events" else store.clusters(**filters)
            elif what == "actors":
                rows = store.actors(name=args.name, type=args.type, country=args.country, limit=args.limit)
            elif what == "quotes":
                rows = store.quotes(speaker=args.speaker, since=args.since, until=args.until, outlet=args.outlet,
                                    limit=args.limit)
            else:
                rows = store.relations(pair=args.pair, since=args.since, until=args.until, limit=args.limit)
    except (StoreError, QueryError) as exc:
        return _error(str(exc))
    write_rows(rows, fmt, sys.stdout, TABLE_COLUMNS[args.what])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from . import export

    try:
        store = Store(args.db, create=False)
    except StoreError as exc:
        return _error(str(exc))
    with store:
        if args.format == "parquet":
            if not args.output or args.output == "-":
                return _error("parquet needs a file: -o PATH")
            n = export.write_parquet(store.conn, args.output)
        else:
            out = open(args.output, "w", encoding="utf-8", newline="") if args.output and args.output != "-" else sys.stdout
            try:
                if args.format == "jsonl":
                    n = export.write_jsonl(store.conn, out, include_text=args.include_text)
                elif args.format == "gdelt":
                    n = export.write_gdelt(store.conn, out, header=not args.no_header)
                else:
                    n = export.write_plover(store.conn, out)
            finally:
                if out is not sys.stdout:
                    out.close()
                else:
                    out.flush()
    if not args.quiet:
        print(f"hadath: {n} {'records' if args.format == 'jsonl' else 'events'} exported", file=sys.stderr)
    return 0
