-- onrecord store, migration 5: the article's byline (from the page, the JSONL record or the
-- WARC's HTML), when the reader found one. Articles stored before keep NULL until re-ingested
-- with a changed text.
ALTER TABLE articles ADD COLUMN author TEXT;
