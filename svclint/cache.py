"""Per-file result cache: a file whose bytes, path, configuration, rule packs
and svclint version are unchanged is not linted again.

Entries are JSON files named by a hash of all of those, written atomically, so
concurrent runs can share the folder. An entry that cannot be read or does not
have the expected shape is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from svclint import __version__
from svclint.cachedir import cache_dir, code_digest, read_json, write_json
from svclint.model import Diagnostic, FileResult, Finding, Position, Severity

FORMAT = 1


class ResultCache:
    def __init__(self, folder: Path, salt: str):
        self.folder = folder / "results"
        self.salt = salt
        self._made: set[Path] = set()  # entry folders known to exist

    @classmethod
    def open(cls, *salt_parts: str) -> "ResultCache | None":
        folder = cache_dir()
        if folder is None:
            return None
        salt = hashlib.sha256("\0".join([__version__, str(FORMAT), code_digest(), *salt_parts]).encode())
        return cls(folder, salt.hexdigest())

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> FileResult | None:
        data = read_json(self._entry(key))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        try:
            return FileResult(
                path,
                findings=[_finding(item, path) for item in data["findings"]],
                diagnostics=[Diagnostic(path, **item) for item in data["diagnostics"]],
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        entry = self._entry(key)
        if entry.parent not in self._made:
            try:
                entry.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
            self._made.add(entry.parent)
        write_json(entry, {
            "format": FORMAT,
            "findings": [_finding_json(f) for f in result.findings],
            "diagnostics": [{"code": d.code, "message": d.message, "line": d.line, "column": d.column}
                            for d in result.diagnostics],
        })


def _finding_json(finding: Finding) -> dict:
    return {
        "start": [finding.start.line, finding.start.column], "end": [finding.end.line, finding.end.column],
        "code": finding.code, "slug": finding.slug, "severity": int(finding.severity),
        "message": finding.message, "suggestion": finding.suggestion, "lang": finding.lang,
        "kind": finding.kind, "matched": finding.matched, "fix": finding.fix,
    }


def _finding(item: dict, path: str) -> Finding:
    start, end = item["start"], item["end"]
    if not all(isinstance(v, int) and v > 0 for v in (*start, *end)):
        raise ValueError("bad position")
    return Finding(path, Position(*start), Position(*end), str(item["code"]), str(item["slug"]),
                   Severity(item["severity"]), str(item["message"]), item["suggestion"], item["lang"],
                   item["kind"], str(item["matched"]), item["fix"])
