"""The language server: svclint's findings in the editor while the writer types.

Documents are synchronised whole (full sync) and linted through the library API, one
`Session` per workspace folder kept warm between edits, so each document takes its
closest configuration exactly as `svclint check` does. Linting runs on one worker
thread, never on the thread that reads messages, so hovers and code actions are
answered while a long page is linted. A configuration file that changes (saved in
the editor, or reported by the client's file watcher) drops the sessions, and every
open document is linted again.

Typing is throttled: a change after a pause is linted at once; changes that follow
each other within DEBOUNCE_SECONDS are linted once, that long after the last of them.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from svclint import __version__
from svclint.api import Session
from svclint.config import CONFIG_NAMES
from svclint.errors import SvclintError
from svclint.files import is_project_file
from svclint.lsp.actions import EDIT_CONFIG, ActionContext, actions_for
from svclint.lsp.configedit import NEW_CONFIG, add_to_list, file_glob, ignore_in_file
from svclint.lsp.documents import lint_path, workspace_root
from svclint.lsp.positions import LineIndex
from svclint.lsp.publish import (
    RulePages,
    file_diagnostic,
    finding_diagnostic,
    notice,
    page_language,
)
from svclint.model import Finding
from svclint.rules.packs import RuleBook

DEBOUNCE_SECONDS = 0.15
# Texts that make the first lint of each language compile its rules and load spaCy
# before the writer's first document arrives.
_WARM_UP = ("Gracias por escribirnos. Le respondemos hoy mismo.", "Thank you for writing. We will answer today.")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """A document as it was when its lint started."""

    uri: str
    text: str
    version: int | None
    path: str
    language_id: str | None


@dataclass
class Linted:
    """A document's last lint: what was published and what actions and hovers need."""

    version: int | None
    index: LineIndex
    diagnostics: list[types.Diagnostic]
    findings: list[tuple[Finding, types.Diagnostic]] = field(default_factory=list)
    book: RuleBook | None = None
    path: str = ""  # the path it was linted as
    config_path: str | None = None  # where configuration actions write


class Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read with an error instead of
    leaving the client waiting (pygls only logs it)."""

    def structure_message(self, data: dict):  # type: ignore[no-untyped-def]
        try:
            return super().structure_message(data)
        except Exception:
            if "id" in data and "method" in data:
                error = types.ResponseError(code=types.ErrorCodes.InvalidParams,
                                            message=f"svclint could not read the parameters of {data['method']!r}")
                self._send_response(data["id"], error=error)  # type: ignore[arg-type]
            raise


class SvclintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE_SECONDS):
        super().__init__("svclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=Protocol)
        self.debounce = debounce
        self.sessions: dict[str, Session] = {}  # workspace folder -> its session (used on the worker only)
        self.linted: dict[str, Linted] = {}
        self.pages = RulePages()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="svclint-lint")
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._last_change: dict[str, float] = {}
        self._register()

    def _register(self) -> None:
        for method, name in ((types.INITIALIZED, "initialized"), (types.SHUTDOWN, "stop"),
                             (types.TEXT_DOCUMENT_DID_OPEN, "changed"), (types.TEXT_DOCUMENT_DID_CHANGE, "changed"),
                             (types.TEXT_DOCUMENT_DID_SAVE, "saved"), (types.TEXT_DOCUMENT_DID_CLOSE, "closed"),
                             (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, "watched_files_changed"),
                             (types.TEXT_DOCUMENT_HOVER, "hover")):
            self.feature(method)(_calling(name))
        self.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix]))(_calling("code_actions"))
        self.command(EDIT_CONFIG)(_edit_config)

    # ---- life cycle -----------------------------------------------------------------

    def initialized(self, params: types.InitializedParams) -> None:
        """Load spaCy and compile both languages' rules now, on the worker, so that the
        first document does not wait for them; watch configuration files."""
        self._worker.submit(self._warm_up, self.roots()[0] if self.roots() else os.getcwd())
        watching = self.client_capabilities.workspace and self.client_capabilities.workspace.did_change_watched_files
        if watching and watching.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            self.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="svclint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    def _warm_up(self, root: str) -> None:
        try:
            linter = self._session(root).linter_for(os.path.join(root, "warm-up.txt"))
            for text in _WARM_UP:
                linter.lint_text(os.path.join(root, "warm-up.txt"), text)
        except Exception:  # noqa: BLE001 -- a broken configuration is reported on the documents it applies to
            _log.exception("warm-up failed")

    def stop(self, params: None = None) -> None:
        self.pages.remove()

    def roots(self) -> list[str]:
        """The workspace folders, as paths."""
        uris = [folder.uri for folder in self.workspace.folders.values()]
        paths = [to_fs_path(uri) for uri in uris] + [self.workspace.root_path]
        return [os.path.abspath(path) for path in paths if path]

    # ---- documents --------------------------------------------------------------------

    def changed(self, params: types.DidOpenTextDocumentParams | types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        loop = asyncio.get_running_loop()
        now = loop.time()
        in_burst = now - self._last_change.get(uri, float("-inf")) < self.debounce or uri in self._timers
        self._last_change[uri] = now
        self._schedule(uri, self.debounce if in_burst else 0)

    def saved(self, params: types.DidSaveTextDocumentParams) -> None:
        if os.path.basename(to_fs_path(params.text_document.uri) or "") in CONFIG_NAMES:
            self.reload()
        else:
            self._schedule(params.text_document.uri, 0)

    def closed(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = self._timers.pop(uri, None)
        if timer:
            timer.cancel()
        self.linted.pop(uri, None)
        self._last_change.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def watched_files_changed(self, params: types.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(to_fs_path(change.uri) or "") in CONFIG_NAMES for change in params.changes):
            self.reload()

    def reload(self) -> None:
        """Configuration changed: new sessions (made on the worker, after the lints
        already queued), rule pages written again, every open document linted again."""
        self._worker.submit(self.sessions.clear)
        self.pages.forget()
        for uri in list(self.workspace.text_documents):
            self._schedule(uri, 0)

    def _schedule(self, uri: str, delay: float) -> None:
        timer = self._timers.pop(uri, None)
        if timer:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(delay, self._start, uri)

    def _start(self, uri: str) -> None:
        self._timers.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        snapshot = Snapshot(uri, document.source, document.version, document.path, document.language_id)
        asyncio.ensure_future(self._lint_and_publish(snapshot))

    async def _lint_and_publish(self, snapshot: Snapshot) -> None:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self._worker, self.lint, snapshot, encoding)
        document = self.workspace.text_documents.get(snapshot.uri)
        if document is None or document.version != snapshot.version or document.source != snapshot.text:
            return  # closed or changed meanwhile: its newer lint publishes
        self.linted[snapshot.uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=snapshot.uri, diagnostics=linted.diagnostics, version=snapshot.version))

    # ---- linting (on the worker thread) -----------------------------------------------

    def _session(self, root: str) -> Session:
        if root not in self.sessions:
            self.sessions[root] = Session(keep_source=False)
        return self.sessions[root]

    def lint(self, snapshot: Snapshot, encoding: str) -> Linted:
        """The document's diagnostics; any failure becomes a diagnostic, never an exception."""
        index = LineIndex(snapshot.text, encoding)
        roots = self.roots()
        # An unsaved document has no folder: it belongs to the (first) workspace.
        root = workspace_root(snapshot.path, roots) if os.path.isabs(snapshot.path) else next(iter(roots), None)
        path = lint_path(snapshot.path, snapshot.language_id, root)
        if path is None:
            message = f"svclint does not read this kind of document ({snapshot.language_id or 'no language'}); not linted."
            return Linted(snapshot.version, index, [notice(message, types.DiagnosticSeverity.Information)])
        try:
            return self._lint(snapshot, index, path, root or os.path.dirname(path))
        except SvclintError as error:  # a configuration or rule pack that cannot be used
            message = f"svclint cannot lint this document: {error}"
        except Exception as error:  # noqa: BLE001 -- a bug must cost one document its diagnostics, not the server
            _log.exception("linting %s failed", snapshot.uri)
            message = f"svclint failed on this document ({type(error).__name__}: {error})"
        return Linted(snapshot.version, index, [notice(message, types.DiagnosticSeverity.Error)])

    def _lint(self, snapshot: Snapshot, index: LineIndex, path: str, root: str) -> Linted:
        session = self._session(root)
        if is_project_file(os.path.basename(path)) or session.excluded(path):
            # What `check --force-exclude` leaves out (README.md, svclint.yaml, `exclude`
            # globs) is no customer text, in the editor either.
            return Linted(snapshot.version, index, [])
        linter = session.linter_for(path)
        # Bytes, as a file's would be: the size limit and the UTF-8 check (a lone
        # surrogate sent by the client) answer as they do on the command line.
        result = session.reported(linter.lint_bytes(path, snapshot.text.encode("utf-8", "surrogatepass")))
        book = linter.book
        diagnostics = [file_diagnostic(problem, index, self.pages.href(book, problem.code, "en"))
                       for problem in result.diagnostics]
        findings = [(finding, finding_diagnostic(finding, index, self.pages.href(book, finding.code,
                                                                                  page_language(finding))))
                    for finding in result.findings]
        config = session.config_for(path).path
        return Linted(snapshot.version, index, diagnostics + [diagnostic for _, diagnostic in findings], findings,
                      book, path, config or os.path.join(root, NEW_CONFIG))

    # ---- hover and code actions -------------------------------------------------------

    def _current(self, uri: str) -> Linted | None:
        """The document's last lint, if it describes the text the client has now."""
        linted = self.linted.get(uri)
        document = self.workspace.text_documents.get(uri)
        if linted is None or document is None or document.version != linted.version:
            return None
        return linted

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = self._current(params.text_document.uri)
        if linted is None or linted.book is None:
            return None
        here = (params.position.line, params.position.character)
        pages = [self.pages.page(linted.book, finding.code, page_language(finding))
                 for finding, diagnostic in linted.findings if _within(here, diagnostic.range)]
        shown = list(dict.fromkeys(page for page in pages if page))
        if not shown:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(shown)))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = self._current(params.text_document.uri)
        if linted is None:
            return None
        wanted = params.range
        start, end = (wanted.start.line, wanted.start.character), (wanted.end.line, wanted.end.character)
        context = ActionContext(params.text_document.uri, linted.path, linted.index,
                                config_editable=not (linted.config_path or "").endswith("pyproject.toml"))
        return [action for finding, diagnostic in linted.findings if _overlaps(start, end, diagnostic.range)
                for action in actions_for(finding, context, diagnostic)]

    def edit_config(self, uri: str, key: str, value: str) -> None:
        """Write a configuration action's entry into the document's closest svclint.yaml
        (created in the workspace folder when there is none), then lint again."""
        linted = self.linted.get(uri)
        if linted is None or linted.config_path is None:
            raise ValueError(f"{uri} has not been linted")
        config = linted.config_path
        try:
            if key == "per-file-ignores":
                ignore_in_file(config, file_glob(linted.path, os.path.dirname(config)), value)
            elif key in ("glossary", "organization"):
                add_to_list(config, key, value)
            else:
                raise ValueError(f"svclint does not edit {key!r}")
        except SvclintError as error:  # a file svclint cannot read or extend: left as it was
            self._show_error(str(error))
            return
        except OSError as error:  # a folder or file it may not write
            self._show_error(f"{config}: cannot write: {error.strerror or error}")
            return
        self.reload()

    def _show_error(self, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))


def _calling(method: str) -> Callable[[SvclintServer, Any], Any]:
    """A handler for pygls, which marks the functions it registers (a bound method
    takes no attributes): it calls the server's method of that name."""
    def handle(ls: SvclintServer, params: Any) -> Any:
        return getattr(ls, method)(params)

    return handle


def _edit_config(ls: SvclintServer, uri: str, key: str, value: str) -> None:
    """The command of the configuration actions (pygls reads its argument types)."""
    ls.edit_config(uri, key, value)


def _within(here: tuple[int, int], span: types.Range) -> bool:
    return (span.start.line, span.start.character) <= here <= (span.end.line, span.end.character)


def _overlaps(start: tuple[int, int], end: tuple[int, int], span: types.Range) -> bool:
    return start <= (span.end.line, span.end.character) and (span.start.line, span.start.character) <= end


def serve() -> None:
    """Serve one client over standard input and output until it exits."""
    server = SvclintServer()
    try:
        server.start_io()
    finally:
        server.pages.remove()
