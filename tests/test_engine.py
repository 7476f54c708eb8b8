"""The Spark engine in local mode gives, record for record, what ``hadath extract`` gives.

Real inputs (the seeds, the 60 dev articles, a slice of the corpus, a WARC written
here with warcio, a Parquet file written with pyarrow), a real Spark session
(local[2], started once for the module), outputs compared exactly.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hadath.engine.inputs import plan_splits, read_split
from hadath.engine.outputs import read_parquet_records, record_from_row
from hadath.engine.spark import run_job, spark_context
from hadath.ingest.document import Document, InputFailure
from hadath.ingest.sources import read_sources
from hadath.pipeline import extract_document
from hadath.write import record_line

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus/ant-10k.jsonl.gz"
CORPUS_SLICE = 100   # articles: two more splits, quick on two cores


@functools.cache
def _expected_file(path: Path) -> tuple[list[str], list[dict]]:
    lines, failures = [], []
    for item in read_sources([path]):
        if isinstance(item, InputFailure):
            failures.append(item.as_dict())
        else:
            lines.append(record_line(extract_document(item)))
    return lines, failures


def expected(paths: list[Path]) -> tuple[list[str], list[dict]]:
    """What the single-machine path writes: record lines and failure reports, in input order (once per file)."""
    lines, failures = [], []
    for path in paths:
        more_lines, more_failures = _expected_file(path)
        lines += more_lines
        failures += more_failures
    return lines, failures


def run_engine(paths: list[Path], sc, **kw) -> tuple[list[str], list[dict], object]:
    out, failures = io.StringIO(), []
    result = run_job([str(p) for p in paths], out=out, on_failure=failures.append, sc=sc, **kw)
    return out.getvalue().splitlines(), failures, result


@pytest.fixture(scope="module")
def sc():
    context = spark_context(None, workers=2, app_name="hadath tests")
    yield context
    context.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """Seeds (plain JSONL), dev articles (.jsonl.gz), a corpus slice (.jsonl.gz)."""
    if not (SHARED / "eval/score.py").exists() or not CORPUS.exists():
        pytest.skip(f"the shared data (dev articles, corpus) is not beside this checkout: {SHARED}")
    folder = tmp_path_factory.mktemp("engine-in")
    made = []
    for name, gz in (("seeds", False), ("dev", True)):
        proc = subprocess.run([sys.executable, str(SHARED / "eval/score.py"), "make-input", "--gold", str(SHARED / "gold" / name),
                               "--docs", str(SHARED / name)], capture_output=True, check=True)
        path = folder / (f"{name}.jsonl.gz" if gz else f"{name}.jsonl")
        path.write_bytes(gzip.compress(proc.stdout) if gz else proc.stdout)
        made.append(path)
    with gzip.open(CORPUS, "rb") as fh:
        head = b"".join(fh.readline() for _ in range(CORPUS_SLICE))
    made.append(folder / "corpus-slice.jsonl.gz")
    made[-1].write_bytes(gzip.compress(head))
    return made


def test_engine_equals_extract_on_seeds_dev_and_corpus(sc, inputs: list[Path]):
    want, want_failures = expected(inputs)
    assert len(want) == 2 + 60 + CORPUS_SLICE and not want_failures
    got, failures, result = run_engine(inputs, sc)
    assert got == want            # same JSON lines, same order
    assert failures == []
    assert result.splits == 5     # seeds, dev in two line ranges, the corpus slice in two
    # the lexicon loads once per worker process, not per split or document
    assert result.lexicon_loads == len(result.worker_pids) <= 2 < result.splits
    assert result.records == len(want)


def test_plain_jsonl_splits_start_at_their_lines(tmp_path: Path, inputs: list[Path]):
    plain = tmp_path / "slice.jsonl"
    plain.write_bytes(gzip.decompress(inputs[2].read_bytes()))
    splits = plan_splits([plain], target_splits=3)   # 34 lines a split, rounded up to 50
    assert [s.first_line for s in splits] == [1, 51]
    assert splits[0].byte_offset == 0 and splits[1].byte_offset == len(b"".join(plain.read_bytes().splitlines(True)[:50]))
    ids = [d.id for s in splits for d in read_split(s)]
    assert ids == [d.id for d in read_sources([plain])]
    assert [d.source for d in read_split(splits[1])][:1] == [f"{plain}:51"]


def test_bad_documents_are_reported_and_the_job_goes_on(tmp_path: Path, sc, seed_000: str):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "good-1", "text": seed_000}, ensure_ascii=False),
        '{"id": "broken", "text": "no closing',
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"text": "no id"}, ensure_ascii=False),
        json.dumps({"id": "good-2", "text": seed_000, "date": "2023-05-19"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    paths = [src, tmp_path / "missing.jsonl"]
    want, want_failures = expected(paths)
    got, failures, result = run_engine(paths, sc)
    assert got == want and len(got) == 2
    assert failures == want_failures
    assert [f["error"] for f in failures] == ["malformed_record", "empty", "malformed_record", "not_found"]
    assert result.failures == 4


HTML = ("<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
        "<article><h1>{title}</h1>{paras}</article><footer>جميع الحقوق محفوظة</footer></body></html>")


def _page(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    title, paras = lines[0], [ln for ln in lines[1:] if len(ln) > 60][:5]
    return HTML.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras))


def write_warc(path: Path, seed_000: str, seed_002: str) -> None:
    """A small crawl: an info record, requests, two articles (UTF-8, windows-1256), an image, a 404, a bare page."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "hadath tests"}))

        def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=req))
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2023-05-20T08:00:00Z"}))

        response("https://news.example/a", _page(seed_000).encode("utf-8"), "text/html; charset=utf-8")
        cp1256_text = seed_002.split("بيان الخصوصية")[0]
        response("https://news.example/b", _page(cp1256_text).encode("cp1256"), "text/html; charset=windows-1256")
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        response("https://news.example/gone", b"<html><body>not found</body></html>", "text/html", status="404 Not Found")
        response("https://news.example/empty", b"<html><head><title>x</title></head><body></body></html>", "text/html")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_records_are_read_like_saved_pages(tmp_path: Path, seed_000: str, seed_002: str, name: str):
    warc = tmp_path / name
    write_warc(warc, seed_000, seed_002)
    items = list(read_sources([tmp_path]))   # a folder: the WARC is found by its suffix
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert [d.encoding for d in docs] == ["utf-8", "windows-1256"]   # the declared charset, tried and fitting
    assert docs[1].text.startswith(cp1256_title := seed_002.split("\n")[0].strip())
    assert cp1256_title.startswith("وزير الخارجية الصيني")
    assert all(d.date == "2023-05-20T08:00:00Z" and d.title_hint for d in docs)
    assert [f.code for f in failures] == ["bad_input"] and "without article text" in failures[0].message
    # a record's source names its byte offset: reading from there gives that record back
    path, offset = docs[1].source.rsplit("@", 1)
    with open(path, "rb") as fh:
        fh.seek(int(offset))
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_headers.get_header("WARC-Target-URI") == "https://news.example/b"
    assert all(len(d.id) == 36 and d.id.count("-") == 4 for d in docs)   # the WARC-Record-ID's UUID


def test_engine_on_warc_equals_extract(tmp_path: Path, sc, seed_000: str, seed_002: str):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, seed_000, seed_002)
    want, want_failures = expected([warc])
    got, failures, _ = run_engine([warc], sc)
    assert got == want and len(got) == 2
    assert failures == want_failures and len(failures) == 1
    assert json.loads(got[1])["input"]["encoding"] == "windows-1256"


def test_parquet_output_reads_back_as_the_same_records(tmp_path: Path, sc, inputs: list[Path]):
    want, _ = expected(inputs[:2])
    out = tmp_path / "records"
    _, failures, result = run_engine(inputs[:2], sc, fmt="parquet", output=str(out))
    assert failures == [] and result.records == len(want)
    rows = read_parquet_records(out)
    assert [record_from_row(r) for r in rows] == [json.loads(line) for line in want]
    days = {p.name for p in out.iterdir()}
    assert all(d.startswith("date=") for d in days) and len(days) > 10
    for row in rows:   # each row sits in its publication day's folder
        assert row["date"] == (row["published"] or "unknown")[:10] or row["date"] == "unknown"
        assert row["n_events"] == len(json.loads(row["events"]))
    with pytest.raises(FileExistsError):   # never mixed into an earlier run's parts
        run_engine(inputs[:2], sc, fmt="parquet", output=str(out))


def test_parquet_input_gives_the_jsonl_records(tmp_path: Path, sc, inputs: list[Path]):
    objs = [json.loads(line) for line in gzip.decompress(inputs[1].read_bytes()).splitlines()]
    objs[7]["text"] = ""    # one bad row among them
    pq.write_table(pa.Table.from_pylist(objs), tmp_path / "dev.parquet", row_group_size=25)
    want, want_failures = expected([tmp_path / "dev.parquet"])   # hadath extract reads Parquet too
    got, failures, result = run_engine([tmp_path / "dev.parquet"], sc)
    assert got == want and failures == want_failures and result.splits == 3   # one split per row group
    assert [f["source"] for f in failures] == [f"{tmp_path / 'dev.parquet'}:8"]
    # the same records as from the JSONL, but for where each was read
    from_jsonl = [json.loads(w) for w in expected([inputs[1]])[0]]
    del from_jsonl[7]
    got_records = [json.loads(g) for g in got]
    sources = [g["input"].pop("source") for g in got_records]
    assert sources == [f"{tmp_path / 'dev.parquet'}:{n}" for n in range(1, 61) if n != 8]
    for w in from_jsonl:
        w["input"].pop("source")
    assert got_records == from_jsonl


def test_cli_spark_engine_matches_cli_local(tmp_path: Path, inputs: list[Path]):
    """``hadath extract --engine spark`` end to end, a bad line and a missing file included."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": \n', encoding="utf-8")
    args = ["extract", "-q", str(inputs[0]), str(bad), str(inputs[1]), str(tmp_path / "nope.txt")]

    def cli(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hadath", *args, *extra], capture_output=True, timeout=180)

    local, engine = cli(), cli("--engine", "spark", "--workers", "2")
    assert local.returncode == engine.returncode == 1
    assert engine.stdout == local.stdout and len(local.stdout.splitlines()) == 62

    def errors(p):
        return [ln for ln in p.stderr.decode().splitlines() if ln.startswith('{"level": "error"')]

    assert errors(engine) == errors(local) and len(errors(local)) == 2
    # the single-process path writes the same Parquet as the engine
    parquet = cli("--format", "parquet", "-o", str(tmp_path / "pq"))
    assert parquet.returncode == 1
    rows = read_parquet_records(tmp_path / "pq")
    assert [json.dumps(record_from_row(r), ensure_ascii=False, separators=(",", ":")) for r in rows] \
        == local.stdout.decode().splitlines()
