"""What is not a statement: attributions that report no one saying anything.

With the default speech scope these are left out: refusals to comment and a source's request not
to be named (no content to report), plans and agreements ("agreed to sell"), beliefs, hopes and
forecasts ("analysts expect"), what a scan, poll or video shows, a topic ("mixed signals about
whether ..."), idioms ("That said, ..."), a cue whose content is only a pronoun ("which he
announced"), and an attribution with no source that the model itself doubts. `--scope all`
(PolNeAR's wider notion, which annotates all of these) keeps them."""

from __future__ import annotations

import re
from functools import cache

from onrecord.extract.lexicon import cue_form_kinds, cue_nouns, inflect, read_lines, speech_acts
from onrecord.types import Found

WORD = re.compile(r"[A-Za-z’']+")
# "declined to comment", "would not elaborate", "did not respond to a request for comment"
DECLINED = re.compile(
    r"(?:to\s+)?(?:(?:immediately|publicly|further)\s+)?"
    r"(?:comment|discuss|elaborate|respond|say|speak|talk|answer|confirm|specify|detail|be\s+"
    r"(?:interviewed|named|identified|reached|quoted))\b|(?:a\s+)?requests?\s+for\s+comment\b",
    re.IGNORECASE)
# the terms a source spoke on ("asked not to be identified", "on condition of anonymity")
ANONYMITY = re.compile(r"(?:not\s+to\s+be\s+(?:identified|named|quoted)|(?:on\s+)?(?:the\s+)?"
                       r"condition\s+(?:of|that)\s+(?:anonymity|(?:he|she|they)\s+not\s+be))\b",
                       re.IGNORECASE)
REFUSAL = {"decline", "declined", "declines", "declining", "refuse", "refused", "refuses",
           "refusing", "not", "n't", "n’t", "never", "no"}
# content that is only a stand-in for words elsewhere ("which Bezos announced", "pointed it out")
PRO_FORMS = {"that", "this", "it", "which", "who", "whom", "what", "them", "those", "these",
             "out"}
# "That said, ...", "Having said that", "It's fair to say": discourse markers, not cues
IDIOM = re.compile(r"(?:that|this)\s+(?:said|being\s+said)\s*,|having\s+said\b|needless\s+to"
                   r"\s+say\b|suffice\s+(?:it\s+)?to\s+say\b|it(?:[’']s|\s+is|\s+was)\s+"
                   r"(?:fair|safe|true|accurate)\s+to\s+say\b", re.IGNORECASE)
# an embedded question after "about" is what someone asked, else only a topic ("sent mixed
# signals about whether the tariffs would go"); "said whether X matters" is a statement
WHETHER = re.compile(r"(?:whether|if)\b", re.IGNORECASE)
ABOUT = {"about", "on", "over", "of", "regarding", "concerning"}
ASKING = ("ask", "question", "wonder", "inquir", "enquir", "quer", "quiz", "press")
DOUBTED = 0.6  # a model attribution with no source and a lower estimate is mostly wrong


@cache
def plan_verbs() -> frozenset[str]:
    """Forms of verbs that take a plan or agreement as a to-clause ("agreed to sell")."""
    return _forms("plan_verbs.txt")


@cache
def finding_verbs() -> frozenset[str]:
    """Forms of verbs that report what evidence shows ("revealed", "indicates")."""
    return _forms("finding_verbs.txt")


@cache
def finding_nouns() -> frozenset[str]:
    """Things whose findings are not statements ("scan", "poll", "video")."""
    return frozenset(read_lines("finding_nouns.txt"))


def _forms(name: str) -> frozenset[str]:
    """Every inflected form of the lemmas (and irregular forms) in a data file."""
    out: set[str] = set()
    for line in read_lines(name):
        lemma, *irregular = line.split()
        out |= inflect(lemma) | set(irregular)
    return frozenset(out)


def statements(found: list[Found], text: str, scope_name: str = "speech") -> list[Found]:
    """The attributions that report a statement in the given scope (`Settings.scope`)."""
    return [f for f in found if not_statement(f, text, scope_name) is None]


def not_statement(f: Found, text: str, scope_name: str = "speech") -> str | None:
    """Why an attribution reports no statement ("declined", "anonymity", "plan", "belief",
    "finding", "topic", "idiom", "pro-form", "doubted"), or None when it does."""
    if f.kind == "turn" or scope_name == "all":
        return None  # all: PolNeAR's wider notion, every attribution it annotates
    content = " ".join(text[s:e] for s, e in f.content).strip(" \n,.;:—–-\"“”'‘’")
    cue = WORD.findall(text[f.cue[0] : f.cue[1]].lower()) if f.cue else []
    if _declined(cue, content, text, f):
        return "declined"
    if f.kind != "direct" and ANONYMITY.match(content):
        return "anonymity"
    if f.cue and IDIOM.match(text, min(f.cue[0], f.source[0] if f.source else f.cue[0])):
        return "idiom"
    if f.kind == "direct":
        return None  # quoted words are someone's speech
    words = [w.lower() for w in WORD.findall(content)]
    source = text[f.source[0] : f.source[1]] if f.source else ""
    kinds = cue_form_kinds()
    speech = any(kinds.get(w) == "speech" or w in speech_acts() or w in cue_nouns() for w in cue)
    if words and content[:3].lower() == "to " and any(w in plan_verbs() for w in cue):
        return "plan"
    if not speech and any(kinds.get(w) == "belief" for w in cue):
        return "belief"
    thing = _head(source) in finding_nouns()
    if any(kinds.get(w) == "evidence" for w in cue) and (thing or not source) or (
            thing and any(w in finding_verbs() for w in cue)):
        return "finding"
    if WHETHER.match(content) and cue and cue[-1] in ABOUT and not any(
            w.startswith(ASKING) for w in cue):
        return "topic"  # "mixed signals about whether ...": what was not said
    if words and set(words) <= PRO_FORMS:
        return "pro-form"
    if f.source is None and f.p is not None and f.p < DOUBTED:
        return "doubted"
    return None


def _declined(cue: list[str], content: str, text: str, f: Found) -> bool:
    """A refusal to comment: "declined to comment", "would not say", "did not respond to
    requests for comment"; the content is what was not said."""
    if f.kind == "direct":
        return False
    at = (f.cue or f.content[0])[0]
    clause = re.split(r"[.!?;:,\"“”]", text[max(0, at - 40) : at])[-1]
    lead = set(WORD.findall(clause.lower())[-3:])  # "declined to", "would not", "did not"
    refused = bool((set(cue) | lead) & REFUSAL)
    if refused and any(DECLINED.fullmatch(w) for w in cue):
        return True  # the cue is the verb refused: "declined to [comment] on the report"
    return bool(DECLINED.match(content)) and (refused or "comment" in content.lower())


def _head(mention: str) -> str:
    """The last word of a mention's first phrase ("A new ABC News poll" -> "poll")."""
    first = re.split(r"[,(—–]", mention)[0]
    words = re.findall(r"[\w’'-]+", first.lower())
    return words[-1] if words else ""
