"""RSS and Atom files with full article text: read as documents, ingested into the store."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from html import escape
from pathlib import Path

from hadath.ingest.document import Document, InputFailure
from hadath.ingest.sources import read_sources

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(text: str) -> tuple[str, str]:
    """An article's first line as a title, the rest as HTML paragraphs, as a feed would carry it."""
    lines = [line for line in text.splitlines() if line.strip()]
    title = next(line for line in lines if "وزير" in line)
    return title, "".join(f"<p>{escape(line)}</p>" for line in lines[lines.index(title) + 1:])


def write_rss(path: Path, seed_000: str) -> None:
    title, body = paragraphs(seed_000)
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Xinhua Arabic</title><link>http://news.example/</link><description>أخبار</description>
<item><title>{escape(title)}</title><link>http://news.example/2024/12/02/a1</link><guid>urn:xinhua:a1</guid>
<pubDate>Mon, 02 Dec 2024 10:20:00 +0000</pubDate><content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>عنوان بلا نص</title><guid>urn:xinhua:a2</guid></item>
</channel></rss>""", encoding="utf-8")


def write_atom(path: Path, seed_002: str) -> None:
    title, body = paragraphs(seed_002.split("بيان الخصوصية")[0])
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Xinhua Arabic</title><id>urn:feed</id><updated>2024-12-03T08:00:00Z</updated>
<entry><title>{escape(title)}</title><id>urn:xinhua:b1</id><link href="http://news.example/b1"/>
<published>2024-12-03T08:00:00Z</published><updated>2024-12-03T08:00:00Z</updated>
<content type="html">{escape(body)}</content></entry></feed>""", encoding="utf-8")


def test_rss_and_atom_entries_are_documents(tmp_path: Path, seed_000: str, seed_002: str):
    write_rss(tmp_path / "news.rss", seed_000)
    write_atom(tmp_path / "news.xml", seed_002)
    items = list(read_sources([tmp_path / "news.rss", tmp_path / "news.xml"]))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, InputFailure)]
    assert [d.id for d in docs] == ["urn:xinhua:a1", "urn:xinhua:b1"]
    assert [d.date for d in docs] == ["2024-12-02T10:20", "2024-12-03T08:00"]
    assert {d.outlet for d in docs} == {"Xinhua Arabic"} and docs[0].url.endswith("/a1")
    assert docs[0].text.startswith("وزير الخارجية الصيني") and "تشنغدو" in docs[0].text and "<p>" not in docs[0].text
    assert [(f.id, f.code) for f in fails] == [("urn:xinhua:a2", "empty")]


def test_broken_feed_is_a_failure_not_a_crash(tmp_path: Path):
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x", encoding="utf-8")
    (item,) = list(read_sources([tmp_path / "broken.rss"]))
    assert isinstance(item, InputFailure) and item.code == "malformed_feed"


def test_ingest_a_feed_folder(tmp_path: Path, seed_000: str, seed_002: str):
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    write_rss(feeds / "news.rss", seed_000)
    write_atom(feeds / "more.atom", seed_002)
    db = tmp_path / "f.db"
    p = subprocess.run([sys.executable, "-m", "hadath", "ingest", "--db", str(db), str(feeds)], capture_output=True,
                       env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert p.returncode == 1   # the entry without text is reported
    assert [json.loads(line)["id"] for line in p.stderr.decode().splitlines() if line.startswith("{")] == ["urn:xinhua:a2"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT doc_id, outlet, published FROM documents ORDER BY doc_id").fetchall()[0][0] == "urn:xinhua:a1"
    meetings = conn.execute("SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id "
                            "WHERE d.doc_id = 'urn:xinhua:a1' AND e.code = '043'").fetchone()[0]
    assert meetings >= 3   # Wang Yi met three counterparts
