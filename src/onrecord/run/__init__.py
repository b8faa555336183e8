"""Runners: drive the pipeline over many articles; no NLP logic here."""
