"""The JSON API: the CLI's search, quote, speaker and extraction functions over HTTP."""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response

from onrecord.read.text import header_date
from onrecord.run.local import extract
from onrecord.store.search import get_quote, get_speaker, list_speakers, search
from onrecord.types import Article, Failure
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
    until_bound,
)

if TYPE_CHECKING:
    from onrecord.web.app import Readers

router = APIRouter(prefix="/api")
_parse_lock = threading.Lock()  # one spaCy pipeline per process; parses take turns



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


def readers(request: Request) -> Readers:
    """The app's pool of read-only connections to its database."""
    return request.app.state.readers


def find_quotes(
    conn: sqlite3.Connection,
    q: str | None,
    speaker: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    kind: str | None,
    limit: int,
    offset: int,
    source_type: str | None = None,
) -> dict[str, Any]:
    """`onrecord search` with the web's bounds already checked."""
    return search(
        conn,
        q or None,
        speaker=speaker or None,
        since=since,
        until=until_bound(until),
        outlet=outlet or None,
        kind=kind or None,
        limit=limit,
        offset=offset,
        source_type=source_type or None,
    )


def found_json(conn: sqlite3.Connection, *args: Any) -> bytes:
    """`find_quotes` as the JSON body of the answer, encoded in the worker thread.

    The search's dicts are the QuotePage schema already (a test checks every answer against
    it), so the hottest path skips validating them again and a second trip to a thread.
    """
    return json.dumps(
        find_quotes(conn, *args), ensure_ascii=False, allow_nan=False, separators=(",", ":")
    ).encode()


def analyse(text: str, date: str | None, model: str | None) -> dict[str, Any]:
    """Attributions of pasted text through the CLI's extraction; nothing is stored."""
    article = Article(id="pasted", text=text, date=date or header_date(text))
    with _parse_lock:
        try:
            (item,) = list(extract([article], model=model, processes=1))
        except SystemExit as e:  # the model is not installed: say so, keep serving
            raise HTTPException(503, str(e)) from None
    if isinstance(item, Failure):
        raise HTTPException(422, item.reason)
    return item.to_json()


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
def extract_text(request: Request, body: ExtractRequest) -> dict[str, Any]:
    """Who said what in a pasted article (offsets index `text`); the database is not touched."""
    return analyse(body.text, body.date, request.app.state.model)
