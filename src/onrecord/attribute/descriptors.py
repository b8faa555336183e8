"""Descriptors around a name: title, organisation, party and state, before it or after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache

from onrecord.attribute.lexicon import (
    countries,
    honorifics,
    org_words,
    positions,
    role_nouns,
    states,
    title_words,
)

PARTY = {"D": "D", "R": "R", "I": "I"}
PARTY_NAMES = {"Republican": "R", "Democrat": "D", "Democratic": "D", "GOP": "R",
               "Independent": "I", "republican": "R", "democrat": "D"}
# ", D-New York", " (R-Pa.)", ", I-Vt.": a party letter, a hyphen, a state
_STATE = r"(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)"
PARTY_STATE = re.compile(rf"\s*(?:,\s*|\(\s*)(?P<party>[DRI])\s*-\s*{_STATE}\s*\)?")
OF_STATE = re.compile(r"\s+(?:of|from)\s+(?P<state>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")
APPOSITIVE = re.compile(r",\s+(?P<desc>(?:[^,.;:\"“”()]|\.(?=\S)){2,160}?)(?=,|\.\s|\.$|;|\s[—–-]\s|$|\)|\()")
# "former special envoy to Ukraine Kurt Volker", "Secretary of State Mike Pompeo"
ROLE_TO = re.compile(r"(?:(?P<owner>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*)[’']s\s+)?(?P<role>(?:[\w-]+\s+){0,3}[\w-]+)\s+(?P<prep>to|of|for)\s+(?P<place>(?:the\s+)?"
                     r"[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3})\s+$")
# "the Democratic candidate, Andy Beshear", "Tribune's former chairman, Michael Ferro"
ROLE_COMMA = re.compile(r"(?:\b(?:the|a|an|its|his|her|their)|(?P<org>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*)[’']s)"
                        r"\s+(?P<role>(?:[\w-]+\s+){0,4}?[\w-]+),\s+$")
WHO_IS = re.compile(r"^(?:who|which)\s+(?:is|was|has been|had been)\s+(?:then\s+|now\s+|also\s+)?"
                    r"(?:serving\s+as\s+|working\s+as\s+)?")
APPOSITIVE_ORG = re.compile(r",\s+(?P<org>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,5})(?=[.,;]\s|[.,;]?$)")
ORG_AFTER_ROLE = re.compile(r"\s+(?:of|at|for|with)\s+(?:the\s+)?(?P<org>[A-Z][\w.&’'-]*(?:\s(?:of\s|for\s|&\s)?"
                            r"[A-Z][\w.&’'-]*)*)")
PARTY_FROM = re.compile(r"^(?:a|an)\s+(?P<party>Republican|Democrat|Democratic|GOP|Independent)"
                        r"(?:\s+(?:from|of)\s+(?P<state>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?")
AGE = re.compile(r"^(?:the\s+)?\d+(?:-year-old)?$|^\d+-year-old\b")
MODIFIERS = frozenset(["former", "then", "chief", "senior", "junior", "deputy", "associate",
                       "assistant", "vice", "executive", "general", "managing", "acting", "interim",
                       "lead", "principal", "co-founder", "and", "head", "top", "longtime",
                       "veteran", "planetary", "political", "special", "study", "program",
                       "industry", "press", "national", "security", "research", "team", "club"])
NOT_APPOSITIVE = re.compile(r"^(?:who|which|that|whose|where|when|he|she|they|it|we|i|said|says|"
                            r"told|according|including|and|but|or|as|in|on|at|with|while|after|"
                            r"before|because|if|though|although|so|then|also|too|not|just|both)\b",
                            re.IGNORECASE)
ROLE_SUFFIX = re.compile(r"(?:ist|er|or|ian|ant|ent|ee|ary|man|woman|person|ive)$")
NOT_ROLES = frozenset(["whether", "another", "together", "however", "rather", "either", "neither",
                       "whatever", "whoever", "further", "earlier", "former", "sooner", "better",
                       "member", "number", "remember", "consider", "different", "present",
                       "recent", "current", "percent", "against", "without", "between"])
OF_ORG = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?(?P<org>[A-Z][\w.&’'-]*(?:\s(?:of\s|for\s|&\s)?"
                    r"[A-Z][\w.&’'-]*)*)")
PREPOSITION = re.compile(r"\s(?:of|at|for|with|in|on)\s+(?:the\s+)?(?P<org>.+)$")


@dataclass
class Descriptors:
    title: str | None = None
    party: str | None = None
    state: str | None = None
    org: str | None = None


def merge(a: Descriptors, b: Descriptors) -> Descriptors:
    """a's fields, with b's where a has none."""
    return Descriptors(**{f.name: getattr(a, f.name) or getattr(b, f.name) for f in fields(a)})


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split capitalised words into (title words, name words): the title is the longest prefix of
    title vocabulary that ends on a head word ("Senate Minority Leader" | "Chuck Schumer")."""
    vocab, heads = title_words()
    cut = 0
    for i, w in enumerate(words):
        if w not in vocab:
            break
        if w in heads:
            cut = i + 1
    return words[:cut], words[cut:]


def state_name(raw: str) -> str | None:
    """'Pa.' / 'PA' / 'Pennsylvania' -> 'Pennsylvania'; None when not a state."""
    table = states()
    raw = raw.strip()
    if raw not in table and raw.endswith(".") and raw[:-1] in table:
        raw = raw[:-1]
    if raw in table:
        return table[raw]
    first = raw.split()[0] if raw.split() else raw
    return table.get(first) or table.get(first.rstrip(".") + ".")


@cache
def title_words_lower() -> frozenset[str]:
    return frozenset(v.lower() for v in title_words()[0])


def role_word(w: str) -> bool:
    """A word that names a role or office ("analyst", "co-CEO", "president")."""
    low = w.lower().strip(",")
    vocab = title_words_lower()
    return (low in role_nouns() or low in vocab or low.split("-")[-1] in vocab
            or low.split("-")[-1] in role_nouns())


def role_to(text: str, name_start: int) -> Descriptors:
    """A role with its place or organisation right before a name, or set off by a comma."""
    before = text[max(0, name_start - 160) : name_start]
    m = ROLE_TO.search(before)
    if m:
        role = m.group("role").split()
        while role and not role_word(role[0]) and role[0].lower() not in MODIFIERS:
            role.pop(0)
        if role and role_word(role[-1]):
            place = re.sub(r"^the\s+", "", m.group("place"))
            owner = m.group("owner") if role == m.group("role").split() else None
            org = owner or (place if m.group("prep") != "to" else None)
            return Descriptors(title=f"{' '.join(role)} {m.group('prep')} {m.group('place')}",
                               org=countries().get(org, org) if org else None)
    m = ROLE_COMMA.search(before)
    if m:
        role = m.group("role").split()
        if role and role_word(role[-1]) and all(w.islower() or w in PARTY_NAMES or role_word(w)
                                                for w in role):
            party = next((PARTY_NAMES[w] for w in role if w in PARTY_NAMES), None)
            return Descriptors(title=" ".join(w for w in role), party=party,
                               org=clean_org(m.group("org")) if m.group("org") else None)
    return Descriptors()


def before_name(text: str, start: int, pre: list[str]) -> tuple[Descriptors, int]:
    """What stands before a name starting at `start`: the title words of its own run ("Apple
    CEO", "Wyoming Republican"), and a lower-case role with its organisation before that
    ("Salesforce founder and co-CEO", "NASA's deputy administrator"), and the title's rank: 3
    for a title of its own run, 1 for a lower-case role or a bare "Dr.", 0 for none."""
    vocab = title_words()[0]
    hon = honorifics()
    d = Descriptors()
    title: list[str] = []
    org: list[str] = []
    joined = " ".join(pre)
    for name in set(states().values()):
        if " " in name and joined.startswith(name + " "):
            d.state = name  # "South Dakota Gov." / "New York Rep."
            pre = pre[len(name.split()) :]
            break
    for w in pre:
        if w in PARTY_NAMES:
            d.party = PARTY_NAMES[w]
        elif state_name(w) and w not in vocab and not title:
            d.state = state_name(w)
        elif w in hon and hon[w] is not None:
            continue  # Mr., Mrs., Ms. tell a gender, not a title
        elif w in vocab or title or w in positions():
            title.append(w)
        else:
            org.append(w)
    # a lower-case role right before the name (or before its run's title words)
    words = re.findall(r"\S+", text[max(0, start - 160) : start])
    role: list[str] = []
    if any(hon.get(w) for w in pre):
        words = []  # "Mr. Cook": nothing before a gendered honorific is his
    while words:
        w = words[-1]
        core = w.rstrip(",")
        if w.endswith((".", ";", ":", "”", '"', "’", ")")) or (w != core and not role):
            break
        if not (role_word(core) or core.lower() in MODIFIERS or (
                not role and core.islower() and len(core) >= 6 and ROLE_SUFFIX.search(core)
                and core not in NOT_ROLES)):
            break
        role.insert(0, words.pop())
    while role and role[0].lower().rstrip(",") in ("and", "of"):
        role.pop(0)
    if (role and any(role_word(w.rstrip(",")) or ROLE_SUFFIX.search(w) for w in role)) or title:
        lead: list[str] = []
        while words and words[-1][:1].isupper() and not words[-1].endswith((",", ".", ";", ":")):
            lead.insert(0, words.pop())
            if lead[0].endswith(("’s", "'s")) and len(lead) > 1:
                lead = lead[1:]  # "Spain's Lakers" is not one name
                break
        if lead and lead[0] in ("The", "A", "An") or lead and lead[0].lower() in ("said", "says"):
            lead = lead[1:]
        if not role and lead and not lead[-1].endswith(("’s", "'s")):
            lead = []  # "In May, NASA's Administrator" but not "Boston Mayor"
        lead_txt = re.sub(r"[’']s$", "", " ".join(lead))
        title = [*role, *title]
        if lead_txt in PARTY_NAMES:
            d.party = PARTY_NAMES[lead_txt]  # "Republican counsel X"
        if lead_txt and not org and lead_txt not in PARTY_NAMES:
            org = lead_txt.split()
            if role:  # "former White House Russia adviser": "former" is the title's
                while words and words[-1].lower() in MODIFIERS and words[-1].islower():
                    title.insert(0, words.pop())
    elif not pre and words and words[-1][:1].isupper() and words[-1].endswith(("’s", "'s")):
        org = [re.sub(r"[’']s$", "", words[-1])]  # "Spain's Rafael Nadal"
    if role and all(w in ("Dr.", "Dr", "Prof.") for w in title if w not in role):
        title = role  # "his longtime physician Dr. X": the role, not the honorific
    rank = 0
    if title:
        d.title = " ".join(title)
        own = [w for w in title if w not in role]
        rank = 3 if own and any(w not in ("Dr.", "Dr", "Prof.") for w in own) else 1
    if org:
        o = re.sub(r"[’']s$", "", " ".join(org))
        if o in countries() or o.split()[0] in countries():
            d.org = countries().get(o, o)
        else:
            d.org = o
    return d, rank


def after_name(text: str, end: int) -> tuple[Descriptors, int]:
    """Party-state tag, "of Wyoming", or an appositive role right after a name ending at `end`,
    and where it ends."""
    m = PARTY_STATE.match(text, end)
    if m:
        st = state_name(m.group("state"))
        if st:
            return Descriptors(party=PARTY[m.group("party")], state=st), m.end()
    m = OF_STATE.match(text, end)
    if m and state_name(m.group("state")) and not re.match(r"[A-Z]", text[m.end() : m.end() + 2].strip()):
        return Descriptors(state=state_name(m.group("state"))), m.end()
    m = APPOSITIVE.match(text, end)
    if m:
        d = appositive(m.group("desc").strip())
        om = APPOSITIVE_ORG.match(text, m.end())
        if d.title and not d.org and om and (any(w in org_words() for w in om.group("org").split())
                                             or om.group("org").split()[0].isupper()):
            d.org = clean_org(om.group("org"))  # "X, Director, IIFL Securities."
        return d, m.end()
    m = OF_ORG.match(text, end)
    if m:
        org = clean_org(m.group("org"))
        return Descriptors(org=countries().get(org, org)), m.end()
    return Descriptors(), end


def clean_org(org: str) -> str:
    """Without a possessive ending or a sentence's full stop ("Co." keeps its own)."""
    org = re.sub(r"[’']s$", "", org.strip())
    if org.endswith(".") and not re.search(r"\b(?:Co|Inc|Corp|Ltd|[A-Z])\.$", org):
        org = org[:-1]
    return org


def appositive(desc: str) -> Descriptors:
    """', a planetary scientist at NASA's Goddard Space Flight Center' -> title and org;
    ', a Republican from Wyoming' -> party and state; an age is not a title."""
    m = PARTY_FROM.match(desc)
    if m:
        st = state_name(m.group("state")) if m.group("state") else None
        return Descriptors(party=PARTY_NAMES[m.group("party")], state=st)
    desc = WHO_IS.sub("", desc)
    desc = re.split(r"\s(?:who|which)\s", desc)[0]
    if NOT_APPOSITIVE.match(desc) or AGE.match(desc):
        return Descriptors()
    body = re.sub(r"^(?:a|an|the)\s+", "", desc)
    body = re.sub(r"^\d+-year-old\s+", "", body)
    words = body.split()
    if not words or len(words) > 24 or words[0].endswith("ing") or words[0].endswith("ed"):
        return Descriptors()
    org: str | None = None
    head = body
    pm = PREPOSITION.search(" " + body)
    if pm:
        head = (" " + body)[: pm.start()].strip()
        om = ORG_AFTER_ROLE.search(" " + body)
        if om:
            org = clean_org(om.group("org"))
    # "NASA's deputy administrator", "the company's chief executive"
    pos = re.match(r"^(?P<org>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*)[’']s\s+(?P<rest>.+)$", body)
    if pos:
        org = org or pos.group("org")
        head = pos.group("rest") if not pm else head
    head_words = re.sub(r"^[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*[’']s\s+", "", head).split()
    if not head_words or not any(role_word(w) or ROLE_SUFFIX.search(w.lower()) for w in
                                 head_words[:6]):
        return Descriptors()
    if not any(role_word(w) for w in head_words) and head_words[0][:1].isupper():
        return Descriptors()
    lead = re.match(r"^((?:[A-Z][\w.&-]*\s)+)(?=[a-z])", body)
    if not org and lead and not any(w in PARTY_NAMES for w in lead.group(1).split()):
        org = lead.group(1).strip()  # "a European Space Agency research fellow"
    if org and org in countries():
        org = countries()[org]
    title = body if pm else re.sub(r"^[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*[’']s\s+", "", body)
    return Descriptors(title=title, org=org)
