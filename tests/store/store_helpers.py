"""Build extraction results by hand from text written for these tests."""

from __future__ import annotations

import sqlite3

from onrecord.types import Article, Attribution, Result, Speaker

COUNTS = ("articles", "quotes", "occurrences", "speakers", "aliases", "descriptors")


def quote(
    text: str,
    words: str,
    speaker: str | None,
    title: str | None = None,
    kind: str = "direct",
    group: bool | str = False,
    party: str | None = None,
    state: str | None = None,
) -> Attribution:
    """An attribution of `words` (found in `text`, '…' separating pieces) to `speaker`;
    `group` is True for an unnamed group, or the speaker's type ("organisation", "anonymous")."""
    spans = []
    pos = 0
    for piece in words.split(" … "):
        start = text.index(piece, pos)
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    source = None
    if speaker:
        at = text.find(speaker)
        source = (at, at + len(speaker)) if at >= 0 else None
    speakers = (
        [Speaker(speaker, title=title, party=party, state=state,
                 type=group if isinstance(group, str) else "group" if group else "person")]
        if speaker
        else []
    )
    return Attribution(kind, spans, None, source, speakers, 0.9)


def result(
    article_id: str,
    date: str | None,
    text: str,
    quotes: list[tuple],
    url: str | None = None,
    outlet: str | None = None,
) -> Result:
    """A Result for an article whose quotes are (words, speaker[, title[, kind]]) tuples."""
    art = Article(article_id, text, date, url or f"https://example.org/{article_id}", None, outlet)
    return Result(art, [quote(text, *q) for q in quotes])


PEOPLE = ["Rosa Delgado", "Tom Akers", "Nora Quill", "Ada Brandt", "Lou Ferrante"]
TOPICS = ["the budget", "the new bridge", "school funding", "the water plant", "bus fares"]


def corpus(n: int) -> list[Result]:
    """`n` small articles written for tests: each person says something about each topic."""
    out = []
    for i in range(n):
        person = PEOPLE[i % len(PEOPLE)]
        topic = TOPICS[(i // len(PEOPLE)) % len(TOPICS)]
        said = f"We will settle {topic} before the council meets in week {i % 7}"
        text = (
            f'{person} spoke to reporters on day {i}. "{said}," '
            f'{person.split()[-1]} said. "Nothing else changes," she added.'
        )
        day = f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(
            result(
                f"c{i}", day, text, [(said, person.split()[-1]), ("Nothing else changes,", person)]
            )
        )
    return out


def snapshot(conn: sqlite3.Connection) -> dict[str, object]:
    """Row counts and every occurrence as (article, quote text, speaker, occurrences, the
    speaker's gender, what the article showed)."""
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTS}
    rows = conn.execute(
        "SELECT a.id, q.text, s.name, q.num_occurrences, s.gender, o.gender FROM occurrences o"
        " JOIN articles a ON a.rowid = o.article JOIN quotes q ON q.id = o.quote_id"
        " LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY a.id, o.start, o.id"
    ).fetchall()
    return {**counts, "rows": [tuple(r) for r in rows]}
