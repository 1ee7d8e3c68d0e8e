"""Named checks: the few rules that data alone cannot express. A pack selects
one with `check: named` and `function: <name>`, and still carries the rule's
words (lists, messages, examples).

NAMED is the registry: one line per name a pack may write, so what exists is
read here rather than gathered from decorators as modules happen to be imported."""

from __future__ import annotations

from svclint.checks.base import Check
from svclint.checks.named.acronyms import Acronyms
from svclint.checks.named.capitals import Capitals
from svclint.checks.named.language import LanguageMatch
from svclint.checks.named.leftovers import Leftovers
from svclint.checks.named.register import Register
from svclint.checks.named.templates import Personalization, PlaceholderSyntax, UnknownPlaceholder

NAMED: dict[str, type[Check]] = {
    "acronyms": Acronyms,  # CLR004
    "capitals": Capitals,  # CLR007
    "leftovers": Leftovers,  # TPL003
    "language-match": LanguageMatch,  # LEY005 (profile es-ley-10-2025)
    "register": Register,  # LNG002
    "placeholder-syntax": PlaceholderSyntax,  # TPL001
    "unknown-placeholder": UnknownPlaceholder,  # TPL002
    "personalization": Personalization,  # TPL004
}
