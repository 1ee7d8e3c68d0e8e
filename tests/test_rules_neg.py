"""NEG001 as a construction (issue 11, items 1 and 4): a negated ability or
permission bearing on something the customer asked us to do is a refusal, and
so is a message that only says an operation cannot be done (sending the
invoice email, loading the order history); the scope of a rule over a class of
orders, a warning that deleted data is lost and a third person's limit are not. Each case gives the exact findings (code, columns, matched words)."""

from __future__ import annotations

import pytest

from conftest import _rule_linter, found_spans


def _found(lang: str, text: str) -> list[tuple[str, int, int, str]]:
    return found_spans(lang, text, ["NEG001"])


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a pair of clitics before the modal, voseo register
    ("es", "Che, la seña no te la podemos reintegrar ni devolver.\n", [("NEG001", 14, 30, "no te la podemos")]),
    # "there is no way to" bring an appointment forward
    ("es", "Lo siento, no hay forma de adelantarte el turno.\n", [("NEG001", 12, 27, "no hay forma de")]),
    # a passive refusal with no "we"
    ("en", "This booking cannot be refunded.\n", [("NEG001", 14, 23, "cannot be")]),
    # a bare "Unable to" heading a refusal
    ("en", "Unable to extend your subscription.\n", [("NEG001", 1, 10, "Unable to")]),
    # a sentence wrapped across lines, or with a doubled space, is still one phrase
    ("es", "Lo sentimos, pero no podemos\nreembolsar el pedido.\n", [("NEG001", 19, 29, "no podemos")]),
    ("en", "Sadly we cannot\nrefund  your order.\n", [("NEG001", 7, 16, "we cannot")]),
    # a service operation that failed leaves the customer as stuck as a refusal does
    ("es", "No podemos enviar el correo de aviso de la devolución.\n", [("NEG001", 1, 11, "No podemos")]),
    ("en", "We cannot send the order confirmation email.\n", [("NEG001", 1, 10, "We cannot")]),
    ("es", "No podemos cargar los datos del envío.\n", [("NEG001", 1, 11, "No podemos")]),
    ("en", "We can't load your saved addresses.\n", [("NEG001", 1, 9, "We can't")]),
    # what the customer cannot do, usted with its subject left out
    ("es", "No puede canjear la tarjeta regalo en este momento.\n", [("NEG001", 1, 9, "No puede")]),
])
def test_refusals_of_a_service_are_reported(lang: str, text: str, expected: list) -> None:
    assert _found(lang, text) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # the record as the subject: a warning that it is lost
    ("es", "Una vez borrada la cuenta, los datos no se podrán recuperar.\n"),
    # a third person names its subject first
    ("es", "El pedido no puede tardar más de tres días.\n"),
    # how long to wait is the way forward
    ("es", "No puedes añadir otro método de pago tan pronto. Por favor, espera 30 segundos.\n"),
    ("en", "You cannot add a new card so soon. Please wait for %d seconds.\n"),
    # the scope of a rule over a class of orders
    ("es", "Este bono no se puede canjear en compras de más de cien euros.\n"),
    ("es", "No podemos aplicar el descuento a los pedidos que ya estén pagados.\n"),
    ("en", "We cannot apply discounts to orders over two hundred pounds.\n"),
])
def test_rule_scopes_and_warnings_are_not_refusals(lang: str, text: str) -> None:
    assert _found(lang, text) == []


def test_a_refusal_across_a_wrapped_line_is_quoted_on_one_line() -> None:
    (finding,) = _rule_linter("en", ("NEG001",)).lint_text("reply.txt", "Sorry, we\n   cannot refund it.\n").findings
    assert (finding.start.line, finding.start.column, finding.end.line, finding.end.column) == (1, 8, 2, 10)
    assert finding.matched == "we\n   cannot"  # the file's own text, for fixes and baselines
    assert finding.message.startswith('"we cannot" says what you cannot do')
