"""Inline suppression in each host syntax, and reports of stale directives."""

from __future__ import annotations

from svclint.config import Config
from svclint.engine import Linter


def lint(name: str, text: str, **kwargs):
    return Linter(Config(), lang="es", select=["ANG001", "PRM001"], **kwargs).lint_text(name, text).findings


def codes(findings) -> list[tuple[str, int]]:
    return [(f.code, f.start.line) for f in findings]


def test_disable_and_enable_in_html() -> None:
    text = ("<!-- svclint: disable=ANG001 -->\n<p>Cálmese.</p>\n<!-- svclint: enable -->\n"
            "<p>Tranquilícese.</p>\n")
    assert codes(lint("a.html", text)) == [("ANG001", 4)]


def test_disable_next_line_in_jinja() -> None:
    text = "{# svclint: disable-next-line=PRM001 #}\nLe garantizo que llega.\nLe garantizo que llega.\n"
    assert codes(lint("a.j2", text)) == [("PRM001", 3)]


def test_disable_file_in_yaml_and_prefixes() -> None:
    text = ("# svclint: disable-file=ANG\nturns:\n  - speaker: agente\n    text: Cálmese. Le garantizo que llega.\n")
    assert codes(lint("a.yaml", text)) == [("PRM001", 4)]


def test_disable_all_codes() -> None:
    assert codes(lint("a.md", "<!-- svclint: disable -->\nCálmese. Le garantizo que llega.\n")) == []


def test_unused_and_unknown_directives_are_reported() -> None:
    text = "<!-- svclint: disable=PRM001 -->\n<!-- svclint: disable=XYZ999 -->\n<p>Cálmese.</p>\n"
    found = lint("a.html", text)
    assert codes(found) == [("SVC100", 1), ("SVC100", 2), ("ANG001", 3)]
    assert "suppresses nothing" not in found[1].message and "XYZ999" in found[1].message


def test_unused_report_can_be_ignored() -> None:
    text = "<!-- svclint: disable=PRM001 -->\n<p>Hola.</p>\n"
    assert lint("a.html", text, ignore=["SVC"]) == ()
