"""Text for people: one header line per finding, the source line with the span
underlined, the suggestion, and a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable

import click

from svclint.model import FileResult, Finding, Severity
from svclint.report.names import one_line
from svclint.sourcemap import SourceFile

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(results: list[FileResult], colour: bool = False, statistics: bool = False, quiet: bool = False,
                unreadable: int = 0, lang: str = "en", **_: object) -> str:
    """Each finding with its line and underline; with `statistics`, the count per
    rule instead of the findings. The summary is in `lang` (es or en)."""
    return _render(results, colour, statistics, quiet, unreadable, lang, _finding_lines)


def render_concise(results: list[FileResult], colour: bool = False, statistics: bool = False, quiet: bool = False,
                   unreadable: int = 0, lang: str = "en", **_: object) -> str:
    """One `path:line:col: CODE message` line per finding, as grep and editors read them."""
    return _render(results, colour, statistics, quiet, unreadable, lang, lambda f, c, _source: [_header(f, c)])


def _render(results: list[FileResult], colour: bool, statistics: bool, quiet: bool, unreadable: int, lang: str,
            lines_of: Callable[[Finding, bool, SourceFile | None], list[str]]) -> str:
    out: list[str] = []
    findings = [f for r in results for f in r.findings]
    if statistics:
        counts = Counter((f.code, f.slug) for f in findings)
        for (code, slug), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            out.append(f"{count:5}  {code}  {slug}")
    elif not quiet:
        for result in results:
            for finding in result.findings:
                out.extend(lines_of(finding, colour, result.source))
    out.append(_summary(results, findings, colour, unreadable, lang))
    return "\n".join(out) + "\n"


def _style(text: str, colour: bool, **style) -> str:
    return click.style(text, **style) if colour else text


def _header(finding: Finding, colour: bool) -> str:
    where = f"{one_line(finding.path)}:{finding.start.line}:{finding.start.column}:"
    severity = _style(f"[{finding.severity.label}]", colour, fg=COLOURS[finding.severity])
    return f"{_style(where, colour, bold=True)} {_style(finding.code, colour, bold=True)} {severity} {finding.message}"


def _width(text: str) -> int:
    """Terminal columns: wide characters (emoji, CJK) take two, combining marks and
    invisible format characters none, so the underline stays under its words."""
    columns = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        columns += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return columns


MAX_MARKER = 60  # a whole long sentence underlined would fill the screen with ^


def _finding_lines(finding: Finding, colour: bool, source: SourceFile | None) -> list[str]:
    lines = [_header(finding, colour)]
    if source is not None:
        text = source.line_text(finding.start.line).expandtabs(1)
        start = finding.start.column - 1
        end = finding.end.column - 1 if finding.end.line == finding.start.line else len(text)
        width = max(1, _width(text[start:end]))
        gutter = f"{finding.start.line:>5} | "
        lines.append(gutter + text)
        marker = " " * _width(text[:start]) + ("^" * width if width <= MAX_MARKER else "^" * MAX_MARKER + "…")
        lines.append(" " * (len(gutter) - 2) + "| " + _style(marker, colour, fg=COLOURS[finding.severity]))
    if finding.suggestion:
        lines.append(f"      = {finding.suggestion}")
    lines.append("")
    return lines


def _summary(results: list[FileResult], findings: list[Finding], colour: bool, unreadable: int, lang: str) -> str:
    words = SUMMARY_WORDS[lang]
    files = len(results)
    note = " " + _counted(unreadable, words["unreadable"]) if unreadable else ""
    if not findings:
        clean = words["clean"].format(files=_counted(files, words["file"]))
        return _style(clean, colour) + note if unreadable else _style(clean, colour, fg="green")
    by = Counter(f.severity for f in findings)
    parts = [_counted(by[s], words[s.label]) for s in Severity if by[s]][::-1]
    return words["found"].format(problems=_counted(len(findings), words["problem"]), parts=", ".join(parts),
                                 touched=len({f.path for f in findings}), files=_counted(files, words["file"])) + note


def _counted(count: int, forms: tuple[str, str]) -> str:
    """A count with the singular or plural form it takes ("1 file", "3 archivos")."""
    return forms[count != 1].format(n=count)


# The summary line in each language a project can be configured for.
SUMMARY_WORDS: dict[str, dict[str, tuple[str, str] | str]] = {
    "en": {
        "clean": "No problems found in {files}.",
        "found": "Found {problems} ({parts}) in {touched} of {files}.",
        "file": ("{n} file", "{n} files"), "problem": ("{n} problem", "{n} problems"),
        "error": ("{n} error", "{n} errors"), "warning": ("{n} warning", "{n} warnings"), "info": ("{n} info", "{n} info"),
        "unreadable": ("{n} file could not be read or parsed (E901/E902, see above).",
                       "{n} files could not be read or parsed (E901/E902, see above)."),
        "fixed": ("Fixed {n} file.", "Fixed {n} files."),
    },
    "es": {
        "clean": "No se encontraron problemas en {files}.",
        "found": "Se encontraron {problems} ({parts}) en {touched} de {files}.",
        "file": ("{n} archivo", "{n} archivos"), "problem": ("{n} problema", "{n} problemas"),
        "error": ("{n} error", "{n} errores"), "warning": ("{n} aviso", "{n} avisos"), "info": ("{n} nota", "{n} notas"),
        "unreadable": ("{n} archivo no se pudo leer o analizar (E901/E902, véase arriba).",
                       "{n} archivos no se pudieron leer o analizar (E901/E902, véase arriba)."),
        "fixed": ("Se corrigió {n} archivo.", "Se corrigieron {n} archivos."),
    },
}


def fixed_note(count: int, lang: str) -> str:
    """What --fix says it did."""
    return _counted(count, SUMMARY_WORDS[lang]["fixed"])
