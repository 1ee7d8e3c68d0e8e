"""Audit P5, C4, U1, H16: text normalisation and the text of messages.

Invisible characters and decomposed accents must not hide a phrase, yet every
finding still spans the file's own characters; messages quote the writer's
words (never the masks rules see, never a lone surrogate); and a file of many
tiny lines does not cost memory per line.
"""

from __future__ import annotations

import json
import tracemalloc
import unicodedata

import click.testing
import pytest

import svclint.cli
from svclint.config import Config
from svclint.documents.read import read_document
from svclint.engine import Linter
from svclint.nlp import analyse, fold, pipeline


def lint(name: str, text: str):
    return Linter(Config()).lint_bytes(name, text.encode("utf-8")).findings


def found(name: str, text: str, code: str | None = None) -> list[tuple]:
    """(code, line, column, end line, end column, matched) of each finding, or of one code's."""
    return [(f.code, f.start.line, f.start.column, f.end.line, f.end.column, f.matched)
            for f in lint(name, text) if code in (None, f.code)]


# ---- P5: decomposed accents (NFD, as macOS writes) -----------------------------------

def test_nfd_text_gets_the_findings_of_nfc_text_on_its_own_characters() -> None:
    text = unicodedata.normalize("NFD", "Cálmese, por favor. No se altere. Tranquilícese.\n")
    assert found("a.txt", text, "ANG001") == [
        ("ANG001", 1, 1, 1, 9, "Ca\u0301lmese"),
        ("ANG001", 1, 22, 1, 34, "No se altere"),
        ("ANG001", 1, 36, 1, 50, "Tranquili\u0301cese"),
    ]


def test_nfd_word_before_a_full_stop_is_a_word() -> None:
    """A combining accent last in a word kept the tokenizer from splitting off the stop."""
    text = unicodedata.normalize("NFD", "Le garantizo que llegará mañana. Relájese, está.\n")
    assert found("a.txt", text, "PRM003") == [("PRM003", 1, 18, 1, 34, "llegara\u0301 man\u0303ana")]


def test_nfd_message_quotes_the_composed_words() -> None:
    [finding] = [f for f in lint("a.txt", unicodedata.normalize("NFD", "Por favor, tranquilícese.\n"))]
    assert finding.message.startswith("«tranquilícese» ")


def test_fold_sees_decomposed_accents_format_characters_and_fullwidth_forms() -> None:
    assert fold("TRANQUILI\u0301CESE") == fold("Tranquilícese") == "tranquilicese"
    assert fold("nin\u0303o") == fold("niño") == "niño"  # the tilde of ñ stays
    assert fold("pingu\u0308ino") == fold("pingüino") == "pinguino"
    assert fold("Cál\u200bme\u00adse") == "calmese"
    assert fold("Ｃálmese") == "calmese"
    assert fold("don’t") == "don't"


# ---- P5: invisible characters inside or next to a word ------------------------------

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "zero-width no-break space": "\ufeff",
    "left-to-right mark": "\u200e",
    "RLO": "\u202e",
    "LRO": "\u202d",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}
invisible = pytest.mark.parametrize("mark", INVISIBLE.values(), ids=INVISIBLE.keys())


@invisible
def test_invisible_character_inside_a_word(mark: str) -> None:
    assert found("a.txt", f"Por favor, cál{mark}mese ya.\n") == [("ANG001", 1, 12, 1, 20, f"cál{mark}mese")]


@invisible
def test_invisible_characters_around_a_word_stay_outside_the_span(mark: str) -> None:
    assert found("a.txt", f"Por favor, {mark}cálmese{mark} ya.\n") == [("ANG001", 1, 13, 1, 20, "cálmese")]


@invisible
def test_invisible_character_before_a_full_stop(mark: str) -> None:
    text = f"Hola. Cálmese{mark}. Tranquilícese{mark}.\n"
    assert found("a.txt", text, "ANG001") == [("ANG001", 1, 7, 1, 14, "Cálmese"),
                                              ("ANG001", 1, 17, 1, 30, "Tranquilícese")]


@invisible
def test_invisible_character_inside_a_phrase(mark: str) -> None:
    text = f"Le responderemos a la{mark} mayor bre{mark}vedad posible.\n"
    assert found("a.txt", text, "CLR003") == [
        ("CLR003", 1, 18, 1, 47, f"a la{mark} mayor bre{mark}vedad posible")]


def test_message_quotes_the_visible_word() -> None:
    [finding] = lint("a.txt", "Por favor, cál\u200bmese ya.\n")
    assert finding.message.startswith("«cálmese» ")


def test_html_entities_for_invisible_characters() -> None:
    text = "<p>C&aacute;l&shy;mese, por favor.</p>\n<p>No se al&#x200B;tere.</p>\n"
    assert found("a.html", text, "ANG001") == [("ANG001", 1, 4, 1, 23, "C&aacute;l&shy;mese"),
                                               ("ANG001", 2, 4, 2, 24, "No se al&#x200B;tere")]


def test_yaml_escapes_for_invisible_characters_and_accents() -> None:
    text = 'text: "Por favor, ca\\u0301l\\u200bmese ya."\n'
    assert found("a.yaml", text, "ANG001") == [("ANG001", 1, 19, 1, 38, "ca\\u0301l\\u200bmese")]


# ---- U1: the placeholder and URL marks never reach a message ------------------------

def test_malformed_placeholder_is_quoted_as_written() -> None:
    [finding] = [f for f in lint("a.md", "svclint: kind=email{{${x}\n") if f.code == "TPL001"]
    assert finding.message == "«{{${x}» es un marcador de plantilla mal formado o sin cerrar."
    assert (finding.start.column, finding.end.column, finding.matched) == (20, 26, "{{${x}")


@pytest.mark.parametrize("placeholder", ["{{ fecha }}", "${fecha}", "%(fecha)s", "<%= fecha %>", "*|FECHA|*", "{fecha}"])
def test_a_match_over_a_placeholder_quotes_it_as_written(placeholder: str) -> None:
    [finding] = [f for f in lint("a.txt", f"Su pedido llegará {placeholder} mañana.\n") if f.code == "PRM003"]
    assert finding.message.startswith(f"«llegará {placeholder} mañana» ")
    assert finding.matched == f"llegará {placeholder} mañana"


@pytest.mark.parametrize("url", ["https://x.es/a", "www.x.es/a", "a@b.es"])
def test_a_match_over_a_url_quotes_it_as_written(url: str) -> None:
    [finding] = [f for f in lint("a.txt", f"Su pedido llegará {url} mañana.\n") if f.code == "PRM003"]
    assert finding.message.startswith(f"«llegará {url} mañana» ")


# ---- C4: a lone surrogate from an escape --------------------------------------------

SURROGATE_FILES = {
    "a.yaml": 'text: "Le garantizo que llegará \\ud800 mañana sin falta."\n',
    "a.json": '{"text": "Le garantizo que llegar\\u00e1 \\ud800 ma\\u00f1ana sin falta."}\n',
}


@pytest.mark.parametrize("name", SURROGATE_FILES)
def test_lone_surrogate_is_shown_as_replacement_character(name: str) -> None:
    [finding] = [f for f in lint(name, SURROGATE_FILES[name]) if f.code == "PRM003"]
    assert finding.message.startswith("«llegará \ufffd mañana» ")
    assert finding.matched == SURROGATE_FILES[name][finding.start.column - 1: finding.end.column - 1]
    assert "\\ud800" in finding.matched  # the file's own text, escape and all


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "gitlab", "junit"])
def test_every_format_reports_a_lone_surrogate(fmt: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(SURROGATE_FILES["a.yaml"], encoding="utf-8")
    result = click.testing.CliRunner().invoke(svclint.cli.main, ["check", "--no-cache", "--format", fmt, "a.yaml"], catch_exceptions=False)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "llegará \ufffd mañana" in (json.loads(result.output)[1]["message"] if fmt == "json" else result.output) \
        or fmt in ("gitlab", "sarif", "junit") and "PRM003" in result.output


# ---- H16: memory for a file of many tiny lines --------------------------------------

def test_source_map_of_many_lines_costs_no_object_per_line() -> None:
    """Lines added one by one where the last stopped are one piece of the source map,
    and the line index is an array: 1 M tiny lines took 1.27 GB before."""
    lines = 20_000
    text = "a\n" * lines
    tracemalloc.start()
    try:
        document = read_document("a.txt", text)
        assert document.units[0].text.text == text
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held / lines < 64  # bytes per line; it was about 300
    assert document.units[0].text.source_span(2 * lines - 2, 2 * lines - 1) == (2 * lines - 2, 2 * lines - 1)


def test_repeated_tokens_share_their_norm_id() -> None:
    table = analyse(pipeline("es"), "a\n\nb\n\n" * 5_000)  # blank lines: every word a sentence
    assert len(table) == 20_000
    assert len({id(norm) for norm in table.norm}) == 3  # "a", "b" and the blank line
