-- onrecord store, migration 1: articles, speakers, quotes, occurrences, full-text indexes.
-- Dates are ISO strings (YYYY-MM-DD) so they sort and compare as text.

CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,          -- the article id given by the reader
    url TEXT,
    date TEXT,
    title TEXT,
    outlet TEXT,
    text TEXT NOT NULL,               -- kept so offsets can be shown in context
    hash TEXT NOT NULL,               -- sha256 of the text: same id + same hash = nothing to do
    num_quotes INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,               -- display name, the fullest form seen
    key TEXT NOT NULL UNIQUE,         -- "first last", folded; "~last" for a surname-only speaker
    surname TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0, -- 1: only ever seen as a bare surname
    num_quotes INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX speakers_surname ON speakers(surname);

CREATE TABLE aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,              -- as written: "Sen. Jeff Sessions"
    norm TEXT NOT NULL,               -- folded, for lookup: "sen jeff sessions"
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (speaker_id, norm)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases(norm);

CREATE TABLE descriptors (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,               -- title | party | state | org
    value TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (speaker_id, kind, value)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER REFERENCES speakers(id),  -- NULL: speaker unresolved
    text TEXT NOT NULL,               -- the longest form seen
    norm TEXT NOT NULL,               -- case, punctuation and marks removed; the merge key
    norm_hash INTEGER NOT NULL,       -- 64-bit hash of norm: exact repeats found by index
    words INTEGER NOT NULL,           -- 63-bit set of norm's words: cut-form candidates by index
    num_occurrences INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
-- (speaker, date) bounds the cut-form scan and carries `words`, so the scan never reads rows.
CREATE INDEX quotes_speaker ON quotes(speaker_id, last_seen, first_seen, words);
CREATE INDEX quotes_last_seen ON quotes(last_seen);
CREATE INDEX quotes_norm ON quotes(speaker_id, norm_hash);

CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quotes(id),
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    date TEXT,                        -- copied from the article: filters need no join
    outlet TEXT,
    kind TEXT NOT NULL,               -- direct | mixed | indirect | turn
    start INTEGER NOT NULL,           -- first content span start
    "end" INTEGER NOT NULL,           -- last content span end
    content TEXT NOT NULL,            -- JSON [[s, e], ...]
    cue_start INTEGER, cue_end INTEGER,
    source_start INTEGER, source_end INTEGER,
    mention TEXT,                     -- speaker as named in the article
    link TEXT,                        -- how the speaker was linked: name | article | surname | title
    confidence REAL
);
CREATE INDEX occurrences_quote ON occurrences(quote_id, date);
CREATE INDEX occurrences_article ON occurrences(article);
CREATE INDEX occurrences_date ON occurrences(date);

-- Full text over quote text (stemmed: "recuse" finds "recusal") and speaker names + aliases.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE speakers_fts USING fts5(
    name, aliases, tokenize='unicode61 remove_diacritics 2'
);
