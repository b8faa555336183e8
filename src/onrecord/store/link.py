"""One speaker across articles: link each mention to a canonical speaker, precision first."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.store import gender, merge
from onrecord.store.names import Name, expand_title, fold, org_key, parse
from onrecord.types import Article, Speaker

# How a mention was linked, from surest to least sure; None: left unresolved.
BY_NAME, BY_ORGANISATION, BY_ARTICLE, BY_TITLE, BY_SURNAME, PARTIAL = (
    "name",
    "organisation",
    "article",
    "title",
    "surname",
    "partial",
)
CHUNK = 500  # ids per `IN (...)` list
MAX_CACHED = 200_000  # speaker ids remembered by key between batches


PRONOUNS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "these",
        "those",
        "some",
        "others",
        "many",
    ]
)


@dataclass(frozen=True)
class Link:
    """The speaker a mention was linked to (None: unresolved) and how."""

    speaker_id: int | None
    method: str | None
    name: Name | None = None
    title: str | None = None  # seen with the full name in the article when the mention has none


def names_by_first(text: str, first: str) -> dict[str, Name]:
    """Full names in the article starting with this first name ("Ivanka Trump")."""
    found: dict[str, Name] = {}
    pattern = r"\b" + re.escape(first) + r"(\s+[A-Z]\.)?\s+[A-Z][\w'’-]+"
    for match in re.finditer(pattern, text):
        name = parse(match.group(0))
        if name and name.full and name.first == fold(first):
            found.setdefault(name.key, name)
    return found


def names_in_text(text: str, surname: str) -> dict[str, Name]:
    """Full names in the article ending in this surname ("Bill Clinton", "Hillary Clinton")."""
    found: dict[str, Name] = {}
    pattern = r"((?:[A-Z][\w'’.-]*\s+){1,5})(" + re.escape(surname) + r")\b"
    for match in re.finditer(pattern, text):
        name = parse(match.group(0))
        if name and name.full and name.surname == fold(surname):
            found.setdefault(name.key, name)
    return found


class SpeakerLinker:
    """Links the speakers of articles inside one write transaction; make one per batch.

    `ids` (speaker key -> id) may be shared by the SpeakerLinkers of one ingest run; finish() empties
    it when it merges speakers, and a failed transaction ends the run that owns it.
    """

    def __init__(self, conn: sqlite3.Connection, ids: dict[str, int] | None = None) -> None:
        self.conn = conn
        self.ids = {} if ids is None else ids
        self.touched: set[int] = set()
        self.orphans: set[int] = set()  # quoted by a replaced article: may have no quote left
        # Summed over the batch and written by finish(): nothing reads them before then
        # (descriptors excepted: _bare writes them first). (speaker, norm) -> [alias, count];
        # speaker -> [first, last] date; (speaker, kind, value) -> [first, last, count].
        self.aliases: dict[tuple[int, str], list[Any]] = {}
        self.seen: dict[int, list[str]] = {}
        self.descriptors: dict[tuple[int, str, str], list[Any]] = {}
        # (speaker, gender, evidence) -> articles; speakers whose gender to decide again
        self.genders: dict[tuple[int, str, str], int] = {}
        self.regender: set[int] = set()

    def count_genders(self, shown: dict[int, tuple[str, str]]) -> None:
        """One article's gender evidence per speaker, written by finish()."""
        for sid, (value, evidence) in shown.items():
            key = (sid, value, evidence)
            self.genders[key] = self.genders.get(key, 0) + 1
            self.regender.add(sid)

    def link_article(self, article: Article, speakers: Sequence[Speaker]) -> list[Link]:
        """One Link per speaker mention, resolving bare surnames from the article first."""
        names = [parse(s.name) if s.type == "person" else None for s in speakers]
        by_surname: dict[str, dict[str, Name]] = {}
        for name in names:
            if name and name.full:
                by_surname.setdefault(name.surname, {})[name.key] = name
        for name in names:
            if name and not name.full and name.surname not in by_surname:
                by_surname[name.surname] = names_in_text(article.text, name.display)
        firsts: dict[str, dict[str, Name]] = {}
        for cands in by_surname.values():
            for cand in cands.values():
                firsts.setdefault(cand.first or "", {})[cand.key] = cand
        for name in names:
            if name and not name.full and not by_surname.get(name.surname):
                firsts.setdefault(name.surname, {}).update(
                    names_by_first(article.text, name.display)
                )
        links = []
        for speaker, name in zip(speakers, names, strict=True):
            if speaker.type == "organisation" and org_key(speaker.name):
                link = Link(self._organisation(speaker.name), BY_ORGANISATION)
            elif speaker.type != "person" or fold(speaker.name) in PRONOUNS:
                link = Link(None, None)  # groups, anonymous sources, "who": not in the registry
            elif name is None:
                link = Link(None, None)
            elif name.full:
                link = Link(self._speaker(name), BY_NAME, name)
            else:
                link = self._bare(name, speaker, by_surname.get(name.surname, {}), firsts)
            links.append(link)
        self._record(article, speakers, links)
        return links

    def _bare(
        self,
        name: Name,
        speaker: Speaker,
        cands: dict[str, Name],
        firsts: dict[str, dict[str, Name]],
    ) -> Link:
        """A bare surname: the article's one full name, else a title, else a unique stored one."""
        title = fold(expand_title(speaker.title) or name.title or "")
        if len(cands) == 1:
            (only,) = cands.values()
            return Link(self._speaker(only), BY_ARTICLE, name, only.title)
        if len(cands) > 1:
            titled = [c for c in cands.values() if title and fold(c.title or "") == title]
            if len(titled) == 1:
                return Link(self._speaker(titled[0]), BY_TITLE, name, titled[0].title)
            return Link(None, None, name)  # "Clinton" with Bill and Hillary in the article
        stored = self.conn.execute(
            "SELECT id FROM speakers WHERE surname = ? AND partial = 0", (name.surname,)
        ).fetchall()
        named = firsts.get(name.surname, {})  # "Ivanka" after "Ivanka Trump"
        if len(named) == 1 and not stored:  # a known surname ("Obama Says") is no first name
            (only,) = named.values()
            return Link(self._speaker(only), BY_ARTICLE, name, only.title)
        if len(stored) == 1:
            return Link(stored[0][0], BY_SURNAME, name)
        if len(stored) > 1:
            if title:
                self._write_descriptors()
                ids = [r[0] for r in stored]
                marks = ",".join("?" * len(ids))
                hits = self.conn.execute(
                    f"SELECT DISTINCT speaker_id FROM descriptors WHERE kind = 'title'"
                    f" AND lower(value) = ? AND speaker_id IN ({marks})",
                    (title, *ids),
                ).fetchall()
                if len(hits) == 1:
                    return Link(hits[0][0], BY_TITLE, name)
            return Link(None, None, name)
        return Link(self._speaker(name), PARTIAL, name)

    def _speaker(self, name: Name) -> int:
        return self._id(name.key, name.display, name.surname, 0 if name.full else 1)

    def _organisation(self, label: str) -> int:
        key = org_key(label)
        return self._id(key, label, key, 0, "organisation")

    def _id(self, key: str, name: str, surname: str, partial: int, kind: str = "person") -> int:
        """The speaker with this key, created when new."""
        sid = self.ids.get(key)
        if sid is None:
            row = self.conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
            if row:
                sid = int(row[0])
            else:
                sid = int(
                    self.conn.execute(
                        "INSERT INTO speakers (name, key, surname, partial, type, gender)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (name, key, surname, partial, kind,
                         "unknown" if kind == "person" else None),
                    ).lastrowid
                    or 0
                )
                self.regender.add(sid)  # a correction kept from before may apply
            if len(self.ids) >= MAX_CACHED:
                self.ids.clear()
            self.ids[key] = sid
        return sid

    def _record(self, article: Article, speakers: Sequence[Speaker], links: list[Link]) -> None:
        """Aliases and dated descriptors, once per speaker per article."""
        aliases: set[tuple[int, str]] = set()
        descriptors: set[tuple[int, str, str]] = set()
        for speaker, link in zip(speakers, links, strict=True):
            if link.speaker_id is None:
                continue
            self.touched.add(link.speaker_id)
            shown = link.name.display if link.name else speaker.name
            aliases.add((link.speaker_id, shown))
            title = (
                expand_title(speaker.title)
                or (link.name.title if link.name else None)
                or link.title
            )
            for kind, value in (
                ("title", title),
                ("party", speaker.party),
                ("state", speaker.state),
                ("org", speaker.org),
            ):
                if value:
                    descriptors.add((link.speaker_id, kind, value))
        for key in aliases:
            entry = self.aliases.get((key[0], fold(key[1])))
            if entry is None:
                self.aliases[(key[0], fold(key[1]))] = [key[1], 1]
            else:
                entry[1] += 1
        day = article.date
        for sid, kind, value in descriptors:
            entry = self.descriptors.get((sid, kind, value))
            if entry is None:
                self.descriptors[(sid, kind, value)] = [day, day, 1]
            else:
                _widen(entry, day)
                entry[2] += 1
        if day:
            for sid in {a[0] for a in aliases}:
                seen = self.seen.get(sid)
                if seen is None:
                    self.seen[sid] = [day, day]
                else:
                    _widen(seen, day)

    def _write_descriptors(self) -> None:
        rows = [(*k, *v) for k, v in self.descriptors.items()]
        self.conn.executemany(
            "INSERT INTO descriptors (speaker_id, kind, value, first_seen, last_seen, count)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (speaker_id, kind, value) DO UPDATE SET"
            " count = count + excluded.count,"
            " first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen"
            "   THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END,"
            " last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen"
            "   THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END",
            rows,
        )
        self.descriptors.clear()

    def _write(self) -> set[int]:
        """Write the batch's aliases, dates and descriptors; the speakers with a new alias."""
        sids = sorted({sid for sid, _ in self.aliases})
        known: set[tuple[int, str]] = set()
        for i in range(0, len(sids), CHUNK):
            part = sids[i : i + CHUNK]
            known.update(
                (r[0], r[1])
                for r in self.conn.execute(
                    "SELECT speaker_id, norm FROM aliases"
                    f" WHERE speaker_id IN ({','.join('?' * len(part))})",
                    part,
                )
            )
        renamed = {sid for sid, norm in self.aliases if (sid, norm) not in known}
        self.conn.executemany(
            "INSERT INTO aliases (speaker_id, alias, norm, count) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (speaker_id, norm) DO UPDATE SET count = count + excluded.count",
            [(sid, alias, norm, n) for (sid, norm), (alias, n) in self.aliases.items()],
        )
        self.conn.executemany(
            "UPDATE speakers SET first_seen = min(coalesce(first_seen, ?), ?),"
            " last_seen = max(coalesce(last_seen, ?), ?) WHERE id = ?",
            [(f, f, last, last, sid) for sid, (f, last) in self.seen.items()],
        )
        self._write_descriptors()
        self.aliases.clear()
        self.seen.clear()
        return renamed

    def finish(self) -> None:
        """End of a batch: write what was summed, fold surname-only speakers into a now-unique
        full name, refresh the names of speakers with new aliases."""
        renamed = self._write()
        gender.add_counts(self.conn, self.genders)
        self.genders.clear()
        touched = sorted(self.touched)
        surnames: set[str] = set()
        for i in range(0, len(touched), CHUNK):
            part = touched[i : i + CHUNK]
            surnames.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT surname FROM speakers WHERE id IN ({','.join('?' * len(part))})",
                    part,
                )
            )
        ordered = sorted(surnames)
        by_surname: dict[str, list[tuple[int, int]]] = {}
        for i in range(0, len(ordered), CHUNK):
            part = ordered[i : i + CHUNK]
            for sid, surname, partial in self.conn.execute(
                "SELECT id, surname, partial FROM speakers"
                f" WHERE surname IN ({','.join('?' * len(part))}) ORDER BY id",
                part,
            ):
                by_surname.setdefault(surname, []).append((sid, partial))
        for rows in by_surname.values():
            full = [sid for sid, partial in rows if not partial]
            partial = [sid for sid, p in rows if p]
            if len(full) == 1 and partial:
                self.ids.clear()  # the merged speakers' ids are gone
                for pid in partial:
                    merge_speakers(self.conn, pid, full[0])
                    renamed.discard(pid)
                    self.regender.discard(pid)
                renamed.add(full[0])
        refresh_speakers(self.conn, renamed)
        self.touched.clear()
        self._drop_orphans()
        gender.refresh(self.conn, self.regender)
        self.regender.clear()

    def _drop_orphans(self) -> None:
        """Speakers left without a quote by a replaced article leave the registry."""
        gone = [
            sid
            for sid in sorted(self.orphans)
            if (row := self.conn.execute(
                "SELECT num_quotes FROM speakers WHERE id = ?", (sid,)
            ).fetchone()) and row[0] == 0
        ]
        self.orphans.clear()
        if gone:
            self.ids.clear()  # their ids are gone
            self.conn.executemany("DELETE FROM speakers_fts WHERE rowid = ?", [(s,) for s in gone])
            self.conn.executemany("DELETE FROM speakers WHERE id = ?", [(s,) for s in gone])


def _widen(span: list[Any], day: str | None) -> None:
    """Stretch a [first, last, ...] pair of dates to include `day` (None changes nothing)."""
    if day:
        if span[0] is None or day < span[0]:
            span[0] = day
        if span[1] is None or day > span[1]:
            span[1] = day


def merge_speakers(conn: sqlite3.Connection, src: int, dst: int) -> None:
    """Fold speaker `src` into `dst`: aliases, descriptors, quotes (merging equal ones)."""
    conn.execute(
        "INSERT INTO aliases (speaker_id, alias, norm, count)"
        " SELECT ?, alias, norm, count FROM aliases WHERE speaker_id = ? AND true"
        " ON CONFLICT (speaker_id, norm) DO UPDATE SET count = count + excluded.count",
        (dst, src),
    )
    conn.execute(
        "INSERT INTO descriptors (speaker_id, kind, value, first_seen, last_seen, count)"
        " SELECT ?, kind, value, first_seen, last_seen, count FROM descriptors"
        " WHERE speaker_id = ? AND true ON CONFLICT (speaker_id, kind, value) DO UPDATE SET"
        " count = count + excluded.count,"
        " first_seen = min(coalesce(first_seen, excluded.first_seen),"
        "   coalesce(excluded.first_seen, first_seen)),"
        " last_seen = max(coalesce(last_seen, excluded.last_seen),"
        "   coalesce(excluded.last_seen, last_seen))",
        (dst, src),
    )
    for qid, norm, last in conn.execute(
        "SELECT id, norm, last_seen FROM quotes WHERE speaker_id = ?", (src,)
    ).fetchall():
        same = merge.find_quote(conn, dst, norm, last)
        if same is None:
            conn.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", (dst, qid))
        else:
            merge.move(conn, qid, same)
    conn.execute(
        "UPDATE speakers SET"
        " first_seen = min(coalesce(first_seen, s.f), coalesce(s.f, first_seen)),"
        " last_seen = max(coalesce(last_seen, s.l), coalesce(s.l, last_seen))"
        " FROM (SELECT first_seen AS f, last_seen AS l FROM speakers WHERE id = ?) AS s"
        " WHERE id = ?",
        (src, dst),
    )
    gender.merge(conn, src, dst)
    conn.execute("DELETE FROM speakers_fts WHERE rowid = ?", (src,))
    conn.execute("DELETE FROM speakers WHERE id = ?", (src,))


def refresh_speakers(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Pick the display name of speakers with new aliases and reindex their names.

    (Quote counts are kept by triggers.) All deletes, then all inserts, in id order: FTS5 then
    writes one index segment for the lot instead of one per speaker.
    """
    rows = []
    for sid in sorted(set(ids)):
        row = conn.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()
        if row is None:
            continue
        name = row[0]
        aliases = conn.execute(
            "SELECT alias, norm, count FROM aliases WHERE speaker_id = ? ORDER BY count DESC",
            (sid,),
        ).fetchall()
        fulls = [a for a in aliases if " " in a[1]]
        if fulls:
            name = max(fulls, key=lambda a: (a[2], len(a[0])))[0]
        rows.append((sid, name, " ; ".join(a[0] for a in aliases)))
    conn.executemany("UPDATE speakers SET name = ? WHERE id = ?", [(n, sid) for sid, n, _ in rows])
    conn.executemany("DELETE FROM speakers_fts WHERE rowid = ?", [(r[0],) for r in rows])
    conn.executemany("INSERT INTO speakers_fts (rowid, name, aliases) VALUES (?, ?, ?)", rows)
