"""`svclint lsp`: a real server process driven over stdio by pygls's language client.

One server serves the module (start-up loads spaCy and compiles the rules once); a
second, short-lived one checks the negotiation of the UTF-8 position encoding.
Texts are opened from a temporary workspace whose svclint.yaml carries comments,
so the configuration actions can be checked on disk.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path

from svclint.lsp.actions import comment_for
from svclint.lsp.client import Editor
from svclint.lsp.documents import lint_path
from svclint.lsp.positions import LineIndex
from svclint.model import Position

SPANISH = ("Asunto: Su pedido 4411\n\nHola, Marta:\n\n"
           "Gracias por escribirnos. Cálmese, por favor. Le enviaremos el pedido a la mayor brevedad posible.\n"
           "El plazo del SLA es de dos días.\n\nUn saludo,\nAna\n")
# An emoji (two UTF-16 units, four UTF-8 bytes) before both findings of line 5.
ENGLISH = ("Subject: Your order 4411\n\nHi Tom,\n\n"
           "Thanks for writing, and sorry for the wait. 😀 Calm down, please: our CSRs will call you today.\n"
           "\nBest,\nAna\n")
CONFIG = "# House settings for the replies.\nlang: auto  # detected per file\n\n# Our own terms.\nglossary: []\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("replies")
    (folder / "svclint.yaml").write_text(CONFIG, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def editor(workspace: Path) -> Iterator[Editor]:
    started = Editor(workspace)
    yield started
    started.close()


def spans(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)


def only(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    [found] = [d for d in diagnostics if d.code == code]
    return found


def applied(text: str, edits: list[types.TextEdit]) -> str:
    """The text with the edits applied, as an editor would (UTF-16 positions)."""
    index = LineIndex(text, types.PositionEncodingKind.Utf16)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:index.offset(edit.range.start)] + edit.new_text + text[index.offset(edit.range.end):]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


def test_initialize_advertises_utf16_full_sync_and_actions(editor: Editor) -> None:
    capabilities = editor.initialized.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Full
    assert capabilities.hover_provider and capabilities.code_action_provider
    assert capabilities.execute_command_provider is not None
    assert list(capabilities.execute_command_provider.commands) == ["svclint.editConfig"]


def test_spanish_diagnostics_have_exact_ranges_codes_and_links(editor: Editor) -> None:
    diagnostics = editor.open("respuesta.txt", SPANISH)
    assert spans(diagnostics) == [("ANG001", 4, 25, 4, 32), ("CLR003", 4, 69, 4, 96), ("CLR004", 5, 13, 5, 16)]
    anger = only(diagnostics, "ANG001")
    assert anger.source == "svclint" and anger.severity == types.DiagnosticSeverity.Error
    assert anger.message.startswith("«Cálmese» niega o minimiza la emoción del cliente")
    assert anger.message.endswith("\nReconozca la emoción: «Entiendo que esté molesto; vamos a resolverlo».")
    assert anger.code_description is not None  # the page, at a stable place in the private cache folder
    page_file = Path(os.environ["SVCLINT_CACHE_DIR"]) / "rules" / "ANG001.es.md"
    assert anger.code_description.href == from_fs_path(str(page_file))
    page = page_file.read_text(encoding="utf-8")
    assert page.startswith("**ANG001 (") and "## Qué señala" in page


def test_english_ranges_after_an_emoji_count_utf16_units(editor: Editor) -> None:
    diagnostics = editor.open("reply.txt", ENGLISH)
    # Code points 46-55 and 69-73 on the line; the emoji before them takes two UTF-16 units.
    assert spans(diagnostics) == [("ANG001", 4, 47, 4, 56), ("CLR004", 4, 70, 4, 74)]


def test_files_the_project_keeps_about_itself_are_not_linted(editor: Editor) -> None:
    assert not editor.open("README.md", SPANISH, "markdown")  # as `check --force-exclude` leaves it out


def test_hover_shows_the_rule_page_in_the_finding_language(editor: Editor) -> None:
    editor.open("hover.txt", SPANISH)
    hover = editor.hover("hover.txt", 4, 28)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert text.startswith("**ANG001 (") and "## Por qué importa" in text and "## Qué escribir en su lugar" in text
    assert editor.hover("hover.txt", 0, 2) is None  # the subject has no finding


def test_fix_action_edits_exactly_the_span_and_diagnostics_refresh(editor: Editor) -> None:
    diagnostics = editor.open("fix.txt", SPANISH)
    bureaucratic = only(diagnostics, "CLR003")
    actions = editor.actions("fix.txt", bureaucratic)
    [fix] = [action for action in actions if action.is_preferred]
    assert fix.title == "Replace 'a la mayor brevedad posible' with 'lo antes posible' (CLR003)"
    [edit] = edits_of(fix, editor.uri("fix.txt"))
    assert (edit.range, edit.new_text) == (bureaucratic.range, "lo antes posible")
    titles = [action.title for action in actions]
    assert titles == [fix.title, "Disable CLR003 on this line", "Disable CLR003 in this file",
                      "Ignore CLR003 for this file (per-file-ignores)"]
    fixed = applied(SPANISH, [edit])
    assert "Le enviaremos el pedido lo antes posible.\n" in fixed
    editor.change("fix.txt", 2, fixed)
    assert [code for code, *_ in spans(editor.wait("fix.txt", 0, version=2).diagnostics)] == ["ANG001", "CLR004"]


def test_a_byte_order_mark_the_editor_keeps_shifts_line_one(editor: Editor) -> None:
    """An editor may keep a file's byte-order mark as its first character, which svclint
    does not read: ranges and fixes on line 1 count it, those of later lines do not."""
    text = "\ufeffLe enviaremos el pedido a la mayor brevedad posible.\nCálmese, por favor.\n"
    diagnostics = editor.open("bom.txt", text)
    # "a la mayor brevedad posible" is characters 24-51 of what svclint reads, 25-52 in the editor
    assert [s for s in spans(diagnostics) if s[0] in ("CLR003", "ANG001")] == [("ANG001", 1, 0, 1, 7),
                                                                               ("CLR003", 0, 25, 0, 52)]
    [fix] = [a for a in editor.actions("bom.txt", only(diagnostics, "CLR003")) if a.is_preferred]
    fixed = applied(text, edits_of(fix, editor.uri("bom.txt")))
    assert fixed == "\ufeffLe enviaremos el pedido lo antes posible.\nCálmese, por favor.\n"


def test_disable_on_this_line_writes_the_plain_text_directive(editor: Editor) -> None:
    anger = only(editor.open("line.txt", SPANISH), "ANG001")
    action = next(a for a in editor.actions("line.txt", anger) if a.title == "Disable ANG001 on this line")
    text = applied(SPANISH, edits_of(action, editor.uri("line.txt")))
    assert "a la mayor brevedad posible. # svclint: disable-line=ANG001\nEl plazo" in text
    editor.change("line.txt", 2, text)
    refreshed = editor.wait("line.txt", 0, version=2).diagnostics
    assert [code for code, *_ in spans(refreshed)] == ["CLR003", "CLR004"]  # and no SVC100: the directive is used


def test_disable_in_this_file_uses_the_markdown_comment(editor: Editor) -> None:
    anger = only(editor.open("file.md", SPANISH, "markdown"), "ANG001")
    action = next(a for a in editor.actions("file.md", anger) if a.title == "Disable ANG001 in this file")
    text = applied(SPANISH, edits_of(action, editor.uri("file.md")))
    assert text == SPANISH + "<!-- svclint: disable-file=ANG001 -->\n"
    editor.change("file.md", 2, text)
    assert "ANG001" not in [code for code, *_ in spans(editor.wait("file.md", 0, version=2).diagnostics)]


def test_yaml_comment_that_would_land_in_a_block_of_text_is_not_offered(editor: Editor) -> None:
    script = "answers:\n  - q: ¿Y mi pedido?\n    a: |\n      Cálmese, por favor. Lo revisamos hoy.\n"
    anger = only(editor.open("faq.yaml", script, "yaml"), "ANG001")
    titles = [action.title for action in editor.actions("faq.yaml", anger)]
    assert "Disable ANG001 on this line" not in titles  # '#' there would be the customer's text
    assert "Disable ANG001 in this file" in titles


def test_glossary_action_writes_the_closest_config_keeping_comments(editor: Editor, workspace: Path) -> None:
    acronym = only(editor.open("glossary.txt", SPANISH), "CLR004")
    titles = {action.title: action for action in editor.actions("glossary.txt", acronym)}
    assert "Accept 'SLA' as the organisation name" in titles
    refreshed = editor.command("glossary.txt", titles["Add 'SLA' to the glossary"])
    assert (workspace / "svclint.yaml").read_text(encoding="utf-8") == CONFIG.replace("glossary: []", "glossary: [SLA]")
    assert "CLR004" not in [code for code, *_ in spans(refreshed.diagnostics)]


def test_per_file_ignore_action_silences_the_rule_in_that_file_only(editor: Editor, workspace: Path) -> None:
    anger = only(editor.open("ignored.txt", ENGLISH), "ANG001")
    action = next(a for a in editor.actions("ignored.txt", anger) if a.title.startswith("Ignore ANG001"))
    refreshed = editor.command("ignored.txt", action)
    config = (workspace / "svclint.yaml").read_text(encoding="utf-8")
    assert config.startswith("# House settings for the replies.\nlang: auto  # detected per file\n")
    assert config.endswith("per-file-ignores:\n  /ignored.txt: [ANG001]\n")
    assert [code for code, *_ in spans(refreshed.diagnostics)] == ["CLR004"]
    assert "ANG001" in [code for code, *_ in spans(editor.open("other.txt", ENGLISH))]


def test_a_config_changed_on_disk_is_reloaded_when_the_watcher_says_so(editor: Editor, workspace: Path) -> None:
    editor.open("watched.txt", ENGLISH)
    seen = len(editor.published[editor.uri("watched.txt")])
    config = workspace / "svclint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ignore: [CLR004]\n", encoding="utf-8")
    editor.notify(editor.client.workspace_did_change_watched_files, types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]))
    assert [code for code, *_ in spans(editor.wait("watched.txt", seen).diagnostics)] == ["ANG001"]


def test_the_server_asks_the_editor_to_watch_configuration_files(editor: Editor) -> None:
    editor.open("registered.txt", ENGLISH)  # the request is sent while `initialized` is handled, before this
    [registration] = editor.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert [watcher["globPattern"] for watcher in registration.register_options["watchers"]] == [
        "**/svclint.yaml", "**/.svclint.yaml", "**/pyproject.toml"]


def test_configuration_actions_are_not_offered_under_a_pyproject_toml(editor: Editor, workspace: Path) -> None:
    (workspace / "tool").mkdir()
    (workspace / "tool" / "pyproject.toml").write_text("[tool.svclint]\nlang = 'es'\n", encoding="utf-8")
    acronym = only(editor.open("tool/reply.txt", SPANISH), "CLR004")
    titles = [action.title for action in editor.actions("tool/reply.txt", acronym)]
    assert titles == ["Disable CLR004 on this line", "Disable CLR004 in this file"]


def test_changes_in_quick_succession_are_linted_once(editor: Editor) -> None:
    editor.open("typing.txt", ENGLISH)
    for version in (2, 3, 4):
        editor.change("typing.txt", version, ENGLISH.replace("Tom", "Tom" + "m" * version))
    editor.wait("typing.txt", 1, version=4)
    assert 3 not in [params.version for params in editor.published[editor.uri("typing.txt")]]


def test_hostile_input_is_answered_and_the_server_keeps_serving(editor: Editor) -> None:
    editor.write_raw(b"{this is not json")
    editor.write_raw(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": "\xff\xfe"}')
    assert editor.request_raw({"jsonrpc": "2.0", "id": "bad-1", "method": "textDocument/hover",
                               "params": {"position": "nowhere"}}).code == types.ErrorCodes.InvalidParams
    huge = editor.open("huge.txt", "Gracias por escribirnos. " * 210_000)
    assert [(d.code, d.severity) for d in huge] == [("E902", types.DiagnosticSeverity.Error)]
    assert "2,000,000-byte limit" in huge[0].message
    malformed = editor.open("broken.yaml", "answers:\n  - q: ¿Y mi pedido?\n    a: [Cálmese\n", "yaml")
    assert spans(malformed) == [("E901", 3, 0, 3, 0)] and malformed[0].message.startswith("malformed YAML")
    unknown = editor.open("script.py", "print('Cálmese')", "python")
    assert [(d.code, d.severity) for d in unknown] == [(None, types.DiagnosticSeverity.Information)]
    surrogate = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": editor.uri("surrogate.txt"), "languageId": "plaintext", "version": 1, "text": "Hola \ud800 Marta"}}})
    editor.write_raw(surrogate.encode("ascii"))
    assert [d.code for d in editor.wait("surrogate.txt", 0).diagnostics] == ["E902"]
    assert ("ANG001", 4, 47, 4, 56) in spans(editor.open("after.txt", ENGLISH))
    assert editor.hover("after.txt", 4, 50) is not None  # still answering


def test_a_configuration_that_cannot_be_used_is_a_diagnostic(editor: Editor, workspace: Path) -> None:
    (workspace / "team").mkdir()
    (workspace / "team" / "svclint.yaml").write_text("lang: klingon\n", encoding="utf-8")
    [problem] = editor.open("team/reply.txt", ENGLISH)
    assert problem.severity == types.DiagnosticSeverity.Error and problem.code is None
    assert problem.message == (f"svclint cannot lint this document: {workspace / 'team' / 'svclint.yaml'}:1: "
                               "'lang': must be one of auto, es, en")


def test_a_client_offering_utf8_gets_byte_columns(tmp_path: Path) -> None:
    editor = Editor(tmp_path, encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    try:
        assert editor.initialized.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        # "😀" is four bytes: the columns after it move by three more than in code points.
        assert spans(editor.open("reply.txt", ENGLISH)) == [("ANG001", 4, 49, 4, 58), ("CLR004", 4, 72, 4, 76)]
    finally:
        editor.close()


@pytest.mark.parametrize(("encoding", "units"), [("utf-8", 7), ("utf-16", 4), ("utf-32", 3)])
def test_line_index_counts_each_encoding_units(encoding: str, units: int) -> None:
    """The `b` of "á😀 b" (code-point column 4) after a CRLF line: "á" is two UTF-8 bytes,
    "😀" four bytes or two UTF-16 units."""
    index = LineIndex("x\r\ná😀 b\n", encoding)
    assert index.to_client(Position(2, 4)) == types.Position(line=1, character=units)
    assert index.to_svclint(types.Position(line=1, character=units)) == Position(2, 4)
    marked = LineIndex("\ufeffá😀 b\n", encoding)  # a byte-order mark: one UTF-16 unit, three UTF-8 bytes
    after_mark = types.Position(line=0, character=units + (3 if encoding == "utf-8" else 1))
    assert marked.to_client(Position(1, 4)) == after_mark and marked.to_svclint(after_mark) == Position(1, 4)
    assert marked.text[marked.offset(after_mark)] == "b"


@pytest.mark.parametrize(("path", "language_id", "linted_as"), [
    ("/w/retraso.txt", "plaintext", "/w/retraso.txt"),  # the file's own extension wins
    ("/w/notas.borrador", "markdown", "/w/notas.borrador.md"),  # else the editor's language
    ("Untitled-1", "html", "/w/Untitled-1.html"),  # an unsaved document lives in the workspace
    ("/w/guion.py", "python", None),  # no reader: not linted
])
def test_a_document_is_read_by_its_extension_else_its_language_id(path: str, language_id: str,
                                                                  linted_as: str | None) -> None:
    assert lint_path(path, language_id, "/w") == linted_as


@pytest.mark.parametrize(("path", "directive"), [
    ("a.txt", "# svclint: disable-line=ANG001"), ("a.yaml", "# svclint: disable-line=ANG001"),
    ("a.md", "<!-- svclint: disable-line=ANG001 -->"), ("a.html.j2", "{# svclint: disable-line=ANG001 #}"),
    ("a.hbs", "{{! svclint: disable-line=ANG001 }}"), ("a.liquid", "{% # svclint: disable-line=ANG001 %}"),
])
def test_directives_are_written_in_the_host_format_comments(path: str, directive: str) -> None:
    comment = comment_for(path)
    assert comment is not None and comment.directive("disable-line", "ANG001") == directive


def test_json_and_mail_have_no_comment_for_a_directive() -> None:
    assert comment_for("a.json") is None and comment_for("a.eml") is None
