-- onrecord store, migration 7: the gender of quoted people (persons only), with the evidence
-- each article gave counted across articles, and corrections by the user that re-ingest keeps.
-- The speaker's gender as decided (store/gender.py): female | male | unknown; NULL for an
-- organisation. gender_evidence: user | article | name | NULL (nothing to go on).
ALTER TABLE speakers ADD COLUMN gender TEXT;
ALTER TABLE speakers ADD COLUMN gender_evidence TEXT;
UPDATE speakers SET gender = 'unknown' WHERE type = 'person';
-- The gender this article showed for the occurrence's speaker (pronoun | honorific | role from
-- the text, name from the first name); NULL: none. One value per speaker per article.
ALTER TABLE occurrences ADD COLUMN gender TEXT;
ALTER TABLE occurrences ADD COLUMN gender_evidence TEXT;

-- Articles that gave each gender, by kind of evidence: what speakers.gender is decided from.
CREATE TABLE speaker_gender (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    gender TEXT NOT NULL,             -- female | male
    evidence TEXT NOT NULL,           -- pronoun | honorific | role | name
    articles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, gender, evidence)
) WITHOUT ROWID;

-- `onrecord speakers ID --set-gender`: kept by the speaker's key, so a speaker dropped and
-- made again by a re-ingest gets it back.
CREATE TABLE gender_corrections (
    key TEXT PRIMARY KEY,
    gender TEXT NOT NULL,             -- female | male | unknown
    corrected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);


-- The report (store/report.py) counts quotes per outlet, month, source type and speaker from
-- one covering index, without reading the quotes: each occurrence carries its quote's speaker,
-- kept equal by triggers when a quote changes speaker or an occurrence changes quote.
ALTER TABLE occurrences ADD COLUMN speaker_id INTEGER;
UPDATE occurrences SET speaker_id = (SELECT q.speaker_id FROM quotes q WHERE q.id = occurrences.quote_id);
CREATE INDEX occurrences_report ON occurrences(outlet, date, source_type, speaker_id);
CREATE TRIGGER quotes_speaker_au AFTER UPDATE OF speaker_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE occurrences SET speaker_id = new.speaker_id WHERE quote_id = new.id;
END;
CREATE TRIGGER occurrences_quote_au AFTER UPDATE OF quote_id ON occurrences
WHEN old.quote_id IS NOT new.quote_id BEGIN
    UPDATE occurrences SET speaker_id = (SELECT speaker_id FROM quotes WHERE id = new.quote_id)
    WHERE id = new.id;
END;

-- The report's summary (store/summary.py): quotes and people per outlet and month, per outlet,
-- per month and overall, by source type, gender and party, and each person's quotes per outlet
-- and overall. Rebuilt after an ingest run or a correction; `fresh` = 0 while writes have
-- happened since, and the report then counts from the occurrences instead.
CREATE TABLE report_cells (
    level TEXT NOT NULL,              -- outlet,month | outlet | month | all
    outlet TEXT, month TEXT, source_type TEXT NOT NULL,
    gender TEXT,                      -- NULL: not a registry person
    party TEXT,
    quotes INTEGER NOT NULL,
    people INTEGER NOT NULL
);
CREATE INDEX report_cells_level ON report_cells(level, outlet);
CREATE TABLE report_people (
    outlet TEXT NOT NULL,             -- '': every outlet
    speaker_id INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (outlet, speaker_id)
) WITHOUT ROWID;
CREATE TABLE report_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fresh INTEGER NOT NULL,
    refreshed_at TEXT
);
INSERT INTO report_state (id, fresh) VALUES (1, 0);
