"""/report in Chromium: the charts are drawn, the filters work, hostile labels stay text, and
it reads at phone and desktop widths (screenshots in tests/web/screenshots/)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from tests.web.conftest import HOSTILE_OUTLET
from tests.web.test_web_browser import CHROMIUM, Watched, browser  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)
WIDTHS = {"phone": (390, 844), "desktop": (1200, 900)}


@pytest.fixture(params=sorted(WIDTHS))
def sized(request: pytest.FixtureRequest, browser: Browser, server: str  # noqa: F811
          ) -> Iterator[tuple[str, Watched]]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(base_url=server, viewport={"width": width, "height": height})
    yield request.param, Watched(context.new_page(), server)
    context.close()


def test_report_charts_filters_and_hostile_labels(sized: tuple[str, Watched]) -> None:
    name, page = sized
    p = page.page
    p.goto("/report")
    api = p.request.get("/api/report?by=outlet").json()
    # one stacked bar per outlet in the quote and people charts, one per person in the tops
    expect(p.locator("svg.stack").first.locator("rect.seg.female")).not_to_have_count(0)
    bars = p.locator("svg.stack").first.locator("text.label")
    expect(bars).to_have_count(len(api["groups"]))
    expect(p.locator("svg.people.female text.label")).to_have_count(len(api["top_women"]))
    expect(p.locator("svg.people.male text.label")).to_have_count(len(api["top_men"]))
    expect(p.locator("svg.people.female")).to_contain_text("Lena Ortiz")
    # the hostile outlet is a label, shown as its characters
    expect(p.locator("svg.stack").first).to_contain_text(HOSTILE_OUTLET)
    expect(p.locator("svg.stack b")).to_have_count(0)
    # the charts fit the page: nothing wider than the viewport
    overflow = p.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    page.shot(f"report-{name}")
    # filters: per month from May 2023 only
    p.select_option("select[name=by]", "month")
    p.fill("input[name=since]", "2023-05")
    p.click("button:has-text('Show')")
    expect(p).to_have_url("/report?by=month&since=2023-05&until=&outlet=")
    months = p.request.get("/api/report?by=month&since=2023-05").json()["groups"]
    expect(p.locator("svg.stack").first.locator("text.label")).to_have_count(len(months))
    expect(p.locator("table.report tbody")).to_contain_text("2023-05")
    expect(p.locator("table.report tbody")).not_to_contain_text("2023-01")
    page.shot(f"report-{name}-month")
    page.assert_clean()
