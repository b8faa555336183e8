"""Presentation helpers for the pages: marked text pieces, the monthly chart, safe links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

WINDOW = 6_000  # characters shown each side of a quote when an article is very long
LONG = 30_000  # articles longer than this are shown as a window around the quote


@dataclass(frozen=True)
class Mark:
    """A span of text to highlight: `kind` is a CSS class, `group` ties spans of one quote."""

    start: int
    end: int
    kind: str
    group: int | None = None


@dataclass(frozen=True)
class Piece:
    """A run of text with the marks covering all of it (none: plain text)."""

    text: str
    kinds: str = ""
    group: int | None = None


def pieces(text: str, marks: list[Mark], lo: int = 0, hi: int | None = None) -> list[Piece]:
    """`text[lo:hi]` cut at every mark boundary; overlapping marks give combined classes."""
    hi = len(text) if hi is None else hi
    inside = [m for m in marks if m.start < hi and m.end > lo and m.start < m.end]
    cuts = sorted({lo, hi, *(max(lo, m.start) for m in inside), *(min(hi, m.end) for m in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m.start <= a and b <= m.end]
        kinds = " ".join(sorted({m.kind for m in covering}))
        group = covering[0].group if covering else None
        out.append(Piece(text[a:b], kinds, group))
    return out


def window(length: int, start: int, end: int) -> tuple[int, int]:
    """The part of a long article to show around [start, end): all of a short one."""
    if length <= LONG:
        return 0, length
    return max(0, start - WINDOW), min(length, end + WINDOW)


def safe_url(url: str | None) -> str | None:
    """A link target only when it is http(s): article URLs come from the open web."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Bar:
    """One month of the chart, in SVG user units; `label` is shown under it when there is room."""

    month: str
    quotes: int
    x: float
    y: float
    width: float
    height: float
    label: str = ""


@dataclass(frozen=True)
class Chart:
    """Quotes per month as bars, every month from the first to the last (empty ones too)."""

    bars: list[Bar]
    years: list[tuple[str, float]]  # label and x of each January (or the first month)
    peak: int
    counts: bool  # few enough bars to print each count above its bar
    width: int = 720
    height: int = 190
    left: int = 36  # room for the y labels
    top: int = 16  # room for a count above the tallest bar
    base: int = 150  # y of the axis; month and year labels below it


def month_chart(months: list[dict[str, Any]], width: int = 720) -> Chart | None:
    """The chart of `get_speaker`'s quotes_per_month, or None when there are no dated quotes."""
    counts = {str(m["month"]): int(m["quotes"]) for m in months if m.get("month")}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    y, m = int(first[:4]), int(first[5:7])
    every = []
    while f"{y:04d}-{m:02d}" <= last and len(every) < 1200:  # a century at most
        every.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    peak = max(counts.values())
    frame = Chart([], [], peak, False, width=width)
    step = (frame.width - frame.left - 8) / len(every)
    bar = min(step * 0.8, 40.0)
    few = len(every) <= 24
    bars, years = [], []
    for i, month in enumerate(every):
        n = counts.get(month, 0)
        h = (frame.base - frame.top) * n / peak
        x = frame.left + i * step + (step - bar) / 2
        label = MONTHS[int(month[5:7]) - 1] if few else ""
        bars.append(Bar(month, n, x, frame.base - h, max(1.0, bar), h, label))
        if i == 0 or month.endswith("-01"):
            years.append((month[:4], x))
    # Year labels closer than a label's width would overlap: keep the first of each crowd.
    kept: list[tuple[str, float]] = []
    for label, x in years:
        if not kept or x - kept[-1][1] >= 36:
            kept.append((label, min(x, frame.width - 30)))  # a late label stays inside
    return Chart(bars, kept, peak, few, width=width)
