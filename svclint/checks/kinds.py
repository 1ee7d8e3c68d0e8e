"""Every check a rule pack can name: the three primitives by `check:`, and the named
checks by `function:` (their own table, svclint/checks/named/__init__.py)."""

from __future__ import annotations

from svclint.checks.base import Check
from svclint.checks.metric import MetricCheck
from svclint.checks.named import NAMED
from svclint.checks.pattern import PatternCheck
from svclint.checks.require import RequireCheck

PRIMITIVES: dict[str, type[Check]] = {"pattern": PatternCheck, "require": RequireCheck, "metric": MetricCheck}
KINDS = (*PRIMITIVES, "named")  # what a pack may write as `check:`


def check_class(check: str, function: str = "") -> type[Check]:
    """The class that runs a rule: its primitive, or the named check `function` names."""
    return NAMED[function] if check == "named" else PRIMITIVES[check]
