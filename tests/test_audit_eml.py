"""Audit D6, C1, C2, H7, P4: the e-mail reader lints the part it locates, maps every
finding to the exact words of the file (through quoted-printable, base64 and
encoded words), and turns broken or hostile messages into diagnostics."""

from __future__ import annotations

import base64
import quopri
import time
import tracemalloc
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from svclint.cli import main
from svclint.config import Config
from svclint.documents import mime
from svclint.documents.eml import read_eml
from svclint.engine import Linter
from svclint.fix import apply_fixes
from svclint.sourcemap import SourceFile

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
PLAIN = "Content-Type: text/plain; charset=utf-8\n"
BREVEDAD = "Le responderemos a la mayor brevedad posible."


@cache
def linter(code: str | None) -> Linter:
    return Linter(Config(), lang="es", select=[code] if code else None)


def lint(name: str, text: str, code: str | None = None):
    return linter(code).lint_bytes(name, text.encode("utf-8"))


def spans(name: str, text: str, code: str = "ANG001"):
    return [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched) for f in lint(name, text, code).findings]


def e901(result) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == "E901"]


# ---- D6 / P4: the part linted is the part located --------------------------------------

ALTERNATIVE = ("Subject: Hola\nContent-Type: multipart/alternative; boundary=b\n\n--b\n"
               f"Content-Type: text/html; charset=utf-8\n\n<p>{BREVEDAD}</p>\n--b\n"
               f"{PLAIN}\n{BREVEDAD}\n--b--\n")


def test_d6_fix_edits_the_plain_part_not_the_html_one() -> None:
    result = lint("m.eml", ALTERNATIVE, "CLR003")
    assert [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched) for f in result.findings] == [
        (11, 18, 11, 45, "a la mayor brevedad posible")]
    fixed = apply_fixes(result.source, result.findings).splitlines()
    assert fixed[6] == f"<p>{BREVEDAD}</p>"  # the HTML alternative is untouched
    assert fixed[10] == "Le responderemos lo antes posible."


def test_d6_words_repeated_in_the_preamble_and_an_attachment_do_not_attract_findings() -> None:
    text = ("Subject: Hola\nContent-Type: multipart/mixed; boundary=\"out er\"\n\n"
            f"{BREVEDAD}\n"  # preamble, line 4
            "--out er\nContent-Type: text/plain; charset=utf-8\nContent-Disposition: attachment\n\n"
            f"{BREVEDAD}\n"  # an attachment, line 9
            "--out er\nContent-Type: multipart/alternative; boundary=in\n\n"
            f"--in\nContent-Type: text/html\n\n<p>{BREVEDAD}</p>\n"
            f"--in\n{PLAIN}\n{BREVEDAD}\n--in--\n"  # the body, line 20
            "--out er--\n")
    assert spans("m.eml", text, "CLR003") == [(20, 18, 20, 45, "a la mayor brevedad posible")]


def test_d6_boundary_lines_and_crlf_stay_outside_the_part() -> None:
    text = ALTERNATIVE.replace("\n", "\r\n")
    message = mime.read_part(text, 0, len(text))
    part = mime.find_body(text, message).part
    assert text[part.body_start : part.end] == BREVEDAD
    assert spans("m.eml", text, "CLR003") == [(11, 18, 11, 45, "a la mayor brevedad posible")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_d6_parts_are_found_with_any_line_ending(newline: str) -> None:
    text = ALTERNATIVE.replace(PLAIN, PLAIN + "Content-Transfer-Encoding: quoted-printable\n").replace(
        "a la mayor brevedad posible.\n--b--", "a la mayor =\nbrevedad posible.\n--b--")
    assert spans("m.eml", text.replace("\n", newline), "CLR003") == [
        (12, 18, 13, 17, f"a la mayor ={newline}brevedad posible")]


def test_d6_a_multipart_without_a_boundary_has_no_body() -> None:
    assert spans("m.eml", "Subject: Hola\nContent-Type: multipart/mixed\n\nCálmese.\n") == []


# ---- P4: bodies and subjects map back ------------------------------------------------------

def test_p4_utf8_body_without_charset_is_read_as_utf8() -> None:
    assert spans("a.eml", "Subject: Hola\n\nCálmese, por favor. No se altere.\n") == [
        (3, 1, 3, 8, "Cálmese"), (3, 21, 3, 33, "No se altere")]


QP = ("Subject: Hola\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
      "Hola. C=C3=A1lmese, por favor. Le responderemos a la mayor =\nbrevedad posible.\n"
      "Le responderemos a la mayor brevedad posible.\n")


def test_p4_quoted_printable_maps_to_the_encoded_runs() -> None:
    assert spans("a.eml", QP) == [(5, 7, 5, 19, "C=C3=A1lmese")]
    result = lint("a.eml", QP, "CLR003")
    assert [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched, f.fix) for f in result.findings] == [
        (5, 49, 6, 17, "a la mayor =\nbrevedad posible", None),  # across a soft line break: no fix
        (7, 18, 7, 45, "a la mayor brevedad posible", None)]  # written as is, but in an encoded body: no fix
    assert apply_fixes(result.source, result.findings) == QP


def test_p4_quoted_printable_honours_a_single_byte_charset() -> None:
    text = "Subject: Hola\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nC=E1lmese.\n"
    assert spans("a.eml", text) == [(5, 1, 5, 10, "C=E1lmese")]


BASE64_HEAD = "Subject: Hola\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"


def test_p4_base64_maps_each_character_to_its_group() -> None:
    body = base64.encodebytes("Hola. Cálmese, por favor.".encode()).decode()
    assert body == "SG9sYS4gQ8OhbG1lc2UsIHBvciBmYXZvci4=\n"
    # "C" and "á" are the bytes of the group Q8Oh, "lmese" of bG1l and c2Us
    assert spans("a.eml", BASE64_HEAD + body) == [(5, 9, 5, 21, "Q8OhbG1lc2Us")]


def test_p4_no_fix_is_ever_offered_in_a_base64_body() -> None:
    body = base64.encodebytes(f"Hola. {BREVEDAD}\n{BREVEDAD}\n".encode()).decode()
    result = lint("a.eml", BASE64_HEAD + body, "CLR003")
    assert len(result.findings) == 2
    assert [f.fix for f in result.findings] == [None, None]
    for finding in result.findings:  # every span is whole groups of the encoded text
        assert len(finding.matched.replace("\n", "")) % 4 == 0
        assert "brevedad" in base64.b64decode(finding.matched).decode()


def test_p4_html_part_in_base64() -> None:
    html = base64.encodebytes("<p>Hola.</p><p>C&aacute;lmese, por favor.</p>".encode()).decode()
    text = "Subject: Hola\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n" + html
    result = lint("a.eml", text, "ANG001")
    assert [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched, f.fix) for f in result.findings] == [
        (5, 21, 5, 41, "QyZhYWN1dGU7bG1lc2Us", None)]


def test_p4_encoded_subject_maps_to_the_encoded_word() -> None:
    text = f"Subject: =?utf-8?q?C=C3=A1lmese?=, por favor\n{PLAIN}\nHola.\n"
    assert spans("a.eml", text) == [(1, 10, 1, 34, "=?utf-8?q?C=C3=A1lmese?=")]
    split = f"Subject: =?utf-8?B?Q8OhbG0=?=\n =?utf-8?q?ese?= ya\n{PLAIN}\nHola.\n"  # the blank between words goes
    assert spans("a.eml", split) == [(1, 10, 2, 17, "=?utf-8?B?Q8OhbG0=?=\n =?utf-8?q?ese?=")]


def test_p4_folded_subject_maps_to_the_value_not_the_leading_space() -> None:
    text = (HOSTILE / "folded-subject.eml").read_text(encoding="utf-8")
    assert spans("folded-subject.eml", text) == [(1, 10, 1, 17, "Cálmese"), (7, 1, 7, 8, "Cálmese")]
    result = lint("folded-subject.eml", text, "THX001")
    assert [(f.start.line, f.start.column) for f in result.findings] == [(1, 10)]


def test_p4_undecodable_encoded_word_stays_as_written() -> None:
    text = "Subject: =?utf-8?B?!!!garbage?= Cálmese\n\nHola.\n"
    assert spans("a.eml", text) == [(1, 33, 1, 40, "Cálmese")]


PHRASES = ["Cálmese, por favor.", BREVEDAD, "No se altere.", "En relación con su pedido,", "Gracias.",
           "Tranquilícese", "{{ nombre }}", "http://x.es/a", " ", "\n", "\n\n", "ñandú", "😀", "=", "_", "?"]


@settings(max_examples=40)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=30).map("".join),
       st.sampled_from(["quoted-printable", "base64"]), st.sampled_from(["utf-8", "iso-8859-1", ""]))
def test_p4_encoded_bodies_give_the_findings_of_the_same_body_sent_as_8bit(body: str, encoding: str,
                                                                          charset: str) -> None:
    try:
        data = body.encode(charset or "utf-8")
    except UnicodeEncodeError:
        data = body.encode("utf-8")
        charset = "utf-8"
    encoded = (quopri.encodestring(data) if encoding == "quoted-printable" else base64.encodebytes(data)).decode()
    head = f"Subject: Hola\nContent-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: "
    plain = lint("a.eml", head + "8bit\n\n" + body)
    sent = lint("a.eml", head + encoding + "\n\n" + encoded)
    # the same findings; their order can differ, as findings in one encoded chunk share its position
    assert sorted(f.code for f in sent.findings) == sorted(f.code for f in plain.findings)
    # no reading problem (E9xx); notes on what the message is (SVC102) as for the 8-bit body
    assert [d.code for d in sent.diagnostics] == [d.code for d in plain.diagnostics]
    assert not [d for d in sent.diagnostics if d.code.startswith("E9")]
    for finding in sent.findings:  # a fix only where the file holds the words as written
        assert finding.fix is None or finding.matched in body


# ---- C1: charsets ------------------------------------------------------------------------

@pytest.mark.parametrize("charset", ["x-klingon", '""', "{{ cs }}", "base64"])
def test_c1_unknown_or_empty_charset_reads_the_body(charset: str) -> None:
    text = f"Subject: Hola\nContent-Type: text/plain; charset={charset}\n\nCálmese, por favor.\n"
    assert spans("a.eml.j2", text) == [(4, 1, 4, 8, "Cálmese")]


@pytest.mark.parametrize("charset", ["x-klingon", "utf-8", ""])
def test_c1_unknown_charset_on_an_encoded_body_falls_back_to_utf8(charset: str) -> None:
    body = base64.encodebytes("Cálmese, por favor.".encode()).decode()
    text = BASE64_HEAD.replace("charset=utf-8", f"charset={charset}") + body
    assert [s[4] for s in spans("a.eml", text)] == ["Q8OhbG1lc2Us"]


@pytest.mark.parametrize("charset", ["x-klingon", "idna", "hex"])
def test_c1_undecodable_body_is_a_diagnostic_and_the_subject_is_still_linted(charset: str) -> None:
    text = BASE64_HEAD.replace("Hola", "Cálmese").replace("charset=utf-8", f"charset={charset}") + "/w==\n"
    result = lint("a.eml", text)
    assert [f.matched for f in result.findings if f.code == "ANG001"] == ["Cálmese"]
    assert len(e901(result)) == 1 and e901(result)[0].endswith("; body not linted")
    assert repr(charset) in e901(result)[0]


def test_c1_unsupported_transfer_encoding_is_a_diagnostic() -> None:
    text = "Subject: Hola\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 a\n#0V%L\n`\nend\n"
    assert e901(lint("a.eml", text)) == ["unsupported Content-Transfer-Encoding 'x-uuencode'; body not linted"]


def test_c1_the_run_goes_on(tmp_path) -> None:
    (tmp_path / "a.eml.j2").write_text("Subject: {{ s }}\nContent-Type: text/plain; charset={{ cs }}\n\nHola.\n")
    (tmp_path / "b.eml").write_text(BASE64_HEAD.replace("utf-8", "x-klingon") + "/w==\n")
    (tmp_path / "c.txt").write_text("Cálmese, por favor.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(tmp_path)], catch_exceptions=False)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "c.txt" in result.output and "ANG001" in result.output


# ---- C2: hostile structure ---------------------------------------------------------------

def test_c2_deep_multipart_nesting_is_a_diagnostic() -> None:
    text = "Subject: Hola\nContent-Type: multipart/mixed; boundary=b0\n\n"
    text += "".join(f"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n" for i in range(1, 10_000))
    text += "--b9999\nContent-Type: text/plain\n\nCálmese.\n"
    result = lint("a.eml", text)
    assert e901(result) == [f"MIME parts nested over {mime.MAX_DEPTH} deep; the deeper parts are not linted"]
    assert [f.code for f in result.findings if f.code == "ANG001"] == []


def test_c2_shallow_nesting_is_walked() -> None:
    depth = mime.MAX_DEPTH - 1
    text = "Subject: Hola\nContent-Type: multipart/mixed; boundary=b0\n\n"
    text += "".join(f"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n" for i in range(1, depth))
    text += f"--b{depth - 1}\nContent-Type: text/plain\n\nCálmese.\n"
    result = lint("a.eml", text, "ANG001")
    assert e901(result) == [] and [f.matched for f in result.findings] == ["Cálmese"]


def test_c2_nested_messages_and_comments_do_not_recurse() -> None:
    nested = "Subject: Hola\nContent-Type: message/rfc822\n\n" * 5000 + "Cálmese.\n"
    assert not [d for d in lint("a.eml", nested).diagnostics if d.code.startswith("E9")]  # read, not refused
    comments = "Subject: Hola\nContent-Type: text/plain " + "(" * 20_000 + "\n\nCálmese.\n"
    assert spans("a.eml", comments) == [(4, 1, 4, 8, "Cálmese")]


def _seconds(function, argument) -> float:
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start


def test_c2_header_parameters_are_split_in_linear_time() -> None:
    def split(n: int) -> None:
        mime.split_parameters("text/plain; " + "a" * n + ' (x"' * n)
    small, large = (min(_seconds(split, n) for _ in range(3)) for n in (20_000, 80_000))
    assert large / small < 8  # linear: about 4; the square would be 16


# ---- H7: long subjects -------------------------------------------------------------------

def _peak_bytes(words: int) -> int:
    source = SourceFile("a.eml", "Subject: " + "=?utf-8?q?a?= " * words + "\n\nHola.\n")
    tracemalloc.start()
    try:
        read_eml(source)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_h7_subject_memory_grows_linearly() -> None:
    small, large = _peak_bytes(500), _peak_bytes(2000)
    assert large / small < 8  # linear: about 4; the parser it replaced grew with the square


def test_h7_over_long_subject_is_read_as_written_with_a_diagnostic() -> None:
    result = lint("a.eml", "Subject: " + "=?utf-8?q?a?= " * 2_000 + "\n\nHola.\n")
    assert e901(result) == ["Subject header is 27,999 characters, over 16,384; linted as written, encoded words not decoded"]
    assert lint("a.eml", "Subject: " + "=?utf-8?q?C=C3=A1lmese?= " * 100 + "\n\nHola.\n").diagnostics == ()
