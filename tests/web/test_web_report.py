"""/report, its downloads and /api/report agree with `onrecord report` and with counts
recomputed here from the stored rows of a database built by the real pipeline."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import ROOT
from tests.web.conftest import HOSTILE_OUTLET

from onrecord.store import connect, ingest
from onrecord.store.report import report
from onrecord.store.summary import is_fresh, refresh
from onrecord.types import Article, Result

FILTERS = [
    {"by": "outlet"},
    {"by": "month"},
    {"by": "outlet,month"},
    {"by": "month", "since": "2023-02", "until": "2023-04-30"},
    {"by": "outlet", "outlet": "Harbour Gazette"},
]


def recount(db: Path, by: str, since: str | None = None, until: str | None = None,
            outlet: str | None = None) -> dict:
    """The report's figures from the stored rows, computed another way."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT o.outlet, o.date, o.source_type, q.speaker_id, s.type, s.gender FROM occurrences o"
        " JOIN quotes q ON q.id = o.quote_id LEFT JOIN speakers s ON s.id = q.speaker_id"
    ).fetchall()
    parties = {sid: v for sid, v in conn.execute(
        "SELECT speaker_id, value FROM descriptors WHERE kind = 'party'")}
    conn.close()
    cols = by.split(",")
    groups: dict = defaultdict(lambda: {"quotes": 0, "qg": Counter(), "people": defaultdict(set),
                                        "st": Counter(), "party": Counter()})
    people: dict = defaultdict(set)
    for out, day, st, sid, stype, gender in rows:
        if since and (day or "") < since or until and (day or "") > until + "\uffff":
            continue
        if outlet and out != outlet:
            continue
        key = tuple({"outlet": out, "month": day[:7] if day else None}[c] for c in cols)
        g = groups[key]
        g["quotes"] += 1
        g["st"][st or "none"] += 1
        if stype == "person":
            g["qg"][gender] += 1
            g["people"][gender].add(sid)
            people[gender].add(sid)
            if sid in parties:
                g["party"][parties[sid]] += 1
    return {
        key: {
            "quotes": g["quotes"],
            "quotes_by_gender": {k: g["qg"][k] for k in ("female", "male", "unknown")},
            "people_by_gender": {k: len(g["people"][k]) for k in ("female", "male", "unknown")},
            "source_types": {k: v for k, v in g["st"].items() if v},
            "parties": dict(g["party"]),
        }
        for key, g in groups.items()
    } | {"people": {k: len(v) for k, v in people.items()}}


def cli_report(db: Path, f: dict) -> dict:
    args = [sys.executable, "-m", "onrecord.cli", "report", "--db", str(db), "--format", "json"]
    for k, v in f.items():
        args += [f"--{k}", v]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()))
def test_api_cli_and_stored_rows_agree(client: TestClient, web_db: Path, f: dict) -> None:
    api = client.get("/api/report", params=f)
    assert api.status_code == 200
    got = api.json()
    assert got == cli_report(web_db, f)
    assert client.get("/report.json", params=f).json() == got
    want = recount(web_db, f["by"], f.get("since"), f.get("until"), f.get("outlet"))
    people = want.pop("people")
    assert got["groups"], "the test articles give every grouping something to count"
    assert len(got["groups"]) == len(want)
    for g in got["groups"]:
        key = tuple(g[c] for c in f["by"].split(","))
        w = want[key]
        assert g["quotes"] == w["quotes"]
        assert g["quotes_by_gender"] == w["quotes_by_gender"]
        assert g["people_by_gender"] == w["people_by_gender"]
        assert {k: v for k, v in g["source_types"].items() if v} == w["source_types"]
        assert g["parties"] == w["parties"]
        assert g["people"] == sum(w["people_by_gender"].values())
        if g["person_quotes"]:
            assert g["quote_shares"]["female"] == round(
                w["quotes_by_gender"]["female"] / g["person_quotes"], 4)
    total = got["total"]
    assert total["quotes"] == sum(w["quotes"] for w in want.values())
    assert total["people_by_gender"] == {k: people.get(k, 0) for k in ("female", "male", "unknown")}


def test_the_summary_gives_the_figures_counting_gives(web_db: Path, tmp_path: Path) -> None:
    """After an ingest run the report reads the summary tables; it must say what counting the
    occurrences says, and go back to counting as soon as anything is written."""
    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    conn = connect(db)
    assert not is_fresh(conn)  # the fixture ingested without rebuilding it
    refresh(conn)
    assert is_fresh(conn)
    for f in [{"by": by, **extra} for by in ("outlet", "month", "outlet,month")
              for extra in ({}, {"outlet": "Harbour Gazette"}, {"outlet": "nowhere"})]:
        for top in (1, 10):
            assert report(conn, **f, top=top) == report(conn, **f, top=top, live=True), f
    assert cli_report(db, {"by": "outlet,month"}) == report(conn, "outlet,month", live=True)
    ingest(conn, [Result(Article("late", '"Fine," said Ana Prieto.', "2023-06-01"), [])])
    assert not is_fresh(conn)
    conn.close()


def test_the_test_articles_have_women_men_and_other_sources(client: TestClient) -> None:
    got = client.get("/api/report").json()
    total = got["total"]
    assert total["people_by_gender"]["female"] >= 2  # Lena Ortiz, Priya Natarajan, ...
    assert total["people_by_gender"]["male"] >= 1  # Ravi Menon
    assert total["source_types"]["group"] >= 1  # "Boat owners said"
    women = [p["name"] for p in got["top_women"]]
    # the hostile article's speaker was given as a woman (conftest); linked as "Kai Brandt"
    assert "Lena Ortiz" in women and "Kai Brandt" in women
    assert "Ravi Menon" in [p["name"] for p in got["top_men"]]


def test_csv_download_has_a_row_per_group_and_the_total(client: TestClient) -> None:
    got = client.get("/report.csv", params={"by": "outlet"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    api = client.get("/api/report", params={"by": "outlet"}).json()
    assert [r["outlet"] for r in rows] == [g["outlet"] for g in api["groups"]] + ["all"]
    assert [int(r["quotes"]) for r in rows[:-1]] == [g["quotes"] for g in api["groups"]]
    assert int(rows[-1]["quotes_female"]) == api["total"]["quotes_by_gender"]["female"]


def test_report_page_draws_charts_and_escapes_labels(client: TestClient) -> None:
    got = client.get("/report", params={"by": "outlet"})
    assert got.status_code == 200
    html = got.text
    assert html.count('<svg class="chart') >= 5  # quotes, people, women, men, source types
    assert 'class="seg female"' in html and 'class="seg male"' in html
    assert "<img src=x" not in html and '<b onmouseover="alert(4)">' not in html
    assert "&lt;b onmouseover=" in html  # the hostile outlet, as a label and in the table
    assert 'href="/report.csv?by=outlet"' in html


def test_filters_narrow_the_page(client: TestClient) -> None:
    html = client.get("/report", params={"by": "month", "since": "2023-05"}).text
    assert "2023-05" in html and "2023-01" not in html
    html = client.get("/report", params={"outlet": HOSTILE_OUTLET}).text
    assert "Valley Ledger" not in html


@pytest.mark.parametrize("query", [{"by": "week"}, {"since": "last year"}, {"until": "2023-13"}])
def test_bad_filters_are_explained(client: TestClient, query: dict) -> None:
    assert client.get("/report", params=query).status_code == 400
    assert client.get("/api/report", params=query).status_code == 422
    assert client.get("/report.csv", params=query).status_code == 400


def test_api_report_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/report"]["get"]["parameters"]}
    assert params == {"by", "since", "until", "outlet", "top"}
    assert "/report" not in spec["paths"]  # pages stay out of the API description
