"""svclint as a library: lint text and files from Python with the results the
command line gives.

    from svclint.api import Session, lint_text

    for finding in lint_text("Cálmese, por favor.", lang="es"):
        print(finding.code, finding.start.line, finding.start.column, finding.message)

A `Session` keeps each configuration's compiled rules between calls, which is
what a server or a long-running worker wants; `lint_text` and `lint_paths` make
a session for one call. Every file takes the configuration closest above it
(`svclint.yaml`, `.svclint.yaml` or `[tool.svclint]` in `pyproject.toml`),
unless a configuration is named for all. Nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from svclint.config import Config, ConfigFinder, PathGlobs
from svclint.engine import Linter, chosen
from svclint.errors import SvclintError
from svclint.files import discover
from svclint.model import ENGINE_CODES, Diagnostic, FileResult, Finding, Fix, Position, Scope, Severity
from svclint.rules.packs import RuleBook, RuleMeta

__all__ = ["Diagnostic", "FileResult", "Finding", "Fix", "Position", "Scope", "Session", "Severity", "lint_paths",
           "lint_text"]

ConfigLike = Config | str | os.PathLike[str] | None


class Session:
    """Lints files and text, each with the configuration that applies to it.

    `config` names one configuration (a file, or a `Config`) for everything;
    without it each file takes the closest one above it. `lang`, `kind`,
    `transcript` ("asr" for speech-recognition text), `select`, `extend_select`,
    `ignore` and `profile` (names of profiles to turn on) apply on top of every
    configuration, as the command line's options do. With
    `record_scope`, each result says which rules judged its file (`FileResult.scope`,
    for the audit report). A session is safe to pickle: it travels
    as its settings and compiles its rules again where it lands. `rule_book` gives the
    rules already read (see `portable`) instead of reading the configuration's packs.
    """

    def __init__(self, *, config: ConfigLike = None, lang: str | None = None, kind: str | None = None,
                 select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None, profile: list[str] | None = None, cache: bool = False,
                 keep_source: bool = True, record_scope: bool = False, rule_book: RuleBook | None = None,
                 transcript: str | None = None):
        self._settings: dict[str, Any] = dict(config=config, lang=lang, kind=kind, transcript=transcript,
                                               select=select, extend_select=extend_select, ignore=ignore, profile=profile,
                                               cache=cache, keep_source=keep_source, record_scope=record_scope,
                                               rule_book=rule_book)
        self._finder = ConfigFinder(config if config is None or isinstance(config, Config) else os.fspath(config))
        self._linters: dict[int, Linter] = {}  # id of a configuration -> its linter
        self._path_globs: dict[int, tuple[PathGlobs[bool], PathGlobs[bool]]] = {}  # id -> exclude, include

    def __getstate__(self) -> dict[str, Any]:
        return self._settings

    def __setstate__(self, settings: dict[str, Any]) -> None:
        self.__init__(**settings)  # type: ignore[misc]

    def portable(self, path: str = ".") -> Session:
        """This session fixed on the configuration that applies to `path`, with that
        configuration and its rule packs read now: pickled to a machine that cannot
        read them (a Dask or Spark worker), it lints as it does here and opens no
        configuration or pack file there."""
        linter = self.linter_for(path)  # reads and checks them here, where they are
        return Session(**{**self._settings, "config": linter.config, "rule_book": linter.book})

    # ---- what applies where ---------------------------------------------------------

    def config_for(self, path: str) -> Config:
        """The configuration that applies to `path` (a file need not exist)."""
        return self._finder.for_path(path)

    def linter_for(self, path: str) -> Linter:
        """The linter of `path`'s configuration, made (and its codes checked) on first use."""
        config = self.config_for(path)
        linter = self._linters.get(id(config))
        if linter is None:
            linter = self._linters[id(config)] = self._linter(config)
        return linter

    def linters(self) -> list[Linter]:
        """The linters made so far, one per configuration used."""
        return list(self._linters.values())

    def excluded(self, path: str, folder: bool = False) -> bool:
        """Whether the configuration that applies to `path` leaves it out: an `exclude`
        glob matches it, or `include` globs are set and none matches a file."""
        config = self.config_for(path)
        if id(config) not in self._path_globs:
            self._path_globs[id(config)] = (config.exclude_globs(), config.include_globs())
        exclude, include = self._path_globs[id(config)]
        if exclude and any(exclude.values(path, folder)):
            return True
        return not folder and bool(include) and not any(include.values(path))

    def config_files(self, paths: list[str]) -> list[str]:
        """The configuration files that apply to `paths`, with the ones they extend."""
        found = {id(config): config for config in map(self.config_for, paths)}
        return list(dict.fromkeys(layer.path for config in found.values() for layer in config.layers() if layer.path))

    @property
    def caching(self) -> bool:
        return bool(self._settings["cache"])

    def ignores(self, path: str, code: str) -> bool:
        """Whether a diagnostic code is ignored for `path` (options and its configuration)."""
        return chosen(code, (self._settings["ignore"] or []) + self.config_for(path).ignore)

    # ---- linting ----------------------------------------------------------------------

    def lint_path(self, path: str) -> FileResult:
        return self.reported(self.linter_for(path).lint_path(path))

    def lint_text(self, text: str, path: str | None = None) -> FileResult:
        """`text` as if read from `path` (its extension chooses the reader; default `.txt`)."""
        where = path or "<text>.txt"
        return self.reported(self.linter_for(path or ".").lint_text(where, text))

    def reported(self, result: FileResult) -> FileResult:
        """`result` without the diagnostics that the options or its file's configuration
        ignore (`lint_path` and `lint_text` give results already so)."""
        kept = tuple(d for d in result.diagnostics if not self.ignores(result.path, d.code))
        return result if len(kept) == len(result.diagnostics) else replace(result, diagnostics=kept)

    def lint_paths(self, paths: Iterable[str], *, force_exclude: bool = False,
                   jobs: int | None = None) -> Iterator[FileResult]:
        """Every file named or found in the folders named, in order; a path that cannot
        be read or holds nothing lintable comes as a result with an E902 diagnostic.
        `jobs` above 1 lints the files in that many worker processes first (results
        keep their order)."""
        found: Iterable[tuple[str, str | None, bool]] = self.discover(list(paths), force_exclude=force_exclude)
        lint: Callable[[str], FileResult] = self.lint_path
        if jobs and jobs > 1:
            from svclint.runner import lint_files

            found = list(found)
            linted = iter(lint_files(self, [path for path, problem, _ in found if problem is None], jobs,
                                     progress=False))
            lint = lambda _path: next(linted)  # noqa: E731
        for path, problem, _ in found:
            if problem is None:
                yield lint(path)
            elif not self.ignores(path, "E902"):
                yield FileResult(path, diagnostics=(Diagnostic(path, "E902", problem),))

    def discover(self, paths: list[str], **options: Any) -> Iterator[tuple[str, str | None, bool]]:
        """The files a run lints (see svclint.files.discover), with this session's exclusions."""
        return discover(paths, self.excluded, **options)

    # ---- making linters ---------------------------------------------------------------

    def _linter(self, config: Config) -> Linter:
        settings = self._settings
        linter = Linter(config, lang=settings["lang"], kind=settings["kind"], select=settings["select"],
                        ignore=settings["ignore"], extend_select=settings["extend_select"],
                        profile=settings["profile"], book=settings["rule_book"], transcript=settings["transcript"])
        check_codes(linter.catalogue, {
            "--select": settings["select"] or [], "--ignore": settings["ignore"] or [],
            "--extend-select": settings["extend_select"] or [],
            f"{config.path}, select": config.select, f"{config.path}, ignore": config.ignore,
            f"{config.path}, extend-select": config.extend_select,
            **{f"{config.path}, per-file-ignores {glob!r}": codes for glob, codes in config.per_file_ignores.items()}})
        if settings["cache"]:
            linter.use_cache()
        linter.keep_source = settings["keep_source"]
        linter.record_scope = settings["record_scope"]
        return linter


def check_codes(catalogue: dict[str, RuleMeta], given: dict[str, list[str]]) -> None:
    """Every code or prefix named in a selection must name at least one known code:
    a typo in an ignore list would otherwise let through what it was meant to stop."""
    known = [*catalogue, *ENGINE_CODES]
    slugs = {meta.slug.upper(): code for code, meta in catalogue.items()}
    for where, values in given.items():
        for value in values:
            if value == "ALL" or any(code.startswith(value) for code in known):
                continue
            close = [slugs[value]] if value in slugs else difflib.get_close_matches(value, known, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]}?" if close else "; `svclint rules` lists the codes"
            raise SvclintError(f"unknown rule code {value!r} in {where}{hint}")


def lint_text(text: str, *, path: str | None = None, lang: str = "auto", kind: str | None = None,
              config: ConfigLike = None) -> list[Finding]:
    """The findings in `text` (as if read from `path`), sorted by position.
    Raises SvclintError for a configuration or rule pack that cannot be used."""
    return list(Session(config=config, lang=lang, kind=kind).lint_text(text, path).findings)


def lint_paths(paths: Iterable[str | Path], *, config: ConfigLike = None, jobs: int | None = None) -> Iterator[FileResult]:
    """Results of the files named or found in the folders named, in order, as they are
    made. `jobs` above 1 lints in that many worker processes (results keep their order)."""
    yield from Session(config=config, keep_source=False).lint_paths([str(path) for path in paths], jobs=jobs)
