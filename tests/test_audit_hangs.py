"""Hostile text must cost time in proportion to its size (audit section 2: H1–H6).

Each scaling test runs one piece of svclint in-process on an input of size n and
of size FACTOR·n and compares the times: linear work grows FACTOR times, while
the quadratic or cubic scans these tests guard against grow FACTOR² or FACTOR³
times. The sizes are small enough for the old code to show the growth within a
few seconds. Beside each, the findings on the reproducer are checked.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

import pytest

from svclint.checks.context import UnitContext
from svclint.config import Config
from svclint.documents.html import read_html
from svclint.documents.markdown import read_markdown
from svclint.documents.unit import PLACEHOLDER_MARK, URL_MARK, UnitBuilder
from svclint.engine import Linter
from svclint.sourcemap import SourceFile
from svclint.suppress import parse_directives

FACTOR = 8
SLACK = 2.5  # linear growth may cost up to SLACK·FACTOR (a quadratic scan costs FACTOR²)
FLOOR = 0.005  # seconds: below this a time is noise, not a measure


def _seconds(work: Callable[[], object], enough: float = 0.0) -> float:
    """The best of five wall-clock times, with the garbage collector paused; it stops
    at the first time under `enough`, since the best of five is under a limit exactly
    when one of them is (a big input that passes is then timed once, not five times)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(5):
            began = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - began)
            if best < enough:
                break
    finally:
        gc.enable()
    return best


def assert_linear(work: Callable[[Any], object], make: Callable[[int], Any], n: int) -> None:
    """`work` on make(FACTOR·n) costs at most about FACTOR times `work` on make(n)."""
    small, big = make(n), make(FACTOR * n)
    work(small)  # warm-up: imports, caches
    t_small = _seconds(lambda: work(small))
    limit = SLACK * FACTOR * max(t_small, FLOOR)
    t_big = _seconds(lambda: work(big), enough=limit)
    assert t_big < limit, f"size {n} took {t_small:.4f} s, size {FACTOR * n} took {t_big:.4f} s: super-linear"


def lint(name: str, text: str, **options):
    return Linter(Config(), **options).lint_text(name, text)


def unit_text(text: str) -> UnitBuilder:
    builder = UnitBuilder()
    builder.add(text, 0)
    return builder


# ---- H1: the directive parser ------------------------------------------------------------

def _directives(text: str):
    return parse_directives(SourceFile("a.txt", text)).directives


@pytest.mark.parametrize("blank", [" ", " \n", "\n ", "\t "])
def test_h1_directive_with_a_long_blank_run_is_linear(blank: str) -> None:
    assert_linear(_directives, lambda n: "Hola.\nsvclint: disable=" + blank * n + "!", 100)


def test_h1_directive_parsing_is_unchanged() -> None:
    assert _directives("Hola.\nsvclint: disable=" + " " * 2000 + "!") == []
    (full,) = _directives("<!-- svclint: disable=ANG001, tpl  -->\n")
    assert (full.action, full.codes, full.start, full.end) == ("disable", frozenset({"ANG001", "TPL"}), 5, 35)
    (every,) = _directives("# svclint: disable-next-line \n")
    assert (every.codes, every.first, every.last) == (None, 2, 2)
    # "disable= " names no code: a directive that suppresses nothing (and is reported so).
    (empty,) = _directives("<!-- svclint: disable=   -->\n")
    assert (empty.codes, empty.end) == (frozenset(), 25)
    result = lint("a.txt", "Hola.\n# svclint: disable=" + " " * 3000 + "!\nCálmese, por favor.\n", select=["ANG001"])
    # The broken directive is not applied, and is reported as malformed (SVC103).
    assert [(f.code, f.start.line, f.start.column) for f in result.findings] == [("SVC103", 2, 3), ("ANG001", 3, 1)]


# ---- H2, H2b, H2c, H2d, H3: masking placeholders, URLs and e-mail addresses -------------

@pytest.mark.parametrize("make", [
    pytest.param(lambda n: "Hola.\n{{" + " " * n + "x", id="H2-double-brace"),
    pytest.param(lambda n: "Hola.\n{{{" + " " * n + "x", id="H2b-triple-brace"),
    pytest.param(lambda n: "<%" + " " * n, id="H2d-erb"),
    pytest.param(lambda n: "<%a" + " " * n + "!", id="erb-inner-blanks"),
])
def test_h2_unclosed_placeholder_with_blanks_is_linear(make) -> None:
    assert_linear(unit_text, make, 100)


@pytest.mark.parametrize("run", ["a-", "a.", "a+"])
def test_h3_long_address_like_run_is_linear(run: str) -> None:
    assert_linear(unit_text, lambda n: "@ " + run * n, 500)


def test_h2c_html_data_spanning_lines_is_linear() -> None:
    assert_linear(lambda text: read_html(SourceFile("a.html", text)), lambda n: "<p>{{" + "\n" * n, 100)


def test_masks_are_unchanged() -> None:
    text = ("Hola {{ nombre }}, {{{ saldo }}} ${ cuenta.id } <%= cliente %> *|FNAME|* %x% {y}: "
            "escriba a -soporte@empresa.com o visite www.empresa.com/ayuda.")
    builder = unit_text(text)
    assert [p.name for p in builder.placeholders.values()] == ["nombre", "saldo", "cuenta.id", "cliente", "FNAME",
                                                               "x", "y"]
    assert builder.text.text.endswith(f"escriba a -{URL_MARK} o visite {URL_MARK}.")
    address = builder.text.text.index(URL_MARK)
    assert builder.text.source_span(address, address + 1) == (text.index("soporte"), text.index(" o visite"))
    long_erb = "<%=" + " " * 50 + "x" * 1000 + " " * 50 + "%>"
    assert unit_text(long_erb).text.text == PLACEHOLDER_MARK
    too_long = "<%=" + "x " * 500 + "y%>"  # 1,001 characters inside
    assert unit_text(too_long).text.text == too_long
    for line in ("{{" + " " * 3000 + "x", "@ " + "a-" * 3000):
        assert unit_text(line).text.text == line


# ---- H4, H4b: Markdown comments, rules and inline markup ----------------------------------

def _markdown(text: str):
    return read_markdown(SourceFile("a.md", text))


@pytest.mark.parametrize("make, n", [
    pytest.param(lambda n: "Hola.\n\n" + "<!--" * n, 1000, id="H4-unclosed-comments"),
    pytest.param(lambda n: "Hola.\n\n---" + " " * n + "x", 1000, id="H4b-rule-then-blanks"),
    pytest.param(lambda n: "Hola.\n" + " " * n + "x", 1000, id="blanks-before-text"),
    pytest.param(lambda n: "a" + " " * n + "b", 1000, id="blanks-not-a-cell"),
    pytest.param(lambda n: "<http:" * n, 500, id="unclosed-autolinks"),
    pytest.param(lambda n: "<a " * n, 300, id="unclosed-inline-tags"),
    pytest.param(lambda n: "x " + "`" * n + "x" * (10 * n), 200, id="unclosed-code-run"),
])
def test_h4_markdown_scans_are_linear(make, n: int) -> None:
    assert_linear(_markdown, make, n)


def test_markdown_results_are_unchanged() -> None:
    text = "<!-- cálmese -->\nPor favor, `x` cálmese.\n\n---   \n| a | cálmese |\n<!-- " + "<!--" * 3000 + "\n"
    result = lint("a.md", text, select=["ANG001"])
    assert [(f.start.line, f.start.column, f.matched) for f in result.findings] == [
        (2, 16, "cálmese"), (5, 7, "cálmese")]
    rule = "Hola.\n\n---" + " " * 5000 + "x\n"
    assert _markdown(rule).units[0].text.text.split() == ["Hola."]


# ---- H5: HTML markup that never closes ----------------------------------------------------

def _html(text: str):
    return read_html(SourceFile("a.html", text))


@pytest.mark.parametrize("opener, n", [("<!--", 1000), ("<a b", 4000), ("<?php echo $a->b ", 2000)])
def test_h5_unclosed_html_markup_is_linear(opener: str, n: int) -> None:
    assert_linear(_html, lambda n: "<p>Hola</p>" + opener * n, n)


def test_h5_blade_echoes_left_open_are_linear() -> None:
    assert_linear(_html, lambda n: "<p>Hola</p>" + "{!! '<b>' {{ $a " * n, 2000)


def test_h5_php_openers_before_one_closer_are_linear() -> None:
    assert_linear(_html, lambda n: "<p>Hola</p>" + "<?php echo $a->b; " * n + "?>", 2000)


def test_h5_many_closed_php_tags_are_linear() -> None:
    """Each tag's opener is looked for from where the last tag ended, not from there to the end of
    the file for every form of opener."""
    assert_linear(_html, lambda n: "<p>Hola</p>" + "<?php echo $a->b; ?> y " * n, 4000)


def test_many_bracketed_words_that_could_be_bbcode_are_linear() -> None:
    """TPL003 reads the text's BBCode closers once, not the text again for each "[word]"."""
    linter = Linter(Config(), lang="en", kind="email", select=["TPL003"])
    assert_linear(lambda text: linter.lint_text("a.txt", text), lambda n: "Sent the [ab] today. " * n, 2000)


@pytest.mark.parametrize("line", ["Here is a version, here is a version, here is a version\n",
                                  "here is " * 40 + "version\n"])
def test_assistant_lead_ins_are_linear(line: str) -> None:
    """TPL003's lead-in of a draft is looked for in lines of at most 200 characters: a line that repeats
    the lead-in words, or a very long one, costs no more than its length."""
    linter = Linter(Config(), lang="en", kind="email", select=["TPL003"])
    assert_linear(lambda text: linter.lint_text("a.txt", text), lambda n: line * n, 400)
    assert_linear(lambda text: linter.lint_text("a.txt", text), lambda n: line.rstrip("\n") * n + ":\n\"x\"", 400)


@pytest.mark.parametrize("opener, what", [("<!--", "comment"), ("</", "end tag"), ("<?", "processing instruction"),
                                          ("<!", "declaration"), ("<![CDATA[", "CDATA section")])
def test_h5_unclosed_markup_runs_to_the_end(opener: str, what: str) -> None:
    text = "<p>Cálmese, por favor.</p>\n" + opener + " cálmese " + opener * 2000
    result = lint("a.html", text, select=["ANG001"])
    assert [(f.start.line, f.start.column) for f in result.findings] == [(1, 4)]
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("E901", 2, 1, f"unclosed HTML {what} runs to the end of the file; the rest is not linted")]


def test_h5_unclosed_start_tag_stays_text() -> None:
    text = "<p>Hola.</p>\n<nombre del cliente, cálmese" + " <a b" * 2000
    document = _html(text)
    assert document.problems == []
    assert document.units[0].text.text.endswith("\n" + text[text.index("<nombre"):])
    result = lint("a.html", text, select=["ANG001"])
    assert [(f.start.line, f.start.column, f.matched) for f in result.findings] == [(2, 22, "cálmese")]


# ---- H6: which sentences lie in the organisation's turns ----------------------------------

def _judged_offsets(n: int) -> list[bool]:
    context = object.__new__(UnitContext)  # only the judged ranges matter here
    context._judged = [(10 * i, 10 * i + 5) for i in range(n)]
    return [context.is_judged(offset) for offset in range(0, 10 * n, 3)]


def test_h6_is_judged_is_a_binary_search() -> None:
    assert_linear(_judged_offsets, lambda n: n, 300)
    assert _judged_offsets(3)[:10] == [True, True, False, False, True, False, False, True, True, False]


def test_h6_findings_in_a_long_call_script() -> None:
    text = "Agente: Cálmese, por favor.\nCliente: ¡Cálmese usted!\n" * 300
    result = lint("a.txt", text, select=["ANG001"])
    assert [f.start.line for f in result.findings] == list(range(1, 600, 2))


def test_h6_a_whole_call_script_is_linted_in_linear_time() -> None:
    """The audit's reproducer end to end: the brevity budget of each agent turn
    looked at every sentence of the script once per turn."""
    linter = Linter(Config(), lang="es")
    assert_linear(lambda text: linter.lint_text("a.txt", text),
                  lambda n: "Agente: Hola.\nCliente: Hola.\n" * n + "Agente: Adiós.\n", 400)
