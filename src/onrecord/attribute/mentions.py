"""People named in an article: full names with their descriptors, found from capitalised runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onrecord.attribute.descriptors import after_name, split_title
from onrecord.attribute.lexicon import title_words

TOKEN = re.compile(r"\S+")
ABBREV = re.compile(r"^(?:[A-Z]\.)+$|^(?:Sen|Rep|Gov|Lt|Gen|Dr|Mr|Mrs|Ms|Jr|Sr|St|Rev|Prof|Sgt|Col)\.$")
NOT_NAMES = frozenset(
    ["The", "A", "An", "And", "But", "Or", "If", "In", "On", "At", "Of", "For", "To", "From", "By", "With", "As", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Its", "Mr.", "Mrs.", "Ms.", "Democrats", "Republicans", "Democratic", "Republican", "Department", "Committee", "Senate", "House", "Office", "Party", "University", "News", "Times", "Post", "Court", "Congress", "White", "Russian", "Russians", "American", "Americans", "United", "States", "Government", "Justice", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Oval", "National", "Federal", "Foundation", "Campaign", "Administration", "Street", "Avenue", "Council", "Center", "Institute", "Association", "Group", "Inc.", "Corp.", "Co.", "Washington", "York", "According", "Asked", "Then", "Now", "So", "While", "When", "After", "Before", "Earlier", "Later", "Meanwhile", "Still", "Yet", "However", "Also", "Both", "Even", "Though", "Although", "Because", "Since", "Like", "What", "Why", "How", "Who", "Where", "Whether", "One", "Two", "Three", "Some", "Many", "Most", "All", "Several", "Each", "Every", "No", "Few", "Other", "Others", "Another"]
)


@dataclass
class Person:
    name: str  # full name, without title
    title: str | None = None
    party: str | None = None
    state: str | None = None
    org: str | None = None
    mentions: list[int] = field(default_factory=list)  # start offsets, in text order

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def cap_runs(text: str, start: int = 0) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words not broken by punctuation: (start, end, words)."""
    runs: list[tuple[int, int, list[str]]] = []
    cur: list[str] = []
    cur_s = cur_e = 0
    for m in TOKEN.finditer(text, start):
        tok = m.group(0)
        word = tok if ABBREV.match(tok) else tok.strip("\"“”‘’'(),.;:!?[]")
        if word.endswith(("’s", "'s")) and len(word) > 2:
            word = word[:-2]
        lead_break = tok[0] in "\"“‘'(["
        if word and word[0].isupper() and not lead_break:
            if not cur:
                cur_s = m.start() + tok.index(word[0])
            cur.append(word)
            cur_e = m.start() + tok.index(word[0]) + len(word)
            if word != tok and not ABBREV.match(tok):  # punctuation after the word ends the run
                runs.append((cur_s, cur_e, cur))
                cur = []
        else:
            if cur:
                runs.append((cur_s, cur_e, cur))
                cur = []
            if word and word[0].isupper():  # opens after a mark: starts a new run
                cur_s = m.start() + tok.index(word[0])
                cur, cur_e = [word], cur_s + len(word)
                if not tok.endswith(word):
                    runs.append((cur_s, cur_e, cur))
                    cur = []
    if cur:
        runs.append((cur_s, cur_e, cur))
    return runs


def people(text: str, start: int = 0) -> list[Person]:
    """Every person introduced with a first and last name, with descriptors merged in text order."""
    found: dict[str, Person] = {}
    for run_s, run_e, words in cap_runs(text, start):
        words = list(words)
        vocab = title_words()[0]
        while words and words[0] in NOT_NAMES and words[0] not in vocab:
            words.pop(0)
        title, rest = split_title(words)
        while rest and rest[-1] in NOT_NAMES:
            rest.pop()
        if len(rest) < 2 or len(rest) > 4 or any(w in NOT_NAMES for w in rest):
            continue
        name = " ".join(rest)
        end = run_e if words and words[-1] == rest[-1] else run_s
        desc, _ = after_name(text, end)
        p = found.setdefault(name, Person(name))
        p.mentions.append(run_s)
        if title and p.title is None:
            p.title = " ".join(title)
        if desc.party and p.party is None:
            p.party, p.state = desc.party, desc.state
        if desc.title and p.title is None and not title:
            p.title = desc.title
    return list(found.values())
