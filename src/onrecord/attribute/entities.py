"""The article's entity table: every person and organisation named anywhere in its text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from onrecord.attribute.descriptors import (
    Descriptors,
    after_name,
    before_name,
    merge,
    role_to,
)
from onrecord.attribute.lexicon import (
    countries,
    honorifics,
    org_nouns,
    org_words,
    particles,
    place_words,
    positions,
    states,
    title_words,
)
from onrecord.attribute.mentions import NOT_NAMES
from onrecord.types import Span

TOKEN = re.compile(r"\S+")
ABBREV = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Cmdr|Capt|Adm|Prof|Rev"
                    r"|Jr|Sr|St|Co|Inc|Corp|Ltd|Pres|Atty|Supt|Det|Maj|Mt|Ft|Cpl|Pvt|Msgr)\.$")
NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’]*(?:[A-Z][a-zà-ÿ'’]+)*(?:-[A-Z][a-zà-ÿ'’]+|-(?!led|old|era|run|like|free|wide|area|held|made|year|time|"
                       r"long|only|type|size|term)[a-z]{2,4}\b)*|[A-Z]\.?|"
                       r"[A-Z]\.[A-Z]\.|Jr\.|Sr\.|II|III|IV)$")
INITIALS = re.compile(r"^(?:[A-Z]\.){2,}")
LEAD = "\"“”‘’'(["
TRAIL = "\"“”‘’'(),.;:!?[]"
TRAIL_BUT_DOT = TRAIL.replace(".", "")
POSSESSIVES = ("’s", "'s", "’", "'")
PARTY_WORDS = frozenset(["Republican", "Democrat", "Democratic", "GOP", "Independent"])
CONNECTORS = frozenset(["of", "for", "and", "&", "the", "on", "de"])
SPEECH = re.compile(r"\s*,?\s*(?:said|says|told|added|asked|wrote|explained|tweeted)\b")
SAID_BEFORE = re.compile(r"(?:said|says|told|added|asked|wrote)\s*$")
PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n+")
NOT_ENDING = re.compile(r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|St|Jr|Sr|Col|Sgt|Cmdr|Prof|Rev"
                        r"|Inc|Co|Corp|U\.S|No|vs|Mt)\.$")


SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"])


def fold(name: str) -> str:
    """For comparing name forms: case and apostrophes folded ("De Blasio", "O’Neill")."""
    return name.lower().replace("’", "'")


@dataclass(slots=True)
class Tok:
    s: int
    e: int
    word: str
    lead: bool  # a quote mark or bracket before the word: it starts a new run
    trail: bool  # punctuation after the word (or a possessive): it ends a run
    poss: bool = False


@dataclass
class Entity:
    """A person or organisation of the article, with every place it is mentioned."""

    name: str
    type: str  # "person" | "organisation"
    desc: Descriptors = field(default_factory=Descriptors)
    gender: str | None = None  # "m" | "f", from honorifics and pronouns
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    evidence: int = 0  # signs that a two-word run is a person (title, "said", surname reused)
    rank: int = 0  # how good the title is: a capitalised title before the name beats a role

    second: str | None = None  # a title of another kind ("Cmdr." and "spokesperson for X")

    def add(self, d: Descriptors, rank: int) -> None:
        """Take the descriptors a mention gives; its title replaces one of a lower rank, and one
        of another kind is kept beside it."""
        old, old_rank = self.desc.title, self.rank
        if d.title and rank > self.rank:
            self.desc = merge(Descriptors(title=d.title), self.desc)
            self.rank = rank
        new = d.title if self.desc.title == old else old
        if new and self.desc.title and 2 in (rank, old_rank) and rank != old_rank and \
                self.second is None and \
                new.lower() not in self.desc.title.lower() and \
                self.desc.title.lower() not in new.lower():
            self.second = new
        if d.org and rank >= self.rank and self.desc.title == d.title:
            self.desc.org = d.org
        self.desc = merge(self.desc, d)

    @property
    def title(self) -> str | None:
        """The title, with a title of another kind after it."""
        t = self.desc.title
        if t and self.second:  # the title before the name first: "Dr., cardiologist at X"
            return f"{self.second}, {t}" if self.rank == 2 else f"{t}, {self.second}"
        return t

    @property
    def words(self) -> list[str]:
        return self.name.split()

    @property
    def surnames(self) -> frozenset[str]:
        """'James Van Der Beek' -> {'Beek', 'Van Der Beek', 'Der Beek'}."""
        return surnames(self.name)

    @property
    def first(self) -> str:
        return self.words[0]

    @property
    def confirmed(self) -> bool:
        return self.type == "organisation" or self.evidence > 0 or len(self.words) == 1


@lru_cache(maxsize=4096)
def surnames(name: str) -> frozenset[str]:
    """The forms of a name's surname, folded (asked for every person at every bare word)."""
    w = name.split()
    while len(w) > 2 and w[-1] in SUFFIXES:  # "Joseph R. Biden Jr."
        w = w[:-1]
    out = {fold(w[-1])}
    for i in range(1, len(w) - 1):  # "Van Der Beek", "Guajardo Villarreal", "de Blasio"
        if w[i].lower() in particles() or len(w) > 2:
            out.add(fold(" ".join(w[i:])))
    return frozenset(out)


def tokens(text: str, start: int = 0) -> list[Tok]:
    out: list[Tok] = []
    prev = start
    for m in TOKEN.finditer(text, start):
        tok = m.group(0)
        s = m.start()
        lead = "\n" in text[prev:s]  # a new paragraph starts a new run
        prev = m.end()
        while tok and tok[0] in LEAD:
            tok, s, lead = tok[1:], s + 1, True
        core = tok
        poss = False
        if "." in core and (ABBREV.match(core) or INITIALS.match(core)):  # both need a dot
            core = core.rstrip(TRAIL_BUT_DOT) if not ABBREV.match(core) else core
        else:
            core = core.rstrip(TRAIL)
        if core.endswith(POSSESSIVES):
            for suffix in POSSESSIVES:
                if core.endswith(suffix) and len(core) > len(suffix):
                    core, poss = core[: -len(suffix)], True
                    break
        if not core:
            continue
        trail = poss or len(core) < len(tok)
        out.append(Tok(s, s + len(core), core, lead, trail, poss))
    return out


def capitalised(w: str) -> bool:
    return w[:1].isupper() or (w[:1].isdigit() is False and w[:1] in "&")


def sentence_starts(text: str, start: int = 0) -> list[int]:
    """Offsets where sentences (and paragraphs) begin."""
    out = [start]
    for m in SENTENCE_END.finditer(text, start):
        before = text[max(0, m.start() - 6) : m.start() + 1]
        if m.group(0)[0] == "." and NOT_ENDING.search(before):
            continue
        out.append(m.end())
    return out


class Table:
    """People and organisations of one article and where each is mentioned."""

    def __init__(self, text: str, start: int = 0, sources: list[Span] | None = None) -> None:
        self.text = text
        self.start = start
        self.toks = tokens(text, start)
        self.sents = sentence_starts(text, start)
        self.people: dict[str, Entity] = {}
        self.orgs: dict[str, Entity] = {}
        self.bare: list[tuple[int, int, str]] = []  # one capitalised word alone: (s, e, word)
        self._scan()
        self._merge_aliases()
        self._merge_single()
        self._link_bare()
        self._confirm(sources or [])
        self._genders()

    # ---- lookups -------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sents, pos) - 1

    def entities(self) -> list[Entity]:
        return [*self.people.values(), *self.orgs.values()]

    def person_by_words(self, words: list[str]) -> Entity | None:
        """The person whose name these words are or end with, or whose surname/first name they
        are (when one person only has it)."""
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 2:
            words = [words[0].title()]  # a transcript's "WALLACE:"
        name = " ".join(words)
        if name in self.people:
            return self.people[name]
        for e in self.people.values():  # "Tim Cook" for "Tim D. Cook"
            if len(words) >= 2 and e.words[0] == words[0] and e.words[-1] == words[-1]:
                return e
        folded = fold(name)
        hits = [e for e in self.people.values() if folded in e.surnames and len(e.words) > 1]
        if len(hits) > 1:
            shown = [e for e in hits if e.evidence > 0]
            # else a heading's "Questioning Vindman" beside "Alexander Vindman"
            hits = shown or [e for e in hits if not e.first.endswith("ing")]
        if len(hits) > 1:  # the article's main Cruz over relatives named once or twice
            ranked = sorted(hits, key=lambda e: e.evidence + len(e.mentions), reverse=True)
            top, nxt = (ranked[0].evidence + len(ranked[0].mentions),
                        ranked[1].evidence + len(ranked[1].mentions))
            if top >= 3 * nxt:
                hits = ranked[:1]
        if len(hits) == 1:
            return hits[0]
        single = [e for e in self.people.values() if e.name == name]
        if single:
            return single[0]
        if len(words) == 1:
            firsts = [e for e in self.people.values() if len(e.words) > 1 and e.first == name]
            if len(firsts) == 1:
                return firsts[0]
        return None

    def org_by_words(self, words: list[str]) -> Entity | None:
        """The organisation these words name: its name, an alias, or its leading words."""
        name = " ".join(words)
        for e in self.orgs.values():
            if name == e.name or name in e.aliases:
                return e
        if not words:
            return None
        hits = [e for e in self.orgs.values()
                if len(e.words) > len(words) and e.words[: len(words)] == words]
        if len(hits) > 1:  # "McClatchy" is "McClatchy Co." rather than "McClatchy and Tribune"
            hits = [e for e in hits if all(w in org_words() for w in e.words[len(words) :])]
        if len(hits) == 1:
            return hits[0]
        return None

    # ---- building ------------------------------------------------------------------------
    def _runs(self) -> list[list[int]]:
        """Runs of capitalised tokens (indices), broken by punctuation and quote marks; a name
        particle ("van", "de") joins two capitalised words."""
        runs: list[list[int]] = []
        cur: list[int] = []
        toks = self.toks
        for i, t in enumerate(toks):
            w = t.word
            cap = w[:1].isupper()
            nxt = i + 1  # "van der Molen": particles up to a capitalised word
            while nxt < len(toks) and toks[nxt].word.lower() in particles() and nxt < i + 3:
                nxt += 1
            particle = (w.lower() in particles() and cur and not toks[cur[-1]].trail
                        and nxt < len(toks) and toks[nxt].word[:1].isupper())
            inserted = (t.lead and cur and self.text[t.s - 1] == "(" and t.word[1:].islower() and
                        self.text[t.e : t.e + 1] == ")")  # "Coach (Frank) Vogel"
            if inserted:
                t.lead, t.trail = False, False
            if (cap or particle) and not (t.lead and cur):
                cur.append(i)
            elif cap:  # opened by a quote mark: a new run
                runs.append(cur)
                cur = [i]
            else:
                if cur:
                    runs.append(cur)
                cur = []
                continue
            if t.trail:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return [r for r in runs if r]

    def _scan(self) -> None:
        owords, pwords = org_words(), place_words()
        vocab, heads = title_words()
        pos_words = positions()
        hon = honorifics()
        toks = self.toks
        for run in self._runs():
            words = [toks[i].word for i in run]
            # sentence-initial function words ("The", "But") are not part of a name
            while (words and words[0] in NOT_NAMES and words[0] not in vocab and words[0] not in hon
                   and words[0] not in owords):
                words.pop(0)
                run = run[1:]
            if not words:
                continue
            j = run[-1]
            if (not toks[j].trail and j + 1 < len(toks) and toks[j + 1].word == "police"
                    and len(words) <= 3):
                # "Hong Kong police", "Chicago police": a police force is an organisation
                self._add_org(f"{' '.join(words)} police", (toks[run[0]].s, toks[j + 1].e))
                continue
            # the name follows the last title head, honorific, party word or position
            cut = 0
            for i, w in enumerate(words[:-1]):
                if w in heads or w in hon or w in PARTY_WORDS or (w in pos_words and i > 0):
                    cut = i + 1
            pre, name = words[:cut], words[cut:]
            if any(w in owords for w in name):
                self._org_run(run, words)
                continue
            if len(name) > 4 or not name:
                continue
            if self._for_org(run, words, cut) or self._named_org(run, words, cut):
                continue
            # leading countries, states and modifiers ("Britain Liu Xiaming", "Sacramento-based
            # McClatchy", a heading in capitals), then real name words only
            while len(name) > 1 and (
                    (len(name) > 2 and (name[0] in countries() or name[0] in states()
                                        or name[0] in pwords))
                    or not NAME_WORD.match(name[0])):
                cut += 1
                name = words[cut:]
            if any(w in NOT_NAMES or (w in pwords and not pre) for w in name):
                continue  # "Harbor Square", but "Governor Mia Park"
            if any(w in heads for w in name) or " ".join(name) in countries():
                continue
            ns = toks[run[cut]].s
            ne = toks[run[-1]].e
            if len(name) == 1 and (not pre or name[0] in countries() or not pre[-1][:1].isupper()
                                   or (name[0].isupper() and len(name[0]) > 1)):
                self.bare.append((ns, ne, name[0]))
                continue
            if not all(NAME_WORD.match(w) or w.lower() in particles() for w in name):
                continue
            if len(name) == 1 and (name[0] in vocab or name[0] in heads):
                continue
            d, rank = before_name(self.text, toks[run[0]].s, pre)
            if d.title is None:
                near = role_to(self.text, toks[run[cut]].s if not pre else toks[run[0]].s)
                if near.title:
                    d, rank = merge(near, d), 1
            after, _ = after_name(self.text, ne)
            if after.title and d.title is None:
                rank = 2
            d = merge(d, after)
            ent = self.people.get(" ".join(name))
            if ent is None:
                ent = self.people[" ".join(name)] = Entity(" ".join(name), "person")
            ent.add(d, rank)
            if after.title and d.title != after.title:
                ent.add(Descriptors(title=after.title), 2)
            ent.mentions.append((ns, ne))
            if pre or d.title or d.party or d.org:
                ent.evidence += 1
            g = next((hon[w] for w in pre if w in hon and hon[w]), None)
            if g and ent.gender is None:
                ent.gender = g
            if d.org:  # where the text names it, near the name ("Ferrow Labs CEO X")
                at = self.text.rfind(d.org, max(0, ns - 200), ns)
                self._add_org(d.org, (at, at + len(d.org)) if at >= 0 else None)

    def _named_org(self, run: list[int], words: list[str], cut: int) -> bool:
        """'the financial firm JP Morgan': a run right after an organisation noun names it."""
        toks = self.toks
        i = run[0]
        if cut or i == 0 or toks[i - 1].trail or toks[i].lead:
            return False
        if toks[i - 1].word.lower() not in org_nouns():
            return False
        self._add_org(" ".join(words), (toks[i].s, toks[run[-1]].e))
        return True

    def _for_org(self, run: list[int], words: list[str], cut: int) -> bool:
        """'Doctors for Camp Closure', 'Citizens for Ethics': a capitalised plural, "for", and
        a capitalised run name an organisation."""
        toks = self.toks
        j = run[-1]
        if (cut or toks[j].trail or j + 2 >= len(toks) or toks[j + 1].word != "for"
                or not toks[j + 2].word[:1].isupper() or toks[j + 2].lead
                or not words[-1].endswith("s") or words[-1] in title_words()[0]):
            return False
        k = j + 2
        while (k + 1 < len(toks) and not toks[k].trail and toks[k + 1].word[:1].isupper()
               and not toks[k + 1].lead):
            k += 1
        self._add_org(self.text[toks[run[0]].s : toks[k].e], (toks[run[0]].s, toks[k].e))
        return True

    def _org_run(self, run: list[int], words: list[str]) -> None:
        """A run holding an organisation word: the organisation, joined across "of", "for",
        "and", "&"; two or three plain words after it are a person it describes."""
        owords, pwords = org_words(), place_words()
        vocab = title_words()[0]
        toks = self.toks
        last_org = max(i for i, w in enumerate(words) if w in owords)
        tail = words[last_org + 1 :]
        if 2 <= len(tail) <= 3 and not any(w in owords or w in pwords or w in vocab
                                            or w in NOT_NAMES for w in tail):
            org = " ".join(words[: last_org + 1])
            name = " ".join(tail)
            ns, ne = toks[run[last_org + 1]].s, toks[run[-1]].e
            ent = self.people.setdefault(name, Entity(name, "person"))
            ent.mentions.append((ns, ne))
            ent.evidence += 1
            d = merge(Descriptors(org=org), after_name(self.text, ne)[0])
            ent.add(d, 2)
            self._add_org(org, (toks[run[0]].s, toks[run[last_org]].e))
            return
        # extend across connectors: "Office of Inspector General", "Customs and Border Protection"
        s, e = toks[run[0]].s, toks[run[-1]].e
        j = run[-1]
        while (not toks[j].trail and j + 2 < len(toks) and toks[j + 1].word in CONNECTORS
               and not toks[j + 1].trail and toks[j + 1].word != "the"):
            step = 2
            if toks[j + 1].word == "and" and (toks[j].word in org_words() or toks[j].s > s):
                break  # "the Department of Homeland Security and Alex Azar", "X and Y Corp."
            if toks[j + 1].word == "of" and toks[j + 2].word == "the" and j + 3 < len(toks):
                step = 3
            if not toks[j + step].word[:1].isupper() or toks[j + step].lead:
                break
            j += step
            while (j + 1 < len(toks) and not toks[j].trail and toks[j + 1].word[:1].isupper()
                   and not toks[j + 1].lead):
                j += 1
            e = toks[j].e
        # and backwards: "Customs and Border Protection", "Doctors for Camp Closure"
        i = run[0]
        while (i >= 2 and toks[i - 1].word in ("and", "&", "for") and toks[i - 2].word[:1].isupper()
               and not toks[i - 2].trail and toks[i - 2].word not in NOT_NAMES):
            i -= 2
            while i >= 1 and toks[i - 1].word[:1].isupper() and not toks[i - 1].trail and \
                    toks[i - 1].word not in NOT_NAMES and not toks[i].lead:
                i -= 1
            s = toks[i].s
        name = self.text[s:e]
        if name.split()[0] in ("The", "the") and len(name.split()) > 1:
            name = name.split(" ", 1)[1]
            s = e - len(name)
        self._add_org(name, (s, e))

    def _add_org(self, name: str, span: Span | None) -> Entity | None:
        name = re.sub(r"^(?:the|The)\s+", "", name.strip())
        if all(w in org_words() or w in NOT_NAMES or w in CONNECTORS for w in name.split()):
            return None  # "Health", "Company": a word, not a name
        ent = self.orgs.get(name) or next(
            (o for o in self.orgs.values() if name in o.aliases), None)
        if ent is None and span is not None:  # "Gas & Electric Co." inside "Pacific Gas & ..."
            ent = next((o for o in self.orgs.values()
                        if any(ms <= span[0] and span[1] <= me for ms, me in o.mentions)), None)
            if ent is not None:
                return ent
        if ent is None:
            ent = self.orgs[name] = Entity(name, "organisation")
            ent.aliases |= acronyms(name)
            if span is not None:
                m = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", self.text[span[1] :])
                if m:
                    ent.aliases.add(m.group(1))
        if span is not None:
            ent.mentions.append(span)
        return ent

    def _merge_aliases(self) -> None:
        """'PG&E' seen before 'Pacific Gas & Electric Co.' is the same organisation."""
        for name in list(self.orgs):
            short = self.orgs[name]
            full = next((o for o in self.orgs.values() if o is not short and name in o.aliases),
                        None)
            if full is not None:
                full.mentions.extend(short.mentions)
                full.mentions.sort()
                del self.orgs[name]

    def _merge_single(self) -> None:
        """'President Trump' or 'Mr. Liu' joins the one full name with that surname or first
        name."""
        for name in sorted(self.people, key=len):
            if name not in self.people:
                continue
            single = self.people.pop(name)
            same = next((p for p in self.people.values() if len(p.words) > 1 < len(single.words)
                         and (p.first, p.words[-1]) == (single.first, single.words[-1])), None)
            if same is not None:  # "Loretta Lynch" and "Loretta E. Lynch"
                self._join(same, single)
                continue
            if any(o.words[: len(single.words)] == single.words for o in self.orgs.values()):
                continue  # "Quarry Lane" of "Quarry Lane Records"
            full = self.person_by_words(single.words) if len(single.words) == 1 else next(
                (p for p in self.people.values() if fold(name) in p.surnames), None)
            if full is not None and single.gender and full.gender not in (None, single.gender):
                full = None  # "Mrs. Clinton" is not "Bill Clinton"
            if full is None or full is single:
                self.people[name] = single
                continue
            self._join(full, single)

    @staticmethod
    def _join(full: Entity, single: Entity) -> None:
        """Fold a shorter form's mentions and descriptors into the entity it names."""
        full.mentions.extend(single.mentions)
        full.mentions.sort()
        full.add(single.desc, single.rank)
        if single.second:
            full.add(Descriptors(title=single.second), 2 if single.rank != 2 else 1)
        full.gender = full.gender or single.gender
        full.evidence += single.evidence

    def _link_bare(self) -> None:
        """A capitalised word alone: a person's surname or first name, an organisation's
        acronym or first word, or a country; a surname no full name claims is a person when a
        title or honorific stood before it (kept as such by _scan)."""
        for s, e, w in self.bare:
            p = self.person_by_words([w])
            if p is not None:
                p.mentions.append((s, e))
                p.evidence += 1
                continue
            folded = fold(w)
            o = None if any(folded in p.surnames for p in self.people.values()) else \
                self.org_by_words([w])
            if o is not None:
                o.mentions.append((s, e))
                continue
            country = countries().get(w) or (countries().get(w.title()) if w.isupper() else None)
            if country:
                self._add_org(country, (s, e))

    def _confirm(self, sources: list[Span]) -> None:
        """More signs that a two-word run is a person: a speech verb next to it, or a source."""
        for ent in self.people.values():
            for s, e in ent.mentions:
                if SPEECH.match(self.text, e) or SAID_BEFORE.search(self.text[max(0, s - 12) : s]):
                    ent.evidence += 1
                if any(ss <= s and e <= se for ss, se in sources):
                    ent.evidence += 1

    def _genders(self) -> None:
        """A person's gender from the pronouns that follow their mentions where no one else is
        named between (a majority vote)."""
        spans = sorted(((s, e, ent) for ent in self.people.values() for s, e in ent.mentions),
                       key=lambda x: (x[0], x[1]))
        votes: dict[str, list[int]] = {}
        per_sentence: dict[int, set[str]] = {}
        for s, _e, ent in spans:
            per_sentence.setdefault(self.sentence_of(s), set()).add(ent.name)
        for k, (s, e, ent) in enumerate(spans):
            if len(per_sentence[self.sentence_of(s)]) > 1:
                continue  # "X met Y. He said": whose pronoun is unclear
            nxt = spans[k + 1][0] if k + 1 < len(spans) else len(self.text)
            k2 = self.sentence_of(e) + 2
            limit = min(nxt, self.sents[k2] if k2 < len(self.sents) else len(self.text))
            m = PRONOUN.search(self.text, e, limit)
            if m:
                v = votes.setdefault(ent.name, [0, 0])
                v[0 if m.group(1).lower() in ("he", "him", "his", "himself") else 1] += 1
        for ent in self.people.values():
            v = votes.get(ent.name)
            if ent.gender is None and v and v[0] != v[1]:
                ent.gender = "m" if v[0] > v[1] else "f"
            if v:
                ent.evidence += 1  # a pronoun refers back to it: a person


def acronyms(name: str) -> set[str]:
    """'Customs and Border Protection' -> {'CBP'}; 'Pacific Gas & Electric Co.' -> {'PG&E',
    'PGE'}."""
    words = [w for w in re.split(r"\s+", name) if w]
    words = [w for w in words if w not in ("Inc.", "Co.", "Corp.", "LLC", "Ltd.")]
    caps = [w for w in words if w[:1].isupper() or w == "&"]
    if len(caps) < 2:
        return set()
    letters = "".join(w[0] for w in caps)
    return {letters, letters.replace("&", "")}
