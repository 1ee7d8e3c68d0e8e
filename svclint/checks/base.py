"""What every check is: built from a rule's pack data and the run's configuration,
it registers its patterns once per language and judges one unit at a time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from svclint.checks.context import Hit, UnitContext
from svclint.checks.schema import Schema
from svclint.config import Config
from svclint.rules.patterns import MatcherSet

if TYPE_CHECKING:  # packs validates named checks against their classes: no import back at run time
    from svclint.rules.packs import RuleData


class Check:
    # The keys this check reads from its rules, with their defaults (svclint/checks/schema.py):
    # every check class declares its own, and packs are validated against it.
    SCHEMA: ClassVar[Schema]
    # The match keys without which this check finds nothing; the engine skips it on a
    # unit where none of them matched. None: it judges every unit (absences, metrics).
    finding_keys: frozenset[str] | None = None
    # The rules whose findings this check can take over (PatternCheck's `refines`, set when it
    # registers): the engine runs them first, even when they are not selected, and hands their
    # hits to refine().
    refines: tuple[str, ...] = ()

    def __init__(self, rule: RuleData, config: Config):
        self.rule = rule
        self.key = rule.code
        self.config = config

    def setting(self, key: str) -> Any:
        """A key of the rule's spec, or the default the check's schema gives it."""
        return self.rule.spec.get(key, self.SCHEMA.default(key))

    def register(self, matchers: MatcherSet) -> None:
        """Add this rule's patterns to the language's matchers (none by default)."""

    def run(self, ctx: UnitContext) -> list[Hit]:
        raise NotImplementedError

    def refine(self, ctx: UnitContext, found: Mapping[str, list[Hit]]) -> tuple[list[Hit], set[tuple[str, int]]]:
        """This rule's hits once it has taken over those of the rules it refines, and the
        findings it took over, as (code, start)."""
        return list(found.get(self.key, ())), set()

    def applies(self, ctx: UnitContext) -> bool:
        """Whether this rule judges the unit at all, its kind and language having chosen it
        already: the audit report counts a unit where it applied and found nothing as one
        that meets it. By default, any unit with something the organisation wrote."""
        return bool(ctx.judged_sentences())
