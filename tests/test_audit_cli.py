"""The command and its inputs under hostile conditions (hostile-input audit C5,
C7, C9, C10, H8, H9, H14, H17, P7, P8, U2-U5): every case ends with a report or
a one-line error, never a traceback, a hang or a silent skip."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import invoke

CALM = "Cálmese, por favor.\n"


def check(*args: str, stdin: bytes | None = None):
    """`svclint check --lang es --no-cache ARGS` in-process; a traceback fails the test (see
    conftest.invoke). No result cache is read or written; the compiled rules are the session's."""
    return invoke("check", "--lang", "es", "--no-cache", *args, stdin=stdin)


# ---- names ---------------------------------------------------------------------------------

BAD_NAME = os.fsdecode(b"caf\xe9")


@pytest.mark.parametrize("output", ["sarif", "gitlab", "junit", "github", "json"])
def test_c5_a_name_that_is_not_utf8_in_every_format(tmp_path, monkeypatch, output) -> None:
    monkeypatch.chdir(tmp_path)
    Path(BAD_NAME).mkdir()
    Path(BAD_NAME, "x.txt").write_text(CALM, encoding="utf-8")
    result = check("--format", output, "--output-file", "report.out", ".")
    assert result.exit_code == 1 and "caf\ufffd" in Path("report.out").read_text(encoding="utf-8")


def test_c5_baseline_of_a_name_that_is_not_utf8(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(BAD_NAME).mkdir()
    Path(BAD_NAME, "x.txt").write_text(CALM, encoding="utf-8")
    invoke("baseline", "--lang", "es", ".", "-o", "base.json")
    assert json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"][0]["path"] == "caf\ufffd/x.txt"
    assert check("--baseline", "base.json", ".").exit_code == 0  # the baseline still matches


def test_u3_a_newline_in_a_name_does_not_split_report_lines(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a\nb.txt").write_text("\x00", encoding="utf-8")  # a diagnostic (binary file) and …
    Path("c\nd.txt").write_text(CALM, encoding="utf-8")  # … a finding
    result = check(".")
    assert "a\\nb.txt:1:1: E902 binary file" in result.stderr
    assert "c\\nd.txt:1:1: ANG001" in result.stdout


def test_u3_a_name_that_is_not_utf8_in_diagnostics(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(BAD_NAME + ".txt").write_bytes(b"\x00")
    result = check(".")
    assert "caf\ufffd.txt:1:1: E902" in result.stderr


# ---- files and folders ---------------------------------------------------------------------

def test_c7_a_folder_tree_deeper_than_the_recursion_limit(tmp_path) -> None:
    folder = tmp_path
    for _ in range(sys.getrecursionlimit() + 200):
        folder = folder / "d"
        os.mkdir(folder)
    (folder / "x.txt").write_text(CALM, encoding="utf-8")
    try:
        result = check("--format", "json", str(tmp_path))
        assert [f["code"] for f in json.loads(result.stdout)] == ["ANG001"]
    finally:  # bottom up: pytest's own clean-up of old temporary folders recurses and would fail on it
        (folder / "x.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_p8_an_unreadable_folder_is_reported_and_the_run_goes_on(tmp_path, monkeypatch) -> None:
    (tmp_path / "bloqueada").mkdir()
    (tmp_path / "bloqueada" / "x.txt").write_text(CALM, encoding="utf-8")
    (tmp_path / "z.txt").write_text(CALM, encoding="utf-8")
    scandir = os.scandir

    def refuse(path):
        if str(path).endswith("bloqueada"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = check("--format", "json", str(tmp_path))
    assert f"{tmp_path / 'bloqueada'}:1:1: E902 cannot read folder: Permission denied; not linted" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)] == ["z.txt"]


def test_u2_named_pipes_and_link_loops_say_what_they_are(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.txt")
    os.symlink("loop2.txt", "loop1.txt")
    os.symlink("loop1.txt", "loop2.txt")
    os.symlink("missing.txt", "broken.txt")
    Path("a.txt").write_text(CALM, encoding="utf-8")
    result = check("pipe.txt", "broken.txt", "a.txt")
    assert "pipe.txt:1:1: E902 a named pipe, not a regular file; not linted" in result.stderr
    assert "broken.txt:1:1: E902 a symbolic link to a missing file; not linted" in result.stderr
    assert "Found 1 problem" in result.stdout


def test_u4_a_file_named_twice_is_linted_once(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CALM, encoding="utf-8")
    result = check("--format", "json", "a.txt", "./a.txt", "a.txt", ".")
    assert len(json.loads(result.stdout)) == 1


def test_u5_an_empty_path_is_a_usage_error(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CALM, encoding="utf-8")
    result = check("")
    assert result.exit_code == 2 and "an empty path was given" in result.stderr


def test_p7_the_cache_folder_inside_the_tree_is_never_linted(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SVCLINT_CACHE_DIR", str(tmp_path / "cache"))
    Path("a.txt").write_text(CALM, encoding="utf-8")
    cached_run = ("check", "--lang", "es", "--format", "json", ".")
    first, second = invoke(*cached_run), invoke(*cached_run)
    assert [f["path"] for f in json.loads(first.stdout)] == ["a.txt"]
    assert second.stdout == first.stdout


# ---- writing what the user asked for ----------------------------------------------------------

def test_c9_writing_into_a_missing_folder_is_an_error(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CALM, encoding="utf-8")
    result = check("--output-file", "nodir/r.txt", "a.txt")
    assert result.exit_code == 2 and "nodir/r.txt: cannot write: No such file or directory" in result.stderr
    result = invoke("baseline", "a.txt", "-o", "nodir/b.json")
    assert result.exit_code == 2 and "nodir/b.json: cannot write" in result.stderr


def test_c9_init_over_a_folder_is_an_error(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("svclint.yaml").mkdir()
    result = invoke("init", "--force")
    assert result.exit_code == 2 and "svclint.yaml: is a folder" in result.stderr


# ---- bounded input ---------------------------------------------------------------------------

def test_h8_standard_input_is_read_only_up_to_the_limit(svclint_bin, tmp_path) -> None:
    """An endless stream is cut at the limit and reported; it is never held whole (a real
    pipe: the writer must see it closed)."""
    (tmp_path / "svclint.yaml").write_text("options: {max-file-bytes: 1000}\n", encoding="utf-8")
    command = [svclint_bin, "check", "--no-cache", "--config", str(tmp_path / "svclint.yaml"), "-"]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stopped_reading = False
    try:
        for _ in range(10_000):  # 12 MB, far more than the limit: the run must stop reading long before
            child.stdin.write(b"Hola amigo.\n" * 100)
        child.stdin.close()
    except BrokenPipeError:
        stopped_reading = True
    stderr = child.stderr.read()
    child.wait(timeout=120)
    assert stopped_reading
    assert b"standard input is longer than the 1,000-byte limit" in stderr and b"Traceback" not in stderr


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_h9_a_baseline_that_never_ends_is_refused(tmp_path, monkeypatch, special) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CALM, encoding="utf-8")
    if special == "fifo":
        os.mkfifo("fifo")
    result = check("--baseline", special, "a.txt")
    assert result.exit_code == 2 and "cannot read baseline: not a regular file" in result.stderr


# ---- worker processes -------------------------------------------------------------------------

def _folder_of_texts(folder: Path, count: int, text: str = CALM) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"f{n:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def _run_script(script: str, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          timeout=timeout)


def test_h14_workers_that_cannot_start_cost_speed_not_results(tmp_path) -> None:
    """fork fails for the second worker (a process limit): the run finishes, serially."""
    folder = _folder_of_texts(tmp_path / "t", 60)
    run = _run_script(f"""
        import multiprocessing.context as context, sys
        started = []
        start = context.ForkProcess.start
        def limited(self):
            if started:
                raise BlockingIOError(11, "Resource temporarily unavailable")
            started.append(self)
            start(self)
        context.ForkProcess.start = limited
        sys.argv = ["svclint", "check", "--lang", "es", "--no-cache", "--jobs", "2", "--format", "json", {str(folder)!r}]
        from svclint.cli import main
        main()
    """)
    assert "a worker process could not start; 60 files linted in the main process" in run.stderr
    assert "Traceback" not in run.stderr and len(json.loads(run.stdout)) == 60


def test_c10_a_worker_that_dies_loses_no_result(tmp_path) -> None:
    """A worker killed (as by the OOM killer) while linting: its files are linted
    again in the main process and the report is whole."""
    folder = _folder_of_texts(tmp_path / "t", 80)
    run = _run_script(f"""
        import os, signal, sys
        from svclint.engine import Linter
        lint_path, main_pid = Linter.lint_path, os.getpid()
        def fragile(self, path):
            if path.endswith("f0050.txt") and os.getpid() != main_pid:
                os.kill(os.getpid(), signal.SIGKILL)
            return lint_path(self, path)
        Linter.lint_path = fragile
        sys.argv = ["svclint", "check", "--lang", "es", "--no-cache", "--jobs", "2", "--format", "json", {str(folder)!r}]
        from svclint.cli import main
        main()
    """)
    assert "a worker process stopped unexpectedly" in run.stderr and "Traceback" not in run.stderr
    assert sorted(Path(f["path"]).name for f in json.loads(run.stdout)) == [f"f{n:04d}.txt" for n in range(80)]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path("/proc", entry, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find worker processes")
def test_h17_workers_stop_when_the_main_process_is_killed(svclint_bin, tmp_path) -> None:
    folder = _folder_of_texts(tmp_path / "t", 1500, "Hola, gracias. Cálmese, por favor.\n" * 200)
    child = subprocess.Popen([svclint_bin, "check", "--jobs", "2", "--no-cache", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(child.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path("/proc", str(pid)).exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path("/proc", str(pid)).exists()
             and "Z" not in Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()[0]]
    assert not alive, f"orphaned workers still running: {alive}"


def test_c6_a_looping_link_or_an_over_long_name_as_first_path(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("l2.txt", "l1.txt")
    os.symlink("l1.txt", "l2.txt")
    Path("a.txt").write_text(CALM, encoding="utf-8")
    looping = check("l1.txt", "a.txt")
    assert "l1.txt:1:1: E902 a symbolic link loop; not linted" in looping.stderr and looping.exit_code == 1
    too_long = check("x" * 5000 + ".txt")
    assert too_long.exit_code == 2 and "no such file or folder" in too_long.stderr
    assert check("--stdin-filename", "l1.txt", "-", stdin=CALM.encode()).exit_code == 1
