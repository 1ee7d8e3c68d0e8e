"""The last items of the hostile-input audit (issue 17): a fix never writes bytes an
e-mail does not declare, RFC 2231 parameters are decoded, explicitly tagged YAML
strings are linted, and deep JSON is read without recursion."""

from __future__ import annotations

import json
from functools import cache

import pytest
from click.testing import CliRunner

from svclint.cli import main
from svclint.config import Config
from svclint.documents import mime
from svclint.documents.structured import _json_int, _load_json
from svclint.engine import Linter
from svclint.sourcemap import Accepts, MappedText

# CLR003 rewrites both phrases: one replacement is ASCII, the other is not.
SLOW_AND_BASED = "Le responderemos a la mayor brevedad posible. Lo haremos en base a su contrato.\n"
ASCII_FIX, ACCENTED_FIX = "lo antes posible", "según"


@cache
def linter(code: str) -> Linter:
    return Linter(Config(), lang="es", select=[code])


def fixes(text: str, code: str = "CLR003") -> list[tuple[str, str | None]]:
    return [(f.matched, f.fix and f.fix.replacement) for f in linter(code).lint_bytes("m.eml", text.encode("utf-8")).findings]


def message(headers: str, body: str = SLOW_AND_BASED, subject: str = "Hola") -> str:
    return f"Subject: {subject}\n{headers}\n{body}"


@pytest.fixture(autouse=True)
def no_cache(monkeypatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", "")


# ---- 1. a fix never writes a byte the message does not declare ------------------------------

def test_the_source_map_refuses_writes_over_pieces_that_accept_less() -> None:
    text = MappedText()
    text.add("para ", 0)
    with text.accepting(Accepts.ASCII):
        text.add("con ", 5)
        with text.accepting(Accepts.ANY):  # a block inside never widens what the outer one allows
            text.add("fin", 9)
    assert [piece.accepts for piece in text.pieces] == [Accepts.ANY, Accepts.ASCII]
    assert text.can_write(0, 4, "según") and text.can_write(5, 12, "para")
    assert not text.can_write(5, 12, "según") and not text.can_write(0, 8, "según")


# (headers, body, the fixes offered for «a la mayor brevedad posible» and «en base a»)
BODIES = [
    ("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n", "", [ASCII_FIX, ACCENTED_FIX]),
    ("Content-Type: text/plain; charset=UTF8\nContent-Transfer-Encoding: binary\n", "", [ASCII_FIX, ACCENTED_FIX]),
    ("", "Cálmese. ", [ASCII_FIX, ACCENTED_FIX]),  # no charset, already written in UTF-8 (as the reader reads it)
    # 7bit (declared, or the default) allows no 8-bit byte; iso-8859-1 and us-ascii agree with UTF-8 on ASCII alone
    ("Content-Type: text/plain; charset=utf-8\n", "", [ASCII_FIX, None]),
    ("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n", "", [ASCII_FIX, None]),
    ("Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 8bit\n", "", [ASCII_FIX, None]),
    ("", "", [ASCII_FIX, None]),
    # a charset whose bytes for ASCII text differ, or that nobody knows: nothing is written
    ("Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: 8bit\n", "", [None, None]),
    ("Content-Type: text/plain; charset=iso-2022-jp\n", "", [None, None]),
    ("Content-Type: text/plain; charset={{ cs }}\nContent-Transfer-Encoding: 8bit\n", "", [None, None]),
    # decoded text is never written, however plain the words look in the file
    ("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n", "", [None, None]),
]


def test_a_fix_is_offered_only_where_the_body_can_hold_it() -> None:
    offered = {(headers, before): [fix for _, fix in fixes(message(headers, before + SLOW_AND_BASED))]
               for headers, before, _ in BODIES}
    assert offered == {(headers, before): expected for headers, before, expected in BODIES}


def test_a_subject_takes_ascii_fixes_and_none_inside_an_encoded_word() -> None:
    assert fixes(message("", "Hola.\n", "Pedido en base a su contrato")) == [("en base a", None)]
    assert fixes(message("", "Hola.\n", "Acusamos recibo de su pedido")) == [("Acusamos recibo de", "Hemos recibido")]
    assert fixes(message("", "Hola.\n", "Pedido =?utf-8?Q?en_base_a?= su contrato")) == [("=?utf-8?Q?en_base_a?=", None)]


QP_LATIN1 = message("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n",
                    "Le responderemos a la mayor brevedad posible. Lo haremos en base a su contrato y seg=FAn ley.\n")


def cli(*args: str):
    return CliRunner().invoke(main, ["check", "--lang", "es", "--select", "CLR003", "--format", "concise", *args], catch_exceptions=False)


def test_fix_rewrites_a_utf8_body_and_leaves_an_encoded_one_alone_still_reporting_it(tmp_path) -> None:
    head = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
    plain, encoded = tmp_path / "plain.eml", tmp_path / "encoded.eml"
    plain.write_text(message(head), encoding="utf-8")
    encoded.write_bytes(QP_LATIN1.encode("ascii"))
    result = cli("--fix", str(plain), str(encoded))
    assert plain.read_text(encoding="utf-8") == message(
        head, "Le responderemos lo antes posible. Lo haremos según su contrato.\n")
    assert encoded.read_bytes() == QP_LATIN1.encode("ascii")
    assert [line.partition(": CLR003")[0] for line in result.output.splitlines() if "CLR003" in line] == [
        f"{encoded}:5:18", f"{encoded}:5:58"]
    assert result.exit_code == 1


def test_diff_shows_nothing_for_an_encoded_body(tmp_path) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(QP_LATIN1.encode("ascii"))
    result = cli("--diff", str(path))
    assert (result.output, result.exit_code) == ("", 0)


# ---- 2. RFC 2231 parameters --------------------------------------------------------------------

def test_rfc2231_parameters_are_decoded_joined_and_win_over_plain_ones() -> None:
    assert mime.split_parameters("text/plain; charset*=us-ascii'en'iso-8859-1") == ("text/plain", {"charset": "iso-8859-1"})
    assert mime.split_parameters('multipart/mixed; boundary=old; boundary*1="-cd"; boundary*0=ab') == (
        "multipart/mixed", {"boundary": "ab-cd"})
    assert mime.split_parameters("attachment; filename*0*=utf-8''Respuesta%20a%20su; filename*1=_reclamación;"
                                 " filename*2*=%2Etxt") == ("attachment", {"filename": "Respuesta a su_reclamación.txt"})
    # a charset Python cannot read leniently, or none at all, costs the odd character, never the run
    assert mime.split_parameters("x; name*=idna''a%E1; other*=b%C3%B1") == ("x", {"name": "a\ufffd", "other": "bñ"})


def spans(text: str, code: str = "ANG001") -> list[tuple[int, int, int, int, str]]:
    return [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched)
            for f in linter(code).lint_bytes("m.eml", text.encode("utf-8")).findings]


def test_a_charset_given_the_rfc2231_way_is_honoured() -> None:
    text = ("Subject: Hola\nContent-Type: text/plain; charset*=''iso-8859-1\n"
            "Content-Transfer-Encoding: quoted-printable\n\nC=E1lmese, por favor.\n")
    assert spans(text) == [(5, 1, 5, 10, "C=E1lmese")]


def test_a_boundary_given_in_rfc2231_sections_cuts_the_parts() -> None:
    text = ("Subject: Hola\nContent-Type: multipart/alternative; boundary*0=resp; boundary*1=uesta\n\n"
            "--respuesta\nContent-Type: text/plain; charset=utf-8\n\nCálmese, por favor.\n--respuesta--\n")
    assert spans(text) == [(7, 1, 7, 8, "Cálmese")]


# ---- 3. YAML strings with an explicit tag ------------------------------------------------------

TAGGED_YAML = """%TAG !e! tag:yaml.org,2002:
---
plain: !!str Cálmese, por favor, ya lo resolvemos.
quoted: !!str "Hola. Cálmese, por favor."
block: &bloque !!str |
  Hola.
  Cálmese, por favor, ya lo resolvemos.
next_line: !!str
  Cálmese, por favor, ya lo resolvemos.
verbatim: !<tag:yaml.org,2002:str> Cálmese, por favor, ya lo resolvemos.
handle: !e!str Cálmese, por favor, ya lo resolvemos.
python: !!python/unicode 'Cálmese, por favor, ya lo resolvemos.'
flow: [!!str "Cálmese, por favor, ya."]
local: !cifrado Cálmese, por favor, ya lo resolvemos.
folded: !!str >-
  Hola, le escribimos.
  Cálmese, por favor, ya.
"""


def test_yaml_strings_tagged_as_strings_are_linted_at_their_words() -> None:
    found = [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched)
             for f in linter("ANG001").lint_bytes("a.yaml", TAGGED_YAML.encode("utf-8")).findings]
    # an application's own tag (!cifrado) may mean anything: its scalar is left alone
    assert found == [(3, 14, 3, 21, "Cálmese"), (4, 22, 4, 29, "Cálmese"), (7, 3, 7, 10, "Cálmese"),
                     (9, 3, 9, 10, "Cálmese"), (10, 36, 10, 43, "Cálmese"), (11, 16, 11, 23, "Cálmese"),
                     (12, 27, 12, 34, "Cálmese"), (13, 15, 13, 22, "Cálmese"), (17, 3, 17, 10, "Cálmese")]


# ---- 4. deep JSON ----------------------------------------------------------------------------

CALM_JSON = '"Hola. Cálmese, por favor."'


def lint_json(text: str):
    return linter("ANG001").lint_bytes("a.json", text.encode("utf-8"))


@pytest.mark.parametrize("opener, closer", [("[", "]"), ('{"texto": ', "}"), ('[{"a": [], "b": ', "}]")])
def test_deep_json_is_linted_at_its_words(opener: str, closer: str) -> None:
    depth = 5_000  # the recursive scanner gave up at about 450 levels
    result = lint_json(opener * depth + CALM_JSON + closer * depth)
    column = len(opener) * depth + 8  # past the opening quote and «Hola. »
    assert [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched) for f in result.findings] == [
        (1, column, 1, column + 7, "Cálmese")]
    assert result.diagnostics == ()


def test_malformed_deep_json_is_reported_where_it_breaks() -> None:
    result = lint_json("[" * 3_000 + "1,]" + "]" * 2_999)
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        ("E901", 1, 3_003, "malformed JSON: Expecting value")]


JSON_DOCUMENTS = ['{"a": 1, "a": [2.5, -3e2, true, false, null], "b": {"c": "d\\u00e1\\n"}}', ' [NaN, Infinity, -Infinity] ',
                  '"solo"', "12", "[]", "{}", '[1, 2', '{"a" 1}', '{"a": 1,}', "[1,]", '[1] [2]', "[tru]", '{1: 2}',
                  '["a\x01"]', "", "[01]", '{"a": [1 2]}']


def test_the_json_reader_reads_what_json_loads_reads() -> None:
    def reading(load, text: str):
        try:
            return repr(load(text))  # repr: NaN equals nothing, not even itself
        except json.JSONDecodeError as error:
            return error.msg, error.pos

    assert [reading(_load_json, text) for text in JSON_DOCUMENTS] == [
        reading(lambda text: json.loads(text, parse_int=_json_int), text) for text in JSON_DOCUMENTS]
