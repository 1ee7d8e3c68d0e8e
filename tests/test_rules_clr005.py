"""CLR005 and CLR007 on real text (issue 11, items 1, 4 and 5).

CLR005: a finished routine outcome the customer asked for («ha sido verificada»,
"has been confirmed") is a status notice, not a hidden decision, unless it failed
(«no fue realizado»); a passive in a condition or a question describes a case; a
general description («no puede ser editado») hides an actor only for an adverse
action. CLR007: a word in capitals that opens a line or sentence with a colon
and names the notice ("WARNING:", «AVISO:») is a label, not shouting. Each case
states that nothing is reported (what stays reported is in the packs' examples
and fixtures)."""

from __future__ import annotations

import pytest

from conftest import found_spans

CODES = ["CLR005", "CLR007"]


def _found(lang: str, text: str) -> list[tuple[str, int, int, str]]:
    return found_spans(lang, text, CODES)


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Tu suscripción ha sido activada correctamente.\n"),
    ("es", "El artículo fue añadido a tu carrito.\n"),
    ("es", "El enlace ha sido enviado a tu correo.\n"),
    ("es", "Si tu pago fue rechazado, prueba con otra tarjeta.\n"),
    ("es", "¿Quizá tu contraseña ya fue cambiada?\n"),
    ("es", "Esta respuesta no puede ser editada.\n"),
    ("es", "Usted será redirigido a la página de pago.\n"),
    ("en", "Your changes have been saved.\n"),
    ("en", "Your refund has been issued.\n"),
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
