"""Errors that stop a run with exit status 2 (usage, configuration, rule packs)."""

from __future__ import annotations


class SvclintError(Exception):
    """A problem the user must fix; printed as `where: what`, never as a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(SvclintError):
    """Invalid configuration file or option value."""


class PackError(SvclintError):
    """Invalid rule pack or catalogue."""
