"""The ASGI app behind `onrecord serve`: JSON API, server-rendered pages, local assets only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.settings import Settings
from onrecord.store.db import READERS, Readers
from onrecord.web import api, pages, report
from onrecord.web.extraction import MAX_WAITING, ExtractionQueue

HERE = Path(__file__).parent
MAX_BODY = 512 * 1024  # bytes of request body; pasted articles are bounded by characters too

# Pages load scripts, styles and images from this app only; Swagger UI at /docs needs its
# one inline start-up script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class BodyLimit:
    """Answers 413 to any request body over `limit` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send)
            return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # Answer now; the app sees the client leave and whatever it says is dropped.
                    if not started:
                        refused = True
                        await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted, tracked)


class SecurityHeaders:
    """Adds the content policy and no-sniff, no-referrer, no-framing headers to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = CSP_DOCS if scope["path"].startswith("/docs") else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _too_large(send: Send) -> None:
    body = b'{"detail":"request body too large"}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


LOOPBACK_NAMES = ["127.0.0.1", "localhost"]


def create_app(
    db: str | Path,
    settings: Settings | None = None,
    hosts: list[str] | None = None,
    readers: int = READERS,
    extract_waiting: int = MAX_WAITING,
) -> FastAPI:
    """The app over one database file, opened read-only; `settings` say how pasted articles are
    extracted.

    `hosts`, when given, are the only Host headers answered: a server on loopback then refuses
    pages fetched through another name (DNS rebinding). `readers`: connections, and so database
    requests served at once. `extract_waiting`: pasted articles queued behind the one being
    extracted; more are refused with 503.
    """
    pool = Readers(db, readers)
    settings = settings or Settings()
    extractions = ExtractionQueue(settings, extract_waiting)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        extractions.close()

    app = FastAPIOffline(
        title="onrecord",
        summary="Who said what, when: attributed quotes from news articles.",
        version="0.1.0",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.readers = pool
    app.state.settings = settings
    app.state.extractions = extractions
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(report.router)
    pages.install_error_pages(app)
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(SecurityHeaders)
    return app
