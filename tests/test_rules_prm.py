"""PRM001-PRM003 as constructions (issue 11, item 1): outcomes in the present
tense, guarantees made of a forecast, and refusals, hopes and our own actions
that are not promises. Each case gives the exact codes and spans reported."""

from __future__ import annotations

import pytest

from conftest import found_spans

CODES = ["PRM001", "PRM002", "PRM003"]


def _found(lang: str, text: str) -> list[tuple[str, int, int, str]]:
    return found_spans(lang, text, CODES)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a bank outcome in the present, said of a weekday
    ("es", "La transferencia se acredita el jueves.\n", [("PRM003", 18, 39, "se acredita el jueves")]),
    # a fault that "no se vuelve a" happen, in the present
    ("es", "Con la reparación el router no se vuelve a caer.\n", [("PRM002", 29, 48, "no se vuelve a caer")]),
    # a carrier outcome in the present tense
    ("en", "Your new router gets to you on Friday.\n", [("PRM003", 17, 28, "gets to you")]),
    # certainty lent to someone else's decision
    ("en", "Rest assured, the bank will approve the refund.\n", [("PRM001", 1, 36, "Rest assured, the bank will approve")]),
])
def test_promises_are_reported(lang: str, text: str, expected: list) -> None:
    assert _found(lang, text) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # a guarantee about what we have done is not a guarantee of an outcome
    ("es", "Le aseguro que hemos recibido toda la documentación.\n"),
    # a promise of our own call is not a guarantee of an outcome
    ("es", "Te prometo que esta tarde te telefoneo.\n"),
    # declining to promise, and hoping, are not absolute claims
    ("en", "I can't say for sure it won't happen again, but we've added a check.\n"),
    ("en", "Hopefully this won't happen again.\n"),
    # answering is the organisation's own work
    ("en", "We guarantee to reply to every message within a day.\n"),
])
def test_hedges_refusals_and_our_actions_are_not_reported(lang: str, text: str) -> None:
    assert _found(lang, text) == []

