"""Extraction: content, cue and speaker-mention spans of one article, from marks and the parse."""
