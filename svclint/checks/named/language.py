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

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.schema import named_schema
from svclint.langid import NAMES, identify


class LanguageMatch(Check):
    SCHEMA = named_schema()

    def run(self, ctx: UnitContext) -> list[Hit]:
        text = ctx.unit.text.text
        customer: str | None = None
        hits = []
        for turn in ctx.unit.turns:
            guess = identify(text[turn.start:turn.end])
            if turn.role == "customer":
                customer = guess.lang if guess else customer  # an unsure turn keeps the language before it
            elif turn.role == "agent" and customer and guess and guess.lang != customer:
                hits.append(Hit(*_trimmed(text, turn.start, turn.end),
                                values={"reply": NAMES[guess.lang], "customer": NAMES[customer]}))
        return hits


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The turn's span without the blanks around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
