"""``hadath extract`` end to end: every input form, bad documents reported, batch goes on."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1256"><title>{title}</title></head>
<body><nav><a href="/">الصفحة الرئيسية</a></nav><article><h1>{title}</h1>{paras}</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def run(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hadath", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture()
def batch(tmp_path: Path, seed_000: str, seed_002: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_000, encoding="utf-8")
    (folder / "b.txt").write_bytes(seed_002.split("بيان الخصوصية")[0].encode("cp1256"))
    (folder / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))   # not a document suffix: skipped
    (folder / "d.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))   # binary under a text name
    (folder / "e.txt").write_bytes(b"")
    return folder


def test_folder_batch_reports_bad_files_and_keeps_the_good(batch: Path):
    p = run(["extract", "-q", str(batch)])
    assert p.returncode == 1  # some failed
    recs = records(p.stdout)
    assert [r["id"] for r in recs] == ["a", "b"]
    assert recs[1]["input"]["encoding"] == "cp1256"
    assert recs[1]["title"].startswith("وزير الخارجية الصيني")
    errors = [json.loads(line) for line in p.stderr.decode().splitlines()]
    assert {(e["id"], e["error"]) for e in errors} == {("d", "binary"), ("e", "empty")}


def test_jsonl_with_broken_lines_goes_on(tmp_path: Path, seed_000: str):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "ok1", "text": seed_000, "date": "2024-12-02"}, ensure_ascii=False),
             '{"id": "broken", "text": "نص',
             json.dumps({"id": "notext"}),
             "[1, 2]",
             json.dumps({"id": "ok2", "text": "التقى الوزير نظيره أمس."}, ensure_ascii=False)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = run(["extract", "-q", str(src), "-o", str(out)])
    assert p.returncode == 1
    assert [r["id"] for r in records(out.read_bytes())] == ["ok1", "ok2"]
    errs = [json.loads(line) for line in p.stderr.decode().splitlines()]
    assert [e["source"].rsplit(":", 1)[1] for e in errs] == ["2", "3", "4"]
    assert {e["error"] for e in errs} == {"malformed_record"}


def test_gzipped_jsonl_and_all_good_exit_zero(tmp_path: Path, seed_000: str):
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "x", "text": seed_000}, ensure_ascii=False) + "\n")
    p = run(["extract", "-q", str(src)])
    assert p.returncode == 0, p.stderr
    (rec,) = records(p.stdout)
    assert rec["published"] == "2024-12-02T10:20" and rec["entities"] and rec["events"]


def test_stdin_plain_text_and_jsonl(seed_000: str):
    p = run(["extract", "-q"], stdin=seed_000.encode("utf-16"))
    assert p.returncode == 0, p.stderr
    (rec,) = records(p.stdout)
    assert rec["id"] == "stdin" and rec["input"]["encoding"] == "utf-16-le-bom"
    line = json.dumps({"id": "j", "text": seed_000}, ensure_ascii=False).encode()
    p = run(["extract", "-q", "-"], stdin=b"\n" + line + b"\n")
    assert [r["id"] for r in records(p.stdout)] == ["j"]


def test_saved_html_page_text_is_the_document(tmp_path: Path, seed_000: str):
    paras = [p for p in seed_000.split("\n") if len(p) > 80][:4]
    title = "وزير الخارجية الصيني يلتقي نظرائه من كازاخستان وطاجيكستان وأوزبكستان"
    page = HTML_PAGE.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras))
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1256", errors="replace"))
    p = run(["extract", "-q", "--include-text", str(path)])
    assert p.returncode == 0, p.stderr
    (rec,) = records(p.stdout)
    assert rec["title"] == title
    assert rec["input"]["encoding"] == "windows-1256" or rec["input"]["encoding"] == "cp1256"
    assert "<p>" not in rec["text"] and paras[0][:40] in rec["text"]
    s, e = rec["title_span"]
    assert rec["text"][s:e] == title
    assert rec["dateline"]["date"] == "2024-12-01"


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path):
    p = run(["extract", "-q", str(tmp_path / "nope.jsonl")])
    assert p.returncode == 1
    assert json.loads(p.stderr)["error"] == "not_found"


def test_summary_line_when_not_quiet(batch: Path, tmp_path: Path):
    p = run(["extract", str(batch / "a.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert "1 records written, 0 failed" in p.stderr.decode()
    assert "\r" not in p.stderr.decode()  # no progress bar when stderr is not a terminal


def test_sample_command(tmp_path: Path):
    p = run(["sample", "-o", str(tmp_path / "s.jsonl")])
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "Xinhua" in out and "2 articles" in out
    assert len(records((tmp_path / "s.jsonl").read_bytes())) == 2
