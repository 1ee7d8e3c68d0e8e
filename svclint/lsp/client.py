"""A small client that drives `svclint lsp` in a subprocess over stdio, for the tests
(tests/test_lsp.py) and the benchmark (bench/lsp.py): pygls's language client on an
event loop of its own thread, behind plain blocking calls.

    editor = Editor(Path("replies"))
    diagnostics = editor.open("retraso.txt", "Cálmese, por favor.")
    editor.close()
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar, Union

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

T = TypeVar("T")
TIMEOUT = 60  # seconds; the first lint waits for spaCy and the rules to load


class Editor:
    """A language client on its own event loop thread, so its callers stay plain functions.

    lsprotocol's client reads any code action that has a `command` as a Command, though
    a CodeAction may carry one (the specification tells them apart by the type of
    `command`, as editors do): the client here does the same."""

    def __init__(self, workspace: Path, encodings: list[str] | None = None):
        self.workspace = workspace
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.client = LanguageClient("svclint-client", "1")
        converter = self.client.protocol._converter
        # the very key lsprotocol registered its hook under (typing.Union, not X | Y)
        converter.register_structure_hook(Union[types.Command, types.CodeAction], lambda item, _: converter.structure(  # noqa: UP007
            item, types.Command if isinstance(item.get("command"), str) else types.CodeAction))
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[str] = []
        self.changed = threading.Condition()
        # pygls marks the functions it registers, which a bound method cannot carry
        self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: self._on_diagnostics(params))
        self.client.feature(types.WINDOW_SHOW_MESSAGE)(lambda params: self.messages.append(params.message))
        self.registrations: list[types.Registration] = []  # what the server asked to be told about
        self.client.feature(types.CLIENT_REGISTER_CAPABILITY)(
            lambda params: self.registrations.extend(params.registrations))
        self.run(self.client.start_io(sys.executable, "-m", "svclint", "lsp", cwd=str(workspace)))
        general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
        # Like most editors, it watches files for the server when asked to.
        watching = types.WorkspaceClientCapabilities(did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=True))
        self.initialized = self.run(self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(general=general, workspace=watching),
            root_uri=from_fs_path(str(workspace)),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="replies")])))
        self.notify(self.client.initialized, types.InitializedParams())

    def _on_diagnostics(self, params: types.PublishDiagnosticsParams) -> None:
        with self.changed:
            self.published.setdefault(params.uri, []).append(params)
            self.changed.notify_all()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT)

    def notify(self, send: Any, params: Any) -> None:
        """A notification, written from the loop's own thread (the pipe is not thread-safe)."""
        self.loop.call_soon_threadsafe(send, params)

    def write_raw(self, body: bytes) -> None:
        message = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        self.loop.call_soon_threadsafe(self.client._server.stdin.write, message)  # type: ignore[union-attr]

    def request_raw(self, message: dict[str, Any]) -> JsonRpcException:
        """The error the server answers a hand-written request with."""
        answer: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.client.protocol._request_futures[message["id"]] = answer  # where pygls files its replies
        self.write_raw(json.dumps(message).encode())
        error = answer.exception(TIMEOUT)
        if isinstance(error, JsonRpcException):
            return error
        raise RuntimeError(f"the server answered {answer.result()!r}, not an error")

    def uri(self, name: str) -> str:
        return from_fs_path(str(self.workspace / name))

    def open(self, name: str, text: str, language_id: str = "plaintext") -> list[types.Diagnostic]:
        seen = len(self.published.get(self.uri(name), []))
        self.notify(self.client.text_document_did_open, types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=self.uri(name), language_id=language_id, version=1, text=text)))
        return self.wait(name, seen).diagnostics

    def change(self, name: str, version: int, text: str) -> None:
        self.notify(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri(name), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def wait(self, name: str, seen: int, version: int | None = None) -> types.PublishDiagnosticsParams:
        """The first publication for `name` after the `seen` ones (of `version`, if given)."""
        def arrived() -> bool:
            later = self.published.get(self.uri(name), [])[seen:]
            return any(version is None or params.version == version for params in later)

        with self.changed:
            if not self.changed.wait_for(arrived, TIMEOUT):
                raise TimeoutError(f"no diagnostics for {name} in {TIMEOUT} s")
            later = self.published[self.uri(name)][seen:]
            return next(params for params in later if version is None or params.version == version)

    def command(self, name: str, action: types.CodeAction) -> types.PublishDiagnosticsParams:
        """Run a configuration action and return the document's next diagnostics."""
        if action.command is None:
            raise ValueError(f"{action.title!r} is no command")
        seen = len(self.published[self.uri(name)])
        self.run(self.client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments)))
        return self.wait(name, seen)

    def actions(self, name: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        found = self.run(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(name)), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]))))
        return [action for action in found or [] if isinstance(action, types.CodeAction)]

    def hover(self, name: str, line: int, character: int) -> types.Hover | None:
        return self.run(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(name)),
            position=types.Position(line=line, character=character))))

    def close(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.notify(self.client.exit, None)
        self.run(self.client.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
