"""The event store on real SQLite files: records in and back out, duplicates, events across articles, queries, exports."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import hadath
from hadath.ingest.sources import read_sources
from hadath.pipeline import extract_document
from hadath.record import Record
from hadath.store import QueryError, Store, StoreError
from hadath.store.export import GDELT_COLUMNS, write_gdelt, write_jsonl, write_parquet, write_plover
from hadath.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"

# A second outlet's report of the meeting the first seed article reports (Wang Yi and Saidov in Chengdu).
SECOND_REPORT = """وانغ يي يبحث مع وزير الخارجية الأوزبكي تعزيز الشراكة

بكين، 2 ديسمبر 2024 — التقى وزير الخارجية الصيني وانغ يي يوم الأحد في مدينة تشنغدو وزير الخارجية الأوزبكي بختيار سعيدوف، وبحث الجانبان سبل تعزيز التعاون بين البلدين في مجالات الطاقة والنقل والتجارة.
"""


def run_cli(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    env_path = str(ROOT / "src")
    return subprocess.run([sys.executable, "-m", "hadath", *args], capture_output=True, cwd=cwd, timeout=300,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def input_jsonl(tmp_path_factory, seed_000: str, seed_002: str) -> Path:
    """Seeds and a dozen dev articles as contract input, the form both `extract` and `ingest` read."""
    lines = [{"id": "seed-000", "text": seed_000, "date": "2024-12-02", "outlet": "Xinhua"},
             {"id": "seed-002", "text": seed_002, "date": "2024-12-02"}]
    for p in sorted(DEV.glob("*.txt"))[:12]:
        lines.append({"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2018-06-01"})
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(input_jsonl: Path) -> list[Record]:
    return [extract_document(d) for d in read_sources([input_jsonl])]


@pytest.fixture()
def store(tmp_path: Path, records: list[Record]) -> Store:
    s = Store(tmp_path / "hadath.db")
    s.add_records(records)
    yield s
    s.close()


def test_file_is_plain_sqlite_with_plain_tables(store: Store, records: list[Record]):
    conn = sqlite3.connect(store.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')")}
    assert {"documents", "document_sources", "entities", "mentions", "actors", "events", "event_clusters", "quotes",
            "relations", "ingest_runs", "documents_fts", "event_passages"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # every event's passage is recoverable from the document text by its span
    passages = [p for (p,) in conn.execute("SELECT passage FROM event_passages WHERE doc_id = 'seed-000' ORDER BY event_id")]
    seed = records[0]
    assert passages == [seed.text[e["span"][0]:e["span"][1]] for e in seed.events] and len(passages) > 3


@pytest.mark.skipif(not shutil.which("sqlite3"), reason="no sqlite3 shell here")
def test_the_sqlite3_shell_reads_the_file(store: Store):
    out = subprocess.run(["sqlite3", "-readonly", str(store.path), "SELECT count(*) FROM event_passages; "
                          "SELECT name FROM actors ORDER BY documents DESC LIMIT 1;"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    count, top = out.stdout.splitlines()[:2]
    assert int(count) == store.counts()["events"] and top == store.actors(limit=1)[0].name


def test_records_come_back_exactly(store: Store, records: list[Record]):
    for n, rec in enumerate(records, 1):
        assert store.record(n).as_dict() == rec.as_dict()


def test_export_jsonl_equals_extract_output(tmp_path: Path, input_jsonl: Path):
    extracted = run_cli(["extract", "-q", str(input_jsonl)])
    assert extracted.returncode == 0, extracted.stderr
    db = tmp_path / "x.db"
    ing = run_cli(["ingest", "-q", "--db", str(db), "--batch-size", "5", str(input_jsonl)])
    assert ing.returncode == 0, ing.stderr
    exported = run_cli(["export", "jsonl", "-q", "--db", str(db)])
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == extracted.stdout
    assert exported.stdout.count(b"\n") == 14


def test_same_text_twice_is_one_document_with_two_sources(tmp_path: Path, records: list[Record]):
    with Store(tmp_path / "d.db") as s:
        first = s.add_records(records[:3])
        copy = replace(records[0], id="copy-of-seed", input={**records[0].input, "source": "elsewhere.jsonl:7",
                                                              "outlet": "Other Outlet"})
        again = s.add_records([records[0], copy])   # the very same source adds nothing, another source a row
        counts = s.counts()
    assert (first.added, again.added, again.duplicates) == (3, 0, 2)
    assert counts["documents"] == 3 and counts["document_sources"] == 4
    conn = sqlite3.connect(tmp_path / "d.db")
    assert conn.execute("SELECT doc_id, outlet FROM document_sources WHERE document_id = 1 ORDER BY id").fetchall() == [
        ("seed-000", "Xinhua"), ("copy-of-seed", "Other Outlet")]
    # the new outlet counts for the events of that text
    assert conn.execute("SELECT max(outlets) FROM event_clusters c JOIN events e ON e.cluster_id = c.id "
                        "WHERE e.document_id = 1").fetchone()[0] == 2


def test_two_outlets_reporting_one_meeting_are_one_event(tmp_path: Path, records: list[Record]):
    seed = records[0]
    other = hadath.extract(SECOND_REPORT, date="2024-12-02", id="cgtn-1", outlet="CGTN Arabic")
    later = hadath.extract(SECOND_REPORT.replace("2 ديسمبر", "20 ديسمبر"), date="2024-12-20", id="cgtn-2", outlet="CGTN Arabic")
    with Store(tmp_path / "c.db") as s:
        s.add_records([seed])
        s.add_records([other, later])
        clusters = s.clusters(pair="UZB,CHN", root="04")
        meeting = [c for c in clusters if c.first_day <= "2024-12-02"]
        assert len(meeting) == 1, clusters
        assert (meeting[0].articles, meeting[0].outlets) == (2, 2)
        assert meeting[0].mentions == 1 + sum(e["root"] == "04" for e in other.events)
        assert [c.first_day for c in clusters if c.first_day >= "2024-12-19"] == ["2024-12-20"]   # beyond the window
        rows = s.events(pair="CHN,UZB", root="04")
        assert {r.doc_id for r in rows if r.cluster_id == meeting[0].id} == {"seed-000", "cgtn-1"}
        assert all(r.cluster_articles == 2 for r in rows if r.cluster_id == meeting[0].id)


def _event_record(doc_id: str, day: str, outlet: str) -> Record:
    text = f"نص {doc_id}"
    event = {"code": "043", "root": "04", "name": "Host a visit", "source": {"actor": "CHNGOV", "entity": None, "name": None},
             "target": {"actor": "KAZ", "entity": None, "name": None}, "directed": False, "date": day, "location": None,
             "span": [0, len(text)], "cue": "نص", "confidence": 0.9, "modality": "asserted", "goldstein": 2.8,
             "quad_class": 1, "plover": {"event": "CONSULT", "mode": "visit"}}
    return Record(id=doc_id, text=text, outlet=outlet, published=day, events=[event],
                  input={"source": f"test:{doc_id}", "outlet": outlet})


def test_reports_join_the_nearest_anchor_within_the_window(tmp_path: Path):
    with Store(tmp_path / "m.db", window_days=3) as s:
        s.add_records([_event_record("a", "2024-03-01", "A"), _event_record("b", "2024-03-03", "B")])
        (first,) = s.clusters()
        assert (first.first_day, first.last_day, first.articles, first.outlets) == ("2024-03-01", "2024-03-03", 2, 2)
        s.add_records([_event_record("c", "2024-03-05", "C")])    # 4 days after the first report: another event
        s.add_records([_event_record("d", "2024-03-04", "A")])    # 3 days from the first, 1 from the second: the second
        by_day = {c.first_day: c for c in s.clusters()}
        assert set(by_day) == {"2024-03-01", "2024-03-04"}
        assert (by_day["2024-03-01"].mentions, by_day["2024-03-04"].mentions, by_day["2024-03-04"].outlets) == (2, 2, 2)
        # a pair reported every day for three weeks is several events, not one that chains on and on
        s.add_records([_event_record(f"daily-{k}", f"2024-04-{k:02d}", "A") for k in range(1, 22)])
        april = [c for c in s.clusters(since="2024-04-01") if c.first_day >= "2024-04-01"]
        assert sorted((c.first_day[-2:], c.last_day[-2:], c.mentions) for c in april) == [
            ("01", "04", 4), ("05", "08", 4), ("09", "12", 4), ("13", "16", 4), ("17", "20", 4), ("21", "21", 1)]
    with pytest.raises(StoreError, match="cluster_window_days"):
        Store(tmp_path / "m.db", window_days=5)


def test_event_queries(store: Store):
    chn = store.events(actor="CHN", limit=0)
    assert chn and all("CHN" in (r.source_actor[:3], r.target_actor[:3]) for r in chn)
    assert [r.day for r in chn] == sorted((r.day for r in chn), reverse=True)
    gov = store.events(actor="CHNGOV", limit=0)
    assert gov and {r.id for r in gov} < {r.id for r in chn}
    assert all("CHNGOV" in (r.source_actor, r.target_actor) for r in gov)
    assert {r.code for r in store.events(code="043", limit=0)} == {"043"}
    assert {r.code[:2] for r in store.events(root="05", limit=0)} == {"05"}
    pair = store.events(pair="UZB,CHN", limit=0)
    assert pair and all({r.source_actor[:3], r.target_actor[:3]} == {"CHN", "UZB"} for r in pair)
    assert {r.id for r in store.events(actor="CHN", pair="CHN,UZB", limit=0)} == {r.id for r in pair}
    assert {r.outlet for r in store.events(outlet="Xinhua", limit=0)} == {"Xinhua"}
    dated = store.events(since="2024-01-01", until="2024-12-01", limit=0)
    assert dated and all("2024-01-01" <= r.day <= "2024-12-01" for r in dated)
    assert len(store.events(limit=3)) == 3


def test_text_query_folds_alef_hamza_ta_marbuta_and_harakat(store: Store):
    plain = {r.doc_id for r in store.events(text="وزير الخارجية", limit=0)}
    assert "seed-000" in plain
    assert {r.doc_id for r in store.events(text="وَزِير الخارجيه", limit=0)} == plain   # harakat, ه for ة
    assert {r.doc_id for r in store.events(text="اوزبكستان", limit=0)} >= {"seed-000"}   # ا for أ
    assert store.events(text="كلمةلاتوجدفيأيمقال") == []
    # a common word is served by a day-ordered scan instead of the document index: the same rows either way
    import hadath.store.query as query

    cases = [dict(text="الرئيس"), dict(text="الصين", root="04"), dict(text="الولايات المتحدة", actor="USA"),
             dict(text="وزير", since="2018-01-01")]
    rare = [[r.id for r in store.events(limit=0, **c)] for c in cases]
    query.RARE_TEXT, saved = 0, query.RARE_TEXT
    try:
        common = [[r.id for r in store.events(limit=0, **c)] for c in cases]
    finally:
        query.RARE_TEXT = saved
    assert common == rare and all(rare)
    with pytest.raises(QueryError, match="bad text query"):
        store.events(text='"وزير')
    with pytest.raises(QueryError):
        store.events(text="AND OR")
    with pytest.raises(QueryError, match="bad text query"):
        store.events(text="*")   # FTS5's "unknown special query"
    with pytest.raises(QueryError, match="pair"):
        store.events(pair="CHN")
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        store.events(since="last week")


def test_actors_quotes_relations(store: Store, records: list[Record]):
    people = store.actors(type="PERSON", name="wang")
    wang = [e for r in records for e in r.entities if (e["type"], e["name"]) == ("PERSON", "Wang Yi")]
    assert people and people[0].name == "Wang Yi" and people[0].events > 0
    assert people[0].documents == len(wang) and people[0].mentions == sum(len(e["mentions"]) for e in wang)
    top = store.actors(limit=5)
    assert [a.documents for a in top] == sorted((a.documents for a in top), reverse=True)
    quotes = store.quotes(speaker="wang yi", limit=0)
    expected = sum(q.get("speaker_name") == "Wang Yi" for r in records for q in r.quotes)
    assert len(quotes) == expected > 0 and all(q.speaker_name == "Wang Yi" for q in quotes)
    assert all(q.text for q in quotes)
    history = store.relations(pair="UZB,CHN")
    assert history and all({h.a, h.b} == {"CHN", "UZB"} for h in history)
    assert [h.day for h in history] == sorted(h.day for h in history)
    assert "strategic" in history[0].designation


def test_exports_read_back_by_their_readers(tmp_path: Path, store: Store):
    pq = pytest.importorskip("pyarrow.parquet")
    n_events = store.counts()["events"]
    n = write_parquet(store.conn, tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert n == table.num_rows == n_events
    assert set(table.column("code").to_pylist()) == {r[0] for r in store.conn.execute("SELECT code FROM events")}

    with (tmp_path / "g.tsv").open("w", encoding="utf-8", newline="") as fh:
        n = write_gdelt(store.conn, fh)
    with (tmp_path / "g.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert n == len(rows) == store.counts()["event_clusters"]
    assert list(rows[0]) == list(GDELT_COLUMNS)
    assert all(len(r["SQLDATE"]) == 8 and r["EventRootCode"] == r["EventCode"][:2] for r in rows if r["SQLDATE"])
    assert sum(int(r["NumMentions"]) for r in rows) == n_events

    with (tmp_path / "p.jsonl").open("w", encoding="utf-8") as fh:
        n = write_plover(store.conn, fh)
    plover = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n == len(plover) == store.conn.execute("SELECT count(*) FROM events WHERE plover_event IS NOT NULL").fetchone()[0]
    assert all(p["event"] and p["event_text"] and p["text_info"]["end"] > p["text_info"]["start"] for p in plover)
    assert not any(p["cameo_code"][:2] in ("01", "02") for p in plover)

    with (tmp_path / "r.jsonl").open("w", encoding="utf-8") as fh:
        assert write_jsonl(store.conn, fh) == store.counts()["documents"]


def test_dataframes(store: Store):
    pd = pytest.importorskip("pandas")
    frame = store.events_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == store.counts()["events"]
    chn = store.events_frame(actor="CHN")
    assert len(chn) == len(store.events(actor="CHN", limit=0))
    pl = pytest.importorskip("polars")
    assert isinstance(store.events_frame("polars"), pl.DataFrame)


def test_query_and_export_commands(tmp_path: Path, store: Store):
    db = str(store.path)
    p = run_cli(["query", "events", "--db", db, "--actor", "CHN", "--root", "04", "--format", "json"])
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert rows and all(r["code"].startswith("04") for r in rows)
    p = run_cli(["query", "quotes", "--db", db, "--speaker", "Wang Yi", "--format", "csv"])
    assert list(csv.DictReader(p.stdout.decode().splitlines()))[0]["speaker_name"] == "Wang Yi"
    p = run_cli(["query", "relations", "--db", db, "--pair", "CHN,UZB", "--format", "table"])
    assert p.returncode == 0 and b"strategic" in p.stdout
    p = run_cli(["query", "events", "--db", db, "--text", '"broken'])
    assert p.returncode == 2 and b"bad text query" in p.stderr and b"Traceback" not in p.stderr
    p = run_cli(["query", "actors", "--db", str(tmp_path / "missing.db")])
    assert p.returncode == 2 and b"no store at" in p.stderr and not (tmp_path / "missing.db").exists()
    out = tmp_path / "e.parquet"
    p = run_cli(["export", "parquet", "--db", db, "-o", str(out)])
    assert p.returncode == 0 and out.stat().st_size > 0


def test_bad_input_is_recorded_and_the_batch_goes_on(tmp_path: Path, seed_000: str):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "ok", "text": seed_000}, ensure_ascii=False) + "\n" + '{"id": "broken", "text": "نص\n'
                   + json.dumps({"id": "empty", "text": "  "}) + "\n", encoding="utf-8")
    db = tmp_path / "b.db"
    p = run_cli(["ingest", "--db", str(db), str(src)])
    assert p.returncode == 1
    errors = [json.loads(line) for line in p.stderr.decode().splitlines() if line.startswith("{")]
    assert {e["error"] for e in errors} == {"malformed_record", "empty"}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert {r[0] for r in conn.execute("SELECT error FROM ingest_failures")} == {"malformed_record", "empty"}


def test_newer_schema_and_foreign_files_are_refused(tmp_path: Path):
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(Exception, match="upgrade hadath"):
        Store(newer)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(Exception, match="not a hadath store"):
        Store(foreign)
