"""One `svclint check` run: find files, lint them, apply the baseline and fixes."""

from __future__ import annotations

import codecs
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
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
    """One diagnostic, on one line (parsers' messages may span several)."""
    click.echo(f"{path}:{line}:{column}: {code} {' '.join(message.split())}", err=True)


PARALLEL_FROM = 40  # files; below this, starting workers costs more than it saves
_worker_linter: Linter | None = None


def _start_worker(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _lint_in_worker(path: str) -> FileResult:
    return _worker_linter.lint_path(path)


def lint_files(linter: Linter, files: list[str], jobs: int) -> list[FileResult]:
    """Lint files in order; with several jobs, in worker processes (same order of results)."""
    workers = jobs or (1 if len(files) < PARALLEL_FROM else os.cpu_count() or 1)
    workers = min(workers, len(files))
    if workers <= 1:
        return [linter.lint_path(path) for path in files]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(linter,)) as pool:
        # chunks of up to 256 files: fewer round trips, and at least four chunks per worker
        return list(pool.map(_lint_in_worker, files, chunksize=max(1, min(256, len(files) // (workers * 4)))))


def lint_all(linter: Linter, config: Config, paths: list[str], stdin_name: str | None, jobs: int = 1) -> list[FileResult]:
    files = []
    for path, problem in discover([p for p in paths if p != "-"], config.base, config.exclude):
        if problem:
            _say(path, 1, 1, "E902", problem)
        else:
            files.append(path)
    results = lint_files(linter, files, jobs)
    if "-" in paths:
        results.append(linter.lint_bytes(stdin_name or "-", sys.stdin.buffer.read()))
    for result in results:
        for diagnostic in result.diagnostics:
            _say(diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
    return results


def run_check(linter: Linter, config: Config, paths: list[str], stdin_name: str | None = None,
              baseline: str | None = None, fix: bool = False, diff: bool = False, jobs: int = 1) -> Outcome:
    outcome = Outcome(lint_all(linter, config, paths, stdin_name, jobs))
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
        if os.path.islink(result.path):  # writing would replace the link, or reach outside the tree
            _say(result.path, 1, 1, "E906", "a symbolic link; not fixed (run --fix on the file it points to)")
            outcome.changed.remove(result.path)
            continue
        with open(result.path, "rb") as handle:
            current = handle.read()
        bom = current.startswith(codecs.BOM_UTF8)
        if current.decode("utf-8-sig", errors="replace") != result.source.text:
            _say(result.path, 1, 1, "E904", "changed on disk while svclint was reading it; not fixed")
            outcome.changed.remove(result.path)
            continue
        try:
            write_atomically(result.path, new_text, bom)
        except OSError as error:
            _say(result.path, 1, 1, "E907", f"cannot write the fixes: {error.strerror or error}; not fixed")
            outcome.changed.remove(result.path)
            continue
        outcome.results[index] = linter.lint_path(result.path)  # report what is left
    outcome.diff = "".join(diffs)
