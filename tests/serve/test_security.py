"""What a request or an article must not be able to do to ``hadath serve``: run script in a reader's browser,
change the SQL of a query, read files outside the store, or write without the token.

Over real HTTP on loopback against the conftest's live servers. Raw paths go through ``http.client`` so that no
client library tidies ``..`` away before the server sees it.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
from contextlib import closing
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
import pytest
from serving import TOKEN

SQL_PAYLOADS = ["' OR '1'='1", "x'; DROP TABLE events; --", "1 OR 1=1", "\" OR \"1\"=\"1", "') UNION SELECT * FROM documents --",
                "%' OR 1=1 --", "XX,' OR 1=1 --", "0); DELETE FROM documents; --", "\\'; ATTACH DATABASE '/tmp/x.db' AS x; --"]
# The dashboard's pages and their filters (the JSON API's are read from its OpenAPI schema).
UI_FILTERS = {
    "/ui/events": ("actor", "pair", "code", "root", "outlet", "text", "since", "until"),
    "/ui/relations": ("pair",),
    "/ui/timeline": ("since", "until"),
    "/ui/network": ("since", "until"),
}
TRAVERSALS = ["../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "....//....//etc/passwd", "%252e%252e%252fetc%252fpasswd", "..\\..\\etc\\passwd", "%2Fetc%2Fpasswd",
              "seeds.db", "..%2Fseeds.db", "%00", "1%00.db", "1;SELECT"]
HOSTILE = ("عنوان \"><svg onload=alert(1)> <a href=\"javascript:alert(2)\">رابط</a>\n\n"
           "بكين 3 ديسمبر 2024 (شينخوا) التقى وزير الخارجية الصيني وانغ يي نظيره الكازاخستاني</textarea></title>"
           "<iframe src=//evil></iframe> في بكين '><body onload=alert(3)> اليوم.\n\n"
           "وقال وانغ إن البلدين <style>*{display:none}</style><scr<script>ipt>alert(4)</script> جاران.\n")


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def table_counts(db) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def string_filters(client) -> dict[str, tuple[str, ...]]:
    """Every GET route of the API without path parameters, with each of its string query parameters."""
    out = {}
    for route, ops in client.get("/openapi.json").json()["paths"].items():
        params = ops.get("get", {}).get("parameters", []) if "{" not in route else []
        names = tuple(p["name"] for p in params if p["in"] == "query" and "string" in json.dumps(p["schema"]))
        if names:
            out[route] = names
    return out


def test_sql_in_any_filter_of_any_route_is_only_a_value(client, seed_db):
    before = table_counts(seed_db)
    total = client.get("/events", params={"limit": 200}).json()["items"]
    filters = {**string_filters(client), **UI_FILTERS}
    assert {"/events", "/clusters", "/actors", "/quotes", "/relations", "/timeline", "/network"} <= filters.keys()
    assert "outlet" in filters["/events"] and "speaker" in filters["/quotes"]
    answered = 0
    for route, fields in filters.items():
        for field in fields:
            for payload in SQL_PAYLOADS:
                r = client.get(route, params={field: payload})
                assert r.status_code in (200, 400, 422), (route, field, payload, r.status_code, r.text[:300])
                answered += 1
                assert "Traceback" not in r.text, (route, field, payload)
                if route.startswith("/ui/"):      # a page, or the validation error (JSON) for a malformed value
                    assert "text/html" in r.headers["content-type"] or r.status_code == 422, (route, field, payload)
                elif r.status_code in (400, 422):
                    assert r.json()["detail"], (route, field, payload)
                elif "items" in r.json():
                    # no payload matches a stored value: a filter that became SQL would return rows (or all of them)
                    assert r.json()["items"] == [], (route, field, payload)
    assert answered == sum(len(f) for f in filters.values()) * len(SQL_PAYLOADS)
    assert table_counts(seed_db) == before
    assert client.get("/events", params={"limit": 200}).json()["items"] == total


@pytest.mark.xfail(strict=True, reason="store: /clusters reads an actor value as its first three letters (party()), so "
                   "'CHN\" OR \"1\"=\"1' filters on CHN, while /events takes the whole value and finds nothing; not SQL, "
                   "but a malformed actor code should be refused (400) or match nothing, the same on both routes")
def test_a_malformed_actor_code_is_not_read_as_its_first_letters(client):
    value = 'CHN" OR "1"="1'
    assert client.get("/events", params={"actor": value}).json()["items"] == []
    assert client.get("/clusters", params={"actor": value}).json()["items"] == []


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no dot-segment removal, no re-encoding)."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize("prefix", ["/documents/", "/ui/documents/", "/static/", "/static/../", "/ui/../static/"])
def test_paths_cannot_leave_the_store_or_the_static_folder(server, prefix):
    assert raw_get(server.url, "/static/hadath.css")[0] == 200       # the route serves what it should
    for attempt in TRAVERSALS:
        status, body = raw_get(server.url, prefix + attempt)
        assert status in (400, 404, 422), (prefix + attempt, status)
        assert b"root:" not in body and b"SQLite format" not in body and b"[project]" not in body, prefix + attempt


def test_write_endpoint_refuses_every_wrong_credential(writable_server):
    body = {"documents": [{"id": "intruder", "text": HOSTILE}]}
    db = writable_server.server.config.app.state.settings.db_path
    before = table_counts(db)
    wrong = [{}, {"authorization": ""}, {"authorization": "Bearer"},
             {"authorization": f"Bearer {TOKEN[:-1]}"}, {"authorization": f"Bearer {TOKEN}x"},
             {"authorization": f"Bearer {TOKEN.upper()}"}, {"authorization": f"Basic {TOKEN}"},
             {"x-token": TOKEN}, {"cookie": f"token={TOKEN}"}]
    with httpx.Client(base_url=writable_server.url, timeout=120) as c:
        for headers in wrong:
            r = c.post("/ingest", json=body, headers=headers)
            assert r.status_code == 401, (headers, r.status_code)
        assert c.post(f"/ingest?token={TOKEN}", json=body).status_code == 401
        assert c.get("/ingest").status_code == 405
    assert table_counts(db) == before


class ActiveContent(HTMLParser):
    """Everything in a page that could run: script elements with content, event handler attributes,
    javascript: URLs, frames; the visible text is kept to check that the article did arrive."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "frame", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._in_script = True
            if not dict(attrs).get("src", "").startswith("/static/"):
                self.found.append("<script> not from /static/")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"inline script: {data[:60]}")
        self.text.append(data)


def test_a_hostile_article_ingested_over_http_renders_inert(writable_server):
    with httpx.Client(base_url=writable_server.url, timeout=120) as c:
        added = c.post("/ingest", json={"documents": [{"id": "hostile", "text": HOSTILE, "date": "2024-12-03"}]},
                       headers={"authorization": f"Bearer {TOKEN}"})
        assert added.status_code == 201 and added.json()["added"] == 1, added.text
        key = c.get("/documents/hostile").json()["document"]
        pages = [f"/ui/documents/{key}", "/ui/events?text=بكين", "/ui/timeline", "/ui/relations", "/ui/network"]
        for path in pages:
            r = c.get(path)
            assert r.status_code == 200, path
            parser = ActiveContent()
            parser.feed(r.text)
            assert parser.found == [], (path, parser.found)
        article = ActiveContent()
        article.feed(c.get(f"/ui/documents/{key}").text)
        shown = "".join(article.text)
        assert "<svg onload=alert(1)>" in shown and "javascript:alert(2)" in shown    # shown as text, not dropped
        assert c.get("/documents/hostile").json()["text"] == HOSTILE


def test_the_seed_pages_have_no_active_content_but_the_static_script(client):
    """The checker above is not blind: the dashboard's own pages pass it, and a page with a handler would not."""
    for path in ("/ui/timeline", "/ui/network", "/ui/documents/1"):
        parser = ActiveContent()
        parser.feed(client.get(path).text)
        assert parser.found == [], (path, parser.found)
    caught = ActiveContent()
    caught.feed('<p onclick="x()">a</p><script>alert(1)</script><a href=" JavaScript:alert(1)">b</a>')
    assert len(caught.found) == 4
