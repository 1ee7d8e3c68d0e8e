"""Inline suppression: `svclint: disable=CODES`, `enable`, `disable-next-line`,
`disable-file`, written in any comment syntax of the host file.

The engine applies directives once for every rule. A directive that names an
unknown code, or that suppresses nothing it could have, is itself reported
(SVC100), so stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svclint.model import Finding, Severity
from svclint.sourcemap import SourceFile

UNUSED_CODE = "SVC100"
UNUSED_SLUG = "unused-suppression"
# Where a directive may end: a comment closer or the end of the line.
_END = r"(?=-->|\#}|\*/|%}|\r|$|\n)"
# Every quantifier is possessive and no two adjacent ones can take the same
# characters, so a long run of blanks is read once (it used to be cubic).
_DIRECTIVE = re.compile(
    r"svclint:\s*+(?P<action>disable-next-line|disable-file|disable|enable)\b"
    r"(?:\s*+=\s*+(?P<codes>[A-Za-z0-9,][A-Za-z0-9, ]*+)[ \t]*+" + _END
    # "disable= ": a list with no code. The last blank run holding a space that
    # reaches an end is the one taken, as the old backtracking pattern did.
    + r"|\s*+=(?:\s*[^\S \t])?\t*+(?P<blank>\ )[ \t]*+" + _END
    + r"|[ \t]*+" + _END + ")",
    re.MULTILINE,
)


@dataclass
class Directive:
    action: str
    codes: frozenset[str] | None  # None: every code
    start: int  # source offsets of the directive text
    end: int
    line: int
    used: bool = False
    first: int = 1  # the lines it covers
    last: int = 10**9

    def covers(self, finding: Finding) -> bool:
        in_codes = self.codes is None or any(finding.code.startswith(c) for c in self.codes)
        return in_codes and self.first <= finding.start.line <= self.last


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        kept = []
        for finding in findings:
            covering = [d for d in self.directives if d.action != "enable" and d.covers(finding)]
            for directive in covering:
                directive.used = True
            if not covering:
                kept.append(finding)
        return kept

    def problems(self, source: SourceFile, known: set[str], selected: set[str], lang: str | None,
                 kind: str | None, messages: dict[str, str]) -> list[Finding]:
        """SVC100 findings for directives naming unknown codes or suppressing nothing."""
        found = []
        for directive in self.directives:
            if directive.action == "enable":
                continue
            unknown = sorted(c for c in directive.codes or () if not any(k.startswith(c) for k in known))
            if unknown:
                message = messages["unknown"].format(codes=", ".join(unknown))
            elif not directive.used and (directive.codes is None or all(
                    any(s.startswith(c) for s in selected) for c in directive.codes)):
                message = messages["unused"]
            else:
                continue
            found.append(Finding(source.path, source.position(directive.start), source.position(directive.end),
                                 UNUSED_CODE, UNUSED_SLUG, Severity.WARNING, message, messages["suggestion"],
                                 lang, kind, source.text[directive.start:directive.end]))
        return found


def parse_directives(source: SourceFile) -> Suppressions:
    directives: list[Directive] = []
    for match in _DIRECTIVE.finditer(source.text):
        line = source.position(match.start()).line
        directive = Directive(match.group("action"), _codes(match), match.start(), match.end(), line)
        if directive.action == "disable-next-line":
            directive.first = directive.last = line + 1
        elif directive.action == "disable":
            directive.first = line
        elif directive.action == "disable-file":
            directive.first = 1
        directives.append(directive)
    _close_ranges(directives)
    return Suppressions(directives)


def _codes(match: re.Match) -> frozenset[str] | None:
    """The codes a directive names; None for every code (no list, or ALL)."""
    if match.group("blank"):
        return frozenset()  # "disable= " names nothing, so it suppresses nothing
    codes = match.group("codes")
    names = frozenset(c.strip().upper() for c in codes.split(",") if c.strip()) if codes else None
    return None if names and "ALL" in names else names


def _close_ranges(directives: list[Directive]) -> None:
    """An `enable` ends the open `disable` ranges it names (or all of them)."""
    for enable in (d for d in directives if d.action == "enable"):
        for disable in directives:
            if disable.action == "disable" and disable.line <= enable.line and disable.last > enable.line:
                if enable.codes is None or (disable.codes is not None and disable.codes <= enable.codes):
                    disable.last = enable.line - 1
        enable.used = True


def unused_messages(lang: str) -> dict[str, str]:
    if lang == "es":
        return {"unknown": "La directiva de svclint nombra códigos que no existen: {codes}.",
                "unused": "La directiva de svclint no suprime ningún hallazgo.",
                "suggestion": "Borre la directiva o corrija los códigos."}
    return {"unknown": "The svclint directive names codes that do not exist: {codes}.",
            "unused": "The svclint directive suppresses nothing.",
            "suggestion": "Remove the directive or fix its codes."}
