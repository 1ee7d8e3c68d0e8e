"""`--fix` never damages a file and never writes where it should not (hostile-input
audit D1-D4, D8, C8): fixes are derived from the file's own text, never from the
result cache; the report is never written over an input; standard input is
never written to a file; a fixed file keeps its inode, owner, mode and links;
nothing is left beside it, even when the run is killed."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from svclint.cli import main

SLOW = "Le responderemos a la mayor brevedad posible.\n"
FIXED = "Le responderemos lo antes posible.\n"


def check(*args: str, stdin: bytes | None = None, cached: bool = False):
    """`svclint check --lang es ARGS` in-process; with --no-cache unless `cached` (the tests of
    the result cache): no result is read from or written to it, and the compiled rules come
    from the test session's cache."""
    no_cache = [] if cached else ["--no-cache"]
    return CliRunner().invoke(main, ["check", "--lang", "es", *no_cache, *args], input=stdin, catch_exceptions=False)


def _poison(cache: Path, fix: str, start: list[int]) -> None:
    """Rewrite every cached result as someone with access to the cache folder could."""
    for listing in (cache / "results").glob("*.lines"):
        lines = []
        for line in listing.read_text(encoding="ascii").splitlines(keepends=True):
            key, tab, entry = line.partition("\t")
            if tab:
                data = json.loads(entry)
                for finding in data["findings"]:
                    finding["fix"], finding["start"] = fix, start
                line = f"{key}\t{json.dumps(data)}\n"
            lines.append(line)
        listing.write_text("".join(lines), encoding="ascii")


def test_d1_a_poisoned_cache_entry_never_reaches_the_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "a.txt"
    path.write_text(SLOW, encoding="utf-8")
    assert check(str(path), cached=True).exit_code == 1
    _poison(tmp_path / "cache", "XXXX", [1, 1])
    result = check("--fix", str(path), cached=True)
    assert path.read_text(encoding="utf-8") == FIXED
    assert "Fixed 1 file." in result.stderr


def test_d1_a_poisoned_cache_entry_never_reaches_the_diff(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "a.txt"
    path.write_text(SLOW, encoding="utf-8")
    check(str(path), cached=True)
    _poison(tmp_path / "cache", "XXXX", [1, 1])
    result = check("--diff", str(path), cached=True)
    assert "XXXX" not in result.stdout and "+Le responderemos lo antes posible." in result.stdout


def test_d2_the_report_is_never_written_over_a_linted_file(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SLOW, encoding="utf-8")
    for extra in ([], ["--fix"]):
        result = check(*extra, "--output-file", str(path), str(tmp_path))
        assert result.exit_code == 2
        assert "is one of the files being linted" in result.stderr
        assert path.read_text(encoding="utf-8") == SLOW


def test_d2_nor_over_the_baseline_or_the_configuration(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("svclint.yaml").write_text("lang: es\n", encoding="utf-8")
    Path("a.txt").write_text(SLOW, encoding="utf-8")
    assert CliRunner().invoke(main, ["baseline", "a.txt", "-o", "base.json"], catch_exceptions=False).exit_code == 0
    for target, extra in (("base.json", ["--baseline", "base.json"]), ("svclint.yaml", [])):
        before = Path(target).read_bytes()
        result = check(*extra, "--output-file", target, "a.txt")
        assert result.exit_code == 2 and Path(target).read_bytes() == before


def test_d3_fix_on_standard_input_prints_the_fixed_text_and_writes_no_file(tmp_path) -> None:
    outside = tmp_path / "victim.txt"
    outside.write_text(SLOW, encoding="utf-8")
    result = check("--fix", "-", "--stdin-filename", str(outside), stdin=SLOW.encode())
    assert result.stdout == FIXED
    assert outside.read_text(encoding="utf-8") == SLOW
    assert "No problems found in 1 file." in result.stderr  # the report of what is left


def test_d3_standard_input_without_fixes_is_printed_unchanged(tmp_path) -> None:
    result = check("--fix", "-", stdin="Gracias por escribirnos.\n".encode())
    assert result.stdout == "Gracias por escribirnos.\n" and result.exit_code == 0


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_c8_fix_on_standard_input_named_after_a_missing_file_or_a_folder(tmp_path, monkeypatch, name) -> None:
    monkeypatch.chdir(tmp_path)
    result = check("--fix", "-", "--stdin-filename", name, stdin=SLOW.encode())
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == FIXED


def test_d4_a_fixed_file_keeps_its_inode_links_and_owner(tmp_path) -> None:
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(SLOW, encoding="utf-8")
    os.link(path, other)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    before = os.stat(path)
    assert check("--fix", str(path)).exit_code == 1
    after = os.stat(path)
    assert (after.st_ino, after.st_uid, after.st_gid, after.st_nlink) == (
        before.st_ino, before.st_uid, before.st_gid, 2)
    assert other.read_text(encoding="utf-8") == FIXED  # both names see the one fixed file


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_d4_a_read_only_file_is_not_fixed(tmp_path, mode) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SLOW, encoding="utf-8")
    os.chmod(path, mode)
    result = check("--fix", str(path))
    assert "E907 a read-only file; not fixed" in result.stderr
    assert path.read_text(encoding="utf-8") == SLOW and stat.S_IMODE(os.stat(path).st_mode) == mode


@pytest.mark.parametrize("mode", [0o666, 0o640, 0o600, 0o755])
def test_d4_a_fixed_file_keeps_its_mode(tmp_path, mode) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SLOW, encoding="utf-8")
    os.chmod(path, mode)
    check("--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED and stat.S_IMODE(os.stat(path).st_mode) == mode


def test_a_full_disk_fails_before_any_byte_is_overwritten(tmp_path, monkeypatch) -> None:
    """The longer text needs more space: reserving it fails, the file stays whole."""
    from svclint import fix

    path = tmp_path / "a.txt"
    path.write_text("Agradecemos su paciencia. En relación con su carta, le escribimos.\n", encoding="utf-8")

    def full(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix.os, "posix_fallocate", full)
    text = path.read_bytes()
    with pytest.raises(fix.NotFixed) as raised:
        fix.fix_in_place(str(path), lambda current: current.decode() + "y más texto al final\n", 1 << 20)
    assert raised.value.code == "E907" and "No space left on device" in raised.value.message
    assert path.read_bytes() == text


# ---- killed while fixing -------------------------------------------------------------------

ORIGINAL = "Hola, {{ nombre }}:\n\nA efectos de tramitar su baja, le responderemos a la mayor brevedad posible.\n" \
           "Acusamos recibo de su carta número {n}.\n"
DONE = "Hola, {{ nombre }}:\n\nPara tramitar su baja, le responderemos lo antes posible.\n" \
       "Hemos recibido su carta número {n}.\n"


def test_kill_9_over_500_files_leaves_each_whole_with_its_identity(svclint_bin, tmp_path) -> None:
    """SIGKILL in the middle of fixing 500 files: each file is the original or fully
    fixed, keeps its inode, owner and mode, and nothing is left beside the files.
    (The run lints every file before it fixes the first: 2,000 files cost half a
    minute of linting before the moment this test is about.)"""
    folder = tmp_path / "cartas"
    folder.mkdir()
    files = [folder / f"carta-{n:04d}.txt" for n in range(500)]
    for n, path in enumerate(files):
        path.write_text(ORIGINAL.replace("{n}", str(n)), encoding="utf-8")
        os.chmod(path, (0o644, 0o600, 0o664)[n % 3])
        if os.geteuid() == 0 and n % 2:
            os.chown(path, 65534, 65534)
    identity = {path: (os.stat(path).st_ino, os.stat(path).st_uid, os.stat(path).st_mode) for path in files}
    child = subprocess.Popen([svclint_bin, "check", "--lang", "es", "--select", "CLR003", "--no-cache",
                              "--jobs", "1", "--fix", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Killed once 40 files are fixed, far from the end, so the run is still fixing when the
    # signal lands; waiting for more fixed files costs time (each waits for its fsync), not proof.
    watched = files[40]
    deadline = time.monotonic() + 300
    while child.poll() is None and time.monotonic() < deadline:
        if watched.read_text(encoding="utf-8").startswith("Hola, {{ nombre }}:\n\nPara"):
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    fixed = 0
    for n, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        assert text in (ORIGINAL.replace("{n}", str(n)), DONE.replace("{n}", str(n))), (path, text)
        fixed += text.startswith("Hola, {{ nombre }}:\n\nPara")
        info = os.stat(path)
        assert (info.st_ino, info.st_uid, info.st_mode) == identity[path], path
    assert sorted(folder.iterdir()) == sorted(files)  # no temporary file left behind
    assert 0 < fixed < len(files), "the run was not caught in the middle of fixing"


def test_d2_an_earlier_report_in_the_tree_is_written_over_but_customer_text_never(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(SLOW, encoding="utf-8")
    for output in ("report.txt", "report.json", "report.sarif.json", "report.xml"):
        fmt = {"report.txt": "text", "report.json": "json", "report.sarif.json": "sarif", "report.xml": "junit"}[output]
        for _ in range(2):  # the second run finds the first run's report in the folder
            assert check("--format", fmt, "--output-file", output, ".").exit_code == 1
    Path("faq.json").write_text('{"respuesta": "Cálmese, por favor."}\n', encoding="utf-8")
    result = check("--format", "json", "--output-file", "faq.json", ".")
    assert result.exit_code == 2 and "is one of the files being linted" in result.stderr
    assert Path("faq.json").read_text(encoding="utf-8") == '{"respuesta": "Cálmese, por favor."}\n'
