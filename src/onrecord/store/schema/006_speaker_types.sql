-- onrecord store, migration 6: speaker types. The registry holds named people and organisations
-- only; an unnamed group ("officials"), an anonymous source, an outlet or a document is kept on
-- the occurrence: its type (`source_type`) and its words (`mention`), searchable by type.
ALTER TABLE speakers ADD COLUMN type TEXT NOT NULL DEFAULT 'person';  -- person | organisation
-- The speaker's type as the article gave it (person, organisation, group, anonymous, outlet,
-- document); NULL: no source mention.
ALTER TABLE occurrences ADD COLUMN source_type TEXT;
UPDATE occurrences SET source_type = CASE
    WHEN link = 'group' THEN 'group' WHEN mention IS NOT NULL THEN 'person' END;
UPDATE occurrences SET link = NULL WHERE link = 'group';

-- Groups stored as speakers by earlier versions ("@residents") leave the registry: their quotes
-- stay, without a registry speaker, as a group's quotes now are.
UPDATE quotes SET speaker_id = NULL WHERE speaker_id IN (SELECT id FROM speakers WHERE key LIKE '@%');
DELETE FROM speakers_fts WHERE rowid IN (SELECT id FROM speakers WHERE key LIKE '@%');
DELETE FROM aliases WHERE speaker_id IN (SELECT id FROM speakers WHERE key LIKE '@%');
DELETE FROM descriptors WHERE speaker_id IN (SELECT id FROM speakers WHERE key LIKE '@%');
DELETE FROM speakers WHERE key LIKE '@%';

CREATE INDEX occurrences_source_type ON occurrences(source_type, quote_id);
