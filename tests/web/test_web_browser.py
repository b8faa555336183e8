"""Real-browser tests: Playwright drives Debian's Chromium against a uvicorn server on loopback.

Each test saves a screenshot under tests/web/screenshots/ (ignored by git) to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

DATA = Path(__file__).parent / "data"
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google at every start.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page plus everything it tried that a safe, offline page must not."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:")) else self.foreign.append(r.url),
        )

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert self.dialogs == [], "a script ran"
        assert self.foreign == [], "a request left the app"
        assert self.errors == []


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Watched]:
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900})
    watched = Watched(context.new_page(), server)
    yield watched
    context.close()


def test_search_then_open_a_speaker(page: Watched) -> None:
    p = page.page
    p.goto("/")
    expect(p.locator(".top-speakers")).to_contain_text("Ravi Menon")
    p.fill("input[name=q]", "recuse")
    p.press("input[name=q]", "Enter")
    # How many quotes say "recuse" depends on the extractor: the page must agree with the API.
    found = p.request.get("/api/quotes?q=recuse").json()
    total = found["total"]
    expect(p.locator(".count")).to_contain_text(f"{total} {'quote' if total == 1 else 'quotes'}")
    expect(p.locator("ol.results > li")).to_have_count(total)
    expect(p.locator("mark.hit").first).to_have_text("recuse")
    assert set(p.locator("mark.hit").all_inner_texts()) == {"recuse"}
    page.shot("search")
    assert "Ravi Menon" in {r["speaker"]["name"] for r in found["results"]}
    p.locator("a.speaker", has_text="Ravi Menon").first.click()
    expect(p.locator("h1")).to_have_text("Ravi Menon")
    expect(p.locator("svg.chart rect.bar")).to_have_count(5)
    expect(p.locator("table.descriptors")).to_contain_text("Councillor")
    menon = page.page.request.get("/api/speakers?q=Menon").json()[0]
    expect(p.locator("ol.results li")).to_have_count(menon["num_quotes"])
    page.shot("speaker")
    page.assert_clean()


def test_open_a_quote_and_see_it_marked_in_its_article(page: Watched) -> None:
    p = page.page
    p.goto("/search?q=channel")
    p.click("ol.results li:has-text('The channel has silted up') blockquote a")
    content = p.locator(".article mark.content")
    expect(content).to_contain_text("The channel has silted up")
    expect(content).to_be_in_viewport()
    expect(p.locator(".article mark.cue")).to_have_text("said")
    expect(p.locator(".article mark.source")).to_have_text("Ortiz")
    colour = content.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(p.locator("table.occurrences tbody tr")).to_have_count(2)
    page.shot("quote")
    p.click("text=show in article")
    expect(p.locator(".article mark.source")).to_have_text("she")
    expect(p.locator("tr.current")).to_contain_text("Valley Ledger")
    page.assert_clean()


def test_paste_an_article(page: Watched) -> None:
    p = page.page
    text = (DATA / "paste" / "ferry.txt").read_text()
    # Where the speaker mention ends ("Marta Olsen" or "Marta Olsen, who chairs the board") is
    # the extractor's call: the page must mark the span the API returns for the same text.
    said = p.request.post("/api/extract", data={"text": text, "date": "2024-05-06"}).json()
    (olsen_quote,) = [q for q in said["quotes"] if "People on the island" in q["text"]]
    assert olsen_quote["speakers"][0]["name"] == "Marta Olsen"
    source = text[slice(*olsen_quote["source"])]
    assert "Marta Olsen" in source
    p.goto("/analyse")
    p.fill("textarea[name=text]", text)
    p.fill("input[name=date]", "2024-05-06")
    p.click("button:has-text('Analyse')")
    items = p.locator("ol.attributions li")
    expect(items.first).to_be_visible()
    assert items.count() >= 4
    expect(p.locator("ol.attributions")).to_contain_text("Marta Olsen")
    expect(p.locator(".article mark.content").first).to_be_visible()
    olsen = items.filter(has_text="People on the island")
    olsen.click()
    active = p.locator(".article mark.active")
    expect(active.first).to_contain_text("People on the island")
    expect(p.locator(".article mark.source.active")).to_have_text(source)
    page.shot("analyse")
    page.assert_clean()


def test_hostile_article_stays_text_in_the_browser(page: Watched, server: str) -> None:
    p = page.page
    p.goto("/search?q=alert")
    expect(p.locator("ol.results")).to_contain_text("<script>alert('pwned')</script>")
    expect(p.locator("ol.results")).to_contain_text("<img src=x onerror=alert(1)>")
    page.shot("hostile-search")
    p.click("ol.results li:has-text('pwned') blockquote a")
    expect(p.locator(".article")).to_contain_text("'><svg onload=alert(2)>")
    expect(p.locator("table.occurrences")).to_contain_text('<b onmouseover="alert(4)">Gazette</b>')
    assert p.locator("table.occurrences a").count() == 0  # the javascript: URL is no link
    page.shot("hostile-quote")
    p.click("a.speaker")
    expect(p.locator("table.descriptors")).to_contain_text("<script>alert(8)</script>")
    expect(p.locator("table.descriptors")).to_contain_text("x' onmouseover='alert(9)")
    page.shot("hostile-speaker")
    p.goto("/analyse")
    p.fill("textarea[name=text]", (DATA / "store" / "hostile.txt").read_text())
    p.click("button:has-text('Analyse')")
    expect(p.locator(".article")).to_contain_text("<img src=x onerror=alert(1)>")
    for where in ("/search?q=alert", "/analyse"):
        if where != "/analyse":
            p.goto(where)
        assert p.locator("main img, main script, main svg:not(.chart)").count() == 0
    page.assert_clean()


def test_api_docs_work_offline(page: Watched) -> None:
    p = page.page
    p.goto("/docs")
    expect(p.locator(".swagger-ui .info .title")).to_contain_text("onrecord")
    expect(p.locator(".opblock-summary-path").first).to_be_visible()
    expect(p.locator(".swagger-ui")).to_contain_text("/api/quotes")
    page.shot("docs")
    page.assert_clean()
