"""The dashboard in a real browser: Debian's chromium driven by Playwright against the live server.

Chromium must be there (``make test`` installs it through apt): without it these tests fail, they do not skip.
``test_screenshots`` writes a PNG of each view at 1366x768 to docs/screenshots/ (or $HADATH_SCREENSHOTS):

    .venv/bin/python -m pytest tests/serve/test_dashboard.py::test_screenshots
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serving import SCRIPT_ARTICLE

from hadath.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
SEED_000 = "000_2df1704be3d1a27b"
SCREENSHOTS = Path(os.environ.get("HADATH_SCREENSHOTS") or Path(__file__).resolve().parents[2] / "docs" / "screenshots")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that may reach the test server only: any other request is recorded and refused."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    pg = context.new_page()
    pg.outside = []
    pg.console_errors = []
    local = urlsplit(server.url).netloc

    def route(r):
        if urlsplit(r.request.url).netloc == local:
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    yield pg
    assert pg.outside == [], f"the page asked for other origins: {pg.outside}"
    context.close()


@pytest.fixture(scope="module")
def wang_yi(seed_db) -> tuple[str, str]:
    """Wang Yi and his name as seed 000 writes it, from the store (the Arabic the page must highlight)."""
    with Store(seed_db, create=False) as store:
        surface = store.conn.execute("SELECT n.surface FROM entities n JOIN documents d ON d.id = n.document_id "
                                     "WHERE d.doc_id = ? AND n.name = 'Wang Yi'", (SEED_000,)).fetchone()[0]
    assert surface
    return "Wang Yi", surface


def test_timeline_shows_the_chengdu_meetings(page, server):
    page.goto(f"{server.url}/ui/timeline")
    bar = page.locator('rect.bar[data-root="04"]').first
    assert bar.get_attribute("data-count") == "3"
    assert "Consult" in bar.locator("title").text_content() and "2024-12-01" in bar.locator("title").text_content()
    rows = page.locator("table.top-events tbody tr", has_text="Chengdu").filter(has_text="Host a visit")
    assert {t.split("–")[1].strip() for t in rows.locator("td:nth-child(3)").all_text_contents()} >= {
        "Kazakhstan", "Tajikistan", "Uzbekistan"}
    page.locator("ul.legend a", has_text="04 Consult").click()      # the legend opens the events of that root
    page.wait_for_url("**/ui/events?root=04")
    assert page.locator("table.events tbody tr", has_text="Chengdu").count() == 3


def test_network_shows_the_chengdu_meetings(page, server):
    page.goto(f"{server.url}/ui/network")
    page.select_option("select[name=kind]", "meet")
    page.fill("input[name=since]", "2024-12-01")
    page.fill("input[name=until]", "2024-12-01")
    page.click("form.inline button")
    page.wait_for_url("**/ui/network?kind=meet*")
    pairs = {e.get_attribute("data-pair"): int(e.get_attribute("data-weight")) for e in page.locator("line.edge").all()}
    assert pairs == {"CHN,KAZ": 1, "CHN,TJK": 1, "CHN,UZB": 1}
    labels = set(page.locator("text.node-label").all_text_contents())
    assert labels == {"China", "Kazakhstan", "Tajikistan", "Uzbekistan"}
    page.locator('tr[data-pair="CHN,KAZ"] a', has_text="events").click()
    page.wait_for_url("**/ui/events?pair=CHN,KAZ")
    assert page.locator("table.events tbody tr", has_text="Chengdu").count() >= 1


def test_seed_000_shows_wang_yi_highlighted_and_glossed(page, server, wang_yi):
    name, surface = wang_yi
    page.goto(f"{server.url}/ui/events")
    page.fill("input[name=pair]", "CHN,KAZ")
    page.fill("input[name=code]", "043")
    page.click("form.filters button")
    row = page.locator("table.events tbody tr", has_text="Chengdu").first
    row.locator("td.passage a").click()
    page.wait_for_url("**/ui/documents/*#ev*")
    assert SEED_000 in page.locator(".article-head .meta").text_content()
    marks = page.locator("mark.ent-PERSON", has_text=surface)
    assert marks.count() >= 1
    first = marks.first
    assert first.is_visible() and first.text_content() == surface
    assert name in first.get_attribute("title")
    line = page.locator(".line", has=first)
    assert line.locator("aside.gloss li.g-ent", has_text=name).is_visible()        # the English beside it
    assert line.locator("p.ar").evaluate("p => getComputedStyle(p).direction") == "rtl"
    text_box, gloss_box = line.locator("p.ar").bounding_box(), line.locator("aside.gloss").bounding_box()
    assert gloss_box["x"] + gloss_box["width"] <= text_box["x"]                     # beside, not over
    assert page.locator("li.g-ev", has_text="Host a visit").count() == 3          # the three meetings of the title
    assert page.locator("span.quote").count() > 0 and page.locator("span.cue").count() > 0


def test_an_article_with_markup_is_rendered_inert(page, server):
    raw = SCRIPT_ARTICLE.read_text(encoding="utf-8")
    page.goto(f"{server.url}/ui/documents/script_article")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.get_by_text("<script>window.__pwned=1</script>").first.is_visible()
    assert page.get_by_text('"><img src=x onerror="window.__pwned=2">').first.is_visible()
    assert page.locator(".article script, .article img, .article-head script").count() == 0
    assert page.locator("h1").text_content() == raw.splitlines()[0].strip()
    page.goto(f"{server.url}/ui/events?text=" + "بكين")     # the title as a tooltip and the passage in the table
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("table.events tbody tr").count() >= 1
    assert page.console_errors == []


VIEWS = {
    "timeline": "/ui/timeline",
    "network": "/ui/network",
    "events": "/ui/events",
    "article": f"/ui/documents/{SEED_000}",
    "relations": "/ui/relations?pair=CHN,UZB",
}


def test_screenshots(page, server):
    """Each view at 1366x768: nothing wider than the window, the article right to left and its glosses beside it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in VIEWS.items():
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"], name
        if name == "article":
            for line in page.locator(".line").all()[:12]:
                text_box, gloss_box = line.locator("p.ar").bounding_box(), line.locator("aside.gloss").bounding_box()
                assert gloss_box["x"] + gloss_box["width"] <= text_box["x"]
                assert line.locator("p.ar").evaluate("p => getComputedStyle(p).direction") == "rtl"
        if name in ("timeline", "network"):
            chart = page.locator("svg.chart").bounding_box()
            assert chart["width"] > 600 and chart["x"] + chart["width"] <= VIEWPORT["width"]
        out = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(out))
        assert out.stat().st_size > 10_000
