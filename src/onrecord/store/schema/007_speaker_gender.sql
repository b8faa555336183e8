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

