-- onrecord store, migration 4: declare quotes_fts with content="quotes" (double quotes), the
-- form Datasette looks for, so `datasette onrecord.db` offers full-text search on the quotes
-- table. Same tokenizer and rows; the index is rebuilt from the quotes (about 5 s a million).
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content="quotes", content_rowid="id", tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
