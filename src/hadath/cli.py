"""The ``hadath`` command line: ``extract`` (contract JSONL), ``sample`` (the bundled demo), the store's
``ingest``, ``query`` and ``export`` (their bodies are in ``hadath.store.commands``), and ``serve``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

from hadath import __version__


def _progress(iterable, enabled: bool, desc: str):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, unit="doc", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    if args.engine != "local" or args.format != "jsonl":
        return _extract_scaled(args)
    from hadath.ingest.document import InputFailure
    from hadath.ingest.sources import read_sources
    from hadath.pipeline import extract_document
    from hadath.write import JsonlWriter

    sources = args.sources or ["-"]
    out = open(args.output, "w", encoding="utf-8") if args.output and args.output != "-" else sys.stdout
    writer = JsonlWriter(out, include_text=args.include_text)
    failures = 0
    show = sys.stderr.isatty() and not args.quiet
    try:
        for item in _progress(read_sources(sources), show, "extract"):
            if isinstance(item, InputFailure):
                failures += 1
                print(json.dumps({"level": "error", **item.as_dict()}, ensure_ascii=False), file=sys.stderr)
                continue
            try:
                record = extract_document(item)
            except Exception as exc:  # one bad document never stops the batch
                failures += 1
                print(json.dumps({"level": "error", "id": item.id, "source": item.source, "error": "extract_failed",
                                  "message": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False), file=sys.stderr)
                continue
            writer.write(record)
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    if not args.quiet:
        print(f"hadath: {writer.count} records written, {failures} failed", file=sys.stderr)
    return 1 if failures else 0


def _report_failure(failure: dict) -> None:
    print(json.dumps({"level": "error", **failure}, ensure_ascii=False), file=sys.stderr)


def _extract_scaled(args: argparse.Namespace) -> int:
    """``extract`` on Spark, or to Parquet: same records as the default path, other engine or format."""
    if not args.sources or "-" in args.sources:
        print("hadath: --engine spark and --format parquet read files, not standard input", file=sys.stderr)
        return 2
    if args.format == "parquet" and (not args.output or args.output == "-"):
        print("hadath: --format parquet needs an output folder (-o)", file=sys.stderr)
        return 2
    try:
        if args.engine == "spark":
            from hadath.engine.spark import run_job

            out = open(args.output, "w", encoding="utf-8") if args.format == "jsonl" and args.output and args.output != "-" \
                else sys.stdout
            try:
                result = run_job(args.sources, fmt=args.format, output=args.output, out=out, on_failure=_report_failure,
                                 include_text=args.include_text, workers=args.workers, master=args.master)
            finally:
                if out is not sys.stdout:
                    out.close()
                else:
                    out.flush()
            records, failures = result.records, result.failures
            detail = (f" on {result.parallelism} slot(s), {result.splits} split(s), "
                      f"lexicon loaded {result.lexicon_loads}x in {len(result.worker_pids)} worker process(es)")
        else:
            records, failures = _extract_parquet_locally(args)
            detail = ""
    except (FileExistsError, ValueError, RuntimeError, ImportError) as exc:   # output folder in use; no pyspark, Java, pyarrow
        print(f"hadath: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"hadath: {records} records written, {failures} failed{detail}", file=sys.stderr)
    return 1 if failures else 0


PARQUET_BATCH = 1000   # records per Parquet part written by the single-process path


def _extract_parquet_locally(args: argparse.Namespace) -> tuple[int, int]:
    from hadath.engine.outputs import parquet_row, prepare_output_dir, write_parquet_part
    from hadath.engine.worker import extract_or_report
    from hadath.ingest.sources import read_sources

    prepare_output_dir(args.output)
    records = failures = 0
    rows: list[dict] = []
    batch = 0
    for item in _progress(read_sources(args.sources), sys.stderr.isatty() and not args.quiet, "extract"):
        result = extract_or_report(item)
        if isinstance(result, dict):
            failures += 1
            _report_failure(result)
            continue
        rows.append(parquet_row(result, batch, len(rows), args.include_text))
        if len(rows) >= PARQUET_BATCH:
            records += write_parquet_part(rows, args.output, f"{batch:05d}", args.include_text)
            rows, batch = [], batch + 1
    records += write_parquet_part(rows, args.output, f"{batch:05d}", args.include_text)
    return records, failures


def sample_paths() -> list[Path]:
    folder = resources.files("hadath").joinpath("examples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def cmd_sample(args: argparse.Namespace) -> int:
    """Run the pipeline on the bundled seed articles and print what it found."""
    from hadath.ingest.sources import read_sources
    from hadath.pipeline import extract_document
    from hadath.write import JsonlWriter

    out_path = Path(args.output)
    n = 0
    with out_path.open("w", encoding="utf-8") as fh:
        writer = JsonlWriter(fh)
        for doc in read_sources(sample_paths()):
            rec = extract_document(doc)
            writer.write(rec)
            n += 1
            dl = rec.dateline or {}
            kinds = Counter(b["kind"] for b in rec.boilerplate)
            print(f"── {rec.id}")
            print(f"   title      {rec.title}")
            print(f"   outlet     {rec.outlet or '-'}    published {rec.published or '-'}")
            print(f"   dateline   {dl.get('place') or dl.get('place_ar') or '-'} {dl.get('date') or ''}".rstrip())
            print(f"   body       {len(rec.body)} span(s), {sum(e - s for s, e in rec.body)} chars; "
                  f"boilerplate {dict(kinds) or '-'}")
            resolved = [d for d in rec.dates if d["value"]]
            print(f"   dates      {len(rec.dates)} found, {len(resolved)} resolved: "
                  + ", ".join(f"{d['text']} → {d['value']}" for d in resolved[:4]))
            print(f"   entities {len(rec.entities)}  events {len(rec.events)}  quotes {len(rec.quotes)}  "
                  f"relations {len(rec.relations)}")
            for ev in rec.events[:SHOWN_EVENTS]:
                print(f"     {ev['code']} {ev['name'] or '':<32.32} {ev['source']['actor']:>9} → {ev['target']['actor']:<9} "
                      f"{ev['date'] or '-'} {ev['location'] or ''}".rstrip())
            if len(rec.events) > SHOWN_EVENTS:
                print(f"     … {len(rec.events) - SHOWN_EVENTS} more")
            for r in rec.relations:
                print(f"     {r['a']}–{r['b']}: {r['designation']}" + (f" (since {r['since']})" if r["since"] else ""))
    print(f"\n{n} articles → {out_path}")
    return 0


SHOWN_EVENTS = 6   # events listed per article in the sample summary


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hadath", description="Arabic news in, sourced event records out.")
    p.add_argument("--version", action="version", version=f"hadath {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from JSONL, .txt, HTML, folders or stdin")
    ex.add_argument("sources", nargs="*", help="files or folders; '-' or nothing for stdin")
    ex.add_argument("-o", "--output", help="output JSONL (default: stdout)")
    ex.add_argument("--include-text", action="store_true", help="copy each input text into its record")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary line")
    ex.add_argument("--engine", choices=["local", "spark"], default="local",
                    help="local: this process (default); spark: Apache Spark, local[N] or --master")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Spark local[N] worker slots (default: CPU cores)")
    ex.add_argument("--master", help="Spark master URL of a cluster (spark://host:7077, yarn, k8s://...); default local[N]")
    ex.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                    help="jsonl: contract records in input order; parquet: a folder partitioned by publication day")
    ex.set_defaults(func=cmd_extract)

    sm = sub.add_parser("sample", help="run on the bundled sample articles and print a summary")
    sm.add_argument("-o", "--output", default="sample.out.jsonl", help="where the records go")
    sm.set_defaults(func=cmd_sample)
    add_store_commands(sub)
    add_serve_command(sub)
    return p


def add_serve_command(sub) -> None:
    sv = sub.add_parser("serve", help="the HTTP API and the web dashboard over a store (needs the [serve] extra)")
    sv.add_argument("--db", default="hadath.db", help="the store file (default: hadath.db in the current directory)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--token", default=None,
                    help="allow POST /ingest with `Authorization: Bearer TOKEN` (default: $HADATH_TOKEN; unset: writing is off)")
    sv.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the store until interrupted; the address is printed once the socket is bound."""
    import os

    try:
        import uvicorn

        from hadath.serve.app import create_app
    except ImportError as exc:
        print(f"hadath: serving needs the [serve] extra (pip install 'hadath[serve]'): {exc}", file=sys.stderr)
        return 2
    from hadath.store import StoreError

    token = args.token or os.environ.get("HADATH_TOKEN") or None
    try:
        app = create_app(args.db, token=token)
    except StoreError as exc:
        print(f"hadath: {exc}", file=sys.stderr)
        return 2
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"hadath: serving {args.db} at http://{host}:{args.port}/ (dashboard /ui/, API schema /openapi.json; "
          f"POST /ingest {'needs the token' if token else 'is off'})", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _store_command(name: str):
    def run(args: argparse.Namespace) -> int:
        from hadath.store import commands

        return getattr(commands, name)(args)

    return run


def add_store_commands(sub) -> None:
    """``ingest``, ``query`` and ``export``: every command that uses the store takes ``--db``."""
    db_help = "the store file (default: hadath.db in the current directory)"
    ing = sub.add_parser("ingest", help="extract articles into the store (JSONL, .gz, .txt, HTML, RSS/Atom, folders)")
    ing.add_argument("sources", nargs="+", help="files or folders; '-' for stdin")
    ing.add_argument("--db", default="hadath.db", help=db_help)
    ing.add_argument("--batch-size", type=int, default=200, help="input items per transaction (default 200)")
    ing.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    ing.add_argument("--window", type=int, default=None,
                     help="days within which reports of one event are one event (set when the file is made; default 3)")
    ing.add_argument("--restart", action="store_true", help="ignore the checkpoint of an unfinished run over this input")
    ing.add_argument("--progress", action="store_true", help="progress bar even when stderr is not a terminal")
    ing.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary line")
    ing.set_defaults(func=_store_command("cmd_ingest"))

    qp = sub.add_parser("query", help="events, cross-article events, actors, quotes or relations from the store")
    qsub = qp.add_subparsers(dest="what", required=True)

    def common(p: argparse.ArgumentParser, dates: bool = True) -> None:
        p.add_argument("--db", default="hadath.db", help=db_help)
        p.add_argument("--format", choices=("table", "json", "csv"), help="default: table on a terminal, else json")
        p.add_argument("--limit", type=int, default=50, help="rows at most (0: all; default 50)")
        if dates:
            p.add_argument("--since", help="from this day (YYYY-MM-DD)")
            p.add_argument("--until", help="up to this day (YYYY-MM-DD)")

    for what, helptext in (("events", "events as each article reports them, newest first"),
                           ("clusters", "events across articles, with their mentions, articles and outlets")):
        e = qsub.add_parser(what, help=helptext)
        common(e)
        e.add_argument("--actor", help="a party (CHN) or actor code (CHNGOV), as source or target")
        e.add_argument("--pair", help="two parties, either direction: CHN,KAZ")
        e.add_argument("--code", help="CAMEO event code (043)")
        e.add_argument("--root", help="CAMEO root (04)")
        e.add_argument("--outlet", help="the outlet as stored")
        e.add_argument("--text", help="full-text query over the articles (alef, hamza, ta marbuta, harakat folded)")
    a = qsub.add_parser("actors", help="people, states, bodies and places across the store, most documents first")
    common(a, dates=False)
    a.add_argument("--name", help="part of the canonical name, any case")
    a.add_argument("--type", help="PERSON, COUNTRY, REGION, ORG or LOCATION")
    a.add_argument("--country", help="country code (CHN)")
    q = qsub.add_parser("quotes", help="quotes, newest first")
    common(q)
    q.add_argument("--speaker", help="the start of the speaker's name, any case (Wang Yi)")
    q.add_argument("--outlet", help="the outlet as stored")
    r = qsub.add_parser("relations", help="designated relationships, oldest first: a pair's designation history")
    common(r)
    r.add_argument("--pair", help="two states: CHN,UZB")
    for p in qsub.choices.values():
        p.set_defaults(func=_store_command("cmd_query"))

    xp = sub.add_parser("export", help="the store as contract JSONL, GDELT-style TSV, PLOVER JSON lines or Parquet")
    xp.add_argument("format", choices=("jsonl", "gdelt", "plover", "parquet"))
    xp.add_argument("-o", "--output", help="output file (default: stdout; parquet needs a file)")
    xp.add_argument("--db", default="hadath.db", help=db_help)
    xp.add_argument("--include-text", action="store_true", help="jsonl: copy each text into its record")
    xp.add_argument("--no-header", action="store_true", help="gdelt: no header line (as GDELT's own files)")
    xp.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    xp.set_defaults(func=_store_command("cmd_export"))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:   # `| head`: the reader has gone, nothing is wrong
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
