"""Which files a run lints: explicit files always, directories recursively
(lintable extensions only, hidden folders and `exclude` globs skipped).

Symbolic links inside a folder are not followed: a link can lead out of the
linted tree (and `--fix` must never write there), into a loop, or to a file
the walk reaches anyway."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from svclint.documents.read import is_lintable

SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


def _excluded(path: Path, base: Path, globs: list[str]) -> bool:
    if not globs:
        return False
    try:
        relative = path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the base, or a symlink loop
        relative = path.as_posix()
    return any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(path.name, g) or
               fnmatch.fnmatch(relative, g.rstrip("/") + "/*") for g in globs)


def discover(paths: list[str], base: Path, exclude: list[str]) -> Iterator[tuple[str, str | None]]:
    """(path, problem) pairs: a file to lint with None, or a path with why it is not linted."""
    for given in paths:
        path = Path(given)
        if _regular_file(path):
            yield given, None
        elif path.is_dir():
            found = False
            for file in _walk(path, base, exclude):
                found = True
                yield file, None
            if not found:
                yield given, "no lintable files here (.txt .md .html .eml .yaml .json and templates)"
        else:
            yield given, "no such file or directory"


def _walk(root: Path, base: Path, exclude: list[str]) -> Iterator[str]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")
                         and not os.path.islink(os.path.join(folder, d))
                         and not _excluded(Path(folder, d), base, exclude))
        shown = str(Path(folder))  # paths are reported as pathlib writes them ("x.txt", not "./x.txt")
        prefix = "" if shown == "." else shown.rstrip(os.sep) + os.sep
        for name in sorted(files):
            if not is_lintable(name):
                continue
            candidate = prefix + name
            try:
                mode = os.lstat(candidate).st_mode  # a link is not followed: S_ISLNK, not S_ISREG
            except OSError:
                continue
            if stat.S_ISREG(mode) and not (exclude and _excluded(Path(candidate), base, exclude)):
                yield candidate


def _regular_file(path: Path) -> bool:
    """Regular files only: a pipe would block the run, a broken or looping link has nothing to read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, RuntimeError):
        return False
