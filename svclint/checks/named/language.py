"""LEY005 in a script or conversation: an agent or bot turn answers the customer in
another language than the one the customer last wrote in.

The customer's turn decides: each agent turn is compared with the nearest customer
turn before it, and both must be identified with confidence (svclint/langid.py
abstains on short or mixed text), so «Hola» or «D'acord, gràcies» decides nothing.
Turns before the customer's first one (the greeting of a call) are not judged: the
customer has not chosen a language yet. A file of templates has no customer turns;
its declared language is compared in the engine (svclint/declared_language.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.schema import named_schema
from svclint.langid import NAMES, identify

if TYPE_CHECKING:
    from svclint.documents.unit import Turn


class LanguageMatch(Check):
    SCHEMA = named_schema()

    def applies(self, ctx: UnitContext) -> bool:
        """Some agent turn answers a customer turn whose language could be told."""
        return any(True for _ in _replies(ctx))

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        hits = []
        for turn, customer in _replies(ctx):
            guess = identify(text[turn.start:turn.end])
            if guess and guess.lang != customer:
                hits.append(Hit(*_trimmed(text, turn.start, turn.end),
                                values={"reply": NAMES[guess.lang], "customer": NAMES[customer]}))
        return hits


def _replies(ctx: UnitContext) -> Iterator[tuple[Turn, str]]:
    """Each agent turn after a customer turn whose language was told, with that language
    (an unsure customer turn keeps the language told before it)."""
    text = ctx.unit.text.text
    customer: str | None = None
    for turn in ctx.unit.turns:
        if turn.role == "customer":
            guess = identify(text[turn.start:turn.end])
            customer = guess.lang if guess else customer
        elif turn.role == "agent" and customer:
            yield turn, customer


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The turn's span without the blanks around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
