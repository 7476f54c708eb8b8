"""The ``hadath`` command line: ``extract`` (contract JSONL) and ``sample`` (the bundled demo)."""

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
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
