"""LNG002 — Spanish register: tú and usted mixed in one unit, or the register
opposite to the configured one (`register: usted|tu`, default usted).

The pack lists strong markers of each register as patterns (pronouns,
possessives that can only mean the customer, second-person verbs, imperatives
with clitics). Ambiguous third-person forms ("puede") are not markers at all.
The finding is the first marker of the other register, with the first marker
of the register the unit started in named in the message.
"""

from __future__ import annotations

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext, merge
from svclint.checks.named import named
from svclint.checks.pattern import register_patterns
from svclint.patterns import MatcherSet

REGISTERS = ("usted", "tu")
LABELS = {"usted": "usted", "tu": "tú"}


@named("register")
class Register(Check):
    OPTIONS = {register: "patterns" for register in REGISTERS}

    def register(self, matchers: MatcherSet) -> None:
        self.finding_keys = frozenset(f"{self.key}|{register}" for register in REGISTERS)
        for register in REGISTERS:
            register_patterns(matchers, f"{self.key}|{register}", self.rule.spec["options"][register], self.rule.lists)

    def run(self, ctx: UnitContext) -> list[Hit]:
        markers = sorted((ctx.char_span(span), register) for register in REGISTERS
                         for span in merge(ctx.spans(f"{self.key}|{register}")))
        markers = [(span, register) for span, register in markers if ctx.is_judged(span[0])]
        if not markers:
            return []
        text = ctx.unit.text.text
        (first, opened_in) = markers[0]
        switch = next(((span, r) for span, r in markers if r != opened_in), None)
        if switch:
            (start, end), register = switch
            variant = "mixed"
        elif opened_in != self.config.register:
            (start, end), register = first, opened_in
            variant = "opposite"
        else:
            return []
        return [Hit(start, end, {"match": text[start:end], "register": LABELS[register],
                                 "earlier": text[first[0]:first[1]], "configured": LABELS[self.config.register],
                                 "variant": variant, "related": first})]
