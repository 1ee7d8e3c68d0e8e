"""JSON and YAML readers: findings land on the text of the value that is used
(escapes, surrogate pairs, folded lines, duplicate keys, aliases and merge
keys), and values the YAML constructor cannot type never crash a run
(hostile-input audit P1, P2, P3, C3)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import svclint.cli
from svclint.config import Config
from svclint.engine import Linter

_NEWLINE = re.compile(r"\r\n|\r|\n")


def lint(name: str, text: str, code: str = "ANG001"):
    return Linter(Config(), select=[code]).lint_bytes(name, text.encode("utf-8"))


def spans(name: str, text: str, code: str = "ANG001") -> list[tuple[int, int, int, int, str]]:
    """(line, column, end line, end column, matched) of each finding, after
    checking that the file text under the span is the finding's `matched`."""
    result = lint(name, text, code)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    found = []
    for f in result.findings:
        span = text[starts[f.start.line - 1] + f.start.column - 1 : starts[f.end.line - 1] + f.end.column - 1]
        assert span == f.matched, (f, span)
        found.append((f.start.line, f.start.column, f.end.line, f.end.column, f.matched))
    return found


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int, int, int, str]:
    """The span of the nth occurrence of `needle` in `text`, as `spans` gives it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(starts) if s <= offset)
        return line + 1, offset - starts[line] + 1

    return (*position(start), *position(end), needle)


# ---- P1: escapes ------------------------------------------------------------------------

def test_json_surrogate_pair_before_the_phrase() -> None:
    text = json.dumps({"text": "😀 Cálmese, por favor, se lo ruego."})
    assert text.startswith('{"text": "\\ud83d\\ude00 C\\u00e1lmese')
    assert spans("a.json", text) == [(1, 24, 1, 36, "C\\u00e1lmese")]


def test_json_surrogate_pair_inside_the_span() -> None:
    text = '{"text": "Por favor, ¡c\\u00e1lm\\ud83d\\ude00ese! No, c\\u00e1lmese ya."}'
    assert spans("a.json", text) == [at(text, "c\\u00e1lmese")]


def test_json_astral_character_written_as_is() -> None:
    text = json.dumps({"text": "𝒜😀👍🏽 Cálmese, por favor."}, ensure_ascii=False)
    assert spans("a.json", text) == [(1, 16, 1, 23, "Cálmese")]


# Every escape a YAML double-quoted scalar allows, with what it stands for.
YAML_ESCAPES = ["\\0", "\\a", "\\b", "\\t", "\\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", '\\"', "\\/", "\\\\",
                "\\N", "\\_", "\\L", "\\P", "\\x41", "\\u00e1", "\\U0001F600", "\\ud83d\\ude00"]


@pytest.mark.parametrize("escape", YAML_ESCAPES)
def test_yaml_escape_before_the_phrase(escape: str) -> None:
    text = f'text: "Hola {escape} Cálmese, por favor."\n'
    assert spans("a.yaml", text) == [at(text, "Cálmese")]


def test_yaml_every_escape_in_one_scalar() -> None:
    text = 'text: "' + " ".join(YAML_ESCAPES) + ' Cálmese, por favor, c\\u00e1lmese."\n'
    assert spans("a.yaml", text) == [at(text, "Cálmese"), at(text, "c\\u00e1lmese")]


def test_yaml_escape_inside_the_span() -> None:
    text = 'text: "Por favor, C\\xe1lmese y c\\u00E1lmese y c\\U000000e1lmese."\n'
    assert spans("a.yaml", text) == [(1, 19, 1, 29, "C\\xe1lmese"), (1, 32, 1, 44, "c\\u00E1lmese"),
                                     (1, 47, 1, 63, "c\\U000000e1lmese")]


def test_yaml_line_folding_in_quoted_scalars() -> None:
    indent = " " * 20  # more indentation than the old reader stepped over
    text = ('text: "Uno, dos, \\\n' + indent + 'tres.\n\n\n' + indent + 'Por favor,\n' + indent
            + 'cálmese, por \\\n\t\t' + indent + 'favor, c\\\n' + indent + 'álmese ya."\n'
            + "other: 'Le pido\n" + indent + "que se calme. ''Cálmese'',\n\n" + indent + "por favor.'\n")
    # «Le pido que se calme» is folded across the line break too, and found there (ANG001)
    assert spans("a.yaml", text) == [(6, 21, 6, 28, "cálmese"), (7, 30, 8, 27, "c\\\n" + indent + "álmese"),
                                     (9, 9, 10, 33, "Le pido\n" + indent + "que se calme"), at(text, "Cálmese")]


def test_yaml_folded_break_before_a_kept_line_separator() -> None:
    text = 'text: " Cálmese, por favor. \u2028\x85\u2028"\nother: "Uno, dos,\x85\u2028\u2029  tres: cálmese."\n'
    assert spans("a.yaml", text) == [at(text, "Cálmese"), at(text, "cálmese")]


# ---- P2: duplicate JSON keys ------------------------------------------------------------

def test_json_duplicate_key_points_at_the_value_used() -> None:
    text = '{"text": "Primer valor del texto aquí.", "text": "Cálmese, por favor, ya."}'
    assert json.loads(text) == {"text": "Cálmese, por favor, ya."}
    assert spans("a.json", text) == [(1, 51, 1, 58, "Cálmese")]


def test_json_duplicate_key_whose_discarded_value_also_flags() -> None:
    text = ('{"faq": [{"q": "¿Qué?", "a": "Antes: cálmese, por favor.",\n'
            '  "a": {"x": "nada"}, "a": "Ahora sí: Cálmese, por favor."}],\n "x": "Al final, cálmese usted."}')
    assert spans("a.json", text) == [at(text, "Cálmese")]


def test_json_duplicate_container_keys() -> None:
    text = '{"a": {"t": "Uno: cálmese, por favor."}, "a": ["Dos, tres y cuatro.", "Luego: Cálmese, por favor."]}'
    assert spans("a.json", text) == [at(text, "Cálmese")]


def test_json_numbers_past_the_int_digit_limit_still_read() -> None:
    # the position-keeping scanner is pure Python; json.loads' C scanner takes such numbers
    text = '{"n": ' + "9" * 5000 + ', "m": -' + "1" * 4400 + ', "f": 1e999999, "text": "Hola, cálmese por favor."}'
    assert lint("a.json", text).diagnostics == ()
    assert spans("a.json", text) == [at(text, "cálmese")]


# ---- P3: aliases and merge keys ---------------------------------------------------------

def test_yaml_merge_keys_point_at_the_anchor_value() -> None:
    text = ("base: &base {q: Pregunta, a: Cálmese, por favor, ya le ayudamos.}\nfaq:\n  - <<: *base\n"
            "  - <<: [*base, *base]\n    a: Otra respuesta sin problemas aquí.\n")
    assert spans("a.yaml", text) == [(1, 30, 1, 37, "Cálmese")]


def test_yaml_merged_turn_text_points_at_the_anchor_value() -> None:
    text = ("defaults: &calma\n  speaker: agente\n  text: \"Señor, c\\u00e1lmese, por favor.\"\n"
            "turns:\n  - speaker: cliente\n    text: Estoy harto.\n  - <<: *calma\n")
    assert spans("a.yaml", text) == [(3, 17, 3, 29, "c\\u00e1lmese")]


def test_yaml_plain_alias_points_at_the_anchor_value_once() -> None:
    text = 'a: &x "Cálmese, por favor, se lo ruego."\nb: *x\nc: [*x, *x]\n'
    assert spans("a.yaml", text) == [(1, 8, 1, 15, "Cálmese")]


def test_yaml_aliased_block_scalar_with_tag_and_anchor() -> None:
    text = "a: &x |\n  Hola.\n  Cálmese, por favor.\nb:\n  - *x\nc: &y !!null\nd: &z\n  Por favor, cálmese ya.\ne: *z\n"
    assert spans("a.yaml", text) == [(3, 3, 3, 10, "Cálmese"), (8, 14, 8, 21, "cálmese")]


def test_yaml_block_scalar_header_with_indent_indicator_and_comment() -> None:
    text = "text: |2-  # saludo\n   Hola, cálmese por favor.\nmore: >+\n  Uno dos tres\n  Cálmese, ya.\n\n"
    assert spans("a.yaml", text) == [(2, 10, 2, 17, "cálmese"), (5, 3, 5, 10, "Cálmese")]


# ---- C3: values the YAML constructor cannot type -----------------------------------------

ODD_VALUES = ["2024-02-30", "2001-13-45", "!!float abc", "!!int abc", "9" * 4400, "!!bool maybe",
              "2024-02-29t25:61:00", "!!int 0x", "!!float 1e99999"]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_yaml_odd_scalars_are_read_as_text(value: str) -> None:
    text = f"fecha: {value}\ntext: Hola, cálmese por favor.\nlista: [{value}, {value}]\n"
    result = lint("a.yaml", text)
    assert result.diagnostics == ()
    assert spans("a.yaml", text) == [(2, 13, 2, 20, "cálmese")]


def test_yaml_odd_scalar_text_is_linted_where_it_stands() -> None:
    text = "a: !!int Cálmese, por favor, señor.\n"
    assert spans("a.yaml", text) == [(1, 10, 1, 17, "Cálmese")]


@pytest.mark.parametrize("key", ["? {a: [b]}\n: x\n", "? [a, [b]]\n: x\n", "{[a, {b: c}]: x}\n"])
def test_yaml_complex_key_is_one_e901(key: str) -> None:
    result = lint("a.yaml", key + "text: Hola, cálmese por favor.\n" if not key.startswith("{") else key)
    assert result.findings == ()
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("E901", 1, 1)]
    assert "not linted" in result.diagnostics[0].message and "\n" not in result.diagnostics[0].message


def test_yaml_scalar_the_constructor_refuses_is_one_e901_at_the_value() -> None:
    result = lint("a.yaml", "text: Hola, cálmese por favor.\nfecha: !!timestamp hoy\n")
    assert result.findings == ()
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("E901", 2, 8)]


def test_cli_reports_odd_yaml_without_a_traceback(tmp_path) -> None:
    for i, value in enumerate([*ODD_VALUES, "x"]):
        (tmp_path / f"f{i}.yaml").write_text(f"fecha: {value}\ntext: Hola, gracias por escribirnos.\n")
    (tmp_path / "key.yaml").write_text("? {a: [b]}\n: x\n")
    (tmp_path / "ok.txt").write_text("Cálmese, por favor.\n")
    result = CliRunner().invoke(svclint.cli.main, ["check", "--no-cache", "--format", "json", str(tmp_path)], catch_exceptions=False)
    assert result.exception is None or isinstance(result.exception, SystemExit), result
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)
    assert {f["path"].rsplit("/", 1)[-1] for f in findings} == {"ok.txt"}
    assert "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if "E901" in line] == [
        f"{tmp_path / 'key.yaml'}:1:1: E901 YAML value svclint cannot read (unhashable type: 'CommentedSeq'); not linted"
    ]


# ---- property: json.dumps output, any characters --------------------------------------------

ODD_CHARS = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "𝒜", "\U0010fffd", "\n", "\t", "\r", '"', "\\", "/", "\x00", "\x1f",
             "\u2028", "\x85", "\ufeff", "á", "ñ", "\ue000", "\u200b", " "]
_filler = st.lists(st.one_of(st.sampled_from(ODD_CHARS), st.text("abcáéñ ¿?", max_size=4)), max_size=12).map("".join)


@settings(max_examples=150)
@given(_filler, _filler, st.booleans())
def test_json_dumps_spans_land_on_the_phrase(before: str, after: str, ascii_only: bool) -> None:
    # (a paragraph break on each side keeps the filler's quotation marks out of the phrase's sentence: words
    # between quotation marks are someone else's, which ANG001 does not judge)
    value = f"{before}\n\nCálmese, por favor.\n\n{after}"
    text = json.dumps({"n": 1, "text": value, "o": [before, after]}, ensure_ascii=ascii_only)
    phrase = json.dumps("Cálmese", ensure_ascii=ascii_only)[1:-1]
    start = text.index('"text": "') + len('"text": "') + len(json.dumps(before + "\n\n", ensure_ascii=ascii_only)) - 2
    assert text[start : start + len(phrase)] == phrase
    found = spans("a.json", text)
    assert (1, start + 1, 1, start + 1 + len(phrase), phrase) in found
    for *_, matched in found:
        assert json.loads(f'"{matched}"').casefold() == "cálmese"


@settings(max_examples=100)
@given(_filler, _filler)
def test_yaml_double_quoted_spans_land_on_the_phrase(before: str, after: str) -> None:
    text = "text: " + json.dumps(f"{before}\n\nCálmese, por favor.\n\n{after}", ensure_ascii=False) + "\n"
    found = spans("a.yaml", text)
    assert at(text, "Cálmese") in found



def test_a_line_break_folded_before_an_escape_of_the_same_character_keeps_every_span() -> None:
    """A blank and a NEL before a \\n escape fold into the blank: the escape, not the NEL, is
    the value's newline (hypothesis found the span of the whole value lost here)."""
    text = 'text: " Cálmese, por favor. \x85\\n😀"\n'
    assert at(text, "Cálmese") in spans("a.yaml", text)


def test_a_folded_break_counts_when_fewer_escapes_of_its_character_follow() -> None:
    """'\u2028' then NEL then two escaped line breaks decode to three line breaks after the
    separator: the folded NEL is one of them, not a blank folded into the character before
    (hypothesis found it: the whole value fell back to the scalar's start)."""
    text = 'text: "\u2028\x85\\n\\nCálmese, por favor.\\n\\n"\n'
    assert at(text, "Cálmese") in spans("a.yaml", text)
