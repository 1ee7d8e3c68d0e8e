"""A customer reply made of courtesy alone («Hola, buenos días.», «Vale.») states no need, so
the opening of a script goes on into the agent's next turn (PRO002 `opening-replies`); a reply
that asks for something ends it."""

from __future__ import annotations

from svclint.config import Config
from svclint.engine import Linter


def _codes(text: str) -> list[tuple[str, int, int, str]]:
    result = Linter(Config(), lang="es", kind="call-script").lint_bytes("call.txt", text.encode("utf-8"))
    return [(f.code, f.start.line, f.start.column, f.matched) for f in result.findings if f.code == "PRO002"]


def test_the_organisation_named_after_a_greeting_back_is_not_flagged() -> None:
    text = ("Agente: Buenos días.\nCliente: Hola, buenos días.\n"
            "Agente: Está llamando a Ferretería Sol, soy Juan, ¿en qué le ayudo?\nCliente: Busco tornillos.\n")
    assert _codes(text) == []
    text = ("Agente: Un momento, por favor.\nCliente: Vale.\n"
            "Agente: Gracias por esperar, Clínica Norte, le atiende Ana.\nCliente: Quería una cita.\n")
    assert _codes(text) == []


def test_a_reply_that_states_a_need_ends_the_opening() -> None:
    text = ("Agente: Hola, buenas tardes, le atiende Ana.\nCliente: Hola, quería dar un parte.\n"
            "Agente: Bienvenido a Seguros Faro, claro.\n")
    assert _codes(text) == [("PRO002", 1, 9, "Hola, buenas tardes, le atiende Ana.")]
