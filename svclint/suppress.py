"""Inline suppression: `svclint: disable=CODES`, `enable`, `disable-line`,
`disable-next-line`, `disable-file`, written in any comment syntax of the host file.

The engine applies directives once for every rule. A directive that names an
unknown code, or that suppresses nothing it could have, is itself reported
(SVC100), so stale suppressions do not pile up; text meant as a directive that
cannot be read as one is reported too (SVC103), so a typo never fails in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from svclint.diagnostics import DIAGNOSTICS, MALFORMED_DIRECTIVE, UNUSED_SUPPRESSION
from svclint.directives import ACTIONS, SETTING, SETTINGS, Attempt, attempts, closest_keyword
from svclint.model import Finding, Severity
from svclint.sourcemap import SourceFile

# Where a directive may end: a comment closer (Jinja and Liquid may add a `-`,
# Handlebars a `~`) or the end of the line.
_END = r"(?=-->|-?\#}|\*/|-?%}|~?}}|\r|$|\n)"
# Every quantifier is possessive and no two adjacent ones can take the same
# characters, so a long run of blanks is read once (it used to be cubic).
_DIRECTIVE = re.compile(
    r"svclint:\s*+(?P<action>" + "|".join(ACTIONS) + r")\b"
    r"(?:\s*+=\s*+(?P<codes>[A-Za-z0-9,][A-Za-z0-9, ]*+)[ \t]*+" + _END
    # "disable= ": a list with no code. The last blank run holding a space that
    # reaches an end is the one taken, as the old backtracking pattern did.
    + r"|\s*+=(?:\s*[^\S \t])?\t*+(?P<blank>\ )[ \t]*+" + _END
    + r"|[ \t]*+" + _END + ")",
    re.MULTILINE,
)
_WORD = re.compile(r"[\w-]+")
_MESSAGES = {
    "es": {"unknown": "La directiva de svclint nombra códigos que no existen: {codes}.",
           "unused": "La directiva de svclint no suprime ningún hallazgo.",
           "fix-codes": "Borre la directiva o corrija los códigos.",
           "malformed": "Directiva de svclint mal escrita, no se aplica: «{directive}».",
           "did-you-mean": "¿Quería decir «svclint: {form}»?",
           "forms": "Escriba una de estas: {forms} (las de supresión admiten =CÓDIGOS)."},
    "en": {"unknown": "The svclint directive names codes that do not exist: {codes}.",
           "unused": "The svclint directive suppresses nothing.",
           "fix-codes": "Remove the directive or fix its codes.",
           "malformed": "Malformed svclint directive, not applied: \"{directive}\".",
           "did-you-mean": "Did you mean \"svclint: {form}\"?",
           "forms": "Write one of: {forms} (the suppressions take =CODES)."},
}


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
    malformed: list[Attempt] = field(default_factory=list)  # meant as directives, not readable as any

    def __bool__(self) -> bool:
        return bool(self.directives or self.malformed)

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
                 kind: str | None, silenced: set[str]) -> list[Finding]:
        """SVC100 findings for directives naming unknown codes or suppressing nothing, and
        SVC103 findings for malformed ones; none under a code in `silenced`."""
        messages = _MESSAGES["es" if lang == "es" else "en"]
        report = _Reporter(source, lang, kind)
        found = []
        if UNUSED_SUPPRESSION not in silenced:
            found += [report(directive.start, directive.end, UNUSED_SUPPRESSION, message, messages["fix-codes"])
                      for directive, message in self._stale(known, selected, messages)]
        if MALFORMED_DIRECTIVE not in silenced:
            found += [report(attempt.start, attempt.end, MALFORMED_DIRECTIVE,
                             messages["malformed"].format(directive=source.text[attempt.start:attempt.end]),
                             _correction(attempt, known, messages))
                      for attempt in self.malformed]
        return found

    def _stale(self, known: set[str], selected: set[str], messages: dict[str, str]) -> Iterator[tuple[Directive, str]]:
        """(directive, message) for each directive naming unknown codes or suppressing nothing."""
        for directive in self.directives:
            if directive.action == "enable":
                continue
            unknown = sorted(c for c in directive.codes or () if not _names_any(c, known))
            if unknown:
                yield directive, messages["unknown"].format(codes=", ".join(unknown))
            elif not directive.used and (directive.codes is None
                                         or all(_names_any(c, selected) for c in directive.codes)):
                yield directive, messages["unused"]


@dataclass
class _Reporter:
    """Findings about directives, placed in the source file."""

    source: SourceFile
    lang: str | None
    kind: str | None

    def __call__(self, start: int, end: int, code: str, message: str, suggestion: str) -> Finding:
        return Finding(self.source.path, self.source.position(start), self.source.position(end), code,
                       DIAGNOSTICS[code].slug, Severity.WARNING, message, suggestion, self.lang, self.kind,
                       self.source.text[start:end])


def _names_any(prefix: str, codes: set[str]) -> bool:
    return any(code.startswith(prefix) for code in codes)


def _correction(attempt: Attempt, known: set[str], messages: dict[str, str]) -> str:
    """The closest well-formed directive: the nearest keyword, with the known codes (or
    the value) the malformed text gives after it."""
    keyword = closest_keyword(attempt.word)
    if keyword is None:
        return messages["forms"].format(forms=", ".join(ACTIONS + tuple(f"{s}=…" for s in SETTINGS)))
    after = _WORD.findall(attempt.rest)
    if keyword in SETTINGS:
        return messages["did-you-mean"].format(form=f"{keyword}={after[0] if after else '…'}")
    codes = [w.upper() for w in after if w.upper() == "ALL" or _names_any(w.upper(), known)]
    return messages["did-you-mean"].format(form=f"{keyword}={','.join(codes)}" if codes else keyword)


def parse_directives(source: SourceFile) -> Suppressions:
    text = source.text
    if "svclint:" not in text:
        return Suppressions()
    directives: list[Directive] = []
    for match in _DIRECTIVE.finditer(text):
        line = source.position(match.start()).line
        directive = Directive(match.group("action"), _codes(match), match.start(), match.end(), line)
        if directive.action in ("disable-next-line", "disable-line"):
            directive.first = directive.last = line + (directive.action == "disable-next-line")
        elif directive.action == "disable":
            directive.first = line
        elif directive.action == "disable-file":
            directive.first = 1
        directives.append(directive)
    _close_ranges(directives)
    read = {d.start for d in directives}
    malformed = [a for a in attempts(text) if a.start not in read and not SETTING.match(text, a.start)]
    return Suppressions(directives, malformed)


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
