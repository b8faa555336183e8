"""Speaker resolution inside one article: each source mention to an entity of the article (a
person or organisation by name, surname, first name, acronym, pronoun or role nominal) or to an
unnamed group, anonymous source, outlet or document."""

from __future__ import annotations

import re
from dataclasses import replace

from onrecord.attribute.entities import NAME_WORD, Entity, Table, fold
from onrecord.attribute.lexicon import (
    countries,
    document_nouns,
    groups,
    org_nouns,
    org_words,
    outlets,
    place_words,
    role_nouns,
)
from onrecord.attribute.mentions import NOT_NAMES
from onrecord.types import Span, Speaker

MALE = frozenset(["he", "him", "his", "himself"])
FEMALE = frozenset(["she", "her", "hers", "herself"])
ORG_PRONOUNS = frozenset(["it", "its"])
PLURAL_PRONOUNS = frozenset(["they", "them", "their"])
RELATIVE = frozenset(["who", "which", "that"])
FIRST_PERSON = frozenset(["i", "we", "me", "us"])
DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those|one|another|its|their|his|her)\s+",
                         re.IGNORECASE)
INDEFINITE = re.compile(r"^(?:a|an|one|another|some|several|many|two|three|four|five)\s",
                        re.IGNORECASE)
POSSESSOR = re.compile(r"^(?:the\s+)?(?P<owner>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*|[a-z]+)[’']s\s+",
                       re.IGNORECASE)
CHUNK_END = re.compile(r"\s(?:of|for|from|at|in|on|with|to|who|which|that|familiar|close|signed|"
                       r"offering|representing|said|says|,)\b|,")
JOINT = re.compile(r",?\s+and\s+")
CAPITALISED_PLURAL = re.compile(r"\b[A-Z][a-z]+s\b")
OWNED = re.compile(r"^(?:the\s+)?[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*[’']s\s+[a-z]")
HEAD_END = re.compile(r",|\s(?:who|which|that|whose)\s")
AUTHOR = re.compile(r"\b(?:by|in|from|of)\s+(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s(?:of\s|for\s|and\s|&\s)?"
                    r"[A-Z][\w.&’'-]*)*)")
YEAR_OLD = re.compile(r"\d+-year-old")
# kinds of institution an organisation's last word can declare; a role noun of another of these
# kinds does not refer to it ("the league" is not "Lakeshore University")
INSTITUTIONS = frozenset(["university", "college", "school", "hospital", "department", "ministry",
                          "agency", "police", "court", "party", "union", "league", "club", "team",
                          "committee", "council", "commission", "government", "bank", "church",
                          "army", "navy", "board", "foundation", "institute", "network"])
WINDOW = 5  # sentences back a pronoun or role nominal looks for its entity

CONFIDENCE = {"name": 0.95, "turn": 0.9, "reporter": 0.8, "organisation": 0.9, "acronym": 0.85, "surname": 0.85,
              "first-name": 0.75, "pronoun": 0.65, "role": 0.6, "context": 0.55, "type": 0.8,
              "unknown": 0.5}


class Resolver:
    """Resolves the speaker mentions of one article to its entities, in text order."""

    def __init__(self, text: str, start: int = 0, sources: list[Span] | None = None,
                 quoted: list[Span] | None = None) -> None:
        self.text = text
        self.table = Table(text, start, sources)
        self.quoted = sorted(quoted or [])
        self.group_positions = [
            (m.start(), m.group(0))
            for m in CAPITALISED_PLURAL.finditer(text, start)
            if m.group(0).lower() in groups()
        ]
        self.history: list[tuple[int, Speaker, Entity | None]] = []
        self.content: list[Span] = []  # of the attribution being resolved
        self.context_how = "turn"

    # ---- entry point ---------------------------------------------------------------------
    def resolve(self, source: Span | None, context: Speaker | None = None,
                content: list[Span] | None = None, context_how: str = "turn") -> list[Speaker]:
        """Who a source mention stands for; `context` is who speaks around it (for "I": the
        transcript turn's speaker, or the reporter of a quote inside a quote, `context_how`);
        names inside the attribution's own `content` are never its antecedent."""
        if source is None:
            return []
        self.content = content or []
        self.context_how = context_how
        s, e = source
        parts = self._split_joint(s, e)
        out: list[tuple[Speaker, Entity | None]] = []
        for ps, pe in parts:
            out.extend(self._one(ps, pe, context))
        mention = self.text[s:e].strip()
        if not out:
            out = [(self._unnamed(mention, "group", "unknown"), None)]
        for sp, ent in out:
            if sp.mention is None:
                sp.mention = mention
            self.history.append((s, sp, ent))
        return [sp for sp, _ in out]

    def near_cue(self, cue: Span, content: list[Span]) -> list[Speaker]:
        """No source mention was found: the person or organisation named right next to the cue
        ("said Andy Beshear", "Malaska said"), outside the content, if any."""
        cs, ce = cue
        best: tuple[int, Entity, Span] | None = None
        for ent in self.table.entities():
            for ms, me in ent.mentions:
                if any(s <= ms < e for s, e in content):
                    continue
                gap = ms - ce if ms >= ce else cs - me
                between = self.text[ce:ms] if ms >= ce else self.text[me:cs]
                limit = 25 if ms >= ce else 150  # the subject before the cue may carry a clause
                if ms < cs or ent.type == "person" and (re.match(
                        r"\s+(?:another|a|an|the|former)\b", between)):
                    limit = 150  # "X — whose father ... — promised", "said another witness, Y"
                if 0 <= gap <= limit and not re.search(r"[.;:!?\n“”\"]", between):
                    rank = gap + (0 if ent.type == "person" else 1000)
                    if best is None or rank < best[0]:
                        best = (rank, ent, (ms, me))
        if best is None:
            return []
        sp, ent = self._speaker(best[1], "context")
        sp.mention = self.text[best[2][0] : best[2][1]]
        self.history.append((best[2][0], sp, ent))
        return [sp]

    # ---- helpers -------------------------------------------------------------------------
    def _split_joint(self, s: int, e: int) -> list[Span]:
        """'Rep. X, D-Vt., and Sen. Y, I-Vt.' -> two mentions, when both sides hold a name."""
        m = JOINT.search(self.text[s:e])
        if not m:
            return [(s, e)]
        left, right = (s, s + m.start()), (s + m.end(), e)
        if self._inside(left, people_only=True) and self._inside(right, people_only=True):
            return [left, right]
        return [(s, e)]

    def _inside(self, span: Span, people_only: bool = False) -> tuple[Entity, Span] | None:
        """The entity mentioned inside a span: the last person (the head of "Wells Fargo analyst
        Zachary Fadem"), else the first organisation."""
        s, e = span
        cut = HEAD_END.search(self.text, s, e)
        regions = [(s, cut.start()), (s, e)] if cut else [(s, e)]
        for rs, re_ in regions:
            best: tuple[Entity, Span] | None = None
            for ent in self.table.people.values():
                for ms, me in ent.mentions:
                    if rs <= ms and me <= re_ and (best is None or (ent.confirmed, ms) >
                                                   (best[0].confirmed, best[1][0])):
                        best = (ent, (ms, me))
            if best or people_only:
                if best:
                    return best
                continue
            for ent in self.table.orgs.values():  # the longest: "X's Office of Y", not "X"
                for ms, me in ent.mentions:
                    if rs <= ms and me <= re_ and (best is None or me - ms > best[1][1] - best[1][0]):
                        best = (ent, (ms, me))
            if best:
                return best
        return None

    def _speaker(self, ent: Entity, how: str, conf: float | None = None) -> tuple[Speaker, Entity]:
        d = ent.desc
        return Speaker(name=ent.name, title=ent.title, party=d.party, state=d.state, org=d.org,
                       type=ent.type, resolved_by=how,
                       confidence=conf if conf is not None else CONFIDENCE.get(how, 0.6)), ent

    def _unnamed(self, words: str, kind: str, how: str = "type", mention: str | None = None
                 ) -> Speaker:
        """An unnamed source called by `words` ("officials"), met as `mention` ("they")."""
        name = DETERMINERS.sub("", words.strip()) or words.strip()
        return Speaker(name=name, type=kind, mention=mention or words, resolved_by=how,
                       confidence=CONFIDENCE.get(how, 0.6))

    def _quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def _previous(self, s: int) -> tuple[int, Speaker, Entity | None] | None:
        prior = [h for h in self.history if h[0] < s]
        return max(prior, key=lambda h: h[0]) if prior else None

    # ---- one mention ---------------------------------------------------------------------
    def _one(self, s: int, e: int, context: Speaker | None) -> list[tuple[Speaker, Entity | None]]:
        raw = self.text[s:e].strip()
        mention = raw.rstrip(",;:")
        if mention.endswith(".") and not re.search(r"(?:\b[A-Z]\.|Jr\.|Sr\.|Co\.|Inc\.|Corp\.)$", mention):
            mention = mention[:-1]
        low = mention.lower()
        if low in FIRST_PERSON and context is not None:
            sp = replace(context, mention=raw, resolved_by=self.context_how,
                         confidence=CONFIDENCE.get(self.context_how, 0.6))
            return [(sp, None)]
        if low in MALE or low in FEMALE:
            ent = self._pronoun(s, "m" if low in MALE else "f")
            return [self._speaker(ent, "pronoun")] if ent else []
        if low in ORG_PRONOUNS:
            ent = self._latest_org(s)
            return [self._speaker(ent, "pronoun")] if ent else [
                (self._unnamed(mention, "anonymous", "unknown"), None)]
        if low in PLURAL_PRONOUNS:
            return self._they(s, mention)
        if mention in RELATIVE:  # lower case: "WHO" is an organisation
            ent = self._relative(s, low)
            if ent is not None:
                return [self._speaker(ent, "pronoun")]
            return [(self._unnamed(mention, "anonymous", "unknown"), None)]
        found = self._inside((s, e))
        if found is not None and (
                re.match(r"[’']s\s+[a-z]", self.text[found[1][1] : found[1][1] + 5])
                or (found[0].type == "organisation" and (
                    OWNED.match(mention) or self._unnamed_member(mention)))):
            # "China's ambassador", "the agency's statement", "Ng's source", "a Acme
            # representative": a nominal, someone or something of the named one's, not it
            found = None
        if found is not None:
            ent, (ms, me) = found
            said = self.text[ms:me]
            how = "name" if said == ent.name or (len(said.split()) > 1 and fold(said) not in
                                                  ent.surnames) else (
                "organisation" if ent.type == "organisation" else
                "first-name" if said == ent.first and fold(said) not in ent.surnames else "surname")
            if ent.type == "organisation" and said in ent.aliases:
                how = "acronym"
            return [self._speaker(ent, how)]
        return self._by_words(s, e, mention)

    @staticmethod
    def _unnamed_member(mention: str) -> bool:
        """'a Taliban representative', 'an Acme spokeswoman': one unnamed person of a body."""
        chunk = CHUNK_END.split(" " + mention.strip(), maxsplit=1)[0].split()
        return bool(INDEFINITE.match(mention.strip())) and len(chunk) > 1 and \
            chunk[-1].lower() in role_nouns()

    def _by_words(self, s: int, e: int, mention: str) -> list[tuple[Speaker, Entity | None]]:
        """No entity mentioned inside: outlets, countries, acronyms, role nominals, groups,
        anonymous sources and documents."""
        bare = DETERMINERS.sub("", mention)
        low = bare.lower()
        if bare[:1].isupper() and (low in outlets() or mention.lower() in outlets()):
            return [(self._unnamed(bare, "outlet"), None)]
        caps = bare.replace("’s", "").replace("'s", "").strip()
        if caps in countries() or caps.title() in countries():
            name = countries().get(caps) or countries()[caps.title()]
            return [(Speaker(name=name, type="organisation", resolved_by="name",
                             confidence=CONFIDENCE["name"]), None)]
        words = bare.split()
        if words and all(w[:1].isupper() for w in words) and len(words) <= 4:
            ent = self.table.person_by_words(words)
            if ent is None and not any(fold(bare) in p.surnames for p in self.table.people.values()):
                ent = self.table.org_by_words(words)  # never a headline for an ambiguous surname
            if ent is not None:
                return [self._speaker(ent, "surname" if ent.type == "person" else "organisation")]
            if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
                return [(Speaker(name=words[0], type="organisation", resolved_by="acronym",
                                 confidence=CONFIDENCE["unknown"]), None)]
            if len(words) == 1 and words[0].lower() in groups():
                return [(self._unnamed(mention, "group"), None)]  # "Democrats"
            if len(words) == 1 and words[0] in NOT_NAMES:
                return [(self._unnamed(mention, "anonymous", "unknown"), None)]  # "That", "One"
            if not any(w.lower() in groups() or w.lower().rstrip("s") in org_nouns() for w in words):
                # a name the article never introduced: one word is likelier an organisation or
                # place speaking ("the Pentagon", "Beijing") than a person
                kind = "person" if len(words) > 1 and all(
                    NAME_WORD.match(w) and w not in place_words() and w not in org_words()
                    and w not in NOT_NAMES for w in words) else "organisation"
                return [(Speaker(name=bare, type=kind, resolved_by="unknown",
                                 confidence=CONFIDENCE["unknown"]), None)]
        return self._nominal(s, mention)

    def _nominal(self, s: int, mention: str) -> list[tuple[Speaker, Entity | None]]:
        """'the company', 'the actor', 'the 56-year-old', 'officials', 'a source', 'the
        statement'."""
        body = mention.strip()
        owner = None
        pm = POSSESSOR.match(DETERMINERS.sub("", body))
        if pm:
            owner = pm.group("owner")
            body = DETERMINERS.sub("", body)[pm.end() :]
        chunk = CHUNK_END.split(" " + DETERMINERS.sub("", body), maxsplit=1)[0].strip()
        words = chunk.split()
        if not words:
            return [(self._unnamed(mention, "group"), None)]
        head = words[-1].lower().strip("’'")
        indefinite = bool(INDEFINITE.match(mention.strip()))
        plural = head.endswith("s") and head not in ("news", "police") and \
            head.rstrip("s") in role_nouns() | org_nouns() | groups() | {"source", "person",
                                                                         "people", "doctor"} \
            or head in groups() or head in ("people", "police")
        if head in document_nouns():
            # "a report in the Argus Leader", "the company's statement": its author speaks
            am = AUTHOR.search(mention)
            author = owner if owner and owner[:1].isupper() else (am.group("name") if am else None)
            if author is None and re.match(r"(?:the|that|this)\s", mention, re.IGNORECASE):
                author = self._author_before(s, head)  # "The report" after "a report by X"
            if author:
                ent = self.table.org_by_words(author.split()) or self.table.person_by_words(
                    author.split())
                if ent is not None:
                    return [self._speaker(ent, "document", 0.7)]
                return [(Speaker(name=author, type="organisation", resolved_by="document",
                                 confidence=0.6), None)]
            return [(self._unnamed(mention, "document"), None)]
        if (head in org_nouns() and len(words) > 1 and words[0][:1].isupper()
                and words[0].lower() not in org_nouns() and not indefinite) or (owner and owner[:1].isupper() and head in org_nouns()):
            # "the Jordanian government", "China's commerce ministry": named by the phrase
            name = DETERMINERS.sub("", mention.strip())
            name = CHUNK_END.split(" " + name, maxsplit=1)[0].strip()
            return [(Speaker(name=name, type="organisation", resolved_by="name",
                             confidence=0.7), None)]
        if head == "group" and " of " in mention:
            return [(self._unnamed(mention, "group"), None)]
        if plural:
            org = self._org_named_for(head)
            if org is not None:
                return [self._speaker(org, "role")]
            return [(self._unnamed(mention, "group"), None)]
        if indefinite:
            return [(self._unnamed(mention, "anonymous"), None)]
        if head in org_nouns():
            ent = self._org_for(s, head, owner)
            if ent is not None:
                return [self._speaker(ent, "role")]
            return [(self._unnamed(mention, "anonymous"), None)]
        if head in role_nouns() or YEAR_OLD.search(chunk) or (len(words) > 1 and
                                                             words[-2].lower() in role_nouns()):
            ent = self._person_for(s, [w.lower() for w in words], owner)
            if ent is not None:
                return [self._speaker(ent, "role")]
            return [(self._unnamed(mention, "anonymous"), None)]
        return [(self._unnamed(mention, "group" if head.endswith("s") else "anonymous",
                               "unknown"), None)]

    # ---- antecedents ---------------------------------------------------------------------
    def _mentions_in(self, k: int, before: int, kinds: tuple[str, ...]) -> list[tuple[int, Entity]]:
        """Entity mentions in sentence k (before `before`), outside quotes, in text order."""
        t = self.table
        lo = t.sents[k]
        hi = t.sents[k + 1] if k + 1 < len(t.sents) else len(self.text)
        hi = min(hi, before)
        out = []
        for ent in t.entities():
            if ent.type not in kinds or not ent.confirmed:
                continue
            for ms, _me in ent.mentions:
                if lo <= ms < hi and not self._quoted(ms) and not any(
                        cs <= ms < ce for cs, ce in self.content):
                    out.append((ms, ent))
        return sorted(out, key=lambda x: x[0])

    def _pronoun(self, s: int, gender: str) -> Entity | None:
        """'he'/'she': walking back sentence by sentence, the previous speaker if named there,
        else the first person of matching gender named there (the likeliest subject)."""
        prev = self._previous(s)
        prev_ent = prev[2] if prev and prev[2] is not None and prev[2].type == "person" else None
        cur = self.table.sentence_of(s)
        for k in range(cur, max(-1, cur - WINDOW), -1):
            cands = [(p, ent) for p, ent in self._mentions_in(k, s, ("person",))
                     if ent.gender in (None, gender)]
            if not cands:
                continue
            if prev_ent is not None and any(ent is prev_ent for _, ent in cands):
                return prev_ent
            return cands[0][1]
        if prev_ent is not None and prev_ent.gender in (None, gender):
            return prev_ent
        return None

    def _author_before(self, s: int, noun: str) -> str | None:
        """The named author of the last '<noun> by/in/from X' or "X's <noun>" in the sentences
        before a definite mention of the same document."""
        cur = self.table.sentence_of(s)
        lo = self.table.sents[max(0, cur - WINDOW)]
        name = r"([A-Z][\w.&’'-]*(?:\s(?:of\s|for\s|and\s|&\s)?[A-Z][\w.&’'-]*)*)"
        found = None
        for m in re.finditer(rf"\b{noun}s?\s+(?:by|in|from|of)\s+(?:the\s+)?{name}|{name}[’']s\s+"
                             rf"(?:[a-z]+\s+)?{noun}\b", self.text[lo:s]):
            found = m.group(1) or m.group(2)
        return found

    def _relative(self, s: int, word: str) -> Entity | None:
        """'X, a career officer who ...': the entity named last before the relative pronoun in
        its sentence (a person for "who")."""
        lo = self.table.sents[self.table.sentence_of(s)]
        best: tuple[int, Entity] | None = None
        for ent in self.table.entities():
            if word == "who" and ent.type != "person":
                continue
            for ms, me in ent.mentions:
                if lo <= ms and me <= s and s - me <= 100 and (best is None or ms > best[0]):
                    best = (ms, ent)
        return best[1] if best else None

    def _latest_org(self, s: int, head: str | None = None) -> Entity | None:
        """The organisation named last before `s`; for 'the league', not one whose name says it
        is another kind of institution ("... University")."""
        cur = self.table.sentence_of(s)
        for k in range(cur, max(-1, cur - WINDOW), -1):
            cands = [c for c in self._mentions_in(k, s, ("organisation",))
                     if head is None or kind_fits(c[1], head)]
            if cands:
                return cands[-1][1]
        return None

    def _they(self, s: int, mention: str) -> list[tuple[Speaker, Entity | None]]:
        prev = self._previous(s)
        cur = self.table.sentence_of(s)
        g = [name for pos, name in self.group_positions if pos < s]
        group_at = max((p for p, _ in self.group_positions if p < s), default=-1)
        near_group = g and self.table.sentence_of(group_at) >= cur - 2
        if prev and self.table.sentence_of(prev[0]) >= cur - 2 and prev[1].type != "person" \
                and not (near_group and group_at > prev[0]):  # the nearer of the two
            return [(prev[1], prev[2])]
        if near_group:
            return [(self._unnamed(g[-1], "group", "pronoun", mention), None)]
        ent = self._latest_org(s)
        if ent is not None and self.table.sentence_of(ent.mentions[0][0]) >= 0:
            near = [m for m in ent.mentions if m[0] < s and self.table.sentence_of(m[0]) >= cur - 2]
            if near:
                return [self._speaker(ent, "pronoun", 0.5)]
        if g:
            return [(self._unnamed(g[-1], "group", "pronoun", mention), None)]
        return [(self._unnamed(mention, "group"), None)]

    def _org_named_for(self, head: str) -> Entity | None:
        """'the doctors' -> the organisation whose name holds the word ("Doctors for ...")."""
        hits = [ent for ent in self.table.orgs.values()
                if head.lower() in (w.lower() for w in ent.words)]
        return hits[0] if len(hits) == 1 else None

    def _org_for(self, s: int, head: str, owner: str | None) -> Entity | None:
        """'the company', 'the agency': an organisation whose name holds the noun, else the
        latest organisation named before."""
        if owner:
            ent = self.table.org_by_words(owner.split())
            if ent is not None:
                return ent
        named = [ent for ent in self.table.orgs.values() if head.capitalize() in ent.words and
                 any(m[0] < s for m in ent.mentions)]
        if len(named) == 1:
            return named[0]
        return self._latest_org(s, head)

    def _person_for(self, s: int, words: list[str], owner: str | None) -> Entity | None:
        """'the analyst', 'the actor', 'the 56-year-old': the person whose title holds the role
        noun (before, else anywhere), else the person in focus."""
        roles = [w for w in words if w in role_nouns()]
        if roles:
            holders = [ent for ent in self.table.people.values() if ent.desc.title and
                       any(r in ent.desc.title.lower().split() for r in roles)]
            before = [ent for ent in holders if any(m[0] < s for m in ent.mentions)]
            pick = before or holders
            if pick:
                return max(pick, key=lambda ent: max((m[0] for m in ent.mentions if m[0] < s),
                                                     default=-1))
        prev = self._previous(s)
        cur = self.table.sentence_of(s)
        for k in range(cur, max(-1, cur - WINDOW), -1):
            cands = self._mentions_in(k, s, ("person",))
            if cands:
                if prev and prev[2] is not None and any(ent is prev[2] for _, ent in cands):
                    return prev[2]
                return cands[0][1]
        return None


def kind_fits(ent: Entity, head: str) -> bool:
    """Whether 'the <head>' can name this organisation, by the kind its last word declares."""
    kind = ent.words[-1].lower().rstrip(".")
    kind = kind[:-1] if kind.endswith("s") and kind[:-1] in INSTITUTIONS else kind
    return not (kind in INSTITUTIONS and head in INSTITUTIONS and kind != head)
