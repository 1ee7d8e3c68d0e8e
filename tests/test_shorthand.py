"""Chat shorthand (rules/<lang>/_shorthand.yaml): a short spelling gets the word it
stands for as its NORM, so every rule that names the word also reads the shorthand,
and a bad table is a load error naming its file and line."""

from __future__ import annotations

import json

import pytest

from conftest import invoke
from svclint.errors import PackError
from svclint.nlp import pipeline
from svclint.rules.packs import load_shorthand


@pytest.mark.parametrize(("lang", "text", "norms"), [
    ("es", "no hay nada q hacer xq ud no pagó", ["no", "hay", "nada", "que", "hacer", "porque", "usted", "no", "pago"]),
    ("en", "pls calm down, u r right, thx", ["please", "calm", "down", ",", "you", "r", "right", ",", "thanks"]),
])
def test_shorthand_reads_as_the_word(lang: str, text: str, norms: list[str]) -> None:
    assert [token.norm_ for token in pipeline(lang).make_doc(text)] == norms


@pytest.mark.parametrize(("lang", "text", "code", "matched"), [
    ("es", "Lo siento, pero no hay nada q podamos hacer.\n", "SIN002", "no hay nada q podamos hacer"),
    ("es", "Tiene q llamar al banco, nosotros no vemos eso.\n", "SIN007", "Tiene q llamar al banco"),
    ("en", "u should have read the terms b4 buying\n", "SIN004", "u should have read"),
])
def test_rules_flag_the_shorthand_of_their_words(tmp_path, lang: str, text: str, code: str, matched: str) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(text, encoding="utf-8")
    found = json.loads(invoke("check", "--lang", lang, "--kind", "text", "--format", "json", "--no-cache",
                              "--select", code, str(reply)).stdout)
    assert [(f["code"], text[f["column"] - 1:f["end_column"] - 1]) for f in found] == [(code, matched)]


@pytest.mark.parametrize(("table", "line"), [
    ("shorthand:\n  que: [q]\n  quien: [q]\n", 3),          # a spelling listed twice
    ("shorthand:\n  que: [q]\n  qué: [k]\n", 3),            # a word not written folded
    ("shorthand:\n  que: [q, por favor]\n", 2),             # a spelling of two words
    ("shorthand:\n  que: [q]\n  porque: [que]\n", 3),       # a spelling that is a word of the table
    ("words:\n  que: [q]\n", 1),                             # an unknown key
])
def test_a_bad_shorthand_table_names_its_line(tmp_path, table: str, line: int) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "_shorthand.yaml").write_text(table, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_shorthand("es", tmp_path)
    assert f"_shorthand.yaml:{line}" in str(error.value)
