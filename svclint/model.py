"""Plain data shared by the engine, the readers and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

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
THIRD_LANGUAGE = "SVC101"  # a file in neither Spanish nor English: noted, not linted
NOTICE_READ = "SVC102"  # a message read as an automated notice: the rules about replying do not run
# `svclint explain` pages of the informational notes (the engine's words, in English).
ENGINE_NOTES = {
    THIRD_LANGUAGE: (
        "SVC101 (third-language) — A file in neither Spanish nor English\n\n"
        "Catalan, Portuguese, French, Italian or German text, recognised from function words that\n"
        "Spanish and English never use, is not judged: Spanish or English rules would misread it.\n"
        "The file gets this one note and no findings; it never fails a run. A `svclint: lang=es`\n"
        "(or `lang=en`) directive in the file has it linted anyway."
    ),
    NOTICE_READ: (
        "SVC102 (automated-notice) — A message read as an automated notice\n\n"
        "An e-mail, chat message or SMS with the marks of a notice (a do-not-reply line, an\n"
        "if-this-wasn't-you line, a verification code, a bounce, an order-total table, a short\n"
        "interface error) is not a reply to someone who wrote: the rules about answering a customer\n"
        "(thanks, apology, acknowledgement, warm address, personalisation, brevity) do not run on it.\n"
        "The note names the signals and the rules. A kind stated in the file itself\n"
        "(`<!-- svclint: kind=email -->`) keeps it a reply; `--kind notice` or a `kinds` glob sets it."
    ),
}
# Codes the engine reports about files and directives rather than about their text.
ENGINE_CODES = ("E901", "E902", "E903", "E904", "E905", "E906", "E907", "SVC100", THIRD_LANGUAGE, NOTICE_READ)
# A file that could not be parsed or read fails the run as a finding would (unless ignored).
COUNTED_DIAGNOSTICS = frozenset({"E901", "E902"})


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points


@dataclass(slots=True)
class Finding:
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
    fix: str | None = None  # safe replacement for the span, when the rule has one

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code)


@dataclass(slots=True)
class Diagnostic:
    """A problem with an input file itself (unreadable, malformed): reported, never fatal."""

    path: str
    code: str
    message: str
    line: int = 1
    column: int = 1


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: "SourceFile | None" = None  # the decoded file, for reports and fixes
