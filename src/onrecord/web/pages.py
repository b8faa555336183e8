"""Server-rendered pages: search, speakers, one quote in its article, analyse pasted text."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException

from onrecord.errors import OnrecordError
from onrecord.store.browse import get_article, speaker_quotes
from onrecord.store.dates import check_day
from onrecord.store.highlight import matched_spans
from onrecord.store.search import CSV_HEADER, csv_row, get_quote, get_speaker, list_speakers
from onrecord.types import KINDS, SPEAKER_TYPES
from onrecord.web.deps import extractions, find_quotes, readers
from onrecord.web.render import Mark, month_chart, pieces, safe_url, window
from onrecord.web.schemas import MAX_OFFSET, MAX_QUERY, MAX_TEXT

PAGE = 20  # quotes per page
MAX_DOWNLOAD = 5_000  # quotes in one CSV or JSON download
FILTERS = ("q", "speaker", "since", "until", "outlet", "kind", "source_type")

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)
templates.env.filters["link"] = safe_url
templates.env.globals["KINDS"] = KINDS
templates.env.globals["SOURCE_TYPES"] = SPEAKER_TYPES


def read_filters(params: Mapping[str, str]) -> tuple[dict[str, Any], int, list[str]]:
    """The search filters and page number of a query string, and what was wrong with them."""
    problems = []
    f: dict[str, Any] = {}
    for name in FILTERS:
        value = (params.get(name) or "").strip()
        if len(value) > MAX_QUERY:
            problems.append(f"{name} is longer than {MAX_QUERY} characters")
            value = ""
        f[name] = value or None
    for name in ("since", "until"):
        try:
            check_day(f[name])
        except ValueError as e:
            problems.append(f"{name}: {e}")
            f[name] = None
    if f["kind"] and f["kind"] not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
        f["kind"] = None
    if f["source_type"] and f["source_type"] not in SPEAKER_TYPES:
        problems.append(f"source type must be one of {', '.join(SPEAKER_TYPES)}")
        f["source_type"] = None
    page = params.get("page") or "1"
    last = MAX_OFFSET // PAGE + 1
    if not page.isdigit() or not 1 <= int(page) <= last:
        problems.append(f"page must be a number from 1 to {last}")
        page = "1"
    return f, int(page), problems


def query_string(f: Mapping[str, Any], **extra: Any) -> str:
    """The filters that are set (plus `extra`) as a URL query string."""
    return urlencode({**{k: v for k, v in f.items() if v}, **extra})


def with_hits(results: list[dict[str, Any]], q: str | None) -> list[dict[str, Any]]:
    """Results with `pieces` of their text, the words the search matched marked."""
    spans = matched_spans(q or "", [r["text"] for r in results])
    return [
        {**r, "pieces": pieces(r["text"], [Mark(s, e, "hit") for s, e in found])}
        for r, found in zip(results, spans, strict=True)
    ]


def pager(total: int, page: int, url: str, f: Mapping[str, Any]) -> dict[str, Any]:
    """Numbers and links for "previous / page N of M / next"."""
    pages = max(1, min(math.ceil(total / PAGE), MAX_OFFSET // PAGE + 1))
    return {
        "page": page,
        "pages": pages,
        "first": (page - 1) * PAGE + 1,
        "last": min(total, page * PAGE),
        "prev": f"{url}?{query_string(f, page=page - 1)}" if page > 1 else None,
        "next": f"{url}?{query_string(f, page=page + 1)}" if page < pages else None,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """The search box and the most quoted speakers."""
    with readers(request).connection() as conn:
        top = list_speakers(conn, limit=12)
    f = dict.fromkeys(FILTERS)
    context = {"f": f, "top": top, "found": None, "problems": []}
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> Response:
    """Quotes matching the filters, matched words marked, paged, downloadable."""
    f, page, problems = read_filters(request.query_params)
    context: dict[str, Any] = {"f": f, "top": None, "found": None, "problems": problems}
    if not problems:
        with readers(request).connection() as conn:
            found = find_quotes(conn, **f, limit=PAGE, offset=(page - 1) * PAGE)
        context["found"] = {
            "total": found["total"],
            "results": with_hits(found["results"], f["q"]),
            "pager": pager(found["total"], page, "/search", f),
            "download": query_string(f),
        }
    return templates.TemplateResponse(
        request, "search.html", context, status_code=400 if problems else 200
    )


def download_rows(request: Request) -> tuple[dict[str, Any], str]:
    """The whole result set (up to MAX_DOWNLOAD) for a download, and a file name."""
    f, _, problems = read_filters(request.query_params)
    if problems:
        raise HTTPException(400, "; ".join(problems))
    with readers(request).connection() as conn:
        found = find_quotes(conn, **f, limit=MAX_DOWNLOAD, offset=0)
    return found, "onrecord-quotes"


@router.get("/search.csv")
def search_csv(request: Request) -> Response:
    """The result set as CSV, the columns of `onrecord search --format csv` plus outlets."""
    found, name = download_rows(request)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_HEADER)
    w.writerows(csv_row(r) for r in found["results"])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/search.json")
def search_json(request: Request) -> Response:
    """The result set as JSON, as /api/quotes gives it."""
    found, name = download_rows(request)
    return Response(
        json.dumps(found, ensure_ascii=False),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request) -> Response:
    """Speakers by number of quotes, or those a name matches."""
    q = (request.query_params.get("q") or "").strip()[:MAX_QUERY]
    with readers(request).connection() as conn:
        found = list_speakers(conn, q or None, limit=100)
    return templates.TemplateResponse(request, "speakers.html", {"q": q, "speakers": found})


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker_id: int) -> Response:
    """One speaker: aliases, descriptor history, quotes per month, their quotes."""
    _, page, problems = read_filters(request.query_params)
    with readers(request).connection() as conn:
        s = get_speaker(conn, speaker_id)
        if s is None:
            raise HTTPException(404, f"There is no speaker {speaker_id}.")
        if problems:
            raise HTTPException(400, "; ".join(problems))
        quotes = speaker_quotes(conn, speaker_id, limit=PAGE, offset=(page - 1) * PAGE)
    context = {
        "s": s,
        "chart": month_chart(s["quotes_per_month"]),
        "quotes": with_hits(quotes["results"], None),
        "total": quotes["total"],
        "pager": pager(quotes["total"], page, f"/speakers/{speaker_id}", {}),
    }
    return templates.TemplateResponse(request, "speaker.html", context)


def article_marks(occurrence: Mapping[str, Any], group: int = 0) -> list[Mark]:
    """Content, cue and speaker-mention marks of one stored occurrence."""
    marks = [Mark(s, e, "content", group) for s, e in occurrence["content"]]
    if occurrence.get("cue"):
        marks.append(Mark(*occurrence["cue"], "cue", group))
    if occurrence.get("source"):
        marks.append(Mark(*occurrence["source"], "source", group))
    return marks


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
def quote_page(request: Request, quote_id: int, at: int = 0) -> Response:
    """A quote in its article, content, cue and speaker mention marked; every occurrence."""
    with readers(request).connection() as conn:
        q = get_quote(conn, quote_id)
        occ = q["occurrences"][at] if q and 0 <= at < len(q["occurrences"]) else None
        article = get_article(conn, occ["article_id"]) if occ else None
    if q is None:
        raise HTTPException(404, f"There is no quote {quote_id}.")
    for o in q["occurrences"]:
        if isinstance(o["content"], str):
            o["content"] = json.loads(o["content"])
    if not 0 <= at < max(1, len(q["occurrences"])):
        raise HTTPException(404, f"Quote {quote_id} has no occurrence {at}.")
    context: dict[str, Any] = {"q": q, "at": at, "article": None}
    if occ is not None and article is not None:
        text = article["text"]
        lo, hi = window(len(text), occ["start"], occ["end"])
        context["article"] = {
            **article,
            "pieces": pieces(text, article_marks(occ), lo, hi),
            "cut_before": lo > 0,
            "cut_after": hi < len(text),
        }
    return templates.TemplateResponse(request, "quote.html", context)


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request) -> Response:
    """A box to paste an article into."""
    return templates.TemplateResponse(
        request, "analyse.html", {"text": "", "date": "", "result": None, "problems": []}
    )


@router.post("/analyse", response_class=HTMLResponse)
async def analyse_page(request: Request) -> Response:
    """The pasted article with every attribution marked, and the list of who said what."""
    body = (await request.body()).decode("utf-8", errors="replace")
    form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
    text = form.get("text", "").replace("\r\n", "\n")
    date = form.get("date", "").strip() or None
    problems = []
    if not text.strip():
        problems.append("Paste the text of an article first.")
    if len(text) > MAX_TEXT:
        problems.append(f"The text is longer than {MAX_TEXT:,} characters; paste less of it.")
    if date and not (len(date) == 10 and is_day(date)):
        problems.append("The date must be YYYY-MM-DD.")
        date = None
    context: dict[str, Any] = {"text": text, "date": date or "", "result": None}
    if not problems:
        result = await extractions(request).run(text, date)
        marks = [m for i, a in enumerate(result["quotes"]) for m in article_marks(a, i)]
        context["result"] = {**result, "pieces": pieces(text, marks)}
    context["problems"] = problems
    return templates.TemplateResponse(
        request, "analyse.html", context, status_code=400 if problems else 200
    )


def is_day(value: str) -> bool:
    """True when `value` is a real date."""
    try:
        check_day(value)
    except ValueError:
        return False
    return True


def install_error_pages(app: FastAPI) -> None:
    """Errors on pages are pages; errors under /api stay JSON. An OnrecordError raised by the
    library (a missing model: 503) gets its status and its message from errors.py."""

    def is_api(request: Request) -> bool:
        return request.url.path.startswith(("/api/", "/openapi", "/docs"))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if is_api(request):
            return await http_exception_handler(request, exc)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code,
            headers=exc.headers,  # Retry-After on a 503
        )

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if is_api(request):
            return await request_validation_exception_handler(request, exc)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": 404, "message": "There is no such page."},
            status_code=404,
        )

    async def library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, OnrecordError)
        return await http_error(request, HTTPException(exc.http_status, str(exc)))

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(OnrecordError, library_error)
