"""Findings point at the right words of the original file, through markup."""

from __future__ import annotations

import json

import pytest

from svclint.config import Config
from svclint.engine import Linter
from svclint.model import Position
from svclint.sourcemap import SourceFile


def spans(name: str, text: str, lang: str = "es", code: str = "ANG001", kind: str | None = None):
    result = Linter(Config(), lang=lang, kind=kind, select=[code]).lint_text(name, text)
    return [(f.start.line, f.start.column, f.end.line, f.end.column, f.matched) for f in result.findings]


def test_columns_count_code_points_after_accents() -> None:
    assert spans("a.txt", "Señoría, ¡tranquilícese!\n") == [(1, 11, 1, 24, "tranquilícese")]


def test_html_tags_and_entities() -> None:
    text = "<html><body>\n<p>Por favor, <b>c&aacute;lmese</b> ya.</p>\n</body></html>\n"
    assert spans("a.html", text) == [(2, 18, 2, 32, "c&aacute;lmese")]


def test_html_hidden_parts_are_skipped() -> None:
    text = "<style>/* cálmese */</style><script>var x='cálmese'</script><p title='cálmese'>Hola</p>"
    assert spans("a.html", text) == []


def test_markdown_emphasis_code_and_links() -> None:
    text = "# Guion\n\nPor favor, **cálmese** y [lea esto](https://x.y/cálmese).\n\n`cálmese`\n\n```\ncálmese\n```\n"
    assert spans("a.md", text) == [(3, 14, 3, 21, "cálmese")]


def test_markdown_front_matter_is_skipped() -> None:
    assert spans("a.md", "---\ntitle: cálmese\n---\nHola.\n") == []


def test_yaml_block_scalar_and_quoted_scalar() -> None:
    text = (
        "turns:\n"
        "  - speaker: cliente\n"
        "    text: \"¡Cálmese usted!\"\n"
        "  - speaker: agente\n"
        "    text: |\n"
        "      Buenos días.\n"
        "      Por favor, cálmese.\n"
        "  - speaker: agente\n"
        "    text: \"Se lo ruego: \\\"tranquilícese\\\".\"\n"
    )
    assert spans("a.yaml", text) == [(7, 18, 7, 25, "cálmese"), (9, 27, 9, 40, "tranquilícese")]


def test_customer_lines_are_never_judged() -> None:
    text = "**Cliente:** ¡Cálmese usted!\n**Agente:** Entiendo su enfado. Cálmese, por favor.\n"
    assert spans("a.md", text) == [(2, 33, 2, 40, "Cálmese")]


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.eml"])
def test_a_customer_label_alone_is_a_field_not_a_turn(name: str) -> None:
    """"Cliente: {{ nombre }}" in a notice is a form's field that a template fills in, not the
    customer speaking: the lines after it are the organisation's words, and they are judged."""
    head = "Subject: Pedido\n\n" if name.endswith(".eml") else ""
    text = head + "Cliente: {{ nombre }}\nPedido: {{ pedido }}\nCálmese, lo resolvemos hoy.\n"
    line = 5 if head else 3
    assert spans(name, text) == [(line, 1, line, 8, "Cálmese")]


def test_customer_messages_in_a_json_export_are_never_judged() -> None:
    """An export of messages marks the customer's by a customer word keying the writer's
    handle (numbered too) or by a speaker key; only the organisation's strings are judged.
    Prose keyed by a customer word is a template for customers, and a role word after a
    customer word a locale entry: both are judged as any other string."""
    text = json.dumps({"threads": [
        {"client": "@marta_g", "message": "Cálmese usted, que llevo tres días esperando."},
        {"client2": "marta_g", "message": "Y no me diga que me calme."},
        {"from": "customer", "text": "Tranquilícese, que no es para tanto."},
        {"agent": "SoporteAcme", "message": "Lo siento mucho, cálmese y lo vemos."},
        {"templates": {"customer": "Por favor, cálmese: su pedido está en camino."}},
        {"user": "Usuario", "message": "Cálmese: el usuario ya está activo."}]}, ensure_ascii=False, indent=1)
    lines = text.splitlines()
    judged = [number for number, line in enumerate(lines, 1) if any(
        said in line for said in ("Lo siento", "su pedido", "ya está activo"))]  # a locale entry is no handle
    assert [(line, matched) for line, _, _, _, matched in spans("export.json", text)] == [
        (judged[0], "cálmese"), (judged[1], "cálmese"), (judged[2], "Cálmese")]


def test_placeholders_are_masked() -> None:
    assert spans("a.txt", "Hola {{ calm_down }}, gracias.\n", lang="en") == []
    assert spans("a.j2", "{% if x %}Calm down{% endif %}\n", lang="en") == [(1, 11, 1, 20, "Calm down")]


def test_eml_subject_and_body() -> None:
    text = ("From: a@example.com\nSubject: Cálmese\nContent-Type: text/plain; charset=utf-8\n\n"
            "Hola.\nNo se altere, por favor.\n")
    assert spans("a.eml", text) == [(2, 10, 2, 17, "Cálmese"), (6, 1, 6, 13, "No se altere")]


def test_json_faq_answers() -> None:
    text = '[{"question": "¿Cálmese?", "answer": "Primero, c\\u00e1lmese. Luego, cálmese."}]'
    assert spans("a.json", text) == [(1, 48, 1, 60, "c\\u00e1lmese"), (1, 69, 1, 76, "cálmese")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings(newline: str) -> None:
    text = newline.join(["Hola.", "", "Cálmese, por favor.", ""])
    assert spans("a.txt", text) == [(3, 1, 3, 8, "Cálmese")]


@pytest.mark.parametrize("text", ["Hi {{ first_name }}. Calm down.", "See https://example.com/help. Calm down."])
def test_full_stop_after_placeholder_or_url_ends_the_sentence(text: str) -> None:
    masked = text.replace("{{ first_name }}", "\ue000").replace("https://example.com/help", "\ue001")
    assert len(_sentences("en", masked)) == 2


@pytest.mark.parametrize(("lang", "text", "sentences"), [
    ("es", "Buenos días, le atiende Marta. ¿En qué puedo ayudarle?", ["Buenos días, le atiende Marta.", "¿En qué puedo ayudarle?"]),
    ("es", "¡Hola! ¡Gracias por escribir!", ["¡Hola!", "¡Gracias por escribir!"]),
    ("es", "Hola, Sres. Ortega: les confirmamos la reserva.", ["Hola, Sres. Ortega: les confirmamos la reserva."]),
    ("es", "Hola, Ana:\n\nGracias por escribir.\nUn saludo", ["Hola, Ana:", "Gracias por escribir.", "Un saludo"]),
    ("en", "Hi Sam,\nthe parcel left today. Ref. 42 applies.", ["Hi Sam,\nthe parcel left today.", "Ref. 42 applies."]),
])
def test_sentence_boundaries(lang: str, text: str, sentences: list[str]) -> None:
    assert _sentences(lang, text) == sentences


def _sentences(lang: str, text: str) -> list[str]:
    from svclint.nlp import analyse, pipeline

    table = analyse(pipeline(lang), text)
    bounds = [*table.sentence_starts, len(table)]
    found = [table.doc[start:end].text.strip() for start, end in zip(bounds, bounds[1:])]
    return [sentence for sentence in found if sentence]


@pytest.mark.parametrize("text", ["a\r\nbc\rd\n\ne", "", "x", "\n", "ab\r\n", "\r\r\n\n"])
def test_exact_offset_names_only_places_position_gives(text) -> None:
    """The result cache trusts a cached [line, column] only when it names a place in
    the text: exact_offset must agree with position() both ways."""
    source = SourceFile("a.txt", text)
    for offset in range(len(text) + 1):
        place = source.position(offset)
        assert source.exact_offset(place.line, place.column) == offset
    for line in range(-1, 8):
        for column in range(-1, 8):
            offset = source.exact_offset(line, column)
            assert offset is None or source.position(offset) == Position(line, column)
