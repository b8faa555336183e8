"""Who gets heard: quotes and the people quoted per outlet and/or month, shares by gender,
source types and parties, the most quoted women and men. The CLI and the web call this.

A quote here is one occurrence (a quote as one outlet published it on one day): the same words
in two outlets count in each. Gender, people and party count registry persons only (a named
person linked across articles); source types count every occurrence.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from onrecord import errors
from onrecord.store import summary
from onrecord.store.dates import until_bound

GROUPINGS = ("outlet", "month", "outlet,month")
GENDERS = ("female", "male", "unknown")
SOURCE_TYPES = ("person", "organisation", "group", "anonymous", "outlet", "document", "none")
TOP = 10  # most quoted women and men listed


class ReportError(errors.BadOption, ValueError):
    """A report that cannot be made as asked; the message says what to do."""


@dataclass
class Row:
    """The figures of one group (an outlet, a month, an outlet in a month) or of them all."""

    outlet: str | None = None
    month: str | None = None
    quotes: int = 0
    quotes_by_gender: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    people_by_gender: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    source_types: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SOURCE_TYPES, 0))
    parties: dict[str, int] = field(default_factory=dict)  # quotes by people of known party

    @property
    def people(self) -> int:
        return sum(self.people_by_gender.values())

    def to_json(self, by: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in by}
        person_quotes = sum(self.quotes_by_gender.values())
        party_quotes = sum(self.parties.values())
        out.update(
            quotes=self.quotes,
            people=self.people,
            person_quotes=person_quotes,
            quotes_by_gender=self.quotes_by_gender,
            quote_shares=shares(self.quotes_by_gender, person_quotes),
            people_by_gender=self.people_by_gender,
            people_shares=shares(self.people_by_gender, self.people),
            source_types=self.source_types,
            source_type_shares=shares(self.source_types, self.quotes),
            parties=dict(sorted(self.parties.items(), key=lambda kv: (-kv[1], kv[0]))),
            party_shares=shares(self.parties, party_quotes),
        )
        return out


def shares(counts: dict[str, int], total: int) -> dict[str, float]:
    """Each count's share of the total, to 4 places (0 when there is nothing)."""
    return {k: round(v / total, 4) if total else 0.0 for k, v in counts.items()}


def parse_by(by: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """'outlet', 'month' or 'outlet,month' -> the grouping columns."""
    text = by if isinstance(by, str) else ",".join(by or ("outlet",))
    key = ",".join(p.strip() for p in text.split(",") if p.strip())
    if key == "month,outlet":
        key = "outlet,month"
    if key not in GROUPINGS:
        raise ReportError(f"cannot group by {text!r}; use one of {', '.join(GROUPINGS)}")
    return tuple(key.split(","))


def _where(since: str | None, until: str | None, outlet: str | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if since:
        where.append("o.date >= ?")
        params.append(since)
    if until:
        where.append("o.date <= ?")
        params.append(until_bound(until))  # the whole day, month or year
    if outlet:
        where.append("o.outlet = ?")
        params.append(outlet)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def report(
    conn: sqlite3.Connection,
    by: str | tuple[str, ...] | None = "outlet",
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    top: int = TOP,
    live: bool = False,
) -> dict[str, Any]:
    """The report as a JSON-ready dict: `groups` (one per outlet/month), `total`, `top_women`,
    `top_men`, with the grouping and filters that made it. Without date filters it reads the
    summary tables when they are up to date (`live`: count from the occurrences anyway)."""
    cols = parse_by(by)
    if not live and not since and not until and top <= summary.TOP and summary.is_fresh(conn):
        groups, total, tops = _from_summary(conn, cols, outlet, top)
    else:
        groups, total, tops = _live(conn, cols, since, until, outlet, top)
    ordered = sorted(groups.values(), key=lambda g: tuple(
        (getattr(g, c) is None, getattr(g, c) or "") for c in cols))
    out: dict[str, Any] = {
        "by": list(cols),
        "filters": {"since": since, "until": until, "outlet": outlet},
        "groups": [g.to_json(cols) for g in ordered],
        "total": total.to_json(()),
    }
    out.update(tops)
    return out


def _live(
    conn: sqlite3.Connection, cols: tuple[str, ...], since: str | None, until: str | None,
    outlet: str | None, top: int,
) -> tuple[dict[tuple[Any, ...], Row], Row, dict[str, list[dict[str, Any]]]]:
    """Count from the occurrences: one pass over a covering index, quotes per group, source
    type and speaker; gender, party, people and the most quoted are added up from these rows."""
    where, params = _where(since, until, outlet)
    keys = {"outlet": "o.outlet", "month": "substr(o.date, 1, 7)"}
    select = ", ".join(keys[c] for c in cols)
    speakers = summary.person_genders(conn)
    party = dict(conn.execute(summary.PARTY).fetchall())
    rows = conn.execute(
        f"SELECT {select}, coalesce(o.source_type, 'none'), o.speaker_id, count(*)"
        f" FROM occurrences o INDEXED BY occurrences_report{where}"
        f" GROUP BY {select}, o.source_type, o.speaker_id",
        params,
    ).fetchall()
    width = len(cols)
    groups: dict[tuple[Any, ...], Row] = {}
    total = Row()
    quoted: dict[int, int] = {}
    for r in rows:
        key = r[:width]
        st, sid, n = r[width], r[width + 1], r[width + 2]
        g = groups.get(key)
        if g is None:
            g = groups[key] = Row(**dict(zip(cols, key, strict=True)))
        gender = speakers.get(sid)
        _count(g, st, gender, party.get(sid) if gender else None, n, 1)
        if gender is not None:
            quoted[sid] = quoted.get(sid, 0) + n
    for g in groups.values():
        total.quotes += g.quotes
        _sum(total.source_types, g.source_types)
        _sum(total.quotes_by_gender, g.quotes_by_gender)
        _sum(total.parties, g.parties)
    for sid in quoted:  # people are distinct over the whole set, not summed over groups
        total.people_by_gender[speakers[sid]] += 1
    return groups, total, most_quoted(conn, quoted, speakers, top)


def _count(row: Row, st: str, gender: str | None, party: str | None, quotes: int,
           people: int) -> None:
    """Add quotes (and, for a registry person, people) of one source type, gender, party."""
    st = st if st in SOURCE_TYPES else "none"
    row.quotes += quotes
    row.source_types[st] += quotes
    if gender is None:  # no registry person: an organisation, a group, unresolved
        return
    gender = gender if gender in GENDERS else "unknown"
    row.quotes_by_gender[gender] += quotes
    row.people_by_gender[gender] += people
    if party:
        row.parties[party] = row.parties.get(party, 0) + quotes


def _from_summary(
    conn: sqlite3.Connection, cols: tuple[str, ...], outlet: str | None, top: int
) -> tuple[dict[tuple[Any, ...], Row], Row, dict[str, list[dict[str, Any]]]]:
    """The same figures read from the summary tables (store/summary.py)."""
    # one outlet's months are its (outlet, month) cells
    level = "outlet,month" if outlet and cols == ("month",) else ",".join(cols)
    total_level = "outlet" if outlet else "all"
    groups: dict[tuple[Any, ...], Row] = {}
    total = Row()
    for lv, target in ((level, None), (total_level, total)):
        where = " AND outlet = ?" if outlet else ""
        for r in conn.execute(
            "SELECT outlet, month, source_type, gender, party, quotes, people FROM report_cells"
            f" WHERE level = ?{where}",
            (lv, outlet) if outlet else (lv,),
        ):
            row = target
            if row is None:
                key = tuple(r[c] for c in cols)
                row = groups.get(key)
                if row is None:
                    row = groups[key] = Row(**dict(zip(cols, key, strict=True)))
            _count(row, r["source_type"], r["gender"], r["party"], r["quotes"], r["people"])
    tops: dict[str, list[dict[str, Any]]] = {}
    for gender, label in (("female", "top_women"), ("male", "top_men")):
        tops[label] = [
            {"id": r[0], "name": r[1], "quotes": r[2], "gender_evidence": r[3]}
            for r in conn.execute(
                "SELECT s.id, s.name, p.quotes, s.gender_evidence FROM report_people p"
                " JOIN speakers s ON s.id = p.speaker_id WHERE p.outlet = ? AND s.gender = ?"
                " ORDER BY p.quotes DESC, s.id LIMIT ?",
                (outlet or "", gender, max(0, top)),
            )
        ]
    return groups, total, tops


def _sum(into: dict[str, int], add: dict[str, int]) -> None:
    for k, v in add.items():
        into[k] = into.get(k, 0) + v


def most_quoted(
    conn: sqlite3.Connection, quoted: dict[int, int], genders: dict[int, str], top: int = TOP
) -> dict[str, list[dict[str, Any]]]:
    """The `top` women and men with the most quotes."""
    out: dict[str, list[dict[str, Any]]] = {}
    for gender, label in (("female", "top_women"), ("male", "top_men")):
        best = sorted((sid for sid in quoted if genders[sid] == gender),
                      key=lambda sid: (-quoted[sid], sid))[: max(0, top)]
        names = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                f"SELECT id, name, gender_evidence FROM speakers"
                f" WHERE id IN ({','.join('?' * len(best))})",
                best,
            )
        } if best else {}
        out[label] = [
            {"id": sid, "name": names[sid][0], "quotes": quoted[sid],
             "gender_evidence": names[sid][1]}
            for sid in best
        ]
    return out


CSV_COLUMNS = (
    ["quotes", "people", "person_quotes"]
    + [f"quotes_{g}" for g in GENDERS] + [f"quote_share_{g}" for g in GENDERS]
    + [f"people_{g}" for g in GENDERS] + [f"people_share_{g}" for g in GENDERS]
    + [f"source_{t}" for t in SOURCE_TYPES] + ["parties"]
)


def flat(group: dict[str, Any], by: list[str]) -> dict[str, Any]:
    """One report row as flat columns (CSV, the terminal table)."""
    out = {c: group.get(c) for c in by}
    out.update(quotes=group["quotes"], people=group["people"],
               person_quotes=group["person_quotes"])
    for g in GENDERS:
        out[f"quotes_{g}"] = group["quotes_by_gender"][g]
        out[f"quote_share_{g}"] = group["quote_shares"][g]
        out[f"people_{g}"] = group["people_by_gender"][g]
        out[f"people_share_{g}"] = group["people_shares"][g]
    for t in SOURCE_TYPES:
        out[f"source_{t}"] = group["source_types"][t]
    out["parties"] = "; ".join(f"{k} {v}" for k, v in group["parties"].items())
    return out


def to_csv(result: dict[str, Any]) -> str:
    """The groups and the total as CSV, one row each (the total's grouping columns say 'all')."""
    buf = io.StringIO()
    by = result["by"]
    writer = csv.DictWriter(buf, fieldnames=by + CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for g in result["groups"]:
        writer.writerow(flat(g, by))
    total = flat(result["total"], [])
    writer.writerow({**dict.fromkeys(by, "all"), **total})
    return buf.getvalue()
