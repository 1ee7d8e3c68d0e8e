"""Plain data shared by the engine, the readers and the reporters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from svclint.diagnostics import DIAGNOSTICS
from svclint.sourcemap import Position as Position  # "as": re-exported for callers (mypy --strict)

if TYPE_CHECKING:
    from svclint.sourcemap import SourceFile


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


# `notice`: an automated message (password reset, alert, receipt, bounce, UI string),
# set by configuration or detected from the text (svclint/purpose.py).
KINDS = ("email", "chat", "call-script", "faq", "sms", "text", "notice")
LANGS = ("es", "en")
# Codes the engine reports about files and directives rather than about their text
# (declared with their pages in svclint/diagnostics.py).
ENGINE_CODES = tuple(DIAGNOSTICS)


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe edit of the original file: `replacement` in place of the text from
    `start` to `end` (the finding's span). Only fixes that cannot touch markup,
    placeholders or encoded text are offered (svclint/fix.py decides), so every
    fix may be applied without review."""

    start: Position
    end: Position
    replacement: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a file's text: where it is (1-based lines, code-point columns,
    end exclusive), which rule found it and what to write instead."""

    path: str
    start: Position
    end: Position  # exclusive
    code: str
    slug: str
    severity: Severity
    message: str
    suggestion: str | None
    lang: str | None
    kind: str | None
    matched: str = ""  # the original-file text under the span (baseline keys, fixes)
    fix: Fix | None = None  # the rule's safe replacement for the span, when it has one

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """The object `--format json` writes for this finding: the README's contract."""
        from svclint.report.json_report import finding_dict  # the report owns the format

        return finding_dict(self)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem with an input file itself (unreadable, malformed): reported, never fatal."""

    path: str
    code: str
    message: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Scope:
    """Which rules judged a file, kept only when a run asks for it (the audit report):
    a rule that found nothing on a file it never judged must not read as "met"."""

    lang: str  # the language the file was judged in
    kinds: tuple[str, ...]  # the kinds its units were judged as, each once, in order
    applied: frozenset[str]  # codes whose rule judged some unit: its language and kind, and its own conditions held
    ignored: frozenset[str]  # codes the configuration ignores for this path (run, but their findings dropped)
    suppressed: frozenset[str]  # codes with a finding an inline directive suppressed


@dataclass(frozen=True, slots=True)
class FileResult:
    """What linting one file gave: its findings in order, the problems with the file
    itself, and (when asked to keep it and there is something to fix or show) its text."""

    path: str
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    source: "SourceFile | None" = None  # the decoded file, for reports and fixes
    scope: Scope | None = None  # which rules judged it, when the linter records it (Linter.record_scope)
