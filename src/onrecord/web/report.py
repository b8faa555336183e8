"""/report (charts drawn as SVG on the server), its CSV and JSON downloads, and /api/report:
thin layers over store.report."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from onrecord.store.dates import check_day
from onrecord.store.report import GENDERS, GROUPINGS, SOURCE_TYPES, report, to_csv
from onrecord.web.deps import readers
from onrecord.web.pages import templates
from onrecord.web.schemas import MAX_QUERY, Day

router = APIRouter()
MAX_BARS = 60  # groups drawn in a chart; the table and downloads have them all
MAX_TOP = 50
WIDTH = 360  # SVG user units: about a phone's width, so labels keep their size there
ROW = 40  # a label line and its bar
BAR = 16
GENDER_LABELS = {"female": "women", "male": "men", "unknown": "unknown"}
SOURCE_LABELS = {
    "person": "named person", "organisation": "organisation", "group": "unnamed group",
    "anonymous": "anonymous", "outlet": "outlet", "document": "document", "none": "no source",
}


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar: its class, share, count and place."""

    key: str
    label: str
    count: int
    share: float
    x: float
    width: float


@dataclass(frozen=True)
class StackRow:
    label: str
    y: float  # baseline of the label; the bar sits under it
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Stacked:
    """100% stacked bars, one per row, with the count they are shares of."""

    rows: list[StackRow]
    width: int
    height: int
    bar: int
    cut: int  # rows left out (too many to draw)


def short(label: str, most: int = 44) -> str:
    """A chart label that fits a bar's width (SVG text does not wrap); the table has it whole."""
    return label if len(label) <= most else label[: most - 1] + "…"


def stacked(rows: list[tuple[str, dict[str, int]]], order: tuple[str, ...],
            labels: Mapping[str, str]) -> Stacked:
    """Each row's counts as shares of its total, laid out left to right in `order`."""
    out = []
    for i, (label, counts) in enumerate(rows[:MAX_BARS]):
        total = sum(counts.get(k, 0) for k in order)
        x, segs = 0.0, []
        for k in order:
            n = counts.get(k, 0)
            if not n:
                continue
            w = WIDTH * n / total
            segs.append(Segment(k, labels.get(k, k), n, n / total, x, w))
            x += w
        out.append(StackRow(short(label), i * ROW + 14, total, segs))
    return Stacked(out, WIDTH, max(1, len(out)) * ROW + 4, BAR, max(0, len(rows) - MAX_BARS))


@dataclass(frozen=True)
class PersonBar:
    id: int
    name: str
    quotes: int
    y: float
    width: float


def people_bars(people: list[dict[str, Any]]) -> tuple[list[PersonBar], int]:
    """The most quoted, as bars scaled to the first; and the SVG height."""
    peak = max((p["quotes"] for p in people), default=1) or 1
    bars = [
        PersonBar(p["id"], short(p["name"]), p["quotes"], i * ROW + 14,
                  max(2.0, (WIDTH - 50) * p["quotes"] / peak))
        for i, p in enumerate(people)
    ]
    return bars, max(1, len(bars)) * ROW + 4


def group_label(g: Mapping[str, Any], by: list[str]) -> str:
    return " · ".join(str(g.get(c) or ("undated" if c == "month" else "no outlet")) for c in by)


def read_params(params: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The report's filters from a query string, and what was wrong with them."""
    problems = []
    f: dict[str, Any] = {}
    by = (params.get("by") or "outlet").strip()
    if by not in GROUPINGS:
        problems.append(f"by must be one of {', '.join(GROUPINGS)}")
        by = "outlet"
    f["by"] = by
    for name in ("since", "until"):
        value = (params.get(name) or "").strip() or None
        try:
            f[name] = check_day(value)
        except ValueError as e:
            problems.append(f"{name}: {e}")
            f[name] = None
    outlet = (params.get("outlet") or "").strip()
    if len(outlet) > MAX_QUERY:
        problems.append(f"outlet is longer than {MAX_QUERY} characters")
        outlet = ""
    f["outlet"] = outlet or None
    return f, problems


def run_report(request: Request, f: Mapping[str, Any], top: int = 10) -> dict[str, Any]:
    with readers(request).connection() as conn:
        return report(conn, f["by"], f["since"], f["until"], f["outlet"], top)


def query(f: Mapping[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in f.items() if v})


@router.get("/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request) -> Response:
    """Who gets heard: shares by gender per group, source types, the most quoted women and men."""
    f, problems = read_params(request.query_params)
    context: dict[str, Any] = {"f": f, "problems": problems, "r": None, "groupings": GROUPINGS}
    if not problems:
        r = run_report(request, f)
        by = r["by"]
        rows = [(group_label(g, by), g) for g in r["groups"]]
        context.update(
            r=r,
            labels={g: GENDER_LABELS[g] for g in GENDERS},
            source_labels=SOURCE_LABELS,
            rows=[(label, g) for label, g in rows],
            quote_chart=stacked([(lb, g["quotes_by_gender"]) for lb, g in rows], GENDERS,
                                GENDER_LABELS),
            people_chart=stacked([(lb, g["people_by_gender"]) for lb, g in rows], GENDERS,
                                 GENDER_LABELS),
            source_chart=stacked(
                [("All quotes", r["total"]["source_types"])]
                + [(lb, g["source_types"]) for lb, g in rows],
                SOURCE_TYPES, SOURCE_LABELS),
            women=people_bars(r["top_women"]),
            men=people_bars(r["top_men"]),
            download=query(f),
        )
    return templates.TemplateResponse(
        request, "report.html", context, status_code=400 if problems else 200
    )


def _download(request: Request) -> dict[str, Any]:
    f, problems = read_params(request.query_params)
    if problems:
        raise HTTPException(400, "; ".join(problems))
    return run_report(request, f)


@router.get("/report.csv", include_in_schema=False)
def report_csv(request: Request) -> Response:
    """The report's groups and total as CSV (the columns of `onrecord report --format csv`)."""
    return Response(
        to_csv(_download(request)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="onrecord-report.csv"'},
    )


@router.get("/report.json", include_in_schema=False)
def report_json(request: Request) -> Response:
    """The report as JSON, as /api/report gives it."""
    return Response(
        json.dumps(_download(request), ensure_ascii=False),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="onrecord-report.json"'},
    )


@router.get("/api/report", tags=["report"])
def api_report(
    request: Request,
    by: Annotated[Literal["outlet", "month", "outlet,month"], Query()] = "outlet",
    since: Annotated[Day, Query(description="quoted on or after: YYYY, YYYY-MM or YYYY-MM-DD")]
    = None,
    until: Annotated[Day, Query(description="quoted on or before (a month: all of it)")] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
    top: Annotated[int, Query(ge=0, le=MAX_TOP)] = 10,
) -> Response:
    """`onrecord report --format json`: quotes, people, shares by gender, source types and
    parties per outlet and/or month, and the most quoted women and men."""
    f = {"by": by, "since": since, "until": until, "outlet": outlet or None}
    return Response(
        json.dumps(run_report(request, f, top), ensure_ascii=False, allow_nan=False,
                   separators=(",", ":")),
        media_type="application/json",
    )
