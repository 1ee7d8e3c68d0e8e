"""Context handled once by the engine (issue 11): a match does not count in the
contexts its rule's `outside` names (negation, hypothetical, question, quote),
and `unless`/`also` reach the sentence before (`previous`) or around (`near`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from svclint.config import Config, load_config
from svclint.engine import Linter
from svclint.errors import PackError


def _found(lang: str, text: str, code: str, kind: str = "text") -> list[tuple[int, int, str]]:
    """(line, column, matched words) of each finding of one rule."""
    linter = Linter(Config(), lang=lang, kind=kind, select=[code])
    result = linter.lint_bytes("reply.txt", text.encode("utf-8"))
    return [(f.start.line, f.start.column, f.matched) for f in result.findings]


@pytest.mark.parametrize("lang, text", [
    ("es", "¿No es posible que el paquete esté en conserjería?\n"),              # question
    ("es", "Al pagar le aparece el aviso «No es posible completar la operación».\n"),  # quoted
    ("es", "Le proponemos cambiar la fecha sin coste. No podemos mantener la reserva original.\n"),  # alternative first
    ("es", "Esta acción no se puede\ndeshacer.\n"),                              # warning across a line break
    ("en", "The screen shows \"It is not possible to complete this payment\".\n"),
    ("en", "The screen shows 'It is not possible to complete this payment' in red.\n"),  # single quotes
    ("en", "Your message said ‘we can't refund it’, and that's fixed now.\n"),              # curly single quotes
    ("en", 'Agents are told never to say "we can\'t refund it" to a customer.\n'),        # no cue that opens a line
    ("en", "You will need to reset your password from the login page. We can't change it for you.\n"),
])
def test_no_refusal_in_context(lang: str, text: str) -> None:
    assert _found(lang, text, "NEG001") == []


# Guards: the contexts must not swallow a refusal that stands outside them.
@pytest.mark.parametrize("lang, text, expected", [
    # "Sí" (yes) is not the conditional "si"; a comma closes a "cuando" clause
    ("es", "Sí, lo he comprobado: no es posible cambiar el asiento.\n", (1, 23, "no es posible")),
    # nor is the emphatic «sí» inside a sentence, nor «por sí solo» (both fold to «si»)
    ("es", "El vuelo ya salió. Ahora sí no podemos cambiar la fecha.\n", (1, 29, "no podemos")),
    ("es", "El cargo no se anula por sí solo y no podemos devolverlo.\n", (1, 36, "no podemos")),
    ("es", "Cuando el paquete sale del almacén, ya no podemos modificarlo.\n", (1, 40, "no podemos")),
    # reported speech ends where its clause does
    ("es", "Nos dice que lo necesita el viernes, pero no podemos adelantar el envío.\n", (1, 43, "no podemos")),
    ("en", "When the parcel has left the depot, we can't redirect it.\n", (1, 37, "we can't")),
    # a "but" before the refusal is no alternative, and instructions after it are none either
    ("en", "Sorry, but we cannot reopen the account. You will need to call your bank.\n", (1, 12, "we cannot")),
    # an offer `near` the refusal is not the refusal's own words
    ("en", "That's not something we can do for orders over 30 days old.\n", (1, 1, "That's not something we can do")),
    # apostrophes open no quote: a possessive plural, a contraction, a closed quote before the refusal
    ("en", "The customers' orders are stuck, and we can't refund them.\n", (1, 38, "we can't")),
    ("en", "Your 'express' parcel is late. We can't refund the delivery fee.\n", (1, 32, "We can't")),
    # the line a script gives the agent to say, quoted after a cue, is the organisation's own
    ("en", 'If the customer asks again, say: "We can\'t refund it."\n', (1, 35, "We can't")),
    ("es", 'Si el cliente insiste, responda: "No podemos devolverlo."\n', (1, 35, "No podemos")),
])
def test_refusal_outside_context_is_reported(lang: str, text: str, expected: tuple[int, int, str]) -> None:
    assert _found(lang, text, "NEG001") == [expected]


@pytest.mark.parametrize("lang, text", [
    ("es", "Gracias por su pedido. Como cualquier tienda, podemos cometer errores.\n"),
    ("es", "Gracias por escribirnos. Hemos revisado la factura y no hemos encontrado ningún error.\n"),
    ("es", "Gracias por contactar. Hemos registrado su incidencia con el número 4821.\n"),
    ("es", "Gracias por su compra. Pueden producirse retrasos durante las fiestas.\n"),
    ("en", "Thanks for asking. There have been no delays in your area this week.\n"),
    ("en", "Thanks for shopping with us. Delays may occur over the holidays.\n"),
    # asking whether something went wrong is not saying it did
    ("es", "Gracias por escribirnos. ¿Le aparece algún mensaje de error al entrar?\n"),
    ("en", "Thanks for reaching out. Are you getting a specific error message?\n"),
])
@pytest.mark.parametrize("code", ["ANG003", "APO001"])
def test_no_problem_when_denied_possible_or_asked(lang: str, text: str, code: str) -> None:
    assert _found(lang, text, code, kind="email") == []


@pytest.mark.parametrize("lang, text, first_line", [
    ("es", "Gracias por escribirnos. Nos dice que el cobro duplicado fue un error.\n", "Gracias por escribirnos."),
    ("en", "Thanks for writing. If you check, you'll see the double charge was an error.\n", "Thanks for writing."),
    # a negative trigger is not undone by a negator before it; "can see" is no possibility
    ("es", "Gracias por escribir. La tarifa es no reembolsable y no podemos devolver el importe.\n", "Gracias por escribir."),
    ("en", "Thanks for writing. I can see why you're upset that your order is late.\n", "Thanks for writing."),
])
def test_reported_or_later_problem_still_counts(lang: str, text: str, first_line: str) -> None:
    assert _found(lang, text, "APO001", kind="email") == [(1, 1, first_line)]


PACK = """\
ORG001:
  name: Context test
  slug: context-test
  severity: warning
  scope: sentence
  kinds: all
  es:
    check: pattern
    title: Prueba
    flags: Prueba.
    message: "«{match}»"
    why: Prueba.
    instead: Prueba.
    match: [la competencia]
    also: {previous: [precio]}
    outside: [%s]
    examples:
      flag: [{text: "El precio sube. Eso en la competencia.", match: la competencia}]
      pass: ["¿Eso en la competencia?"]
"""


def _user_linter(tmp_path: Path, contexts: str) -> Linter:
    (tmp_path / "org.yaml").write_text(PACK % contexts, encoding="utf-8")
    (tmp_path / "svclint.yaml").write_text("rule-packs: [org.yaml]\n", encoding="utf-8")
    return Linter(load_config(tmp_path / "svclint.yaml"), lang="es", kind="text", select=["ORG001"])


def test_unknown_context_is_a_pack_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(PackError) as error:
        _user_linter(tmp_path, "negation, sarcasm")
    assert "unknown context 'sarcasm'" in str(error.value) and "org.yaml:16" in str(error.value)


def test_user_pack_reads_outside_and_scoped_also(tmp_path: Path) -> None:
    linter = _user_linter(tmp_path, "question")
    def found(text: str) -> list[str]:
        return [f.matched for f in linter.lint_bytes("a.txt", text.encode("utf-8")).findings]
    assert found("El precio sube. Eso en la competencia.\n") == ["la competencia"]
    assert found("El precio sube. ¿Eso en la competencia?\n") == []   # a question
    assert found("Eso en la competencia. El precio sube.\n") == []    # `also` only in the sentence before


# `conditional` (SIN004 en): an "if" or "when" reaches only the clause it opens, and
# possibility ("could be") does not count as a condition, unlike `hypothetical`.
@pytest.mark.parametrize("text, expected", [
    ("If you forgot your password, click Reset.\n", []),
    ("If you entered the wrong postcode, just reply and we'll fix it.\n", []),
    ("When you booked, you should have read the cancellation terms.\n", [(1, 18, "you should have read")]),
    ("If I'm honest, you should have checked the size guide first.\n", [(1, 16, "you should have checked")]),
    ("It could be something on your end.\n", [(1, 1, "It could be something on your end")]),
    # "when" before what did happen is a time, not a supposition; before what may happen it still is one
    ("Checking the parcel when it arrived was your job, not ours.\n", [(1, 37, "was your job, not ours")]),
    ("When you forget your password, you can reset it from the login page.\n", []),
    ("If it's not there when you check, you can reset it from the login page.\n", []),
])
def test_conditional_reaches_only_its_clause(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _found("en", text, "SIN004") == expected


def test_a_counterfactual_past_is_no_condition(tmp_path: Path) -> None:
    """«Si hubiera…», "if it had been…": what did not happen, told as blame, is not a supposition for
    `conditional`; it still is for `hypothetical`, where what did not happen has not happened."""
    def found(context: str, text: str) -> list[str]:
        linter = _user_linter(tmp_path, context)
        return [f.matched for f in linter.lint_bytes("a.txt", text.encode("utf-8")).findings]
    supposed = "El precio sube. Si mira en la competencia lo verá.\n"
    counterfactual = "El precio sube. Si hubiera mirado en la competencia lo habría visto.\n"
    assert found("conditional", supposed) == [] and found("conditional", counterfactual) == ["la competencia"]
    assert found("hypothetical", counterfactual) == []


def _found_in(name: str, lang: str, text: str, code: str, kind: str) -> list[tuple[int, int, str]]:
    """(line, column, matched words) of each finding of one rule, in a file of the given name (its format)."""
    linter = Linter(Config(), lang=lang, kind=kind, select=[code])
    return [(f.start.line, f.start.column, f.matched) for f in linter.lint_bytes(name, text.encode("utf-8")).findings]


def test_a_sentence_opened_by_an_exclamation_mark_starts_at_its_first_word() -> None:
    # "^" holds after «¡» as at the start of the line; not after «¿», where a question is no statement
    assert _found("es", "¡Lo arruinaste!\n", "SIN004") == [(1, 2, "Lo arruinaste")]
    assert _found("es", "Lo arruinaste.\n", "SIN004") == [(1, 1, "Lo arruinaste")]


def test_a_heading_that_asks_a_question_is_the_readers_voice() -> None:
    question = "Why didn't you read the terms?"
    assert _found_in("faq.md", "en", f"### {question}\n\nThe terms are on the checkout page.\n", "SIN004", "faq") == []
    assert _found_in("faq.md", "en", f"{question} They are on the checkout page.\n", "SIN004", "faq") == \
        [(1, 1, "Why didn't you read")]


@pytest.mark.parametrize("kind, expected", [("faq", []), ("chat", [(1, 25, "contact our customer service team")])])
def test_our_own_team_is_where_a_case_starts_only_in_what_is_published(kind: str, expected: list) -> None:
    text = "To change your address, contact our customer service team.\n"
    assert _found("en", text, "SIN007", kind=kind) == expected


def test_html_headings_are_titles_not_shouting() -> None:
    html = "<h1>AVISO DE CORTE</h1>\n<p>Su servicio ESTÁ SUSPENDIDO desde hoy.</p>\n"
    assert _found_in("aviso.html", "es", html, "CLR007", "email") == [(2, 16, "ESTÁ SUSPENDIDO")]


# A problem in the clause right after a condition that opens the sentence holds only if the condition does;
# what the reader is told they will see is a fact; a refusal of the reader's own claim is a problem (RULES.md,
# trigger for claims).
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "If your order is outside the return window, we can't refund it.\n", []),
    ("en", "Your order is outside our 30-day return window, so we can't refund it.\n",
     [(1, 1, "Your order is outside our 30-day return window, so we can't refund it.")]),
    ("en", "If you check your statement, you'll see we charged you twice by mistake.\n",
     [(1, 1, "If you check your statement, you'll see we charged you twice by mistake.")]),
    ("es", "Si tu compra está fuera de plazo, no corresponde el reembolso.\n", []),
    ("es", "Tu compra está fuera del plazo de devolución, así que no corresponde el reembolso.\n",
     [(1, 1, "Tu compra está fuera del plazo de devolución, así que no corresponde el reembolso.")]),
])
def test_a_problem_in_a_consequence_is_no_trigger(lang: str, text: str, expected: list) -> None:
    assert _found(lang, text, "APO001", kind="chat") == expected
