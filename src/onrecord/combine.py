"""How the rules and the trained model are combined, and how sure each attribution is.

The policy (`turns`, the default; `Settings.policy`, the spaCy component's `policy`):

- **Rules win in transcript turns.** A turn ("Gov. Mia Park: The numbers changed.") and what
  the rules find inside it are kept, and the model's attributions that overlap them dropped:
  PolNeAR has no transcripts, so the model never learned them (this keeps the seed article's
  interview at 19 of 19).
- **The model wins elsewhere, and the rules' own finds there are dropped**, because letting the
  rules' quotes win there too (`quotes`; `direct`, which also fills the model's gaps with the
  rules' reported speech) scored lower on the held-out part of PolNeAR train (attribution F1,
  all and direct quotes, both scopes: `tune` in `training/train.py`).
- **The rules still mend the model's attributions**: their source replaces the model's for the
  same cue when it is a joint mention ("X and Y", which the resolver needs whole) or the name a
  relative pronoun stands for ("who has ..."); quotes they found continuing the same quote with
  no cue of their own (the next paragraph's, an interrupted one's second half) are added, since
  the model reads no further than a paragraph; and one they found too is at least `AGREED`
  likely right.
- **Scope.** With `speech` (the default) the model's attributions are kept only when their cue
  reports speech (`is_speech`), and the rules' second-hand speech, reported inside a quote or
  inside reported content, which the model tagging one layer cannot find, is added
  (`second_hand`); `all` keeps PolNeAR's stances, beliefs and negated cues too, and adds no
  second-hand speech (PolNeAR annotates none). The rules are speech-only by construction.

Each policy is a named function in POLICIES. Training tries them on its held-out part and
records the best in the weights file (`meta["merge"]`); it does not choose: the configuration
does, and `tests/test_combine.py` fails when the two disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from onrecord.extract.engine import plain_report
from onrecord.extract.lexicon import cue_lexicon, cue_nouns, speech_acts
from onrecord.extract.quotes import content_kind
from onrecord.types import Found, Span, Speaker

SCOPES = ("speech", "all")
DEFAULT_SCOPE = "speech"
DEFAULT_POLICY = "turns"
NEGATION = {"not", "never", "no", "nor", "neither"}
JOINT = re.compile(r"\s(?:and|&)\s")  # "Rep. Ann Lee and Sen. Bo Park"
RELATIVE = re.compile(r"(?:who|whom|whose|which|that)\b", re.IGNORECASE)
AGREED = 0.85  # the least often one was right when a rule found it too (same cue and source): 0.84

# Confidence: the share of its attributions a rule gets right, by the rule that found it. The
# model's attributions bring their own calibrated estimate (model/apply.py).
BASE_CONFIDENCE = {
    "quote-after": 0.95,  # '"...," said X'
    "quote-before": 0.9,  # 'X said: "..."'
    "quote-content": 0.85,  # a quote inside a cue's clause
    "turn": 0.9,  # a transcript turn
    "reported": 0.7,  # reported speech from the parse
}
OTHER_RULE = 0.6
# Then lowered, by amounts set by hand rather than fitted, for weaker evidence: a cue of belief
# or evidence ("believes", "showed") is less often speech than "said"; a speaker that resolves to
# no one, or only to a group, names no one a reader can look up; a pronoun's speaker is the
# resolver's guess; a subject taken from a governing verb ("..., adding that") may not be the
# cue's own.
NOT_SPEECH = 0.15
UNNAMED_SPEAKER = 0.1
PRONOUN = 0.1
INHERITED_SUBJECT = 0.1
PRONOUNS = ("he", "she", "they", "i", "we")

Policy = Callable[[list[Found], list[Found], str], list[Found]]
"""(rules' attributions, model's attributions, text) -> the attributions kept, in text order."""


def _overlaps(a: list[Span], b: list[Span]) -> bool:
    return any(s < f and e > t for s, e in a for t, f in b)


def _in_text_order(found: list[Found]) -> list[Found]:
    return sorted(found, key=lambda f: f.content[0][0])


def _rules_win(rules: list[Found], model: list[Found], text: str,
               wins: Callable[[Found], bool]) -> tuple[list[Found], list[Found]]:
    """The rules' attributions that `wins` picks, then the model's that overlap none of them,
    mended by the rules; and the winning rules' attributions."""
    strong = [r for r in rules if wins(r)]
    out = strong + [_widen_source(m, rules, text) for m in model
                    if not any(_overlaps(m.content, r.content) for r in strong)]
    out = [_continue_quote(_agreed(o, rules), rules, out, text) if o not in strong else o
           for o in out]
    return out, strong


def model_only(rules: list[Found], model: list[Found], text: str) -> list[Found]:
    """The model's attributions, mended by the rules; no rule's attribution is kept."""
    return _in_text_order(_rules_win(rules, model, text, lambda r: False)[0])


def rules_in_turns(rules: list[Found], model: list[Found], text: str) -> list[Found]:
    """Transcript turns and what the rules find inside them; the model's elsewhere."""
    turns = [r.content[0] for r in rules if r.kind == "turn"]

    def in_turn(r: Found) -> bool:
        return any(t[0] <= r.content[0][0] and r.content[-1][1] <= t[1] for t in turns)

    return _in_text_order(_rules_win(rules, model, text,
                                     lambda r: r.kind == "turn" or in_turn(r))[0])


def rules_quotes(rules: list[Found], model: list[Found], text: str) -> list[Found]:
    """Turns and the rules' direct quotes (wholly quoted, a cue next to them); the model's
    elsewhere."""
    return _in_text_order(_rules_win(
        rules, model, text,
        lambda r: r.kind == "turn" or (r.kind == "direct" and r.via.startswith("quote-")))[0])


def rules_direct(rules: list[Found], model: list[Found], text: str) -> list[Found]:
    """Turns and every quote the rules attach to a cue; the model's elsewhere, and the rules'
    other attributions where neither has one."""
    out, strong = _rules_win(rules, model, text,
                             lambda r: r.kind == "turn" or r.via.startswith("quote-"))
    out += [r for r in rules if r not in strong
            and not any(_overlaps(r.content, o.content) for o in out)]
    return _in_text_order(out)


def model_then_rules(rules: list[Found], model: list[Found], text: str) -> list[Found]:
    """The model's attributions as they are, and the rules' where the model has none."""
    return _in_text_order(
        model + [r for r in rules if not any(_overlaps(r.content, m.content) for m in model)])


POLICIES: dict[str, Policy] = {
    "model": model_only,
    "turns": rules_in_turns,
    "quotes": rules_quotes,
    "direct": rules_direct,
    "add": model_then_rules,
}


def combine(rules: list[Found], model: list[Found], text: str, policy: str = DEFAULT_POLICY,
            scope: str = DEFAULT_SCOPE) -> list[Found]:
    """The attributions of an article from the rules' and the model's, by `policy` in `scope`."""
    speech = scope != "all"
    if speech:
        model = [f for f in model if is_speech(f, text)]
    out = POLICIES[policy](rules, model, text)
    if speech:  # PolNeAR, which --scope all follows, annotates no second-hand speech
        out = _in_text_order(out + second_hand(rules, out, text))
    return out


def second_hand(rules: list[Found], out: list[Found], text: str) -> list[Found]:
    """The rules' attributions reported inside a quote or inside reported content ("I told
    them, 'Wait.'", "She said he had told the board that ..."), which the model, tagging one
    layer, cannot find: kept unless an attribution already holds their cue."""
    kept = []
    for r in rules:
        if r in out or r.cue is None or any(
                o.cue is not None and _overlaps([o.cue], [r.cue]) for o in out):
            continue
        lo = min(r.cue[0], r.source[0]) if r.source else r.cue[0]
        hi = max(r.content[-1][1], r.cue[1])
        part = next((p for o in out if o.kind != "turn" for p in o.content
                     if p[0] <= lo and hi <= p[1]), None)
        if r.within is not None or part is not None and r.frame and plain_report(r.frame, text):
            kept.append(replace(r, within=r.within or part))
    return kept


def is_speech(m: Found, text: str) -> bool:
    """Whether a model attribution reports speech: its cue is not negated ("did not disclose",
    "are not calling for") and holds a cue verb or noun, a speech act ("criticized"), a colon or
    a quote mark ("follows revelations", "is consulting with" are not)."""
    if m.cue is None:
        return True
    cue = text[m.cue[0] : m.cue[1]].lower()
    words = re.findall(r"[a-z’']+", cue)
    lead = re.split(r"[\"“”,.;:!?]", text[max(0, m.cue[0] - 12) : m.cue[0]])[-1]  # same clause
    before = re.findall(r"[a-z’']+", lead.lower())[-2:]
    if any(w in NEGATION or w.endswith(("n't", "n’t")) for w in words + before):
        return False
    lexicons = (cue_lexicon().forms, speech_acts(), cue_nouns())
    return (any(w in lex for w in words for lex in lexicons) or any(c in cue for c in ":\"“”")
            or content_kind(text, m.content) == "direct")


def _agreed(m: Found, rules: list[Found]) -> Found:
    """A model attribution a rule also found (overlapping content, cue and source) is more
    often right than the tagger's probabilities alone say."""
    if m.p is None or m.cue is None or m.p >= AGREED:
        return m
    for r in rules:
        if r.cue is None or not (_overlaps(r.content, m.content) and _overlaps([r.cue], [m.cue])):
            continue
        if (r.source is None) == (m.source is None) and (
                r.source is None or _overlaps([r.source], [m.source])):
            return replace(m, p=AGREED)
    return m


def _continue_quote(m: Found, rules: list[Found], out: list[Found], text: str) -> Found:
    """Add the quotes the rules found continuing the same quote with no cue of their own (the
    next paragraph's quote, the second half of an interrupted one): the model reads no further
    than a paragraph and links only what a cue reaches. Quotes another attribution holds stay."""
    for r in rules:
        if len(r.content) < 2 or not _overlaps(r.content[:1], m.content):
            continue
        more = [f for f in r.content[1:] if not any(_overlaps([f], o.content) for o in out)]
        if more:
            content = sorted(m.content + more)
            return replace(m, content=content, kind=content_kind(text, content))
    return m


def _widen_source(m: Found, rules: list[Found], text: str) -> Found:
    """Take the rules' source for the same cue when it is a joint mention ("X and Y") that holds
    the model's or runs into it (a trailing "both"): the resolver needs every speaker; or when
    the model's is a relative pronoun's clause ("who has ...") and the rules' the name before it.
    Other mentions stay as the model drew them: where the two differ, the model's edges matched
    the annotators' more often (without a relative clause, a dateline, "on Tuesday")."""
    if m.source is None or m.cue is None:
        return m
    for r in rules:
        if r.cue is None or r.source is None or not _overlaps([r.cue], [m.cue]):
            continue
        if not (JOINT.search(text, *r.source) or RELATIVE.match(text, *m.source)):
            continue
        (a, b), (c, d) = sorted([r.source, m.source])
        if r.source[0] <= m.source[0] and m.source[1] <= r.source[1] or (
                c >= b and not text[b:c].strip(" ,\n")):
            return replace(m, source=r.source)
    return m


def confidence(found: Found, speakers: list[Speaker], mention: str) -> float:
    """Higher is likelier right: the rule's precision or the model's own estimate, lowered for
    weaker evidence (see NOT_SPEECH and what follows it)."""
    score = found.p if found.p is not None else BASE_CONFIDENCE.get(found.via, OTHER_RULE)
    if found.kind == "reported" and found.frame and found.frame.kind != "speech":
        score -= NOT_SPEECH
    if not speakers or all(s.group for s in speakers):
        score -= UNNAMED_SPEAKER
    if mention.lower() in PRONOUNS:
        score -= PRONOUN
    if found.frame is not None and found.frame.inherited:
        score -= INHERITED_SUBJECT
    return max(0.05, min(0.99, score))
