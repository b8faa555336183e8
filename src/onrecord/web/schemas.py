"""Request bounds and the shapes of the JSON API, as the OpenAPI schema at /docs shows them."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from onrecord.store.dates import check_day

Kind = Literal["direct", "mixed", "indirect", "turn"]  # types.KINDS, as the schema shows them
# types.SPEAKER_TYPES, as the schema shows them
SourceType = Literal["person", "organisation", "group", "anonymous", "outlet", "document"]
MAX_LIMIT = 100  # results per page
MAX_OFFSET = 10_000  # deeper pages cost a scan each; narrow the search instead
MAX_TEXT = 100_000  # characters of a pasted article
MAX_QUERY = 500  # characters of a search box or filter


Day = Annotated[str | None, AfterValidator(check_day)]
Spans = Annotated[
    list[tuple[int, int]], BeforeValidator(lambda v: json.loads(v) if isinstance(v, str) else v)
]


class Speaker(BaseModel):
    id: int
    name: str
    type: Literal["person", "organisation"]
    title: str | None = None
    party: str | None = None
    state: str | None = None


class Occurrence(BaseModel):
    article_id: str
    date: str | None
    url: str | None
    outlet: str | None
    start: int = Field(description="offset of the quote's first character in the article text")
    end: int
    mention: str | None = Field(
        description="the speaker as named in the article: a group's or source's own words"
    )
    source_type: SourceType | None = Field(
        description="person, organisation, group, anonymous, outlet or document"
    )


class Quote(BaseModel):
    id: int
    text: str
    speaker: Speaker | None
    num_occurrences: int
    first_seen: str | None
    last_seen: str | None
    occurrences: list[Occurrence] = Field(description="the first 50, oldest first")


class QuotePage(BaseModel):
    total: int
    results: list[Quote]


class OccurrenceDetail(Occurrence):
    title: str | None
    author: str | None = Field(description="the article's byline, when its reader found one")
    kind: str
    content: Spans
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    link: str | None
    confidence: float | None
    before: str
    quote: str
    after: str


class QuoteDetail(Quote):
    occurrences: list[OccurrenceDetail] = Field(description="all of them, oldest first")


class SpeakerSummary(Speaker):
    num_quotes: int
    first_seen: str | None
    last_seen: str | None


class Alias(BaseModel):
    alias: str
    count: int


class Descriptor(BaseModel):
    kind: str
    value: str
    first_seen: str | None
    last_seen: str | None
    count: int


class Month(BaseModel):
    month: str
    quotes: int


class GenderCount(BaseModel):
    gender: str
    evidence: str = Field(description="pronoun | honorific | role | name")
    articles: int


class SpeakerDetail(SpeakerSummary):
    gender: str | None = Field(None, description="persons: female | male | unknown")
    gender_evidence: str | None = Field(None, description="user | article | name | null")
    gender_articles: list[GenderCount] = []
    aliases: list[Alias]
    descriptors: list[Descriptor]
    quotes_per_month: list[Month]


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the article, plain text")
    # a whole day that exists (check_day refuses 2024-99-99 and 2024-02-30)
    date: Annotated[str | None, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(check_day)] = None


class FoundSpeaker(BaseModel):
    name: str
    title: str | None
    party: str | None
    state: str | None
    org: str | None
    gender: str | None = None
    gender_evidence: str | None = None


class Attribution(BaseModel):
    kind: str
    text: str
    content: list[tuple[int, int]] = Field(description="offsets into the text sent")
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    speakers: list[FoundSpeaker]
    confidence: float


class ExtractResult(BaseModel):
    id: str
    date: str | None
    title: str | None
    url: str | None
    outlet: str | None
    quotes: list[Attribution]


def as_json(model: type[BaseModel], data: Any) -> Any:
    """`data` checked against `model` and back to plain JSON values (for downloads)."""
    return model.model_validate(data).model_dump(mode="json")
