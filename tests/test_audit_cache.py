"""The result cache and its folder against a hostile or damaged cache (audit D1,
D5, D8, C11, H15): nothing svclint writes there follows a planted link, an
unsafe folder is not used, a damaged entry is never trusted, temporaries of
killed runs go, and what a run reads and keeps stays bounded."""

from __future__ import annotations

import builtins
import json
import os
import signal
import stat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import invoke
from svclint import cache as result_cache
from svclint.cache import ResultCache
from svclint.cachedir import cache_dir
from svclint.config import Config
from svclint.engine import Linter
from svclint.model import FileResult

SLOW = "Le responderemos a la mayor brevedad posible.\n"  # CLR003 at 1:18-1:45, fix «lo antes posible»


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(folder))
    return folder


# The cache is what these tests audit, not the rules: a few rules compile in a moment
# in each test's fresh cache folder (all of them took 3-4 s a test).
RULES = ["ANG001", "CLR003", "PRM001"]


def _linter() -> Linter:
    linter = Linter(Config(), lang="es", select=RULES)
    linter.use_cache()
    return linter


def _results(cache: Path) -> Path:
    return cache / "results"


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# ---- D5: links, folder and file modes --------------------------------------------------------------

def test_merge_does_not_write_through_a_planted_link(cache: Path, tmp_path: Path) -> None:
    """D5: the names a merge used to write were predictable; links planted under them
    (and under every name this process could pick) leave their target alone."""
    (tmp_path / "a.txt").write_text(SLOW, encoding="utf-8")
    _linter().lint_path(str(tmp_path / "a.txt"))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (first,) = _results(cache).glob("*.lines")
    salt = first.name[:16]
    for n in range(8):
        (_results(cache) / f"{salt}-9{n}.lines").write_text("\n")
    os.symlink(victim, _results(cache) / f"{salt}-merged-{os.getpid()}.lines.tmp")
    (tmp_path / "b.txt").write_text("Cálmese.\n", encoding="utf-8")
    linter = _linter()
    for name in ("a.txt", "b.txt"):
        linter.lint_path(str(tmp_path / name))
    assert victim.read_text() == "precious\n"


def test_every_cache_file_is_created_exclusively(cache: Path, tmp_path: Path, monkeypatch) -> None:
    """D5: each file svclint creates in the cache folder is opened O_CREAT|O_EXCL|O_NOFOLLOW
    (never by name with a plain open, never reusing a file that is there)."""
    created: list[tuple[str, int]] = []
    real_open, real_builtin_open = os.open, builtins.open

    def watch_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(cache)) and flags & os.O_CREAT:
            created.append((str(path), flags))
        return real_open(path, flags, *args, **kwargs)

    def watch_builtin_open(path, mode="r", *args, **kwargs):
        if isinstance(path, (str, Path)) and str(path).startswith(str(cache)) and set(mode) & set("wax+"):
            created.append((str(path), 0))
        return real_builtin_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", watch_open)
    monkeypatch.setattr(builtins, "open", watch_builtin_open)
    for n in range(10):  # ten runs: ten lists, then a merge
        (tmp_path / f"f{n}.txt").write_text(SLOW if n % 2 else "Gracias por escribir.\n", encoding="utf-8")
        _linter().lint_path(str(tmp_path / f"f{n}.txt"))
    assert any(path.endswith(".lines") for path, _ in created)
    wanted = os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    assert [path for path, flags in created if flags & wanted != wanted] == []


def test_cache_folder_is_private(cache: Path) -> None:
    """D5: the folders svclint makes are 0700."""
    assert cache_dir() == cache
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    ResultCache.open("x")._append("f" * 64 + "\n")
    assert stat.S_IMODE(_results(cache).stat().st_mode) == 0o700


@pytest.mark.parametrize("mode, used", [(0o777, False), (0o770, False), (0o1777, True), (0o755, True)])
def test_folder_others_can_write_is_not_used(cache: Path, tmp_path: Path, capsys, mode: int, used: bool) -> None:
    """D5: a folder others can write (without the sticky bit that keeps them from replacing
    this user's files) is not used: the run goes uncached with one note."""
    cache.mkdir()
    cache.chmod(mode)
    (tmp_path / "a.txt").write_text(SLOW, encoding="utf-8")
    linter = _linter()
    assert (linter.cache is not None) == used
    linter.lint_path(str(tmp_path / "a.txt"))
    _linter()
    err = capsys.readouterr().err
    assert err.count("svclint: note:") == (0 if used else 1)
    if not used:
        assert "writable by other users" in err and "running without the cache" in err and "\n" == err[-1]
        assert not _results(cache).exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")
def test_folder_or_files_of_another_user_are_not_trusted(cache: Path, tmp_path: Path, capsys) -> None:
    """D5: a folder owned by someone else is not used; in a shared sticky folder, a list
    planted by another user (here: "nothing to report" for a file with a finding) is ignored."""
    (tmp_path / "a.txt").write_text(SLOW, encoding="utf-8")
    cache.mkdir()
    os.chown(cache, 65534, 65534)
    assert _linter().cache is None and "owned by another user" in capsys.readouterr().err
    os.chown(cache, 0, 0)
    cache.chmod(0o1777)
    linter = _linter()
    key = linter.cache.key(str(tmp_path / "a.txt"), SLOW.encode())
    _results(cache).chmod(0o1777)
    planted = _results(cache) / f"{linter.cache.salt[:16]}-planted.lines"
    planted.write_text(key + "\n")
    os.chown(planted, 65534, 65534)
    assert [f.code for f in _linter().lint_path(str(tmp_path / "a.txt")).findings] == ["CLR003"]


def test_links_and_fifos_in_the_folder_are_not_read(cache: Path, tmp_path: Path) -> None:
    """D5: a list that is a link (here to "nothing to report" for a file with a finding)
    or a FIFO is skipped, never followed or waited on."""
    (tmp_path / "a.txt").write_text(SLOW, encoding="utf-8")
    linter = _linter()
    key = linter.cache.key(str(tmp_path / "a.txt"), SLOW.encode())
    (tmp_path / "elsewhere.lines").write_text(key + "\n")
    os.symlink(tmp_path / "elsewhere.lines", _results(cache) / f"{linter.cache.salt[:16]}-link.lines")
    os.mkfifo(_results(cache) / f"{linter.cache.salt[:16]}-fifo.lines")
    signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(10)  # opening a FIFO to read waits for a writer: fail, do not hang
    try:
        assert [f.code for f in _linter().lint_path(str(tmp_path / "a.txt")).findings] == ["CLR003"]
    finally:
        signal.alarm(0)


def _give_up(*_) -> None:
    raise TimeoutError("svclint waited on a FIFO in the cache folder")


# ---- C11 and D1: damaged entries ---------------------------------------------------------------------

DAMAGE = {
    "line past the end": ("start", [999, 18]),
    "column past the line's end": ("end", [1, 480]),
    "end before start": ("end", [1, 10]),
    "position not an int": ("start", [1, True]),
    "position of three": ("start", [1, 18, 1]),
    "span not the matched text (D1)": ("start", [1, 1]),
    "fix not text": ("fix", 12345),
    "message not text": ("message", 5),
    "suggestion not text": ("suggestion", ["x"]),
    "severity a bool": ("severity", True),
    "unknown severity": ("severity", 7),
    "unknown code": ("code", "not a code"),
    "code not text": ("code", 3),
    "unknown language": ("lang", "xx"),
    "unknown kind": ("kind", "poem"),
    "matched not text": ("matched", None),
}


def _damage_entry(cache: Path, change) -> None:
    (path,) = _results(cache).glob("*.lines")
    key, _, entry = path.read_text().rstrip("\n").partition("\t")
    data = json.loads(entry)
    change(data)
    path.write_text(f"{key}\t{json.dumps(data)}\n")


@pytest.mark.parametrize("field, value", DAMAGE.values(), ids=list(DAMAGE))
def test_damaged_finding_is_linted_again(cache: Path, tmp_path: Path, field: str, value) -> None:
    """C11: an entry whose finding has a wrong type or a position outside the file (or
    whose span does not hold its `matched`) is ignored: the file is linted afresh."""
    path = str(tmp_path / "a.txt")
    Path(path).write_text(SLOW, encoding="utf-8")
    fresh = _linter().lint_path(path)
    assert fresh.findings and _linter().lint_path(path).findings == fresh.findings  # served from the cache
    _damage_entry(cache, lambda data: data["findings"][0].__setitem__(field, value))
    assert _linter().lint_path(path).findings == fresh.findings


@pytest.mark.parametrize("change", [
    lambda data: data["diagnostics"].append({"code": "E901", "message": "x", "line": 99, "column": 1}),
    lambda data: data["diagnostics"].append({"code": "E901", "message": "x", "line": 1, "column": 99}),
    lambda data: data["diagnostics"].append({"code": "Z1", "message": "x", "line": 1, "column": 1}),
    lambda data: data["diagnostics"].append({"code": "E901", "message": None, "line": 1, "column": 1}),
    lambda data: data["findings"][0].pop("fix"),
    lambda data: data["findings"][0].update(extra=1),
    lambda data: data.update(findings={}),
], ids=["diagnostic line", "diagnostic column", "diagnostic code", "diagnostic message", "missing field",
        "extra field", "findings not a list"])
def test_damaged_entry_shape_is_linted_again(cache: Path, tmp_path: Path, change) -> None:
    """C11: diagnostics are checked like findings, and an entry must have exactly the fields svclint writes."""
    path = str(tmp_path / "a.txt")
    Path(path).write_text(SLOW, encoding="utf-8")
    fresh = _linter().lint_path(path)
    _damage_entry(cache, change)
    again = _linter().lint_path(path)
    assert again.findings == fresh.findings and again.diagnostics == fresh.diagnostics == ()


def test_poisoned_entry_is_not_applied_by_fix(cache: Path, tmp_path: Path, monkeypatch) -> None:
    """D1: a cached span moved off its `matched` text (with a fix of the attacker's) is
    rejected, so `--fix` writes the rule's own fix."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(SLOW, encoding="utf-8")
    assert invoke("check", "--lang", "es", "a.txt").exit_code == 1
    _damage_entry(cache, lambda data: data["findings"][0].update(start=[1, 1], fix="XXXX"))
    invoke("check", "--lang", "es", "--fix", "a.txt")
    assert Path("a.txt").read_text(encoding="utf-8") == "Le responderemos lo antes posible.\n"


def test_entry_of_another_text_is_not_served_for_positions(cache: Path, tmp_path: Path) -> None:
    """C11: without the file's bytes to check against, an entry with findings is not trusted."""
    path = str(tmp_path / "a.txt")
    Path(path).write_text(SLOW, encoding="utf-8")
    _linter().lint_path(path)
    results = _linter().cache
    key = results.key(path, SLOW.encode())
    assert results.get(key, path) is not None
    results.key(path, b"other bytes")
    assert results.get(key, path) is None


# ---- H15: bounded size, lazy reads ---------------------------------------------------------------------

def _write_lists(count: int, lists: int = 8) -> ResultCache:
    """Lists of `count` files with nothing to report (f0.txt ... in that order)."""
    results = ResultCache.open("fill")
    os.makedirs(results.folder, exist_ok=True)
    keys = [results.key(f"f{n}.txt", b"Hola.\n") for n in range(count)]
    for part in range(lists):
        Path(results.folder, f"{results.salt[:16]}-{part}.lines").write_text(
            "".join(key + "\n" for key in keys[part::lists]))
    return results


def _merge() -> None:
    """A run's first look-up (it merges the lists)."""
    ResultCache.open("fill").get("0" * 64, "f0.txt")


def _fill(count: int) -> ResultCache:
    results = _write_lists(count)
    _merge()
    return results


def _peak_memory_of_one_get(count: int) -> int:
    _fill(count)
    results = ResultCache.open("fill")
    key = results.key("f1.txt", b"Hola.\n")
    tracemalloc.start()
    try:
        assert results.get(key, "f1.txt") == FileResult("f1.txt")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_one_file_run_does_not_read_the_whole_cache(tmp_path: Path, monkeypatch) -> None:
    """H15: what a run over one cached file holds does not grow with the cache (it used to
    read every entry of every list): 4x the entries, well under 4x the memory."""
    peaks = []
    for count in (4_000, 16_000):
        folder = tmp_path / f"c{count}"
        monkeypatch.setenv("SVCLINT_CACHE_DIR", str(folder))
        peaks.append(_peak_memory_of_one_get(count))
    assert peaks[1] < 2 * peaks[0]


def test_newer_result_of_a_file_replaces_the_older(cache: Path, tmp_path: Path) -> None:
    """H15: a file edited many times keeps one entry in the shards, its newest (the lists
    written since the last merge hold the versions after it)."""
    path, versions = str(tmp_path / "a.txt"), [f"Hola, versión {n}.\n{SLOW}".encode() for n in range(12)]
    for version in versions:  # each run its own list; the ninth run merges the first eight
        Path(path).write_bytes(version)
        _linter().lint_path(path)
    shards = [line for shard in _results(cache).glob("*.*.lines") for line in shard.read_text().splitlines()]
    lists = [line for found in _results(cache).glob("*-*.lines") for line in found.read_text().splitlines()]
    assert len(shards) == 1 and shards[0].startswith(_linter().cache.key(path, versions[7]) + "\t")
    assert len(lists) == 4
    assert _linter().lint_path(path).findings == Linter(Config(), lang="es", select=RULES).lint_path(path).findings


def test_lists_written_within_one_clock_tick_merge_in_the_order_they_were_made(cache: Path, tmp_path: Path,
                                                                               monkeypatch) -> None:
    """The file system's clock is coarse: runs a few milliseconds apart can leave lists
    with the same last-written time, and the newest version must still win the merge."""
    path, versions = str(tmp_path / "a.txt"), [f"Hola, versión {n}.\n{SLOW}".encode() for n in range(3)]
    for version in versions:
        Path(path).write_bytes(version)
        _linter().lint_path(path)
    lists = list(_results(cache).glob("*-*.lines"))
    assert len(lists) == 3
    for name in reversed(lists):  # one timestamp for all, whatever order the folder lists them in
        os.utime(name, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    monkeypatch.setattr(result_cache, "MERGE_FROM", 1)
    _linter().lint_path(path)  # the look-up merges the lists
    shards = [line for shard in _results(cache).glob("*.*.lines") for line in shard.read_text().splitlines()]
    assert len(shards) == 1 and shards[0].startswith(_linter().cache.key(path, versions[-1]) + "\t")


def test_cache_keeps_a_bounded_number_of_files_newest_first(cache: Path, monkeypatch) -> None:
    """H15: past the limit, a merge keeps the newest files, and memory while merging a huge
    list stays bounded: 4x the lines, well under 4x the memory."""
    monkeypatch.setattr(result_cache, "SHARD_KEEP", 2)
    results = _write_lists(3_000)
    _merge()
    kept = [line for shard in Path(results.folder).glob("*.*.lines") for line in shard.read_text().splitlines()]
    assert 256 < len(kept) <= 2 * 256
    newest = results.key("f2999.txt", b"Hola.\n")
    assert ResultCache.open("fill").get(newest, "f2999.txt") == FileResult("f2999.txt")
    peaks = []
    for count in (5_000, 20_000):
        monkeypatch.setenv("SVCLINT_CACHE_DIR", str(cache.parent / f"m{count}"))
        _write_lists(count)
        tracemalloc.start()
        _merge()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0]


# ---- D8: temporaries of killed runs ---------------------------------------------------------------------

def test_temporaries_of_dead_processes_are_removed(cache: Path, tmp_path: Path) -> None:
    """D8: a run killed while writing a cache file leaves a temporary; the next run removes
    it at once when its writer is gone, and leaves one of a live process alone."""
    (tmp_path / "a.txt").write_text(SLOW, encoding="utf-8")
    _linter().lint_path(str(tmp_path / "a.txt"))
    dead, alive = _dead_pid(), os.getppid()
    stale = [cache / f".tmp-{dead}-abc-packs-es-1.json", _results(cache) / f".tmp-{dead}-abc-x.00.lines"]
    live = [cache / f".tmp-{alive}-abc-packs-es-1.json", _results(cache) / f".tmp-{alive}-abc-x.00.lines"]
    for path in [*stale, *live]:
        path.write_text("{}")
    _linter().lint_path(str(tmp_path / "a.txt"))
    assert [path.exists() for path in stale + live] == [False, False, True, True]
