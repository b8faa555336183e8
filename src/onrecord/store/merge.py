"""One quote across outlets: the same words from the same speaker, whole or cut, are one quote."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable
from datetime import date as Date
from datetime import timedelta

ELLIPSIS = " … "
_ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*\.\.\.\s*\])\s*")
_NON_WORD = re.compile(r"[\W_]+")
MIN_WORDS = 8  # a cut form shorter than this is too common to prove it is the same quote
WINDOW_DAYS = 30  # a cut form is looked for among the speaker's quotes seen this close
# Written so the (speaker_id, last_seen) index bounds the scan; undated quotes merge only exactly.
NEAR = "last_seen >= ? AND first_seen <= ?"


def normalize(text: str) -> str:
    """Case, marks and punctuation removed; ellipses kept as ' … ' between fragments."""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    parts = []
    for part in _ELLIPSIS.split(text):
        words = _NON_WORD.sub(" ", part).split()
        if words:
            parts.append(" ".join(words))
    return ELLIPSIS.join(parts)


def norm_hash(norm: str) -> int:
    """A signed 64-bit hash of a normalised quote (stable across runs and machines)."""
    return int.from_bytes(
        hashlib.blake2b(norm.encode(), digest_size=8).digest(), "big", signed=True
    )


def word_set(norm: str) -> int:
    """The quote's words as 63 bits: if A's bits are not all in B's, A is not cut from B."""
    bits = 0
    for w in set(norm.split()):
        if w != "…":
            bits |= 1 << (zlib.crc32(w.encode()) % 63)
    return bits


def fragments(norm: str) -> list[str]:
    """The pieces of a normalised quote between ellipses."""
    return norm.split(ELLIPSIS)


def within(short: str, long: str) -> bool:
    """True when every fragment of `short` occurs in `long`, in order, on word boundaries."""
    if short == long:
        return True
    if len(short.replace(ELLIPSIS, " ").split()) < MIN_WORDS:
        return False
    haystack = f" {long.replace(ELLIPSIS, ' ')} "
    pos = 0
    for frag in fragments(short):
        found = haystack.find(f" {frag} ", pos)
        if found < 0:
            return False
        pos = found + len(frag) + 1
    return True


def _window(day: str | None) -> tuple[str, str]:
    if not day:
        return "0000", "9999"
    try:
        d = Date.fromisoformat(day[:10])
    except ValueError:
        return "0000", "9999"
    span = timedelta(days=WINDOW_DAYS)
    return (d - span).isoformat(), (d + span).isoformat()


def find_quote(
    conn: sqlite3.Connection,
    speaker_id: int,
    norm: str,
    day: str | None,
    hashed: int | None = None,
    bits: int | None = None,
) -> int | None:
    """The stored quote this one is, or None: same words, or a cut form either way.

    `hashed` and `bits` are norm_hash(norm) and word_set(norm) when the caller has them.
    """
    hashed = norm_hash(norm) if hashed is None else hashed
    if not day or len(norm.replace(ELLIPSIS, " ").split()) < MIN_WORDS:
        # Too short to be a cut form, or cut from one; undated: exact repeats only.
        for qid, other in conn.execute(
            "SELECT id, norm FROM quotes WHERE speaker_id = ? AND norm_hash = ?",
            (speaker_id, hashed),
        ):
            if other == norm:
                return int(qid)
        return None
    lo, hi = _window(day)
    bits = word_set(norm) if bits is None else bits
    # One statement: exact repeats by hash, and the speaker's quotes seen near this date whose
    # words contain this one's or are contained in them (from the index alone, no rows read).
    ids = []
    for qid, other in conn.execute(
        "SELECT id, norm FROM quotes WHERE speaker_id = ? AND norm_hash = ? UNION ALL"
        " SELECT id, NULL FROM quotes WHERE speaker_id = ? AND "
        + NEAR
        + " AND ((? & ~words) = 0 OR (words & ~?) = 0)",
        (speaker_id, hashed, speaker_id, lo, hi, bits, bits),
    ):
        if other is None:
            ids.append(qid)
        elif other == norm:
            return int(qid)
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    longer, shorter = [], []
    for qid, other in conn.execute(
        f"SELECT id, norm FROM quotes WHERE id IN ({marks}) ORDER BY num_occurrences DESC", ids
    ):
        if len(other) > len(norm) and within(norm, other):
            longer.append(qid)
        elif len(other) < len(norm) and within(other, norm):
            shorter.append(qid)
    return (longer or shorter or [None])[0]


def add(conn: sqlite3.Connection, speaker_id: int | None, text: str, day: str | None) -> int:
    """The quote id for one occurrence, merging with a stored quote when it is the same one."""
    norm = normalize(text)
    hashed, bits = norm_hash(norm), word_set(norm)
    qid = (
        find_quote(conn, speaker_id, norm, day, hashed, bits)
        if speaker_id is not None and norm
        else None
    )
    if qid is None:
        cur = conn.execute(
            "INSERT INTO quotes (speaker_id, text, norm, norm_hash, words, num_occurrences,"
            " first_seen, last_seen) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (speaker_id, text, norm, hashed, bits, day, day),
        )
        return int(cur.lastrowid or 0)
    old_norm, seen_first, seen_last = conn.execute(
        "SELECT norm, first_seen, last_seen FROM quotes WHERE id = ?", (qid,)
    ).fetchone()
    first, last = seen_first, seen_last
    if day:
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if len(norm) <= len(old_norm):
        # Only the columns that change: every indexed column set costs an index update.
        if (first, last) == (seen_first, seen_last):
            conn.execute(
                "UPDATE quotes SET num_occurrences = num_occurrences + 1 WHERE id = ?", (qid,)
            )
        else:
            conn.execute(
                "UPDATE quotes SET num_occurrences = num_occurrences + 1, first_seen = ?,"
                " last_seen = ? WHERE id = ?",
                (first, last, qid),
            )
        return qid
    # The fullest form is the one shown; stored quotes cut from it are folded in.
    conn.execute(
        "UPDATE quotes SET num_occurrences = num_occurrences + 1, first_seen = ?, last_seen = ?,"
        " text = ?, norm = ?, norm_hash = ?, words = ? WHERE id = ?",
        (first, last, text, norm, hashed, bits, qid),
    )
    absorb_cut_forms(conn, qid, speaker_id, norm, day)
    return qid


def absorb_cut_forms(
    conn: sqlite3.Connection, qid: int, speaker_id: int | None, norm: str, day: str | None
) -> None:
    """Fold other stored quotes of the speaker that are cut from this one into it."""
    if speaker_id is None or not day:
        return
    lo, hi = _window(day)
    bits = word_set(norm)
    candidates = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM quotes WHERE speaker_id = ? AND id != ? AND "
            + NEAR
            + " AND (words & ~?) = 0",
            (speaker_id, qid, lo, hi, bits),
        )
    ]
    for other in candidates:
        (short,) = conn.execute("SELECT norm FROM quotes WHERE id = ?", (other,)).fetchone()
        if len(short) < len(norm) and within(short, norm):
            move(conn, other, qid)


def move(conn: sqlite3.Connection, src: int, dst: int) -> None:
    """Give quote `src`'s occurrences, count and dates to `dst` and delete `src`."""
    n, first, last = conn.execute(
        "SELECT num_occurrences, first_seen, last_seen FROM quotes WHERE id = ?", (src,)
    ).fetchone()
    conn.execute("UPDATE occurrences SET quote_id = ? WHERE quote_id = ?", (dst, src))
    conn.execute("DELETE FROM quotes WHERE id = ?", (src,))
    conn.execute(
        "UPDATE quotes SET num_occurrences = num_occurrences + ?,"
        " first_seen = min(coalesce(first_seen, ?), coalesce(?, first_seen)),"
        " last_seen = max(coalesce(last_seen, ?), coalesce(?, last_seen)) WHERE id = ?",
        (n, first, first, last, last, dst),
    )


def refresh(conn: sqlite3.Connection, quote_ids: Iterable[int]) -> None:
    """Recount occurrences and dates of these quotes; delete those left with none."""
    for qid in set(quote_ids):
        n, first, last = conn.execute(
            "SELECT count(*), min(date), max(date) FROM occurrences WHERE quote_id = ?", (qid,)
        ).fetchone()
        if n == 0:
            conn.execute("DELETE FROM quotes WHERE id = ?", (qid,))
        else:
            conn.execute(
                "UPDATE quotes SET num_occurrences = ?, first_seen = ?, last_seen = ? WHERE id = ?",
                (n, first, last, qid),
            )
