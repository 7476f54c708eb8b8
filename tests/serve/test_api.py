"""The JSON API over real HTTP on loopback, against a real SQLite store made from the seed articles."""

from __future__ import annotations

import httpx
import pytest
from serving import SCRIPT_ARTICLE, TOKEN

from hadath.cli import sample_paths
from hadath.serve.limits import DEFAULT_MAX_BODY, MAX_OFFSET, MAX_PAGE, MAX_TEXT
from hadath.store import Store

SEED_000 = "000_2df1704be3d1a27b"


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def store(seed_db):
    with Store(seed_db, create=False) as s:
        yield s


def test_openapi_schema_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/extract", "/events", "/events/{event_id}", "/actors", "/documents/{ref}", "/relations", "/quotes",
                  "/ingest", "/timeline", "/network"):
        assert route in paths, route
    assert not any(p.startswith("/ui") for p in paths)     # the dashboard is not part of the API


def test_extract_gives_the_record_and_stores_nothing(client, seed_000):
    before = client.get("/stats").json()["documents"]
    r = client.post("/extract", json={"text": seed_000, "id": "x1", "date": "2024-12-02"})
    assert r.status_code == 200
    rec = r.json()
    assert rec["id"] == "x1" and "text" not in rec
    assert {"Wang Yi", "Kazakhstan"} <= {e["name"] for e in rec["entities"]}
    meetings = [e for e in rec["events"] if e["code"] == "043"]
    assert {e["target"]["actor"] for e in meetings} == {"KAZ", "TJK", "UZB"}
    assert all(e["location"] == "Chengdu" for e in meetings)
    start, end = meetings[0]["span"]
    assert seed_000[start:end].strip()
    assert client.get("/stats").json()["documents"] == before


def test_events_filters_are_the_stores(client, store):
    r = client.get("/events", params={"pair": "CHN,KAZ", "root": "04"}).json()
    want = [e.id for e in store.events(pair="CHN,KAZ", root="04")]
    assert [e["id"] for e in r["items"]] == want and want
    assert all(e["root"] == "04" for e in r["items"])
    assert [e["location"] for e in r["items"] if e["doc_id"] == SEED_000] == ["Chengdu"]
    by_text = client.get("/events", params={"text": "تشنغدو"}).json()["items"]
    assert {e["doc_id"] for e in by_text} == {SEED_000}


def test_events_pages_walk_the_whole_list_in_order(client, store):
    everything = [e.id for e in store.events(limit=0)]
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/events", params={"limit": 6, "offset": offset}).json()
        assert len(page["items"]) <= 6
        seen += [e["id"] for e in page["items"]]
        offset = page["next_offset"]
    assert seen == everything and len(everything) > 12


@pytest.mark.parametrize("params", [{"limit": MAX_PAGE + 1}, {"limit": 0}, {"offset": MAX_OFFSET + 1}, {"offset": -1},
                                    {"limit": "many"}])
def test_page_bounds_are_enforced(client, params):
    for route in ("/events", "/actors", "/quotes", "/relations", "/clusters"):
        assert client.get(route, params=params).status_code == 422, (route, params)


def test_the_largest_page_is_served(client):
    r = client.get("/events", params={"limit": MAX_PAGE})
    assert r.status_code == 200 and r.json()["limit"] == MAX_PAGE


def test_one_event_with_its_reports_and_the_spans_of_its_parties(client, store):
    event = next(e for e in store.events(pair="CHN,KAZ", code="043") if e.doc_id == SEED_000)
    r = client.get(f"/events/{event.id}").json()
    text = client.get(f"/documents/{r['document']}").json()["text"]
    start, end = r["event"]["span"]
    assert r["passage"] == text[start:end] and r["doc_id"] == SEED_000
    assert r["event"]["code"] == "043" and r["event"]["location"] == "Chengdu"
    target = r["target"]
    assert target["actor"] == "KAZ" and target["mentions"]
    for m in target["mentions"]:
        assert text[m["span"][0]:m["span"][1]] == m["text"]
    assert event.id in [m["event"] for m in r["mentions"]]
    assert client.get("/events/999999").status_code == 404


def test_document_by_number_and_by_record_id(client, seed_000):
    by_id = client.get(f"/documents/{SEED_000}").json()
    assert by_id["text"] == seed_000 and by_id["id"] == SEED_000
    by_key = client.get(f"/documents/{by_id['document']}").json()
    assert by_key == by_id
    assert by_id["sources"][0]["source"].endswith(f"{SEED_000}.txt")
    assert client.get("/documents/no-such-doc").status_code == 404


def test_actors_quotes_relations(client):
    actors = client.get("/actors", params={"name": "wang"}).json()["items"]
    assert [a["name"] for a in actors] == ["Wang Yi"]
    quotes = client.get("/quotes", params={"speaker": "wang"}).json()["items"]
    assert quotes and all(q["speaker_name"] == "Wang Yi" for q in quotes)
    rel = client.get("/relations", params={"pair": "KAZ,CHN"}).json()["items"]
    assert "permanent comprehensive strategic partnership" in {r["designation"] for r in rel}
    paged = client.get("/actors", params={"limit": 3, "offset": 3}).json()
    assert len(paged["items"]) == 3 and paged["next_offset"] == 6


def test_timeline_and_network_are_counted_on_the_server(client):
    tl = client.get("/timeline").json()
    day = next(b for b in tl["buckets"] if b["label"] == "2024-12-01")
    assert tl["unit"] == "day" and day["counts"]["04"] == 3      # the three Chengdu meetings
    assert tl["undated"] > 0                                      # seed 002 has no date
    net = client.get("/network", params={"kind": "meet", "since": "2024-12-01", "until": "2024-12-01"}).json()
    assert {(e["a"], e["b"]) for e in net["edges"]} == {("CHN", "KAZ"), ("CHN", "TJK"), ("CHN", "UZB")}
    assert {n["name"] for n in net["nodes"]} == {"China", "Kazakhstan", "Tajikistan", "Uzbekistan"}
    assert client.get("/network", params={"kind": "fight"}).status_code == 422


@pytest.mark.parametrize("text", ['"unterminated', "AND", "foo(", "NEAR(", "*", 'a" OR "b'])
def test_a_bad_full_text_query_is_400(client, text):
    r = client.get("/events", params={"text": text})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert "text query" in r.json()["detail"]


def test_malformed_text_date_and_pair_are_400_not_500(client):
    assert client.get("/events", params={"text": '"open'}).status_code == 400
    assert client.get("/events", params={"since": "2024-13-45"}).status_code == 400
    assert client.get("/events", params={"pair": "CHN"}).status_code == 400
    assert client.get("/timeline", params={"until": "yesterday"}).status_code == 400


@pytest.mark.parametrize("field,value", [("actor", "CHN' OR '1'='1"), ("pair", "CHN,' OR 1=1 --"), ("code", "1 OR 1=1"),
                                         ("outlet", "x'; DROP TABLE events; --"), ("root", "04) OR (1=1"),
                                         ("text", "x') OR 1=1 --")])
def test_sql_in_a_filter_is_only_a_value(client, store, field, value):
    before = store.counts()["events"]
    r = client.get("/events", params={field: value})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["items"] == []
    assert client.get("/actors", params={"name": "' OR 1=1 --"}).json()["items"] == []
    assert store.counts()["events"] == before


def test_an_oversized_body_is_413_and_a_too_long_text_422(client):
    r = client.post("/extract", content=b'{"text": "' + b"a" * (DEFAULT_MAX_BODY + 10) + b'"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 413

    def chunks():
        yield b'{"text": "'
        for _ in range(DEFAULT_MAX_BODY // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    r = client.post("/extract", content=chunks(), headers={"content-type": "application/json"})   # no Content-Length
    assert r.status_code == 413
    assert client.post("/extract", json={"text": "ا" * (MAX_TEXT + 1)}).status_code == 422
    assert client.post("/extract", json={"text": ""}).status_code == 422


def test_ingest_is_off_without_a_token(client):
    r = client.post("/ingest", json={"documents": [{"text": SCRIPT_ARTICLE.read_text(encoding="utf-8")}]},
                    headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "writing is off" in r.json()["detail"]


def test_ingest_needs_the_token_and_then_stores(writable_server):
    new_text = sample_paths()[0].read_text(encoding="utf-8").replace("2024", "2025")
    body = {"documents": [{"id": "new-1", "text": new_text, "date": "2025-12-02", "outlet": "Xinhua"}]}
    with httpx.Client(base_url=writable_server.url, timeout=120) as c:
        before = c.get("/timeline").json()
        assert c.post("/ingest", json=body).status_code == 401
        wrong = c.post("/ingest", json=body, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        ok = c.post("/ingest", json=body, headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201, ok.text
        assert ok.json()["added"] == 1 and ok.json()["events"] > 0 and ok.json()["failures"] == []
        again = c.post("/ingest", json=body, headers={"authorization": f"Bearer {TOKEN}"}).json()
        assert again["added"] == 0 and again["duplicates"] == 1
        assert c.get("/documents/new-1").json()["text"] == new_text
        after = c.get("/timeline").json()          # the cached aggregate follows the write
        assert after["total"] > before["total"]
        assert any(b["label"].startswith("2025") for b in after["buckets"])


def test_every_response_carries_the_security_headers(client):
    r = client.get("/ui/timeline")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_article_markup_is_escaped_in_every_page(client):
    raw = SCRIPT_ARTICLE.read_text(encoding="utf-8")
    doc = client.get("/documents/script_article").json()
    assert doc["text"] == raw
    for path in (f"/ui/documents/{doc['document']}", "/ui/events?text=" + "بكين", "/ui/timeline", "/ui/relations"):
        html = client.get(path).text
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, path
    html = client.get(f"/ui/documents/{doc['document']}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html
