"""The studio's web application (Starlette): the page, its static files and a JSON API.

    GET  /                    the page
    POST /api/check           {text, lang?, kind?, path?} -> findings, fixes, turns, counts, report
    GET  /api/rule/{code}     ?lang=es|en -> the rule's explain page
    POST /api/playground      {pack, text, lang?, kind?, path?} -> errors, examples, findings
    GET  /api/file            ?path=… -> the text of a file inside the served folder

Every request must name this server in its Host header (a page elsewhere that
rebinds its DNS name to 127.0.0.1 sends its own name) and, when the browser sends
an Origin, come from this page. Bodies are limited in size; no endpoint writes in
the served folder (the playground hands its rule to the pack loader through a
private temporary file).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from svclint.api import Session
from svclint.config import find_config
from svclint.errors import SvclintError
from svclint.explain import explain_rule
from svclint.model import KINDS
from svclint.studio.checking import CheckRequest, check
from svclint.studio.files import Refused, read_text_inside, relative_name
from svclint.studio.playground import Trial, try_rules

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 5 * 1024 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# The page loads only its own files: no inline script, nothing from elsewhere, no framing.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class LocalOnly:
    """ASGI middleware: refuse a Host header other than this server's address and port,
    and an Origin other than this page's; add the security headers to every answer."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        problem = self._problem(headers)
        if problem:
            await _with_headers(JSONResponse({"error": problem}, status_code=403))(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_secured)

    def _problem(self, headers: dict[str, str]) -> str | None:
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            return "this server answers only to its local address (the Host header names another)"
        origin = headers.get("origin")
        if origin is not None and origin.lower().split("://", 1)[-1] not in self.hosts:
            return "requests from other pages are refused"
        return None


def _with_headers(response: Response) -> Response:
    response.raw_headers.extend(SECURITY_HEADERS)
    return response


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers that name this server: its address, or any loopback name
    when it listens on loopback, with its port (browsers leave out port 80)."""
    names = {f"[{host}]" if ":" in host else host.lower()}
    if host in ("127.0.0.1", "localhost", "::1"):
        names.update(LOOPBACK_NAMES)
    return frozenset({f"{name}:{port}" for name in names} | (names if port == 80 else set()))


class Studio:
    """The linting behind the API: one Session per language and kind chosen on the page,
    each keeping its compiled rules and loaded configurations; calls are serialised (a
    Session is not shared between threads)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._sessions: dict[tuple[str | None, str | None], Session] = {}
        self._stamps: dict[str, tuple[int, int] | None] = {}  # settings file -> (mtime, size)
        self._lock = threading.Lock()

    def session(self, lang: str | None, kind: str | None) -> Session:
        key = (lang, kind)
        if key not in self._sessions:
            self._sessions[key] = Session(lang=lang, kind=kind)
        return self._sessions[key]

    def follow_settings(self, where: str) -> None:
        """Start the sessions again when a configuration or rule pack that applies to
        `where` was edited, or a new configuration now applies to it, so the page follows
        the project's settings as the next `svclint check` would."""
        if self._settings_changed(where):
            self._sessions.clear()
            self._stamps.clear()
            self._settings_changed(where)  # records the files as they are now

    def _settings_changed(self, where: str) -> bool:
        base = self.session(None, None)
        config = base.config_for(where)
        found = find_config(Path(where))
        changed = (found.resolve() if found else None) != (Path(config.path).resolve() if config.path else None)
        for path in [*base.config_files([where]), *config.pack_paths()]:
            stamp = _stamp(path)
            changed |= self._stamps.setdefault(path, stamp) != stamp
        return changed

    def request(self, body: dict) -> CheckRequest:
        text = body.get("text")
        if not isinstance(text, str):
            raise ApiError("'text' must be a string")
        name = _string(body, "path", "text.txt")
        try:
            where = str(self.root / relative_name(name))
        except Refused as refused:
            raise ApiError(str(refused), refused.status) from None
        self.follow_settings(where)
        limit = self.session(None, None).config_for(where).max_file_bytes()
        if len(text.encode("utf-8", "surrogatepass")) > limit:
            raise ApiError(f"the text is larger than the {limit:,}-byte limit (option max-file-bytes)", 413)
        return CheckRequest(text, name, where)

    def check(self, body: dict) -> dict:
        with self._lock:
            request = self.request(body)
            return check(self.session(_lang(body), _kind(body)), request)

    def playground(self, body: dict) -> dict:
        with self._lock:
            trial = Trial(_string(body, "pack", ""), self.request(body), _lang(body), _kind(body))
            return try_rules(trial, self.session(None, None).config_for(trial.page.where))

    def explain(self, code: str, lang: str) -> dict:
        if lang not in ("es", "en"):
            raise ApiError("'lang' must be es or en")
        with self._lock:
            self.follow_settings(str(self.root))
            book = self.session(None, None).linter_for(str(self.root)).book
        by_slug = {meta.slug: name for name, meta in book.catalogue.items()}
        code = by_slug.get(code.lower(), code.upper())
        try:
            page = explain_rule(book, code, lang)
        except SvclintError as error:
            raise ApiError(error.message, 404) from None
        meta = book.catalogue.get(code)
        return {"code": code, "lang": lang, "page": page, "slug": meta.slug if meta else None}

    def read_file(self, given: str) -> dict:
        with self._lock:
            self.follow_settings(str(self.root))
            limit = self.session(None, None).config_for(str(self.root)).max_file_bytes()
        try:
            return {"path": given, "text": read_text_inside(self.root, given, limit)}
        except Refused as refused:
            raise ApiError(str(refused), refused.status) from None


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _string(body: dict, key: str, default: str) -> str:
    value = body.get(key, default)
    if not isinstance(value, str):
        raise ApiError(f"'{key}' must be a string")
    return value


def _lang(body: dict) -> str | None:
    lang = _string(body, "lang", "auto")
    if lang not in ("auto", "es", "en"):
        raise ApiError("'lang' must be auto, es or en")
    return None if lang == "auto" else lang


def _kind(body: dict) -> str | None:
    kind = _string(body, "kind", "auto")
    if kind != "auto" and kind not in KINDS:
        raise ApiError(f"'kind' must be auto or one of {', '.join(KINDS)}")
    return None if kind == "auto" else kind


async def read_json(request: Request) -> dict:
    """The request's JSON object, read no further than the size limit."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(f"the request is larger than {MAX_BODY_BYTES:,} bytes", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(f"the request is larger than {MAX_BODY_BYTES:,} bytes", 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError("the request is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ApiError(f"the request is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise ApiError("the request must be a JSON object")
    return data


def create_app(root: Path, host: str = "127.0.0.1", port: int = 8765) -> Starlette:
    """The studio for the folder `root`, answering as `host`:`port`."""
    studio = Studio(root)

    async def page(_: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    async def api_check(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(studio.check, await read_json(request)))

    async def api_playground(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(studio.playground, await read_json(request)))

    async def api_rule(request: Request) -> Response:
        lang = request.query_params.get("lang", "es")
        return JSONResponse(await run_in_threadpool(studio.explain, request.path_params["code"], lang))

    async def api_file(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(studio.read_file, request.query_params.get("path", "")))

    routes = [
        Route("/", page),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/playground", api_playground, methods=["POST"]),
        Route("/api/rule/{code}", api_rule),
        Route("/api/file", api_file),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: _api_error, SvclintError: _unusable_settings, Exception: _internal_error}
    return Starlette(routes=routes, exception_handlers=handlers,
                     middleware=[Middleware(LocalOnly, hosts=allowed_hosts(host, port))])


async def _api_error(_: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return JSONResponse({"error": error.message}, status_code=error.status)


async def _unusable_settings(_: Request, error: Exception) -> Response:
    """A configuration or rule pack that cannot be used (file:line: what) is the client's
    answer, as it is the command line's exit 2."""
    return JSONResponse({"error": str(error)}, status_code=422)


async def _internal_error(_: Request, error: Exception) -> Response:
    return JSONResponse({"error": f"internal error: {type(error).__name__}"}, status_code=500)
