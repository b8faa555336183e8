"""Server-rendered pages in process: what they show, and that crawled markup stays text."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.store.highlight import matched_spans
from onrecord.web.render import Mark, month_chart, pieces, safe_url

DATA = Path(__file__).parent / "data"
PAGES = ["/", "/search?q=alert", "/search?q=pictures", "/speakers", "/analyse"]
# Markup that must never reach a page unescaped (each carried by the hostile article).
RAW = ["<script>alert", "<img src=x", "<svg onload", '"><b>', "<b onmouseover", "</title><script>",
       "x' onmouseover='", "javascript:alert"]


def page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def quote_id(client: TestClient, q: str, words: str | None = None) -> int:
    """The first quote `q` finds, or the one among them whose text carries `words`."""
    results = client.get("/api/quotes", params={"q": q}).json()["results"]
    return next(r["id"] for r in results if words is None or words in r["text"])


def hostile_pages(client: TestClient) -> list[str]:
    brandt = client.get("/api/speakers", params={"q": "Brandt"}).json()[0]["id"]
    return [
        *PAGES,
        f"/speakers/{brandt}",
        f"/quotes/{quote_id(client, 'pwned')}",
        f"/quotes/{quote_id(client, 'pictures')}",
        "/search?q=%3Cscript%3E",
    ]


def test_crawled_markup_is_escaped_everywhere(client: TestClient) -> None:
    for url in hostile_pages(client):
        html = page(client, url)
        for raw in RAW:
            assert raw not in html, (url, raw)
        # Our own script tag is the only one; no event handler attribute anywhere.
        assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']
        assert not re.search(r"\son[a-z]+=", html.replace("&#39;", "'").split("<main>")[0])
    speaker = page(client, hostile_pages(client)[5])
    assert "&lt;script&gt;alert(8)&lt;/script&gt;" in speaker
    assert "x&#39; onmouseover=&#39;alert(9)" in speaker
    quote = page(client, hostile_pages(client)[6])
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in quote
    assert "&lt;b onmouseover=&#34;alert(4)&#34;&gt;Gazette&lt;/b&gt;" in quote
    # A javascript: URL is shown as text, never as a link.
    assert 'href="javascript' not in quote.lower()


def test_pages_carry_a_strict_content_policy(client: TestClient) -> None:
    for url in ["/", "/search?q=channel", "/analyse"]:
        headers = client.get(url).headers
        assert "script-src 'self';" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_search_marks_matched_words_pages_and_filters(client: TestClient) -> None:
    html = page(client, "/search?q=recuse")
    total = client.get("/api/quotes", params={"q": "recuse"}).json()["total"]
    assert total >= 1 and f"{total} {'quote' if total == 1 else 'quotes'}," in html
    assert html.count('<mark class="hit">recuse</mark>') >= total  # marked in every quote
    # Stemmed like the index: "silt" finds and marks "silted".
    assert '<mark class="hit">silted</mark>' in page(client, "/search?q=silt")
    everything = page(client, "/search?page=1")
    assert "Next →</a>" not in everything or 'rel="next" href="/search?page=2"' in everything
    filtered = page(client, "/search?speaker=Ortiz&kind=direct&since=2023-02")
    assert "I have nothing to hide" in filtered and "Nobody on this council" not in filtered
    assert "Lena Ortiz" in filtered and 'value="Ortiz"' in filtered
    assert "No quotes match." in page(client, "/search?q=zeppelin")


def test_search_paging_walks_every_result(client: TestClient) -> None:
    total = client.get("/api/quotes").json()["total"]
    seen = []
    for n in range(1, 3):
        html = page(client, f"/search?page={n}")
        seen += re.findall(r'<a href="/quotes/(\d+)">', html)
    assert len(seen) == len(set(seen)) == total


def test_bad_filters_are_explained(client: TestClient) -> None:
    html = page(client, "/search?since=2023-13-45&page=0&source_type=x", status=400)
    assert "since: &#39;2023-13-45&#39; is not a date" in html and "page must be a number" in html
    assert "source type must be one of person" in html
    assert "Not found" in page(client, "/speakers/9999", status=404)
    assert "Not found" in page(client, "/quotes/nope", status=404)
    assert "Not found" in page(client, "/no/such/page", status=404)


def test_downloads_are_the_result_set(client: TestClient) -> None:
    response = client.get("/search.csv", params={"speaker": "Menon"})
    assert response.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    api = client.get("/api/quotes", params={"speaker": "Menon", "limit": 100}).json()
    assert [int(r["id"]) for r in rows] == [r["id"] for r in api["results"]]
    assert {r["speaker"] for r in rows} == {"Ravi Menon"}
    assert client.get("/search.json", params={"speaker": "Menon"}).json() == api
    assert client.get("/search.csv", params={"until": "soon"}).status_code == 400


def test_speaker_page_shows_history_and_chart(client: TestClient) -> None:
    menon = client.get("/api/speakers", params={"q": "Menon"}).json()[0]["id"]
    html = page(client, f"/speakers/{menon}")
    assert "<h1>Ravi Menon</h1>" in html and "Councillor" in html
    bars = re.findall(r'<rect class="bar( empty)?"', html)
    assert len(bars) == 5 and bars.count(" empty") == 1  # Jan..May 2023, nothing in March
    assert "2023-03: 0 quotes" in html and ">Feb</text>" in html
    assert "This is exactly what I told the council in January" in html


def test_quote_page_marks_content_cue_and_speaker(client: TestClient) -> None:
    qid = quote_id(client, "channel", "The channel has silted up")
    html = page(client, f"/quotes/{qid}")
    assert '<mark class="content" data-a="0">&#34;The channel has silted up' in html
    assert '<mark class="cue" data-a="0">said</mark>' in html
    assert '<mark class="source" data-a="0">Ortiz</mark>' in html
    assert html.count("<tr") == 3 and 'href="https://news.example.org/harbour_vote"' in html
    second = page(client, f"/quotes/{qid}?at=1")
    assert '<mark class="source" data-a="0">she</mark>' in second
    assert "Not found" in page(client, f"/quotes/{qid}?at=2", status=404)


def test_analyse_page_marks_pasted_text(client: TestClient) -> None:
    assert 'name="text"' in page(client, "/analyse")
    text = (DATA / "paste" / "ferry.txt").read_text()
    response = client.post("/analyse", data={"text": text, "date": "2024-05-06"})
    assert response.status_code == 200
    html = response.text
    assert "Marta Olsen" in html and re.search(r'<mark class="cue" data-a="\d+">said</mark>', html)
    assert re.search(r"<h2>\d+ attributions</h2>", html)
    bad = client.post("/analyse", data={"text": " ", "date": "06/05/2024"})
    assert bad.status_code == 400 and "Paste the text" in bad.text and "YYYY-MM-DD" in bad.text
    hostile = (DATA / "store" / "hostile.txt").read_text()
    html = client.post("/analyse", data={"text": hostile}).text
    for raw in RAW[:3]:
        assert raw not in html
    assert "&lt;svg onload=alert(2)&gt;" in html


# Presentation helpers, without the app.


def test_pieces_cut_at_every_boundary_and_combine_overlaps() -> None:
    text = "abcdefghij"
    out = pieces(text, [Mark(1, 6, "content", 2), Mark(4, 8, "source", 3)])
    assert [(p.text, p.kinds, p.group) for p in out] == [
        ("a", "", None), ("bcd", "content", 2), ("ef", "content source", 2),
        ("gh", "source", 3), ("ij", "", None),
    ]
    assert "".join(p.text for p in pieces(text, [Mark(8, 20, "x")], 5, 9)) == "fghi"


def test_month_chart_fills_empty_months() -> None:
    chart = month_chart([{"month": "2022-11", "quotes": 4}, {"month": "2023-02", "quotes": 2}])
    assert chart is not None
    assert [(b.month, b.quotes) for b in chart.bars] == [
        ("2022-11", 4), ("2022-12", 0), ("2023-01", 0), ("2023-02", 2)
    ]
    assert chart.bars[0].height == 2 * chart.bars[3].height and chart.peak == 4
    assert [y for y, _ in chart.years] == ["2022", "2023"]
    assert month_chart([]) is None


@pytest.mark.parametrize(
    ("url", "safe"),
    [("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
     (" JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil", False), (None, False)],
)
def test_only_web_links_are_links(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) == safe


def test_matched_spans_follow_the_index_tokenizer() -> None:
    texts = ["Recusal is off the table", "She should recuse herself", "no match \x02 here"]
    spans = matched_spans('recuse "the table"', texts)
    assert [[t[s:e] for s, e in sp] for t, sp in zip(texts, spans, strict=True)] == [
        ["Recusal", "the table"], ["recuse"], []
    ]
    assert matched_spans("", texts) == [[], [], []]


def test_unregistered_sources_show_their_words_not_a_speaker_page(client: TestClient) -> None:
    html = page(client, "/search?source_type=group")
    assert 'class="source">Boat owners</span> <span class="tag">(group)' in html
    assert "Boat owners" not in page(client, "/")  # "most quoted" lists the registry only
    assert "Boat owners" not in page(client, "/speakers")
    assert '<span class="type">Person</span>' in page(client, "/speakers/1")
