"""What the page shows for one text: the findings of `Session.lint_text` as the JSON
report writes them, plus what a browser needs to draw them (offsets in the text, in
code points and in UTF-16 units), the fixes, the speaker turns and counts by family."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from svclint.api import Diagnostic, Finding, Session
from svclint.documents.read import read_document
from svclint.fix import apply_fixes
from svclint.model import Position
from svclint.report.json_report import render_json
from svclint.sourcemap import SourceFile

# The families the summary names, by the three letters a code starts with; codes of
# any other family (LNG, NEG, user packs) are counted as "other".
FAMILY_GROUPS = {"ANG": "anger", "PRM": "promises", "THX": "thanks-apology", "APO": "thanks-apology",
                 "CLR": "clarity", "SIN": "sins", "PRO": "protocol", "TPL": "templates"}
GROUPS = (*dict.fromkeys(FAMILY_GROUPS.values()), "other")


@dataclass(frozen=True)
class CheckRequest:
    text: str
    name: str  # the file name the text is read as: its extension chooses the reader
    where: str  # that name inside the served folder: its configuration applies


class TextOffsets:
    """Offsets of 1-based positions in a text, in code points and in UTF-16 units
    (a browser's string index: a character outside the BMP counts twice there)."""

    def __init__(self, text: str):
        self.source = SourceFile("<text>", text)
        self._astral = [index for index, char in enumerate(text) if ord(char) > 0xFFFF]

    def span(self, start: Position, end: Position) -> dict[str, int]:
        return self.between(self.source.offset(start.line, start.column), self.source.offset(end.line, end.column))

    def between(self, first: int, last: int) -> dict[str, int]:
        return {"offset": first, "end_offset": last,
                "utf16_offset": self._utf16(first), "utf16_end_offset": self._utf16(last)}

    def _utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)


def check(session: Session, request: CheckRequest) -> dict:
    """The page's answer for one text."""
    result = session.lint_text(request.text, request.where)
    findings = tuple(replace(finding, path=request.name) for finding in result.findings)
    result = replace(result, path=request.name, findings=findings)
    offsets = TextOffsets(request.text)
    fixable = any(finding.fix for finding in findings)
    return {
        "findings": [_finding(finding, offsets) for finding in findings],
        "diagnostics": [_diagnostic(diagnostic) for diagnostic in result.diagnostics],
        "families": family_counts(findings),
        "turns": speaker_turns(request, offsets),
        "fixed_text": apply_fixes(offsets.source, findings) if fixable else None,
        "report": render_json([result]),
    }


def _finding(finding: Finding, offsets: TextOffsets) -> dict:
    fix = finding.fix
    return {
        **finding.to_dict(),
        **offsets.span(finding.start, finding.end),
        "matched": finding.matched,
        "family": family_group(finding.code),
        "fix": None if fix is None else {"replacement": fix.replacement, **offsets.span(fix.start, fix.end)},
    }


def _diagnostic(diagnostic: Diagnostic) -> dict:
    return {"code": diagnostic.code, "message": diagnostic.message, "line": diagnostic.line,
            "column": diagnostic.column}


def family_group(code: str) -> str:
    return FAMILY_GROUPS.get(code[:3], "other")


def family_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = dict.fromkeys(GROUPS, 0)
    for finding in findings:
        counts[family_group(finding.code)] += 1
    return counts


def speaker_turns(request: CheckRequest, offsets: TextOffsets) -> list[dict]:
    """The speaker turns of a script, where the text has them, read by the reader the
    linter uses (svclint.documents): the page greys out the customer's."""
    if not request.text.strip():
        return []
    document = read_document(request.where, request.text)
    turns = []
    for unit in document.units:
        for turn in unit.turns:
            start, end = unit.text.source_span(turn.start, turn.end)
            turns.append({"role": turn.role, **offsets.between(start, end)})
    return turns
