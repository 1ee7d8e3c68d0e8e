"""CLR005 and CLR007 on real text (issue 11, items 1, 4 and 5).

CLR005: routine news in the passive («ha sido verificada», "has been issued")
still hides who acted; a confirmation that names the customer's own request («tal
como nos pidió») or the reader's own edits saved does not; a passive in a condition
or a question describes a case; a general description («no puede ser editado»)
hides an actor only for an adverse action. CLR007: a word in capitals that opens a line or sentence with a colon
and names the notice ("WARNING:", «AVISO:») is a label, not shouting. Each case
states that nothing is reported (what stays reported is in the packs' examples
and fixtures)."""

from __future__ import annotations

import pytest

from conftest import _rule_linter, found_spans

CODES = ["CLR005", "CLR007"]


def _found(lang: str, text: str) -> list[tuple[str, int, int, str]]:
    return found_spans(lang, text, CODES)


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Tu suscripción ha sido activada correctamente, tal como nos pidió.\n"),
    ("es", "El artículo fue añadido a tu carrito.\n"),
    ("es", "El enlace ha sido enviado a tu correo.\n"),
    ("es", "Si tu pago fue rechazado, prueba con otra tarjeta.\n"),
    ("es", "¿Quizá tu contraseña ya fue cambiada?\n"),
    ("es", "Esta respuesta no puede ser editada.\n"),
    ("es", "Usted será redirigido a la página de pago.\n"),
    ("en", "Your changes have been saved.\n"),
    ("en", "Your refund has been issued, as you requested.\n"),
    ("en", "A reset link has been sent to your email address.\n"),
    ("en", "You've been sent a gift card.\n"),
    ("en", "If your card was declined, try another one.\n"),
    ("en", "Perhaps the topic was deleted?\n"),
    ("es", "ADVERTENCIA: has superado el límite diario de correos.\n"),
    ("es", "Gracias por su compra. RECORDATORIO: el envío sale el lunes.\n"),
    ("en", "**WARNING:** your session will expire in five minutes.\n"),
    ("en", "- REMINDER: bring the receipt with you.\n"),
])
def test_status_notices_conditions_descriptions_and_labels_pass(lang: str, text: str) -> None:
    assert _found(lang, text) == []


@pytest.mark.parametrize(("lang", "text", "span"), [
    ("es", "Tu suscripción ha sido activada correctamente.\n", "ha sido activada"),
    ("es", "Su pedido ha sido enviado y llegará pronto.\n", "ha sido enviado"),
    ("en", "Your refund has been issued.\n", "has been issued"),
    ("en", "Your refund was issued successfully.\n", "was issued"),
])
def test_routine_news_in_the_passive_still_hides_who_acted(lang: str, text: str, span: str) -> None:
    """«Hemos enviado su pedido» says who did it; «su pedido ha sido enviado» does not, good
    news or not (RULES: "has been processed")."""
    column = text.index(span) + 1
    assert _found(lang, text) == [("CLR005", column, column + len(span), span)]


@pytest.mark.parametrize(("lang", "text", "message"), [
    ("es", "Su solicitud ha sido procesada por el banco.\n",
     "«ha sido procesada» es una pasiva: dice quién actúa solo después del verbo; póngalo delante, en activa."),
    ("es", "Su pedido fue cancelado por falta de pago.\n",
     "«fue cancelado» es una pasiva: no dice quién actúa; diga quién lo hace y en activa."),
    ("en", "Your request was declined by the bank.\n",
     "\"was declined\" is passive: it names who acts only after the verb; put them first, in the active."),
    ("en", "Your order was cancelled by mistake.\n", "\"was cancelled\" is passive and hides who acts; say who does it."),
    # the actor after a later passive of the sentence is not this one's (that one names others, and is not reported)
    ("es", "Tus mensajes han sido ocultados temporalmente porque han sido reportados por la comunidad.\n",
     "«han sido ocultados» es una pasiva: no dice quién actúa; diga quién lo hace y en activa."),
    ("en", "Your posts have been temporarily hidden because they were flagged by the community.\n",
     "\"have been temporarily hidden\" is passive and hides who acts; say who does it."),
])
def test_a_passive_that_names_its_actor_after_the_verb_is_told_so(lang: str, text: str, message: str) -> None:
    """RULES keeps «ha sido procesado por» as CLR005's, but «no dice quién actúa» would be
    untrue there: the message variant says the actor comes after the verb. A cause after
    «por» / "by" («por falta de pago», "by mistake") is no actor."""
    findings = _rule_linter(lang, ("CLR005",)).lint_text("reply.txt", text).findings
    assert [f.message for f in findings] == [message]
