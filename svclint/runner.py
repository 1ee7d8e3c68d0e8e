"""One `svclint check` run: find files, lint them, apply the baseline and fixes."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import click

from svclint.baseline import load_baseline, without_baseline
from svclint.cachedir import cache_dir
from svclint.api import Session
from svclint.errors import SvclintError
from svclint.fix import NotFixed, apply_fixes, fix_in_place, unified_diff
from svclint.documents.read import decode
from svclint.model import Diagnostic, FileResult
from svclint.report.names import one_line
from svclint.sourcemap import SourceFile

if TYPE_CHECKING:
    from svclint.engine import Linter
    from tqdm import tqdm


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    unreadable: int = 0  # paths that could not be read at all (a folder, a pipe), besides results' E902
    changed: list[str] = field(default_factory=list)  # files --fix rewrote (or --diff would)
    diff: str = ""
    stdin_text: str | None = None  # with --fix, standard input's text with its fixes applied


def _say(path: str, line: int, column: int, code: str, message: str) -> None:
    """One diagnostic, on one line (parsers' messages may span several)."""
    click.echo(f"{one_line(path)}:{line}:{column}: {code} {' '.join(message.split())}", err=True)


PARALLEL_FROM = 40  # files; below this, starting workers costs more than it saves
_worker_session: Session | None = None


def _start_worker(session: Session, parent: int) -> None:
    global _worker_session
    _worker_session = session
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A worker whose main process is killed (kill -9, the OOM killer) stops too,
    instead of waiting for work forever: Linux signals it when the parent dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _lint_chunk(paths: list[str]) -> list[FileResult]:
    return [_worker_session.lint_path(path) for path in paths]


PROGRESS_AFTER = 1.0  # seconds: a run that ends sooner shows no progress bar at all


class _Unwatched:
    """What a run counts its files on when nobody watches: nothing."""

    def update(self, count: int = 1) -> None:
        pass

    def __enter__(self) -> "_Unwatched":
        return self

    def __exit__(self, *_: object) -> None:
        return None


def _progress(total: int, wanted: bool) -> "tqdm | _Unwatched":
    """A progress bar (files, files/s, time left) on standard error, only when a
    person watches it: never in a pipe, a file or a CI log (tqdm is imported only then)."""
    if not wanted or not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return _Unwatched()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", delay=PROGRESS_AFTER, leave=False, file=sys.stderr, dynamic_ncols=True)


def lint_files(session: Session, files: list[str], jobs: int, progress: bool = True) -> list[FileResult]:
    """Lint files in order; with several jobs, in worker processes (same order of results).
    Workers that cannot be started, or that die, cost speed, never results."""
    workers = jobs or (1 if len(files) < PARALLEL_FROM else os.cpu_count() or 1)
    workers = min(workers, len(files))
    with _progress(len(files), progress) as shown:
        if workers <= 1:
            return [_counted(session.lint_path(path), shown) for path in files]
        for path in files:  # every configuration is read and checked here, before the workers start
            session.linter_for(path)
        return _lint_in_workers(session, files, workers, shown)


def _counted(result: FileResult, progress: "tqdm | _Unwatched") -> FileResult:
    progress.update()
    return result


def _lint_in_workers(session: Session, files: list[str], workers: int, progress: "tqdm | _Unwatched") -> list[FileResult]:
    # chunks of up to 256 files: fewer round trips, and at least four chunks per worker
    size = max(1, min(256, len(files) // (workers * 4)))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    results: list[list[FileResult] | None] = [None] * len(chunks)
    try:
        _lint_in_pool(session, workers, chunks, results, progress)
    except (OSError, BrokenProcessPool) as error:
        lost = sum(len(chunk) for chunk, done in zip(chunks, results) if done is None)
        why = "could not start" if isinstance(error, OSError) else "stopped unexpectedly"
        click.echo(f"svclint: note: a worker process {why}; {lost} file{'s' * (lost != 1)} linted in the main process",
                   err=True)
    return [result for chunk, done in zip(chunks, results)
            for result in (done if done is not None else [_counted(session.lint_path(path), progress) for path in chunk])]


def _lint_in_pool(session: Session, workers: int, chunks: list[list[str]], results: list, progress: "tqdm | _Unwatched") -> None:
    """Fill `results` chunk by chunk as workers finish; a failure leaves the rest None."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(session, os.getpid()))
    try:
        futures: list[Future] = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
        for index, future in enumerate(futures):
            results[index] = future.result()
            progress.update(len(chunks[index]))
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Tear down a pool that failed or was interrupted. Workers started before a
    failed start wait for work forever, and the interpreter would wait for them at
    exit: they are terminated (the executor offers no public way to reach them)."""
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
        process.join()


def lint_all(session: Session, paths: list[str], stdin_name: str | None, jobs: int = 1,
             output_file: str | None = None, baseline: str | None = None,
             force_exclude: bool = False) -> tuple[list[FileResult], int]:
    """Every file named or found, in order, standard input's result last; and how many
    paths could not be read at all. Diagnostics whose code is ignored are neither
    printed nor kept. svclint's own files (the cache, the baseline, the report being
    written) are never linted; a report named over an input is refused."""
    named = [p for p in paths if p != "-"]
    stdin_path = stdin_name if "-" in paths else None
    if output_file:  # every input named, and svclint's own inputs (the baseline, a named configuration)
        _refuse_report_over_input(output_file, named + [p for p in (stdin_path, baseline) if p]
                                  + session.config_files(named))
    folder = cache_dir() if session.caching else None
    own_files = (baseline, output_file if output_file and _is_report(output_file) else None)
    files, unreadable = [], 0
    for path, problem, counts in session.discover(named, skip_folders=(str(folder),) if folder is not None else (),
                                                  skip_files=tuple(p for p in own_files if p),
                                                  force_exclude=force_exclude):
        if problem is None:
            files.append(path)
        elif not session.ignores(path, "E902"):
            _say(path, 1, 1, "E902", problem)
            unreadable += counts
    if output_file:  # found in a folder and not an earlier report: customer text, never overwritten
        _refuse_report_over_input(output_file, files + session.config_files(files))
    results = lint_files(session, files, jobs)
    if "-" in paths:
        results.append(_lint_stdin(session, stdin_name or "-"))
    for result in results:
        for diagnostic in result.diagnostics:
            _say(diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
    return results, unreadable


def _lint_stdin(session: Session, name: str) -> FileResult:
    """Standard input, never more than the size limit in memory (`yes | svclint check -`);
    it takes the configuration of the file it stands for (or of the current folder)."""
    linter = session.linter_for(name if name != "-" else ".")
    limit = linter.config.max_file_bytes()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        return session.reported(FileResult(name, diagnostics=(Diagnostic(
            name, "E902", f"standard input is longer than the {limit:,}-byte limit (option max-file-bytes); skipped"),)))
    result = session.reported(linter.lint_bytes(name, data))
    if result.source is None and not result.diagnostics:  # kept even when clean: --fix prints it back
        return replace(result, source=SourceFile(name, decode(data, limit)))
    return result


# How each report format (and a baseline) begins or ends: what marks an existing file as svclint's own.
_REPORT_MARKS = ('"name": "svclint"', '<testsuites name="svclint"', '"check_name": "', '{"path": "', "::",
                 '{\n "version": 1,\n "findings": [',  # a baseline
                 "svclint-audit")  # an audit report (svclint/report/audit.py), in any of its forms
_REPORT_SUMMARY = re.compile(r"(?:No problems found in|Found \d+ problems?|No se encontraron problemas en"
                             r"|Se encontraron \d+ problemas?) .*\d+ (?:files?|archivos?)\.")


def _is_report(path: str) -> bool:
    """Whether an existing file is a report svclint wrote (or is missing or empty):
    only such a file may be left out of the linted files and written over."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return True
    lines = head.strip().splitlines()
    return (not lines or head.strip() == "[]" or any(mark in head for mark in _REPORT_MARKS)
            or bool(_REPORT_SUMMARY.match(lines[-1])))


def _refuse_report_over_input(output_file: str, inputs: list[str]) -> None:
    """Writing the report over a file being linted would destroy it."""
    try:
        target = os.stat(output_file)
    except (OSError, ValueError):
        return  # a new file cannot be one of the inputs
    for path in inputs:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            raise SvclintError(f"--output-file {one_line(output_file)} is one of the files being linted; "
                               "the report would overwrite it")


def run_check(session: Session, paths: list[str], stdin_name: str | None = None,
              baseline: str | None = None, fix: bool = False, diff: bool = False, jobs: int = 1,
              output_file: str | None = None, force_exclude: bool = False) -> Outcome:
    outcome = Outcome(*lint_all(session, paths, stdin_name, jobs, output_file, baseline, force_exclude))
    if fix or diff:
        _fix(session, outcome, write=fix, stdin="-" in paths)
    if baseline:
        without_baseline(outcome.results, load_baseline(baseline))
    return outcome


def _fix(session: Session, outcome: Outcome, write: bool, stdin: bool) -> None:
    """Apply (or, for --diff, show) the safe fixes. Fixes are derived again from
    the text being changed, never taken from the result cache: an entry written
    by someone else must not decide what goes into a user's file. Standard input
    is never written to a file: with --fix its fixed text is printed instead."""
    diffs = []
    last = len(outcome.results) - 1
    for index, result in enumerate(outcome.results):
        linter = session.linter_for(result.path)
        if stdin and index == last:
            diffs.append(_fix_stdin(session, outcome, index, write))
        elif result.source is not None and any(f.fix for f in result.findings):
            if not write:
                new_text = _fixed_text(linter, result.path, result.source.text)
                if new_text is not None:
                    outcome.changed.append(result.path)
                    diffs.append(unified_diff(result.path, result.source.text, new_text))
            elif _fix_file(linter, result):
                outcome.changed.append(result.path)
                outcome.results[index] = session.lint_path(result.path)  # report what is left
    outcome.diff = "".join(diffs)


def _fix_stdin(session: Session, outcome: Outcome, index: int, write: bool) -> str:
    """Standard input's fixes: its fixed text kept for printing (--fix), or its diff."""
    result = outcome.results[index]
    linter = session.linter_for(result.path if result.path != "-" else ".")
    if result.source is None:
        return ""
    new_text = _fixed_text(linter, result.path, result.source.text)
    if write:
        outcome.stdin_text = result.source.text if new_text is None else new_text
    if new_text is None:
        return ""
    outcome.changed.append(result.path)
    if not write:
        return unified_diff(result.path, result.source.text, new_text)
    outcome.results[index] = session.reported(linter.lint_text(result.path, new_text))
    return ""


def _fixed_text(linter: Linter, path: str, text: str) -> str | None:
    """`text` with its fixes, derived by linting it afresh (None: nothing to change)."""
    fresh = linter.lint_text(path, text)
    if not any(finding.fix for finding in fresh.findings):
        return None
    new_text = apply_fixes(fresh.source, fresh.findings)
    return None if new_text == text else new_text


def _fix_file(linter: Linter, result: FileResult) -> bool:
    """Fix one file in place; say why when it is left alone."""
    def fixed_text(current: bytes) -> str | None:
        if current.decode("utf-8-sig", errors="replace") != result.source.text:
            raise NotFixed("E904", "changed on disk while svclint was reading it; not fixed")
        return _fixed_text(linter, result.path, result.source.text)

    try:
        return fix_in_place(result.path, fixed_text, linter.config.max_file_bytes())
    except NotFixed as why:
        _say(result.path, 1, 1, why.code, why.message)
        return False
