-- onrecord store, migration 2: full-text and quote-count upkeep done per transaction, not per row.
--
-- FTS5 writes a new index segment whenever a row is deleted or re-indexed out of rowid order,
-- so the per-row triggers of migration 1 wrote hundreds of tiny segments per ingest batch and
-- then merged them. Now the triggers only note which quotes changed (with the text the index
-- holds for them); db.sync_fts() brings quotes_fts up to date in rowid order before every
-- commit: at most two segments per batch.
DROP TRIGGER quotes_ai;
DROP TRIGGER quotes_ad;
DROP TRIGGER quotes_au;

CREATE TABLE quotes_fts_pending (
    id INTEGER PRIMARY KEY,           -- quotes.id changed in the open transaction
    indexed TEXT                      -- the text quotes_fts holds for it; NULL: not indexed yet
);
-- OR IGNORE keeps the first note of a transaction: that is what the index still holds.
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT OR IGNORE INTO quotes_fts_pending (id, indexed) VALUES (new.id, NULL);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT OR IGNORE INTO quotes_fts_pending (id, indexed) VALUES (old.id, old.text);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes WHEN old.text IS NOT new.text BEGIN
    INSERT OR IGNORE INTO quotes_fts_pending (id, indexed) VALUES (old.id, old.text);
END;

-- speakers.num_quotes kept by the quotes themselves instead of a recount per batch.
CREATE TRIGGER quotes_count_ai AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET num_quotes = num_quotes + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER quotes_count_ad AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET num_quotes = num_quotes - 1 WHERE id = old.speaker_id;
END;
CREATE TRIGGER quotes_count_au AFTER UPDATE OF speaker_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE speakers SET num_quotes = num_quotes - 1 WHERE id = old.speaker_id;
    UPDATE speakers SET num_quotes = num_quotes + 1 WHERE id = new.speaker_id;
END;
UPDATE speakers SET num_quotes = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id);
