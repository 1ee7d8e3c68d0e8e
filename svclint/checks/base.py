"""What every check is: built from a rule's pack data and the run's configuration,
it registers its patterns once per language and judges one unit at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svclint.checks.context import Hit, UnitContext
from svclint.config import Config
from svclint.patterns import MatcherSet

if TYPE_CHECKING:  # packs validates named checks against their classes: no import back at run time
    from svclint.packs import RuleData


class Check:
    # Options a named check reads from its pack: name -> "patterns" (a list of
    # patterns) or "regex" (one regular expression). Packs are validated against it.
    OPTIONS: dict[str, str] = {}
    # Word lists a named check reads from its rule's `lists` (its own or the language's
    # shared ones). Packs are validated against it: each must be a non-empty list.
    LISTS: tuple[str, ...] = ()
    # The match keys without which this check finds nothing; the engine skips it on a
    # unit where none of them matched. None: it judges every unit (absences, metrics).
    finding_keys: frozenset[str] | None = None

    def __init__(self, rule: RuleData, config: Config):
        self.rule = rule
        self.key = rule.code
        self.config = config

    def register(self, matchers: MatcherSet) -> None:
        """Add this rule's patterns to the language's matchers (none by default)."""

    def run(self, ctx: UnitContext) -> list[Hit]:
        raise NotImplementedError
