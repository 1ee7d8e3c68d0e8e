"""Per-file result cache: a file whose bytes, path, configuration, rule packs
and svclint version are unchanged is not linted again.

Each process appends its results, one line per linted file, to its own new
list (`results/<salt>-<random>.lines`): the file's key alone when it has
nothing to report, else the key, a tab and the result as one line of JSON. One
append per file instead of one new file per file: creating files is what a
cold cache run used to spend its time on.

A key starts with a digest of the file's path, and the lists' entries are
merged, once there are many lists or they grow large, into 256 shards
(`results/<salt>.<xx>.lines`, by the key's first two digits) that are read
only when a key of theirs is asked for: a run over one file reads one shard.
At a merge a file's newer entry replaces its older ones and each shard keeps
only its newest SHARD_KEEP files, so the cache holds at most one entry per
file and a bounded number of files. Shards and lists are marked as used when
read; the lists and shards of other salts (svclint versions, configurations,
packs) and the other files of the cache folder are removed once unused for a
month.

Concurrent runs never share a list. A line counts only when it ends with a
newline (a run killed mid-write leaves a line without one), is ASCII as
written and has a well-formed key; an entry is used only when every field has
the expected type and value and every position lies in the file, with the
file's text under each finding's span equal to the `matched` it records.
Anything else is ignored and the file is linted again, never trusted.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator

from svclint import __version__
from svclint.cachedir import ENTRY_SUFFIXES, TEMPORARY, cache_dir, code_digest, is_own_file, make_private_dir, \
    new_file, open_own_file, prune, write_atomically
from svclint.model import KINDS, LANGS, Diagnostic, FileResult, Finding, Fix, Position, Severity
from svclint.sourcemap import SourceFile

FORMAT = 3
KEY = re.compile(r"[0-9a-f]{64}")
PATH_ID = 16  # the key's first digits: a digest of the file's path alone
MERGE_FROM = 8  # lists of one salt before they are merged into the shards
MERGE_BYTES = 1 << 20  # or their size: every run reads the unmerged lists whole
SHARD_KEEP = 1024  # files kept per shard at a merge (256 shards: 262,144 files), the newest
CLEAN = ""  # the entry of a file with nothing to report
FINDING_CODE = re.compile(r"[A-Z]{3}[0-9]{3}")
DIAGNOSTIC_CODE = re.compile(r"E9[0-9]{2}|SVC1[0-9]{2}")  # reading problems, and notes on how a file was read
_SEVERITIES = {int(severity): severity for severity in Severity}
_RESULT_FIELDS = {"findings", "diagnostics"}
_FINDING_FIELDS = {"start", "end", "code", "slug", "severity", "message", "suggestion", "lang", "kind",
                   "matched", "fix"}
_DIAGNOSTIC_FIELDS = {"code", "message", "line", "column"}


class Damaged(ValueError):
    """A cache entry that is not what svclint writes for this file."""


class ResultCache:
    def __init__(self, folder: str, salt: str):
        self.folder = os.path.join(folder, "results")
        self.salt = salt
        self._recent: dict[str, str] | None = None  # key -> CLEAN or the result's JSON, from the lists
        self._shards: dict[str, dict[str, str]] = {}  # the shards read so far
        self._hashed: tuple[str, bytes] = ("", b"")  # the last key made, and the bytes it was made of
        self._out: int | None = None  # this process's list, open for writing
        self._out_pid = 0

    @classmethod
    def open(cls, *salt_parts: str) -> "ResultCache | None":
        folder = cache_dir()
        if folder is None or not make_private_dir(folder / "results"):
            return None
        salt = hashlib.sha256("\0".join([__version__, str(FORMAT), code_digest(), *salt_parts]).encode())
        try:
            prune(folder, [name for name in os.listdir(folder) if name.endswith(ENTRY_SUFFIXES)])
        except OSError:
            pass
        return cls(str(folder), salt.hexdigest())

    def key(self, path: str, data: bytes) -> str:
        """The path's digest, then the digest of path and bytes (the bytes are kept for `get`)."""
        named = hashlib.sha256(self.salt.encode() + b"\0" + path.encode("utf-8", "surrogateescape"))
        content = named.copy()
        content.update(b"\0" + data)
        key = named.hexdigest()[:PATH_ID] + content.hexdigest()[:64 - PATH_ID]
        self._hashed = (key, data)
        return key

    def get(self, key: str, path: str) -> FileResult | None:
        """The cached result of the file last given to `key`, when its entry is sound for the
        file's text (an entry with positions but no text to check them against is not)."""
        entry = self._recent_entries().get(key)
        if entry is None:
            entry = self._shard(key[:2]).get(key)
        if entry is None:
            return None
        if entry == CLEAN:
            return FileResult(path)
        try:
            return _result(json.loads(entry), path, self._source(key, path))
        except (ValueError, RecursionError):
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

    def _source(self, key: str, path: str) -> SourceFile | None:
        """The text of the file `key` was made from, decoded as the engine decodes it."""
        made, data = self._hashed
        if made != key:
            return None
        try:
            return SourceFile(path, data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return None

    # ---- lists and shards ---------------------------------------------------------------

    def _lists(self) -> list[str]:
        """This salt's unmerged lists of this user's (after pruning what is unused or abandoned)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        salt = self.salt[:16]
        prune(self.folder, [n for n in names if n.endswith(".tmp") or n.startswith(TEMPORARY)
                            or (n.endswith(".lines") and not n.startswith(salt))])
        lists = [os.path.join(self.folder, n) for n in names if n.startswith(salt + "-") and n.endswith(".lines")]
        return [path for path in lists if is_own_file(path)]

    def _shard_path(self, prefix: str) -> str:
        return os.path.join(self.folder, f"{self.salt[:16]}.{prefix}.lines")

    def _shard(self, prefix: str) -> dict[str, str]:
        if prefix not in self._shards:
            self._shards[prefix] = dict(_entries(self._shard_path(prefix)))
        return self._shards[prefix]

    def _recent_entries(self) -> dict[str, str]:
        """The entries of the unmerged lists, read once; merged first when they are many or large."""
        if self._recent is None:
            lists = self._lists()
            if len(lists) >= MERGE_FROM or sum(_size(name) for name in lists) >= MERGE_BYTES:
                merged = self._merge()
                lists = lists if merged is None else merged
            self._recent = {key: entry for name in lists for key, entry in _entries(name)}
        return self._recent

    def _merge(self) -> list[str] | None:
        """Move the lists' entries into the shards, one run at a time (None: another run is
        merging); the lists written since are returned. A line appended meanwhile to a merged
        list by another run is lost: a later miss, never a wrong result."""
        try:
            folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return None
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
            lists = self._lists()
            for prefix, fresh in _by_shard(lists).items():
                self._rewrite_shard(prefix, fresh)
            for name in lists:
                _unlink(name)
            return self._lists()
        except OSError:
            return None
        finally:
            os.close(folder)  # and with it the lock

    def _rewrite_shard(self, prefix: str, fresh: dict[str, str]) -> None:
        """The shard with the fresh lines added: a file's newest line only, the newest files only."""
        path = self._shard_path(prefix)
        kept: dict[str, str] = {}
        for key, entry in _entries(path):
            _keep(kept, key, _line(key, entry))
        for path_id, line in fresh.items():
            _keep(kept, path_id, line)
        write_atomically(path, (line.encode("ascii") for line in list(kept.values())[-SHARD_KEEP:]))

    def _append(self, line: str) -> None:
        """One line in one write, to this process's own new list (a forked worker makes its own)."""
        if self._out is None or self._out_pid != os.getpid():
            try:
                # the creation time in the name orders lists whose last writes share a timestamp
                self._out, _ = new_file(self.folder, f"{self.salt[:16]}-{time.time_ns():020d}-", ".lines")
                self._out_pid = os.getpid()
            except OSError:
                return
        try:
            os.write(self._out, line.encode("ascii"))
        except OSError:
            pass


def _entries(path: str) -> Iterator[tuple[str, str]]:
    """The well-formed lines of a list or shard of this user's, as (key, entry)."""
    handle = open_own_file(path)
    if handle is None:
        return
    try:
        with handle:
            for line in handle:
                if line.endswith(b"\n") and line.isascii():
                    key, _, entry = line[:-1].decode("ascii").partition("\t")
                    if KEY.fullmatch(key):
                        yield key, entry
    except OSError:
        return


def _by_shard(lists: list[str]) -> dict[str, dict[str, str]]:
    """The lists' lines by shard and then by file, oldest list first, so newer lines replace older."""
    shards: dict[str, dict[str, str]] = {}
    for name in sorted(lists, key=_written):
        for key, entry in _entries(name):
            _keep(shards.setdefault(key[:2], {}), key, _line(key, entry))
    return shards


def _keep(lines: dict[str, str], key: str, line: str) -> None:
    """Record a file's newest line last (dicts keep insertion order); past twice the
    shard's limit, drop the oldest, so memory stays bounded however long the lists."""
    path_id = key[:PATH_ID]
    lines.pop(path_id, None)
    lines[path_id] = line
    if len(lines) > 2 * SHARD_KEEP:
        for old in list(lines)[:-SHARD_KEEP]:
            del lines[old]


def _size(path: str) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def _written(path: str) -> tuple[int, str]:
    """When a list was last written, then its name, which starts with when it was made:
    the file system's clock is coarse (milliseconds), and runs a few milliseconds apart
    must still replace each other's lines in the order they ran."""
    try:
        return os.lstat(path).st_mtime_ns, os.path.basename(path)
    except OSError:
        return 0, os.path.basename(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _line(key: str, entry: str) -> str:
    return f"{key}\t{entry}\n" if entry else f"{key}\n"


def _finding_json(finding: Finding) -> dict:
    return {
        "start": [finding.start.line, finding.start.column], "end": [finding.end.line, finding.end.column],
        "code": finding.code, "slug": finding.slug, "severity": int(finding.severity),
        "message": finding.message, "suggestion": finding.suggestion, "lang": finding.lang,
        "kind": finding.kind, "matched": finding.matched, "fix": finding.fix and finding.fix.replacement,
    }


# ---- reading an entry back: every field checked, positions against the file's text ----------


def _result(data: object, path: str, source: SourceFile | None) -> FileResult:
    _expect(isinstance(data, dict) and data.keys() == _RESULT_FIELDS
            and isinstance(data["findings"], list) and isinstance(data["diagnostics"], list))
    return FileResult(path, findings=tuple(_finding(item, path, source) for item in data["findings"]),
                      diagnostics=tuple(_diagnostic(item, path, source) for item in data["diagnostics"]))


def _finding(item: object, path: str, source: SourceFile | None) -> Finding:
    _expect(isinstance(item, dict) and item.keys() == _FINDING_FIELDS and source is not None)
    start, end = _offset(item["start"], source), _offset(item["end"], source)
    _expect(start <= end and source.text[start:end] == item["matched"])
    _expect(isinstance(item["code"], str) and FINDING_CODE.fullmatch(item["code"]) is not None)
    _expect(type(item["severity"]) is int and item["severity"] in _SEVERITIES)
    _expect(all(isinstance(item[name], str) for name in ("slug", "message")))
    _expect(all(item[name] is None or isinstance(item[name], str) for name in ("suggestion", "fix")))
    _expect(item["lang"] in (None, *LANGS) and item["kind"] in (None, *KINDS))
    start, end = Position(*item["start"]), Position(*item["end"])
    fix = None if item["fix"] is None else Fix(start, end, item["fix"])
    return Finding(path, start, end, item["code"], item["slug"], _SEVERITIES[item["severity"]], item["message"],
                   item["suggestion"], item["lang"], item["kind"], item["matched"], fix)


def _diagnostic(item: object, path: str, source: SourceFile | None) -> Diagnostic:
    _expect(isinstance(item, dict) and item.keys() == _DIAGNOSTIC_FIELDS)
    _expect(isinstance(item["code"], str) and DIAGNOSTIC_CODE.fullmatch(item["code"]) is not None
            and isinstance(item["message"], str))
    where = [item["line"], item["column"]]
    if source is None:  # a file that is not text: its diagnostics are at its start
        _expect(all(type(n) is int for n in where) and where == [1, 1])
    else:
        _offset(where, source)
    return Diagnostic(path, item["code"], item["message"], item["line"], item["column"])


def _offset(where: object, source: SourceFile) -> int:
    """The text offset of a [line, column] pair that names a place in the text (no clamping)."""
    _expect(isinstance(where, list) and len(where) == 2 and type(where[0]) is int and type(where[1]) is int)
    offset = source.exact_offset(*where)
    _expect(offset is not None)
    return offset


def _expect(condition: bool) -> None:
    if not condition:
        raise Damaged("not an entry svclint writes for this file")
