"""What a new user hits first (issue "What a new user hits"): a CI gate that
cannot pass on mistakes, output that reads well in a terminal and in a pipe,
and options that do what they say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke

CALM = "Cálmese, por favor.\n"
SLOW = "Le responderemos a la mayor brevedad posible.\n"


def check(*args: str, stdin: str | None = None, env: dict[str, str | None] | None = None):
    """`svclint check --no-cache ARGS` in-process: every run lints its files afresh (no result
    cache), with the rules compiled once per test session (their snapshot is in the session's cache)."""
    return invoke("check", "--no-cache", *args, stdin=stdin, env=env)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CALM, encoding="utf-8")
    return tmp_path


# ---- a CI gate must not pass on mistakes --------------------------------------------------------

def test_a_path_that_does_not_exist_is_a_usage_error() -> None:
    result = check("a.txt", "plantillas/")
    assert result.exit_code == 2 and "no such file or folder: plantillas/" in result.stderr


@pytest.mark.parametrize(("option", "value", "hint"), [
    ("--ignore", "XYZ999", "`svclint rules` lists the codes"),
    ("--select", "ANG01", "did you mean ANG001?"),  # a prefix of nothing
    ("--extend-select", "anger-denial", "did you mean ANG001?"),  # a slug where a code goes
])
def test_an_unknown_code_is_a_usage_error_with_a_hint(option, value, hint) -> None:
    result = check(option, value, "a.txt")
    assert result.exit_code == 2 and f"unknown rule code {value.upper()!r} in {option}; {hint}" in result.stderr


def test_an_unknown_code_in_the_configuration_is_a_usage_error() -> None:
    Path("svclint.yaml").write_text("ignore: [ANG009]\n", encoding="utf-8")
    result = check("a.txt")
    assert result.exit_code == 2 and "unknown rule code 'ANG009'" in result.stderr and "did you mean ANG00" in result.stderr


def test_prefixes_engine_codes_and_all_are_known() -> None:
    assert check("--select", "PRM", "--ignore", "E902,SVC100", "a.txt").exit_code == 0
    assert check("--ignore", "ALL", "a.txt").exit_code == 0


def test_a_file_that_cannot_be_read_fails_the_run_and_says_so() -> None:
    Path("b.txt").write_bytes(b"\xff\xfe not UTF-8")
    Path("a.txt").write_text("Gracias por escribirnos.\n", encoding="utf-8")
    result = check("--lang", "es", ".")
    assert result.exit_code == 1
    assert "b.txt:1:1: E902 not valid UTF-8" in result.stderr
    assert "1 file could not be read or parsed (E901/E902, see above)." in result.stdout
    ignored = check("--lang", "es", "--ignore", "E902", ".")
    assert ignored.exit_code == 0 and "E902" not in ignored.stderr


def test_malformed_yaml_fails_the_run() -> None:
    Path("faq.yaml").write_text("pregunta: [sin cerrar\n", encoding="utf-8")
    result = check("--lang", "es", "faq.yaml")
    assert result.exit_code == 1 and "E901" in result.stderr


def test_a_folder_without_lintable_files_is_noted_but_does_not_fail(tmp_path) -> None:
    Path("vacia").mkdir()
    result = check("vacia")
    assert result.exit_code == 0 and "no lintable files here" in result.stderr


# ---- options that do what they say ------------------------------------------------------------

def test_diff_never_writes_even_with_fix() -> None:
    Path("a.txt").write_text(SLOW, encoding="utf-8")
    result = check("--lang", "es", "--fix", "--diff", "a.txt")
    assert Path("a.txt").read_text(encoding="utf-8") == SLOW
    assert "+Le responderemos lo antes posible." in result.stdout and result.exit_code == 1


def test_stdin_filename_alone_reads_standard_input() -> None:
    Path("otro.txt").write_text(SLOW, encoding="utf-8")  # in the folder, must not be linted
    result = check("--lang", "es", "--format", "json", "--stdin-filename", "respuesta.txt", stdin=CALM)
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)] == [("respuesta.txt", "ANG001")]


def test_concise_output_is_one_line_per_finding() -> None:
    Path("a.txt").write_text("Cálmese, por favor. No se altere.\n", encoding="utf-8")
    result = check("--lang", "es", "--format", "concise", "a.txt")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a.txt:1:1: ANG001 [error] «Cálmese»")
    assert lines[1].startswith("a.txt:1:21: ANG001 [error] «No se altere»")
    assert lines[2] == "Found 2 problems (2 errors) in 1 of 1 file." and len(lines) == 3


def test_statistics_prints_only_the_table() -> None:
    Path("a.txt").write_text("Cálmese, por favor. No se altere.\n", encoding="utf-8")
    result = check("--lang", "es", "--statistics", "a.txt")
    assert result.stdout == "    2  ANG001  anger-denial\nFound 2 problems (2 errors) in 1 of 1 file.\n"


def test_the_underline_of_a_long_sentence_is_capped() -> None:
    long = "Le informamos de que " + "el expediente que usted abrió la semana pasada, " * 12 + "sigue abierto.\n"
    Path("a.txt").write_text(long, encoding="utf-8")
    result = check("--lang", "es", "--select", "CLR001", "a.txt")
    marker = [line for line in result.stdout.splitlines() if "^" in line][0]
    assert marker.count("^") == 60 and marker.endswith("^…")


def test_the_underline_stays_under_its_words_after_emoji() -> None:
    Path("a.txt").write_text("Hola 😀😀, cálmese.\n", encoding="utf-8")
    lines = check("--lang", "es", "--select", "ANG001", "a.txt").stdout.splitlines()
    source, marker = lines[1], lines[2]
    # "    1 | Hola 😀😀, " is 6 + 2 + 5 + 4 + 2 columns before "cálmese"; each emoji takes two
    assert marker.index("^") == len("    1 | Hola , ") + 4 and marker.count("^") == len("cálmese")
    assert source.endswith("Hola 😀😀, cálmese.")


def test_color_always_colours_a_pipe_and_no_color_turns_auto_off() -> None:
    assert "\x1b[" in check("--lang", "es", "--color", "always", "a.txt").stdout
    assert "\x1b[" not in check("--lang", "es", "a.txt", env={"NO_COLOR": "1"}).stdout


def test_a_malformed_baseline_says_what_a_baseline_is() -> None:
    Path("base.json").write_text("{}", encoding="utf-8")
    result = check("--baseline", "base.json", "a.txt")
    assert result.exit_code == 2 and "base.json: not a svclint baseline" in result.stderr


def test_explain_takes_a_slug() -> None:
    result = invoke("explain", "anger-denial")
    assert result.exit_code == 0 and result.stdout.startswith("ANG001 (anger-denial)")


# ---- only customer text is linted ------------------------------------------------------------

def test_a_folder_walk_skips_project_and_hidden_files() -> None:
    Path("LICENSES").mkdir()
    for name in ("README.md", "CHANGELOG.md", "package.json", ".svclint-baseline.json", ".notas.txt",
                 "vendor.LICENSE.txt", "LICENSE-MIT.md", "license-renewal.txt", "LICENSES/OSL-3.0.txt"):
        Path(name).write_text('{"x": "Cálmese, por favor."}\n' if name.endswith(".json") else CALM, encoding="utf-8")
    Path("svclint.yaml").write_text("glossary: [Cálmese]  # a word of the house\n", encoding="utf-8")
    result = check("--lang", "es", "--format", "json", ".")
    # a letter about renewing a licence is customer text; a licence text is not
    assert sorted(f["path"] for f in json.loads(result.stdout)) == ["a.txt", "license-renewal.txt"]


def test_a_baseline_and_a_report_in_the_tree_are_not_linted() -> None:
    assert invoke("baseline", "--lang", "es", ".", "-o", "base.json").exit_code == 0
    for _ in range(2):  # the second run finds the first run's report in the folder
        result = check("--lang", "es", "--baseline", "base.json", "--format", "json",
                     "--output-file", "report.json", ".")
        assert result.exit_code == 0 and json.loads(Path("report.json").read_text(encoding="utf-8")) == []
    assert invoke("baseline", "--lang", "es", ".", "-o", "base.json").stdout == "Recorded 1 finding in base.json.\n"


def test_force_exclude_applies_exclusions_to_named_files() -> None:
    Path("README.md").write_text(CALM, encoding="utf-8")
    Path("svclint.yaml").write_text("exclude: [borrador.txt]\n", encoding="utf-8")
    Path("borrador.txt").write_text(CALM, encoding="utf-8")
    named = check("--lang", "es", "--format", "json", "README.md", "borrador.txt", "a.txt")
    assert len(json.loads(named.stdout)) == 3  # named files are linted as asked …
    forced = check("--lang", "es", "--format", "json", "--force-exclude", "README.md", "borrador.txt", "a.txt")
    assert [f["path"] for f in json.loads(forced.stdout)] == ["a.txt"]  # … unless exclusions are forced


# ---- progress on long runs ---------------------------------------------------------------------

def _run_on_terminal(svclint_bin: str, folder: Path, env: dict) -> str:
    """Run svclint with standard error on a pseudo-terminal; what the terminal showed."""
    import os
    import pty
    import subprocess

    import fcntl
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty has no size
    child = subprocess.Popen([svclint_bin, "check", "--no-cache", "--jobs", "1", "--quiet", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=terminal, env=env)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    child.wait(timeout=300)
    os.close(controller)
    return shown.decode("utf-8", "replace")


def test_a_long_run_shows_progress_on_a_terminal_only(svclint_bin, tmp_path) -> None:
    import os

    folder = tmp_path / "muchos"
    folder.mkdir()
    # a few seconds of work, past the second after which the bar appears, even with the rules already
    # compiled in the session's cache (ten lines a file took a third of a second then)
    for n in range(500):
        (folder / f"r{n:04d}.txt").write_text("Gracias por escribirnos. Cálmese, por favor.\n" * 60, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR")}
    env["TERM"] = "xterm"  # the command line says --no-cache; the session's cache keeps the compiled rules
    shown = _run_on_terminal(svclint_bin, folder, env)
    assert "/500" in shown and "file/s" in shown
    assert "file/s" not in _run_on_terminal(svclint_bin, folder, {**env, "CI": "true"})  # a CI log is no person


# ---- work that grows with the input, not faster -----------------------------------------------

def _seconds(data: bytes, name: str) -> float:
    import time

    from svclint.config import Config
    from svclint.engine import Linter

    linter = Linter(Config(), lang="es")
    linter.lint_bytes(name, "Hola.\n".encode())  # rules compiled before timing
    started = time.perf_counter()
    linter.lint_bytes(name, data)
    return time.perf_counter() - started


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_a_huge_run_of_underscores_costs_linear_time(name) -> None:
    """spaCy strips a suffix character at a time: an underlined 'word' of 10,000
    underscores took over a minute. Four times the run must cost about four times."""
    def shape(n: int) -> bytes:
        return (CALM + "\n" + "*" * n + "Hola" + "_" * n + "\n").encode()

    small, large = _seconds(shape(3000), name), _seconds(shape(12000), name)
    assert large < 8 * small + 0.05, (small, large)  # quadratic growth would be 16 times


def test_ignore_all_also_silences_unused_directives() -> None:
    Path("a.txt").write_text("# svclint: disable=ZZZ123\nGracias por escribirnos.\n", encoding="utf-8")
    assert "SVC100" in check("--lang", "es", "a.txt").stdout
    result = check("--lang", "es", "--ignore", "ALL", "a.txt")
    assert result.exit_code == 0 and "SVC100" not in result.stdout


def test_an_empty_file_is_clean_and_an_oversize_one_says_only_what_is_known() -> None:
    Path("vacio.md").write_text("", encoding="utf-8")
    Path("blanco.txt").write_text("\ufeff  \n\n", encoding="utf-8")
    result = check("--lang", "es", "vacio.md", "blanco.txt")
    assert result.exit_code == 0 and result.stderr == "" and "No problems found in 2 files." in result.stdout
    Path("svclint.yaml").write_text("options: {max-file-bytes: 100}\n", encoding="utf-8")
    Path("grande.txt").write_text("Hola. " * 1000, encoding="utf-8")
    result = check("--lang", "es", "grande.txt")
    assert "grande.txt:1:1: E902 file is larger than the 100-byte limit (option max-file-bytes); skipped" in result.stderr
