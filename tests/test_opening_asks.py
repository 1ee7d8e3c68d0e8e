"""The opening of a script goes on into the agent's next turn once the customer answers the
question it ended with (PRO002, PRO003 `opening-asks`), also on a call the customer answered
first: the answer is the customer's next turn after the question, not their first turn."""

from __future__ import annotations

from svclint.config import Config
from svclint.engine import Linter


def _codes(text: str, lang: str) -> list[tuple[str, int, int, str]]:
    result = Linter(Config(), lang=lang, kind="call-script").lint_bytes("call.txt", text.encode("utf-8"))
    return [(f.code, f.start.line, f.start.column, f.matched) for f in result.findings
            if f.code in ("PRO002", "PRO003")]


def test_outbound_identity_check_then_introduction_is_not_flagged() -> None:
    answered_first = ("Cliente: ¿Diga?\nAgente: Buenas tardes, ¿hablo con Pedro García?\nCliente: Sí, soy yo.\n"
                      "Agente: Le llamo de Telered, mi nombre es Marta.\nCliente: Vale.\n")
    assert _codes(answered_first, "es") == []
    called_first = ("Agent: Hello, am I speaking with Mr Jones?\nCustomer: Speaking.\n"
                    "Agent: It's Priya from Northwind, I'm calling about your meter.\nCustomer: OK.\n")
    assert _codes(called_first, "en") == []


def test_an_introduction_left_for_later_in_the_call_is_still_flagged() -> None:
    # the customer's answer is a request, not the answer to the identity check: the opening ends there
    text = ("Cliente: ¿Diga?\nAgente: Buenas tardes, ¿hablo con Pedro García?\nCliente: ¿Quién es?\n"
            "Agente: Le llamo de Telered, mi nombre es Marta.\n")
    assert _codes(text, "es") == [("PRO002", 2, 9, "Buenas tardes, ¿hablo con Pedro García?"),
                                  ("PRO003", 2, 9, "Buenas tardes, ¿hablo con Pedro García?")]
    # no question in the first turn: the opening is that turn alone, even if the name comes later
    text = ("Customer: Hello?\nAgent: Hi there, how are you today?\nCustomer: Fine.\n"
            "Agent: It's Priya from Northwind.\n")
    assert _codes(text, "en") == [("PRO002", 2, 8, "Hi there, how are you today?"),
                                  ("PRO003", 2, 8, "Hi there, how are you today?")]
