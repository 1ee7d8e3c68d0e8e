"""Per-file result cache: a file whose bytes, path, configuration, rule packs
and svclint version are unchanged is not linted again.

Each process appends its results, one line per linted file, to its own list
(`results/<salt>-<pid>.lines`): the file's key alone when it has nothing to
report, else the key, a tab and the result as one line of JSON. A run reads
every list of its salt once, into memory, and parses an entry only when the
file it stands for is asked for. One append per file instead of one new file
per file: creating files is what a cold cache run used to spend its time on.

Lists are marked as used when read; the lists of other salts (svclint
versions, configurations, packs) and the other files of the cache folder are
removed once unused for a month.

Concurrent runs never share a list (the name holds the process id). A line
counts only when it ends with a newline (a run killed mid-write leaves a line
without one), is ASCII as written, has a well-formed key and, for a result, JSON of the expected
shape; anything else is ignored and the file is linted again, never trusted.
Lists are merged into one when there are many.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

from svclint import __version__
from svclint.cachedir import cache_dir, code_digest, prune, touch
from svclint.model import Diagnostic, FileResult, Finding, Position, Severity

FORMAT = 2
KEY = re.compile(r"[0-9a-f]{64}")
MERGE_FROM = 8  # lists of one salt before they are merged into one
CLEAN = ""  # the entry of a file with nothing to report
_SEVERITIES = {int(severity): severity for severity in Severity}


class ResultCache:
    def __init__(self, folder: str, salt: str):
        self.folder = os.path.join(folder, "results")
        self.salt = salt
        self._entries: dict[str, str] | None = None  # key -> CLEAN or the result's JSON
        self._out: int | None = None  # this process's list, opened for appending
        self._out_pid = 0

    @classmethod
    def open(cls, *salt_parts: str) -> "ResultCache | None":
        folder = cache_dir()
        if folder is None:
            return None
        salt = hashlib.sha256("\0".join([__version__, str(FORMAT), code_digest(), *salt_parts]).encode())
        try:
            prune(folder, [name for name in os.listdir(folder) if name.endswith(".json")])
        except OSError:
            pass
        return cls(str(folder), salt.hexdigest())

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + data)
        return digest.hexdigest()

    def get(self, key: str, path: str) -> FileResult | None:
        entry = self._read().get(key)
        if entry is None:
            return None
        if entry == CLEAN:
            return FileResult(path)
        try:
            data = json.loads(entry)
            return FileResult(
                path,
                findings=[_finding(item, path) for item in data["findings"]],
                diagnostics=[Diagnostic(path, **item) for item in data["diagnostics"]],
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        entry = CLEAN
        if result.findings or result.diagnostics:
            entry = json.dumps({
                "findings": [_finding_json(f) for f in result.findings],
                "diagnostics": [{"code": d.code, "message": d.message, "line": d.line, "column": d.column}
                                for d in result.diagnostics],
            })  # ASCII JSON: newlines and any lone surrogate escaped, so the entry is one plain line
        self._append(_line(key, entry))

    def _lists(self) -> list[str]:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        prefix = self.salt[:16] + "-"
        prune(self.folder, [n for n in names if n.endswith(".tmp") or (n.endswith(".lines") and not n.startswith(prefix))])
        return [os.path.join(self.folder, n) for n in names if n.startswith(prefix) and n.endswith(".lines")]

    def _read(self) -> dict[str, str]:
        if self._entries is None:
            lists = self._lists()
            self._entries = {}
            for name in lists:
                touch(name)
                try:
                    with open(name, encoding="ascii", errors="replace", newline="\n") as handle:
                        for line in handle:
                            key, _, entry = line.partition("\t")
                            key = key.rstrip("\n")
                            if line.endswith("\n") and line.isascii() and KEY.fullmatch(key):
                                self._entries[key] = entry[:-1]
                except OSError:
                    continue
            if len(lists) >= MERGE_FROM:
                self._merge(lists)
        return self._entries

    def _merge(self, lists: list[str]) -> None:
        """One list in place of many (a line appended meanwhile by another run may be lost: a later miss)."""
        merged = os.path.join(self.folder, f"{self.salt[:16]}-merged-{os.getpid()}.lines")
        temporary = merged + ".tmp"
        try:
            with open(temporary, "w", encoding="ascii", newline="\n") as out:
                out.writelines(_line(key, entry) for key, entry in self._entries.items())
            os.replace(temporary, merged)
            for name in lists:
                if name != merged:
                    os.unlink(name)
        except OSError:
            pass

    def _append(self, line: str) -> None:
        """One line in one write, to this process's own list (a forked worker opens its own)."""
        if self._out is None or self._out_pid != os.getpid():
            try:
                os.makedirs(self.folder, exist_ok=True)
                name = os.path.join(self.folder, f"{self.salt[:16]}-{os.getpid()}.lines")
                self._out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
                self._out_pid = os.getpid()
            except OSError:
                return
        try:
            os.write(self._out, line.encode("ascii"))
        except OSError:
            pass
def _line(key: str, entry: str) -> str:
    return f"{key}\t{entry}\n" if entry else f"{key}\n"


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
                   _SEVERITIES[item["severity"]], str(item["message"]), item["suggestion"], item["lang"],
                   item["kind"], str(item["matched"]), item["fix"])
