"""The JSON API: the CLI's search, quote, speaker and extraction functions over HTTP."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response

from onrecord.store.search import get_quote, get_speaker, list_speakers
from onrecord.web.deps import extractions, found_json, readers
from onrecord.web.schemas import (
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY,
    Day,
    ExtractRequest,
    ExtractResult,
    Kind,
    QuoteDetail,
    QuotePage,
    SourceType,
    SpeakerDetail,
    SpeakerSummary,
)

router = APIRouter(prefix="/api")


def text(description: str) -> Any:
    """A bounded free-text query parameter."""
    return Annotated[str | None, Query(max_length=MAX_QUERY, description=description)]


def day(description: str) -> Any:
    """A date filter parameter: YYYY, YYYY-MM or YYYY-MM-DD."""
    return Annotated[Day, Query(description=description)]


Words = text('words that must all occur; "a phrase" in quotes; word* for a prefix')
Name = text("any name, alias or surname")
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


@router.get("/quotes", response_model=QuotePage, summary="Search quotes", tags=["quotes"])
async def quotes(
    request: Request,
    q: Words = None,
    speaker: Name = None,
    since: day("quoted on or after this day, month or year") = None,
    until: day("quoted on or before this day, month or year") = None,
    outlet: text("quoted by this outlet") = None,
    kind: Kind | None = None,
    source_type: SourceType | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """Quotes matching every filter, most recently seen first, with the total count."""
    body = await readers(request).run(
        found_json, q, speaker, since, until, outlet, kind, limit, offset, source_type
    )
    return Response(body, media_type="application/json")


@router.get("/quotes/{quote_id}", response_model=QuoteDetail, summary="One quote", tags=["quotes"])
async def quote(request: Request, quote_id: int) -> dict[str, Any]:
    """One quote with every occurrence: outlet, date, link, offsets and the text around it."""
    found = await readers(request).run(get_quote, quote_id)
    if found is None:
        raise HTTPException(404, f"no quote {quote_id}")
    return found


@router.get("/speakers", response_model=list[SpeakerSummary], summary="List speakers", tags=["speakers"])
async def speakers(
    request: Request,
    q: text("a name, alias, surname or name prefix") = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Speakers by number of quotes, or those `q` names."""
    return await readers(request).run(list_speakers, q or None, limit, offset)


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetail, summary="One speaker", tags=["speakers"])
async def speaker(request: Request, speaker_id: int) -> dict[str, Any]:
    """One speaker: aliases, descriptors with the dates they were seen, quotes per month."""
    found = await readers(request).run(get_speaker, speaker_id)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id}")
    return found


@router.post("/extract", response_model=ExtractResult, summary="Attributions of pasted text", tags=["extraction"])
async def extract_text(request: Request, body: ExtractRequest) -> dict[str, Any]:
    """Who said what in a pasted article (offsets index `text`); the database is not touched.
    One article is extracted at a time and a few wait their turn: beyond them, 503 with
    Retry-After."""
    return await extractions(request).run(body.text, body.date)
