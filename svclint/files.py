"""Which files a run lints: explicit files always, directories recursively
(lintable extensions only, hidden folders and `exclude` globs skipped).

Symbolic links inside a folder are not followed: a link can lead out of the
linted tree (and `--fix` must never write there), into a loop, or to a file
the walk reaches anyway. The walk keeps its own stack of folders, so a tree of
any depth is walked without recursion, and a folder it cannot open is reported
(E902), never skipped in silence. A file reached twice (`a.txt ./a.txt`) is
linted once, and svclint's own cache folder is never linted.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from svclint.documents.read import is_lintable

SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
# Folders that hold licence texts by convention (REUSE's LICENSES/, vendored licenses/).
LICENCE_DIRS = {"licenses", "licences"}
# Files a repository has about itself, never said to its customers: folder walks
# skip them (a file named on the command line is still linted, unless --force-exclude).
PROJECT_FILE_STEMS = {"readme", "changelog", "changes", "contributing", "license", "licence", "copying",
                      "authors", "code_of_conduct", "security", "codeowners", "notice"}
PROJECT_FILES = {"svclint.yaml", "package.json", "package-lock.json", "composer.json", "tsconfig.json",
                 "jsconfig.json", "mkdocs.yml", "mkdocs.yaml", "docker-compose.yml", "docker-compose.yaml",
                 "compose.yml", "compose.yaml", "renovate.json", "lerna.json", "pnpm-lock.yaml", "codecov.yml"}


# Licence texts kept beside vendored code or per component: «vendor.LICENSE.txt»,
# «LICENSE-MIT», «LICENCE_APACHE». A dash or underscore after a lower-case «license»
# is left to be linted: «license-renewal.txt» may well be a letter to a customer.
LICENCE_PARTS = {"license", "licence", "copying"}
LICENCE_PREFIXES = ("LICENSE-", "LICENSE_", "LICENCE-", "LICENCE_")


def is_project_file(name: str) -> bool:
    """A hidden file (.svclint.yaml, .svclint-baseline.json, .pre-commit-config.yaml…),
    svclint's configuration, a repository meta-file such as README.md or package.json,
    or a licence text however it is named."""
    lower = name.lower()
    parts = lower.split(".")
    return (lower.startswith(".") or lower in PROJECT_FILES or parts[0] in PROJECT_FILE_STEMS
            or not LICENCE_PARTS.isdisjoint(parts[1:-1]) or name.startswith(LICENCE_PREFIXES))
NOT_REGULAR = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket"}


Excluded = Callable[[str, bool], bool]  # (path, is a folder) -> whether the configuration excludes it


def _nothing_excluded(path: str, folder: bool) -> bool:
    return False


def discover(paths: list[str], excluded: Excluded = _nothing_excluded, skip_folders: tuple[str, ...] = (),
             skip_files: tuple[str, ...] = (), force_exclude: bool = False) -> Iterator[tuple[str, str | None, bool]]:
    """(path, problem, unreadable) triples: a file to lint with None, or a path with
    why it is not linted and whether that is a failure to read it (a folder with no
    lintable files is not). `skip_folders` are never walked into (the result cache's
    folder); `skip_files` never linted (the baseline, the report being written).
    With `force_exclude`, files named explicitly go through the same exclusions as
    files found in folders (what a pre-commit hook, which names every file, needs).
    `excluded` answers for the configuration that applies to each path."""
    seen: set[tuple[int, int]] = set()
    skipped = {_identity(folder) for folder in skip_folders} - {None}
    for file in skip_files:
        _first_time(file, seen)  # marked as seen: never linted
    if len(paths) < 2 and not skip_files:
        seen = None  # one path cannot repeat a file: no need to stat each one
    for given in paths:
        if force_exclude and not os.path.isdir(given) and (
                is_project_file(os.path.basename(given)) or excluded(given, False)):
            continue
        problem = _not_lintable(given)
        if problem is not None:
            yield given, problem, True
        elif os.path.isdir(given):
            found = False
            for file, problem in _walk(given, excluded, skipped):
                found = found or problem is None
                if problem is not None or _first_time(file, seen):
                    yield file, problem, problem is not None
            if not found:
                yield given, "no lintable files here (.txt .md .html .eml .yaml .json and templates)", False
        elif _first_time(given, seen):
            yield given, None, False


def _not_lintable(given: str) -> str | None:
    """Why a path named on the command line cannot be linted, or None."""
    try:
        info = os.stat(given)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop; not linted"
        if error.errno == errno.ENOENT and os.path.islink(given):
            return "a symbolic link to a missing file; not linted"
        return f"cannot read: {error.strerror or error}"
    except ValueError:  # a NUL byte in the name
        return "not a valid file name"
    kind = NOT_REGULAR.get(stat.S_IFMT(info.st_mode))
    return f"{kind}, not a regular file; not linted" if kind else None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _first_time(path: str, seen: set[tuple[int, int]] | None) -> bool:
    if seen is None:
        return True
    identity = _identity(path)
    if identity is None:
        return True
    if identity in seen:
        return False
    seen.add(identity)
    return True


def _walk(root: str, excluded: Excluded, skipped: set) -> Iterator[tuple[str, str | None]]:
    """Lintable regular files under `root` in sorted order, depth first, and the
    folders that could not be read (with why)."""
    shown = str(Path(root))  # paths are reported as pathlib writes them ("x.txt", not "./x.txt")
    stack = [shown]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as error:
            yield folder, f"cannot read folder: {error.strerror or error}; not linted"
            continue
        prefix = "" if folder == "." else folder.rstrip(os.sep) + os.sep
        folders = []
        for entry in entries:
            candidate = prefix + entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                is_file = not is_folder and entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if is_folder:
                if (entry.name not in SKIPPED_DIRS and entry.name.lower() not in LICENCE_DIRS
                        and not entry.name.startswith(".")
                        and not excluded(candidate, True)
                        and (not skipped or _identity(candidate) not in skipped)):
                    folders.append(candidate)
            elif (is_file and is_lintable(entry.name) and not is_project_file(entry.name)
                  and not excluded(candidate, False)):
                yield candidate, None
        stack.extend(reversed(folders))
