"""Per-file result cache: a file whose bytes, path, configuration, rule packs
and svclint version are unchanged is not linted again.

Entries are JSON files named by a hash of all of those, written atomically, so
concurrent runs can share the folder. An entry that cannot be read or does not
have the expected shape is ignored and rebuilt, never trusted.

Most files have nothing to report: their keys are appended, one line each, to a
list per process (`clean-<salt>-<pid>.keys`), read back as one set, so a
cached run opens one file per clean file (the file itself), not two. Lists are
merged when there are many; a line that is not a key is ignored.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from svclint import __version__
from svclint.cachedir import cache_dir, code_digest, read_json, write_json
from svclint.model import Diagnostic, FileResult, Finding, Position, Severity

FORMAT = 1
KEY = re.compile(r"^[0-9a-f]{64}$")
MERGE_FROM = 8  # clean-key lists of one salt before they are merged into one


class ResultCache:
    def __init__(self, folder: Path, salt: str):
        self.folder = os.path.join(folder, "results")
        self.salt = salt
        self._made: set[Path] = set()  # entry folders known to exist
        self._clean: set[str] | None = None  # keys of files with nothing to report
        self._clean_out: int | None = None  # this process's list, opened for appending
        self._clean_pid = 0

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

    def _entry(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".json")

    def get(self, key: str, path: str) -> FileResult | None:
        if key in self._clean_keys():
            return FileResult(path)
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
        if not result.findings and not result.diagnostics:
            self._add_clean(key)
            return
        entry = Path(self._entry(key))
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

    def _clean_lists(self) -> list[str]:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        prefix = f"clean-{self.salt[:16]}-"
        return [os.path.join(self.folder, n) for n in names if n.startswith(prefix) and n.endswith(".keys")]

    def _clean_keys(self) -> set[str]:
        if self._clean is None:
            lists = self._clean_lists()
            self._clean = set()
            for name in lists:
                try:
                    with open(name, encoding="ascii", errors="replace") as handle:
                        self._clean.update(line.strip() for line in handle if KEY.match(line.strip()))
                except OSError:
                    continue
            if len(lists) >= MERGE_FROM:
                self._merge(lists)
        return self._clean

    def _merge(self, lists: list[str]) -> None:
        """One list in place of many (a key appended meanwhile by another run may be lost: a later miss)."""
        merged = Path(self.folder) / f"clean-{self.salt[:16]}-merged-{os.getpid()}.keys"
        temporary = merged.with_suffix(".tmp")
        try:
            temporary.write_text("".join(k + "\n" for k in self._clean), encoding="ascii")
            os.replace(temporary, merged)
            for name in lists:
                if name != str(merged):
                    os.unlink(name)
        except OSError:
            pass

    def _add_clean(self, key: str) -> None:
        """Append one key; a whole line in one write, so lists shared by no one stay well formed."""
        if self._clean_out is None or self._clean_pid != os.getpid():  # a forked worker opens its own
            try:
                os.makedirs(self.folder, exist_ok=True)
                name = os.path.join(self.folder, f"clean-{self.salt[:16]}-{os.getpid()}.keys")
                self._clean_out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
                self._clean_pid = os.getpid()
            except OSError:
                return
        try:
            os.write(self._clean_out, (key + "\n").encode("ascii"))
        except OSError:
            pass


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
