"""`require`: the unit must say something (thanks, an apology, a greeting).

`require` lists what counts; only the organisation's text counts, and `within`
narrows it to the `opening` or `closing` turns of a script. A placeholder whose
name contains one of `placeholders` counts too, and so does a name configured
under `config-phrases` (`organization`). With `trigger`, the rule applies only
to units that deal with a problem (any speaker's words may trigger it);
`trigger-unless` vetoes a trigger by scope (as `unless` does a pattern's match),
`trigger-asked` lists problems that count even inside a question, because the
question takes them as given ("are you still getting this error?", «¿le sigue
dando el mismo fallo?»: the reader already has one; "do you have any problem?"
does not), the rule's other `outside` contexts still applying to them,
`require-unless` vetoes what would count (a «gracias a» that names a cause, not
the customer: «gracias a la nueva versión»), and `outside` names the contexts in
which a trigger does not count, e.g. `[negation, hypothetical]` for "no hemos
encontrado ningún error" or "if you have any problem" (see svclint/checks/pattern.py).
`waive` patterns in the same turns, or `waive-if-customer-first` on a call the
customer answers, make the rule not apply. `opening-asks` lists the questions
(the caller's name, an account number) after whose answer the opening goes on
into the agent's next turn; `opening-replies` lists the customer's courtesies
(a greeting, an acknowledgement) that, as the whole reply, let it go on too. The finding points at the first
sentence of the judged text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svclint.checks.base import Check
from svclint.checks.context import Hit, UnitContext
from svclint.checks.pattern import (OUTSIDE, UNLESS_SCOPES, counts_here, register_outside, register_patterns,
                                    register_unless, vetoed)
from svclint.checks.schema import Choice, Flag, Needs, Patterns, Schema, ScopedPatterns, Words
from svclint.config import Config
from svclint.rules.patterns import MatcherSet

if TYPE_CHECKING:  # packs validates rules against SCHEMA: no import back at run time
    from svclint.rules.packs import RuleData


class RequireCheck(Check):
    SCHEMA = Schema({
        "require": Patterns(),
        "require-unless": ScopedPatterns(UNLESS_SCOPES),
        "trigger": Patterns(),
        "trigger-unless": ScopedPatterns(UNLESS_SCOPES),
        "trigger-asked": Patterns(),
        "within": Choice(("unit", "opening", "closing"), default="unit"),
        "opening-asks": Patterns(),
        "opening-replies": Patterns(),
        "placeholders": Words(),
        "config-phrases": Choice(("organization",)),
        "waive": Patterns(),
        "waive-if-customer-first": Flag(default=False),
        "outside": OUTSIDE,
    }, (Needs("require"),))

    def __init__(self, rule: RuleData, config: Config):
        super().__init__(rule, config)
        self.within = self.setting("within")
        # the contexts in which a `trigger-asked` problem does not count: those of `outside`, but a question
        spec = rule.spec
        self._asked_outside = [c for c in spec["outside"]["contexts"] if c != "question"] if "outside" in spec else []

    def register(self, matchers: MatcherSet) -> None:
        spec, lists = self.rule.spec, self.rule.lists
        register_patterns(matchers, f"{self.key}|require", spec["require"], lists)
        register_unless(matchers, f"{self.key}|require", self.setting("require-unless"), lists)
        register_patterns(matchers, f"{self.key}|waive", self.setting("waive"), lists)
        register_patterns(matchers, f"{self.key}|asks", self.setting("opening-asks"), lists)
        register_patterns(matchers, f"{self.key}|replies", self.setting("opening-replies"), lists)
        if self.setting("config-phrases") == "organization":
            for name in self.config.organization:
                matchers.add_phrase(f"{self.key}|require", name)
        register_patterns(matchers, f"{self.key}|trigger", self.setting("trigger"), lists)
        register_unless(matchers, f"{self.key}|trigger", self.setting("trigger-unless"), lists)
        register_patterns(matchers, f"{self.key}|trigger-asked", self.setting("trigger-asked"), lists)
        register_outside(matchers, spec, lists)

    def triggered(self, ctx: UnitContext) -> bool:
        spec = self.rule.spec
        if "trigger" not in spec:
            return True
        scopes = self.setting("trigger-unless").keys()
        prefix = f"{self.key}|trigger"
        if any(not vetoed(ctx, prefix, span, scopes) and counts_here(ctx, spec, span) for span in ctx.spans(prefix)):
            return True
        return any(not vetoed(ctx, prefix, span, scopes) and ctx.outside(span, self._asked_outside)
                   for span in ctx.spans(f"{prefix}-asked"))

    def applies(self, ctx: UnitContext) -> bool:
        return self._applies(ctx, self._ranges(ctx))

    def _applies(self, ctx: UnitContext, ranges: list[tuple[int, int]]) -> bool:
        """The unit has turns to judge, something triggers the rule, no waiver holds."""
        return (bool(ranges) and bool(ctx.judged_sentences()) and self.triggered(ctx)
                and not self._customer_first(ctx) and not self._said(ctx, "waive", ranges))

    def run(self, ctx: UnitContext) -> list[Hit]:
        ranges = self._ranges(ctx)
        if not self._applies(ctx, ranges):
            return []
        if self._said(ctx, "require", ranges):
            return []
        fragments = self.setting("placeholders")
        for offset, placeholder in ctx.unit.placeholders.items():
            name = placeholder.name.lower()
            if ctx.is_judged(offset, ranges) and any(f in name for f in fragments):
                return []
        return [anchor(ctx, ranges)]

    def _said(self, ctx: UnitContext, key: str, ranges: list[tuple[int, int]]) -> bool:
        """Whether one of the rule's `key` patterns matched in the judged turns (and, for
        `require`, no `require-unless` pattern vetoes it)."""
        prefix = f"{self.key}|{key}"
        scopes = self.setting("require-unless").keys() if key == "require" else ()
        return any(ctx.is_judged(ctx.char_span(span)[0], ranges) and not vetoed(ctx, prefix, span, scopes)
                   for span in ctx.spans(prefix))

    def _ranges(self, ctx: UnitContext) -> list[tuple[int, int]]:
        return ctx.turn_ranges(self.within, f"{self.key}|asks" if self.setting("opening-asks") else None,
                               f"{self.key}|replies" if self.setting("opening-replies") else None)

    def _customer_first(self, ctx: UnitContext) -> bool:
        turns = ctx.unit.turns
        return bool(self.setting("waive-if-customer-first") and turns and turns[0].role == "customer")


def anchor(ctx: UnitContext, ranges: list[tuple[int, int]] | None = None) -> Hit:
    """A document finding points at the first line of the first judged sentence."""
    sentences = [s for s in ctx.sentences if ctx.is_judged(s.char_start, ranges)] or ctx.judged_sentences()
    first = sentences[0]
    text = ctx.unit.text.text
    line_end = text.find("\n", first.char_start, first.char_end)
    end = first.char_end if line_end < 0 else line_end
    while end > first.char_start + 1 and text[end - 1].isspace():  # a line's trailing blank or CR
        end -= 1
    return Hit(first.char_start, end)
