"""One `svclint check` run: find files, lint them, apply the baseline and fixes."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field

import click

from svclint.baseline import load_baseline, without_baseline
from svclint.config import Config
from svclint.engine import Linter
from svclint.files import discover
from svclint.fix import apply_fixes, unified_diff, write_atomically
from svclint.model import FileResult


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # files --fix rewrote (or --diff would)
    diff: str = ""


def _say(path: str, line: int, column: int, code: str, message: str) -> None:
    click.echo(f"{path}:{line}:{column}: {code} {message}", err=True)


def lint_all(linter: Linter, config: Config, paths: list[str], stdin_name: str | None) -> list[FileResult]:
    results = []
    for path, problem in discover([p for p in paths if p != "-"], config.base, config.exclude):
        if problem:
            _say(path, 1, 1, "E902", problem)
            continue
        results.append(linter.lint_path(path))
    if "-" in paths:
        results.append(linter.lint_bytes(stdin_name or "-", sys.stdin.buffer.read()))
    for result in results:
        for diagnostic in result.diagnostics:
            _say(diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
    return results


def run_check(linter: Linter, config: Config, paths: list[str], stdin_name: str | None = None,
              baseline: str | None = None, fix: bool = False, diff: bool = False) -> Outcome:
    outcome = Outcome(lint_all(linter, config, paths, stdin_name))
    if fix or diff:
        _fix(linter, outcome, write=fix)
    if baseline:
        without_baseline(outcome.results, load_baseline(baseline))
    return outcome


def _fix(linter: Linter, outcome: Outcome, write: bool) -> None:
    diffs = []
    for index, result in enumerate(outcome.results):
        if result.source is None or result.path == "-" or not any(f.fix for f in result.findings):
            continue
        new_text = apply_fixes(result.source, result.findings)
        if new_text == result.source.text:
            continue
        outcome.changed.append(result.path)
        if not write:
            diffs.append(unified_diff(result.path, result.source.text, new_text))
            continue
        with open(result.path, "rb") as handle:
            current = handle.read()
        bom = current.startswith(codecs.BOM_UTF8)
        if current.decode("utf-8-sig", errors="replace") != result.source.text:
            _say(result.path, 1, 1, "E904", "changed on disk while svclint was reading it; not fixed")
            outcome.changed.remove(result.path)
            continue
        write_atomically(result.path, new_text, bom)
        outcome.results[index] = linter.lint_path(result.path)  # report what is left
    outcome.diff = "".join(diffs)
