"""One speaker across articles: link each mention to a canonical speaker, precision first."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onrecord.store import merge
from onrecord.store.names import Name, expand_title, fold, parse
from onrecord.types import Article, Speaker

# How a mention was linked, from surest to least sure; None: left unresolved.
BY_NAME, BY_ARTICLE, BY_TITLE, BY_SURNAME, PARTIAL, GROUP = (
    "name",
    "article",
    "title",
    "surname",
    "partial",
    "group",
)


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


class Linker:
    """Links the speakers of articles inside one write transaction; make one per batch."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.touched: set[int] = set()
        self.renamed: set[int] = set()

    def link_article(self, article: Article, speakers: Sequence[Speaker]) -> list[Link]:
        """One Link per speaker mention, resolving bare surnames from the article first."""
        names = [None if s.group else parse(s.name) for s in speakers]
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
            if speaker.group and fold(speaker.name) in PRONOUNS:
                link = Link(None, None)  # "they", "who": nobody to link to
            elif speaker.group:
                link = Link(self._group(speaker.name), GROUP)
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
        row = self.conn.execute("SELECT id FROM speakers WHERE key = ?", (name.key,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO speakers (name, key, surname, partial) VALUES (?, ?, ?, ?)",
            (name.display, name.key, name.surname, 0 if name.full else 1),
        )
        return int(cur.lastrowid or 0)

    def _group(self, label: str) -> int:
        key = "@" + fold(label)
        row = self.conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO speakers (name, key, surname, partial) VALUES (?, ?, ?, 0)",
            (label, key, key),
        )
        return int(cur.lastrowid or 0)

    def _record(self, article: Article, speakers: Sequence[Speaker], links: list[Link]) -> None:
        """Aliases and dated descriptors, once per speaker per article."""
        aliases: set[tuple[int, str]] = set()
        descriptors: set[tuple[int, str, str]] = set()
        for speaker, link in zip(speakers, links, strict=True):
            if link.speaker_id is None:
                continue
            self.touched.add(link.speaker_id)
            shown = link.name.display if link.name and link.method != GROUP else speaker.name
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
        for sid, alias in aliases:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO aliases (speaker_id, alias, norm) VALUES (?, ?, ?)",
                (sid, alias, fold(alias)),
            )
            if cur.rowcount:
                self.renamed.add(sid)  # a new alias: display name and name index to refresh
            else:
                self.conn.execute(
                    "UPDATE aliases SET count = count + 1 WHERE speaker_id = ? AND norm = ?",
                    (sid, fold(alias)),
                )
        day = article.date
        if day:
            for sid in {a[0] for a in aliases}:
                self.conn.execute(
                    "UPDATE speakers SET first_seen = min(coalesce(first_seen, ?), ?),"
                    " last_seen = max(coalesce(last_seen, ?), ?) WHERE id = ?",
                    (day, day, day, day, sid),
                )
        for sid, kind, value in descriptors:
            self.conn.execute(
                "INSERT INTO descriptors (speaker_id, kind, value, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (speaker_id, kind, value) DO UPDATE SET"
                " count = count + 1,"
                " first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen"
                "   THEN coalesce(excluded.first_seen, first_seen) ELSE first_seen END,"
                " last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen"
                "   THEN coalesce(excluded.last_seen, last_seen) ELSE last_seen END",
                (sid, kind, value, day, day),
            )

    def finish(self) -> None:
        """End of a batch: fold surname-only speakers into a now-unique full name, refresh."""
        touched = set(self.touched)
        surnames = {
            r[0]
            for sid in touched
            for r in self.conn.execute("SELECT surname FROM speakers WHERE id = ?", (sid,))
        }
        for surname in surnames:
            rows = self.conn.execute(
                "SELECT id, partial FROM speakers WHERE surname = ?", (surname,)
            ).fetchall()
            full = [r[0] for r in rows if not r[1]]
            partial = [r[0] for r in rows if r[1]]
            if len(full) == 1 and partial:
                for pid in partial:
                    merge_speakers(self.conn, pid, full[0])
                    touched.discard(pid)
                touched.add(full[0])
                self.renamed.add(full[0])
        refresh_speakers(self.conn, touched, self.renamed)
        self.touched.clear()
        self.renamed.clear()


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
    conn.execute("DELETE FROM speakers_fts WHERE rowid = ?", (src,))
    conn.execute("DELETE FROM speakers WHERE id = ?", (src,))


def refresh_speakers(
    conn: sqlite3.Connection, ids: Iterable[int], renamed: set[int] | None = None
) -> None:
    """Recount quotes; for speakers with new aliases, pick the display name and reindex names."""
    for sid in ids:
        if renamed is not None and sid not in renamed:
            conn.execute(
                "UPDATE speakers SET num_quotes = (SELECT count(*) FROM quotes WHERE speaker_id = ?)"
                " WHERE id = ?",
                (sid, sid),
            )
            continue
        row = conn.execute("SELECT partial, key FROM speakers WHERE id = ?", (sid,)).fetchone()
        if row is None:
            continue
        partial, key = row
        aliases = conn.execute(
            "SELECT alias, norm, count FROM aliases WHERE speaker_id = ? ORDER BY count DESC",
            (sid,),
        ).fetchall()
        fulls = [a for a in aliases if " " in a[1]]
        name = None
        if fulls and not key.startswith("@"):
            name = max(fulls, key=lambda a: (a[2], len(a[0])))[0]
        conn.execute(
            "UPDATE speakers SET name = coalesce(?, name),"
            " num_quotes = (SELECT count(*) FROM quotes WHERE speaker_id = ?) WHERE id = ?",
            (name, sid, sid),
        )
        shown = conn.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()[0]
        conn.execute("DELETE FROM speakers_fts WHERE rowid = ?", (sid,))
        conn.execute(
            "INSERT INTO speakers_fts (rowid, name, aliases) VALUES (?, ?, ?)",
            (sid, shown, " ; ".join(a[0] for a in aliases)),
        )
