"""Reading: any input becomes a stream of Article records (or Failures); no NLP here."""

from onrecord.read.sources import read_inputs

__all__ = ["read_inputs"]
