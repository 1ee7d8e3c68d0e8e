"""Suppression directives that cannot fail in silence (issue 13, item 3): a malformed
directive is reported as SVC103, `disable-line` covers its own line in every host
format, a directive in plain text is never read as customer text; and the engine's
own codes have `svclint explain` pages (issue 12, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svclint.diagnostics import DIAGNOSTICS
from svclint.directives import without_directive
from svclint.model import ENGINE_CODES
from svclint.sourcemap import SourceFile
from svclint.suppress import parse_directives
from conftest import invoke
from test_audit_hangs import assert_linear

CALM = "Cálmese, por favor."


def findings(*args: str) -> list[tuple[str, int, int, int]]:
    """(code, line, column, end column) of each finding of `check --format json`."""
    result = invoke("check", "--no-cache", "--format", "json", "--lang", "es", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["code"], f["line"], f["column"], f["end_column"]) for f in json.loads(result.stdout)]


def report(*args: str) -> list[dict]:
    return json.loads(invoke("check", "--no-cache", "--format", "json", "--lang", "es", *args).stdout)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, text: str) -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


# ---- malformed directives: SVC103 ------------------------------------------------------------

@pytest.mark.parametrize(("name", "directive", "column", "end", "meant"), [
    ("a.txt", "# svclint: disabel=ANG001", 3, 26, "disable=ANG001"),
    ("a.j2", "{# svclint: disable-next-line ANG001 #}", 4, 37, "disable-next-line=ANG001"),
    ("a.html", "<!-- svclint: disable-lines= -->", 6, 29, "disable-line"),
    ("a.md", "<!-- svclint: Disable-Next-Line=ang001 -->", 6, 39, "disable-next-line=ANG001"),
    ("a.yaml", "# svclint: enabel", 3, 18, "enable"),
    ("a.hbs", "{{!-- svclint: knd=email --}}", 7, 25, "kind=email"),
])
def test_a_malformed_directive_is_reported_at_its_span(name: str, directive: str, column: int, end: int,
                                                        meant: str) -> None:
    text = f"{directive}\nmensaje: {CALM}\n" if name.endswith(".yaml") else f"{directive}\n{CALM}\n"
    (malformed, anger) = report("--select", "ANG001", write(name, text))
    assert (malformed["code"], malformed["line"], malformed["column"], malformed["end_column"]) == ("SVC103", 1, column, end)
    assert malformed["slug"] == "malformed-directive" and malformed["severity"] == "warning"
    assert malformed["suggestion"] == f"¿Quería decir «svclint: {meant}»?"
    assert (anger["code"], anger["line"]) == ("ANG001", 2)  # not applied: nothing is suppressed


def test_a_word_far_from_any_directive_is_answered_with_the_forms() -> None:
    (malformed, _) = report("--select", "ANG001", write("a.txt", f"# svclint: ignore=ANG001\n{CALM}\n"))
    assert malformed["code"] == "SVC103" and malformed["message"].endswith("«svclint: ignore=ANG001».")
    assert malformed["suggestion"].startswith("Escriba una de estas: disable-next-line, disable-line,")


def test_english_text_gets_the_english_message() -> None:
    (malformed, _) = report("--lang", "en", "--select", "ANG001",
                            write("a.md", "<!-- svclint: disable-next-line ANG001 -->\nCalm down, please.\n"))
    assert malformed["message"] == 'Malformed svclint directive, not applied: "svclint: disable-next-line ANG001".'
    assert malformed["suggestion"] == 'Did you mean "svclint: disable-next-line=ANG001"?'


@pytest.mark.parametrize("text", [
    "svclint: es la herramienta que revisa nuestras respuestas.\n",  # line start, but no directive word
    "En el equipo usamos svclint: disabel no existe en su cuenta.\n",  # not in a comment, not at a line start
    "<!-- svclint: revisar con el equipo legal -->\n<p>Gracias por escribirnos.</p>\n",
])
def test_text_that_merely_mentions_svclint_is_not_a_directive(text: str) -> None:
    name = "a.html" if text.startswith("<") else "a.txt"
    assert [code for code, *_ in findings(write(name, text)) if code.startswith("SVC")] == []


def test_svc103_is_counted_and_ignored_like_svc100() -> None:
    write("a.txt", "# svclint: disabel=ANG001\nGracias por escribirnos.\n")
    assert invoke("check", "--no-cache", "--select", "ANG001", "a.txt").exit_code == 1
    assert invoke("check", "--no-cache", "--select", "ANG001", "--ignore", "SVC103", "a.txt").exit_code == 0
    assert invoke("check", "--no-cache", "--ignore", "ALL", "a.txt").exit_code == 0
    write("svclint.yaml", 'per-file-ignores:\n  "*.txt": [SVC103]\n')
    assert invoke("check", "--no-cache", "--select", "ANG001", "a.txt").exit_code == 0


# ---- the same-line form, in each host format ----------------------------------------------------

@pytest.mark.parametrize(("name", "text", "line"), [
    ("a.html", "<p>Cálmese. <!-- svclint: disable-line=ANG001 --></p>\n<p>Cálmese.</p>\n", 2),
    ("a.md", "Cálmese, por favor. <!-- svclint: disable-line=ANG001 -->\nCálmese, por favor.\n", 2),
    ("a.j2", "Cálmese, {{ nombre }}. {# svclint: disable-line=ANG001 #}\nCálmese, {{ nombre }}.\n", 2),
    ("a.hbs", "Cálmese, {{nombre}}. {{! svclint: disable-line=ANG001 }}\nCálmese, {{nombre}}.\n", 2),
    ("a.yaml", "- Cálmese, por favor, se lo ruego.  # svclint: disable-line=ANG001\n"
               "- Cálmese, por favor, se lo ruego.\n", 2),
    ("a.txt", "Cálmese, por favor. # svclint: disable-line=ANG001\nCálmese, por favor.\n", 2),
])
def test_disable_line_covers_its_own_line_only(name: str, text: str, line: int) -> None:
    assert [(code, at) for code, at, *_ in findings("--select", "ANG001", write(name, text))] == [("ANG001", line)]


def test_bare_disable_line_covers_every_rule_on_its_line() -> None:
    text = "Cálmese, le garantizo que llega. # svclint: disable-line\nLe garantizo que llega.\n"
    assert findings("--select", "ANG001,PRM001", write("a.txt", text)) == [("PRM001", 2, 1, 13)]


def test_an_unused_disable_line_is_reported() -> None:
    text = "Gracias por escribirnos. <!-- svclint: disable-line=ANG001 -->\n"
    assert findings("--select", "ANG001", write("a.md", text)) == [("SVC100", 1, 31, 60)]


# ---- plain text: a directive is not the customer's text ----------------------------------------

EMAIL = "Asunto: Su pedido\n{directive}Hola, Ana:\nGracias por escribirnos. Su pedido sale hoy.\nUn saludo,\nLuis\n"


@pytest.mark.parametrize("directive", [
    "# svclint: disable-next-line=ANG,PRM,APO\n",
    "svclint: disable=APO, SIN, CLR005, THX\n",
])
def test_a_directive_line_in_plain_text_is_not_linted(directive: str) -> None:
    # The rule codes used to be read as undefined acronyms (CLR004) of the message.
    found = findings("--ignore", "SVC100", write("a.txt", EMAIL.format(directive=directive)))
    assert found == []


def test_a_trailing_directive_is_not_part_of_the_sentence() -> None:
    text = EMAIL.format(directive="").replace("Hola, Ana:", "Hola, Ana: # svclint: disable-line=SIN,APO,CLR")
    assert findings("--ignore", "SVC100", write("a.txt", text)) == []


def test_an_in_file_setting_line_is_not_the_first_sentence() -> None:
    # THX001 points at the opening sentence: the one after the setting, not the setting.
    assert findings("--select", "THX001", write("a.txt", f"# svclint: kind=email\n{CALM}\n")) == [("THX001", 2, 1, 20)]


@pytest.mark.parametrize("make", [
    pytest.param(lambda n: "# svclint: disabel " * n, id="malformed-in-one-line"),
    pytest.param(lambda n: "svclint: disabel=ANG001\n" * n, id="malformed-lines"),
    pytest.param(lambda n: "<!-- svclint:" + " " * n + "x", id="marker-then-blanks"),
    pytest.param(lambda n: "# svclint: " + "disable-" * n, id="one-long-word"),
    pytest.param(lambda n: "#" + " -" * n + "x", id="opener-then-blanks-and-dashes"),
])
def test_looking_for_directives_is_linear(make) -> None:
    # Guards for the new scan (issue 13, item 14): each shape at two sizes.
    assert_linear(lambda text: (parse_directives(SourceFile("a.txt", text)), without_directive(text)), make, 1000)


# ---- the engine's own codes: one table, explained ----------------------------------------------

def test_every_engine_code_is_declared_once_with_a_page() -> None:
    assert tuple(DIAGNOSTICS) == ENGINE_CODES
    for code in ENGINE_CODES:
        result = invoke("explain", code)
        assert result.exit_code == 0 and result.stdout.startswith(f"{code} ({DIAGNOSTICS[code].slug}) — ")


def test_explain_e902_svc103_and_slugs() -> None:
    assert invoke("explain", "E902").stdout.startswith("E902 (unreadable-file) — A file that could not be read\n\n")
    page = invoke("explain", "svc103").stdout
    assert page.startswith("SVC103 (malformed-directive) — ") and "`disable-line[=CODES]`" in page
    assert invoke("explain", "malformed-directive").stdout == page
    assert invoke("explain", "anger-denial").stdout.startswith("ANG001 (anger-denial) — ")
