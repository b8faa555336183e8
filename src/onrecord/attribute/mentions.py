"""Words that are never a person's name on their own, from package data."""

from __future__ import annotations

from onrecord.attribute.lexicon import read_lines

NOT_NAMES = frozenset(read_lines("not_names.txt"))
