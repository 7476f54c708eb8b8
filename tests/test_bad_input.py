"""Bad input through every entry point: each bad document gets a clear error code, every good one its record.

One folder holds what the open web sends: an article in Windows-1256, UTF-16 with and without a byte order mark,
UTF-8 mojibake (read as Latin-1 and saved again), a PNG named .txt, random binary, an empty file, a 50 MB article,
a gzip bomb, a truncated .jsonl.gz, a JSONL with broken lines among good ones, HTML with scripts and unclosed tags,
English text, and text strewn with control and bidi characters. It goes through ``read_sources`` +
``extract_document`` in process, ``hadath extract`` and ``hadath ingest`` (subprocesses, a real SQLite store), and
each must give the same verdict per input, with no traceback.
"""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from hadath.ingest.document import Document, InputFailure
from hadath.ingest.sources import MAX_LINE_BYTES, read_sources
from hadath.pipeline import extract_document
from record_checks import span_problems

ROOT = Path(__file__).resolve().parents[1]
BIDI_AND_CONTROL = "\u202e\u200f\u2066\u202c\u2069\u200b\ufeff\u0007\u001b"
BIG_ARTICLE_BYTES = 50 * 1024 * 1024

# What each input must give: "ok" (a record) or the error code of its failure. Keys are record ids / file stems.
EXPECTED = {
    "cp1256": "ok", "utf16_bom": "ok", "utf16_nobom": "ok", "mojibake": "ok", "page": "ok", "english": "ok",
    "bidi": "ok", "good1": "ok", "good2": "ok", "gz_good": "ok",
    "photo": "binary", "noise": "binary", "empty": "empty", "huge": "too_large", "huge_line": "too_large",
    "blank_text": "empty",
}
# JSONL lines that fail without a usable id are named by their line: file stem, line number -> error code.
EXPECTED_LINES = {("broken", 2): "malformed_record", ("broken", 3): "malformed_record", ("broken", 4): "malformed_record",
                  ("broken", 6): "malformed_record", ("bomb", 1): "too_large", ("truncated", 2): "unreadable"}


def png_bytes() -> bytes:
    """A real 1x1 PNG, chunk by chunk with CRCs."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def with_bidi(article: str) -> str:
    """Bidi overrides, zero-width and C0 controls at the start, between paragraphs and inside words."""
    paras = article.split("\n")
    mixed = ("\n" + BIDI_AND_CONTROL).join(paras)
    return "\u202e" + "".join(c + ("\u200f" if i % 11 == 0 else "") for i, c in enumerate(mixed)) + "\u202c"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seed_000, seed_002) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "in"
    folder.mkdir()
    (folder / "cp1256.txt").write_bytes(seed_000.encode("cp1256"))
    (folder / "utf16_bom.txt").write_bytes(seed_002.encode("utf-16"))
    (folder / "utf16_nobom.txt").write_bytes(seed_000.encode("utf-16-le"))
    (folder / "mojibake.txt").write_bytes(seed_002.encode("utf-8").decode("latin-1").encode("utf-8"))
    (folder / "photo.txt").write_bytes(png_bytes())
    (folder.parent / "image.png").write_bytes(png_bytes())    # not a document suffix: read only when named
    (folder / "noise.txt").write_bytes(random.Random(7).randbytes(4096))
    (folder / "empty.txt").write_bytes(b"")
    unit = (seed_000 + "\n\n").encode("utf-8")
    (folder / "huge.txt").write_bytes(unit * (BIG_ARTICLE_BYTES // len(unit) + 1))
    (folder / "english.txt").write_text("Markets were calm on Tuesday.\n\nNo Arabic here, and no events.\n", encoding="utf-8")
    (folder / "bidi.txt").write_text(with_bidi(seed_002), encoding="utf-8")
    (folder / "page.html").write_text(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>عنوان الصفحة</title><script>alert('head')</script>"
        "<style>p{color:red}</style></head><body><nav><a href=/>الرئيسية</a></nav><article><div><p>"
        + seed_000.replace("\n", "<p>") + "<p><b>غير مغلق <i><script>document.write('evil')</script>"
        "<img src=x onerror=alert(1)>\"><svg onload=alert(2)>", encoding="utf-8")
    good1 = json.dumps({"id": "good1", "text": seed_000, "date": "2024-12-01"}, ensure_ascii=False)
    good2 = json.dumps({"id": "good2", "text": seed_002, "outlet": "Xinhua"}, ensure_ascii=False)
    lines = [good1, '{"id": "cut", "text": "نص مقطوع', "not json at all", "[1, 2, 3]", good2,
             json.dumps({"text": "نص بلا معرف"}, ensure_ascii=False), json.dumps({"id": "blank_text", "text": " \n "})]
    (folder / "broken.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    huge_line = json.dumps({"id": "huge_line", "text": (seed_002 + "\n") * (2_000_000 // len(seed_002))}, ensure_ascii=False)
    (folder / "huge_line.jsonl").write_text(huge_line + "\n", encoding="utf-8")
    with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=9) as fh:   # ~100 KB that expands past the line limit
        block = b"a" * (1 << 20)
        fh.write(b'{"id": "bomb", "text": "')
        for _ in range(MAX_LINE_BYTES // len(block) + 2):
            fh.write(block)
        fh.write(b'"}\n')
    assert (folder / "bomb.jsonl.gz").stat().st_size < 1 << 20
    whole = gzip.compress((json.dumps({"id": "gz_good", "text": seed_000}, ensure_ascii=False) + "\n"
                           + json.dumps({"id": "gz_lost", "text": seed_002 * 40}, ensure_ascii=False) + "\n").encode())
    (folder / "truncated.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    return folder


def verdicts(items: list[tuple[str | None, str, str]]) -> dict:
    """(id, source, verdict) triples as the EXPECTED/EXPECTED_LINES keys they answer."""
    out: dict = {}
    for doc_id, source, verdict in items:
        if doc_id in EXPECTED:
            out[doc_id] = verdict
        else:
            stem, _, line = Path(source).name.partition(":")
            out[(stem.split(".")[0], int(line))] = verdict
    return out


def expected() -> dict:
    return {**EXPECTED, **EXPECTED_LINES}


def test_read_and_extract_in_process(inputs: Path, seed_000: str, seed_002: str):
    items, records = [], {}
    for item in read_sources([inputs]):
        if isinstance(item, InputFailure):
            assert item.message, item
            items.append((item.id, item.source, item.code))
            continue
        record = extract_document(item)
        records[item.id] = record
        items.append((item.id, item.source or "", "ok"))
    assert verdicts(items) == expected()
    for doc_id, record in records.items():
        assert span_problems(record.as_dict()) == [], doc_id

    reference = {text: extract_document(Document(id="ref", text=text)) for text in (seed_000, seed_002)}
    for doc_id, original, encoding in (("cp1256", seed_000, "cp1256"), ("utf16_bom", seed_002, "utf-16-le-bom"),
                                       ("utf16_nobom", seed_000, "utf-16-le"), ("mojibake", seed_002, "utf-8"),
                                       ("good1", seed_000, None), ("good2", seed_002, None)):
        rec = records[doc_id]
        assert rec.text == original and rec.input["encoding"] == encoding, doc_id
        assert rec.entities == reference[original].entities and rec.events == reference[original].events, doc_id
    assert "cp1252" in records["mojibake"].input["encoding_note"]

    page = records["page"]
    assert seed_000.splitlines()[2][:40] in page.text
    for active in ("<script", "alert(", "document.write", "onerror", "onload", "<img", "<svg"):
        assert active not in page.text
    assert {e["name"] for e in page.entities} >= {"Wang Yi", "Kazakhstan"}

    assert records["english"].entities == [] and records["english"].events == []
    bidi = records["bidi"]
    assert {e["name"] for e in bidi.entities} >= {e["name"] for e in reference[seed_002].entities if e["type"] == "COUNTRY"}
    assert len(bidi.events) >= len(reference[seed_002].events) // 2 > 0


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hadath", *args], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})


def error_lines(stderr: str) -> list[dict]:
    """The failures a command reported: every stderr line but its summary must be one JSON object."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith("hadath: ")]
    return [json.loads(line) for line in lines]


def test_hadath_extract_reports_each_bad_input_and_writes_the_good(inputs: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    image = inputs.parent / "image.png"
    done = run_cli("extract", str(inputs), str(image), "-o", str(out))
    assert done.returncode == 1
    errors = error_lines(done.stderr)
    assert all(e["level"] == "error" and e["error"] and e["message"] for e in errors)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = verdicts([(r["id"], r["input"]["source"] or "", "ok") for r in records]
                   + [(e["id"], e["source"], e["error"]) for e in errors if e["source"] != str(image)])
    assert got == expected()
    assert [(e["id"], e["error"]) for e in errors if e["source"] == str(image)] == [("image", "binary")]
    n_failed = sum(v != "ok" for v in expected().values()) + 1
    assert f"{sum(v == 'ok' for v in expected().values())} records written, {n_failed} failed" in done.stderr


def test_hadath_ingest_stores_the_good_and_records_each_failure(inputs: Path, tmp_path: Path):
    db = tmp_path / "bad.db"
    done = run_cli("ingest", "--db", str(db), "--batch-size", "4", str(inputs))
    assert done.returncode == 1
    assert len(error_lines(done.stderr)) == sum(v != "ok" for v in expected().values())
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT s.doc_id, s.source FROM documents d JOIN document_sources s ON s.document_id = d.id"
                          ).fetchall()
    failed = conn.execute("SELECT doc_id, source, error FROM ingest_failures").fetchall()
    assert conn.execute("SELECT status FROM ingest_runs").fetchall() == [("finished",)]
    conn.close()
    # Stored once per distinct text: cp1256 and utf16_nobom are seed_000 again, good1 and gz_good too, and so on.
    got = verdicts([(doc_id, source, "ok") for doc_id, source in stored] + failed)
    assert got == expected()

    again = run_cli("ingest", "--db", str(db), str(inputs))   # a finished run over the same input adds nothing
    assert again.returncode == 1 and "0 stored" in again.stderr


def write_cut_warc(folder: Path, seed_000: str, seed_002: str, name: str, keep: float) -> tuple[Path, Path]:
    """The engine tests' small crawl (two articles, then an image, a 404 and an empty page), whole and cut after
    ``keep`` of its bytes."""
    from test_engine import write_warc

    whole, cut = folder / f"whole-{name}", folder / f"cut-{keep}-{name}"
    write_warc(whole, seed_000, seed_002)
    data = whole.read_bytes()
    cut.write_bytes(data[: int(len(data) * keep)])
    return whole, cut


def texts(path: Path) -> list[str]:
    return [i.text for i in read_sources([path]) if not isinstance(i, InputFailure)]


@pytest.fixture(scope="module")
def warc_cut_in_the_headers(tmp_path_factory, seed_000: str, seed_002: str) -> tuple[Path, Path]:
    """Cut inside a record after both articles: warcio's parser breaks there (it raised AttributeError, which
    escaped ``read_warc`` and ended the batch; now it is an ``unreadable`` failure)."""
    return write_cut_warc(tmp_path_factory.mktemp("warc"), seed_000, seed_002, "crawl.warc", 0.9)


def test_a_truncated_warc_gives_its_whole_articles_and_one_clear_failure(warc_cut_in_the_headers):
    whole, cut = warc_cut_in_the_headers
    items = list(read_sources([cut]))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "InputFailure"]
    assert items[-1].code == "unreadable" and "broke off" in items[-1].message
    assert [i.text for i in items[:2]] == texts(whole)
    for doc in items[:2]:
        assert span_problems(extract_document(doc).as_dict()) == []
    done = run_cli("extract", str(cut), str(inputs_missing := cut.with_name("missing.warc")), "-o", "-")
    assert done.returncode == 1 and len(done.stdout.splitlines()) == 2
    assert [(e["error"], e["source"]) for e in error_lines(done.stderr)] == [("unreadable", str(cut)),
                                                                              ("not_found", str(inputs_missing))]


def test_the_spark_engine_reports_a_truncated_warc_as_extract_does(warc_cut_in_the_headers):
    pytest.importorskip("pyspark")
    from hadath.engine.spark import spark_context
    from test_engine import expected, run_engine

    _, cut = warc_cut_in_the_headers
    sc = spark_context(None, workers=1, app_name="hadath bad input")
    try:
        got, failures, _ = run_engine([cut], sc)
    finally:
        sc.stop()
    want, want_failures = expected([cut])
    assert got == want and len(got) == 2
    assert failures == want_failures and [f["error"] for f in failures] == ["unreadable"]


@pytest.mark.xfail(strict=True, reason="ingest/warc.py: a WARC cut inside an article's record gives that article "
                   "shortened, with no failure (warcio stops at the end of the data; the bytes read are not checked "
                   "against the record's Content-Length)")
@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_cut_inside_an_article_reports_it_instead_of_shortening_it(tmp_path: Path, seed_000: str, seed_002: str,
                                                                          name: str):
    whole, cut = write_cut_warc(tmp_path, seed_000, seed_002, name, 0.3)
    got = list(read_sources([cut]))
    assert all(i.text in texts(whole) for i in got if not isinstance(i, InputFailure))
    assert [i.code for i in got if isinstance(i, InputFailure)] == ["unreadable"]
