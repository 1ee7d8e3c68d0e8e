"""Named checks: the few rules that data alone cannot express. A pack selects
one with `check: named` and `function: <name>`, and still carries the rule's
words (lists, messages, examples)."""

from __future__ import annotations

NAMED: dict[str, type] = {}


def named(name: str):
    """Register a check class under the name packs use in `function:`."""

    def add(cls: type) -> type:
        NAMED[name] = cls
        return cls

    return add


# The modules register their checks on import.
from svclint.checks.named import acronyms, capitals, leftovers, register, templates  # noqa: E402,F401
