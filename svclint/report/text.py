"""Text for people: one header line per finding, the source line with the span
underlined, the suggestion, and a summary."""

from __future__ import annotations

from collections import Counter

import click

from svclint.model import FileResult, Finding, Severity
from svclint.report.names import one_line
from svclint.sourcemap import SourceFile

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(results: list[FileResult], colour: bool = False, statistics: bool = False, quiet: bool = False,
                **_: object) -> str:
    out: list[str] = []
    findings = [f for r in results for f in r.findings]
    if not quiet:
        for result in results:
            for finding in result.findings:
                out.extend(_finding_lines(finding, colour, result.source))
    if statistics:
        counts = Counter((f.code, f.slug) for f in findings)
        for (code, slug), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            out.append(f"{count:5}  {code}  {slug}")
    out.append(_summary(results, findings, colour))
    return "\n".join(out) + "\n"


def _style(text: str, colour: bool, **style) -> str:
    return click.style(text, **style) if colour else text


def _finding_lines(finding: Finding, colour: bool, source: SourceFile | None) -> list[str]:
    where = f"{one_line(finding.path)}:{finding.start.line}:{finding.start.column}:"
    severity = _style(f"[{finding.severity.label}]", colour, fg=COLOURS[finding.severity])
    lines = [f"{_style(where, colour, bold=True)} {_style(finding.code, colour, bold=True)} {severity} {finding.message}"]
    if source is not None:
        text = source.line_text(finding.start.line)
        end = finding.end.column if finding.end.line == finding.start.line else len(text) + 1
        width = max(1, end - finding.start.column)
        gutter = f"{finding.start.line:>5} | "
        lines.append(gutter + text.expandtabs(1))
        marker = " " * (finding.start.column - 1) + "^" * width
        lines.append(" " * (len(gutter) - 2) + "| " + _style(marker, colour, fg=COLOURS[finding.severity]))
    if finding.suggestion:
        lines.append(f"      = {finding.suggestion}")
    lines.append("")
    return lines


def _summary(results: list[FileResult], findings: list[Finding], colour: bool) -> str:
    files = len(results)
    if not findings:
        return _style(f"No problems found in {files} file{'s' * (files != 1)}.", colour, fg="green")
    by = Counter(f.severity for f in findings)
    parts = [f"{by[s]} {s.label}{'s' * (by[s] != 1 and s != Severity.INFO)}" for s in Severity if by[s]][::-1]
    touched = len({f.path for f in findings})
    return f"Found {len(findings)} problem{'s' * (len(findings) != 1)} ({', '.join(parts)}) in {touched} of {files} file{'s' * (files != 1)}."
