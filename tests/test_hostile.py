"""Hostile and broken input must never crash svclint or make it hang.

Every file in fixtures/hostile/ is linted alone, with the expectation listed in
fixtures/hostile/expected.yaml; big inputs and odd file names are generated
here at run time (the committed corpus stays small). Single runs go through the
command in this process (`invoke`): an exception escaping it fails the test as a
traceback would. The whole corpus and a name that is not UTF-8 are also given to
the installed command as a real process (its own start-up, argument bytes and
standard output). Whatever the input, a run must:

* finish within TIMEOUT seconds,
* exit 0 or 1 (2 only when the expectation says so),
* print no Python traceback,
* print valid JSON,
* place every finding inside the file (1-based line within the file's lines,
  column within the line's length + 1, end not before start),
* give each diagnostic as one `path:line:col: CODE message` line on stderr.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import invoke

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
EXPECTED = YAML(typ="safe").load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
TIMEOUT = 60
PWNED = "svclint-hostile-pwned"  # what the !!python/object/apply fixtures would create
_NEWLINE = re.compile(r"\r\n|\r|\n")
# An engine diagnostic (E9xx) or note (SVC1xx, e.g. SVC102 on a piece of a mail read as no whole reply).
_DIAGNOSTIC = re.compile(r"^(?P<path>.*):(?P<line>\d+):(?P<column>\d+): (?P<code>E9\d\d|SVC1\d\d) \S")


# ---- helpers ---------------------------------------------------------------------------

def run_process(svclint_bin: str, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`svclint check --format json ARGS` as a process of its own; one that does not
    finish in TIMEOUT s fails the test."""
    command = [svclint_bin, "check", "--format", "json", *args]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"svclint did not finish within {TIMEOUT} s (hang): {command!r}")
    return subprocess.CompletedProcess(result.args, result.returncode,
                                       result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


@contextlib.contextmanager
def time_limit(what: list[str]) -> Iterator[None]:
    """Fail the test when the block takes more than TIMEOUT s. The alarm interrupts
    Python code; a hang inside C code cannot be interrupted, so faulthandler then
    ends the whole test process with every thread's stack, rather than let it hang."""
    def hang(_signum, _frame) -> None:
        pytest.fail(f"svclint did not finish within {TIMEOUT} s (hang): {what!r}")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(TIMEOUT)
    faulthandler.dump_traceback_later(3 * TIMEOUT, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """`svclint check --format json ARGS` in this process, from the folder `cwd`."""
    command = ["check", "--format", "json", *map(str, args)]
    with contextlib.chdir(cwd), time_limit(command):
        result = invoke(*command, stdin=stdin)
    return subprocess.CompletedProcess(command, result.exit_code,
                                       result.stdout_bytes.decode("utf-8", "replace"),
                                       result.stderr_bytes.decode("utf-8", "replace"))


def file_lines(path: Path | bytes) -> list[str]:
    """The file's lines as svclint counts them (\\r\\n, \\r and \\n end a line), without terminators."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    text = data.decode("utf-8-sig", errors="surrogateescape")
    return _NEWLINE.split(text)


def inside(lines: list[str], line: int, column: int) -> bool:
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def assert_sane_run(result: subprocess.CompletedProcess, allowed_exit=(0, 1)) -> list[dict]:
    """The invariants of every run; returns the findings."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in allowed_exit, (result.returncode, result.stderr[-3000:])
    try:
        findings = json.loads(result.stdout)
    except ValueError as error:
        pytest.fail(f"stdout is not valid JSON ({error}): {result.stdout[:500]!r}")
    assert isinstance(findings, list)
    return findings


def assert_findings_inside(findings: list[dict], files: dict[str, Path | bytes]) -> None:
    """Every finding names a linted file and lies inside it."""
    cache: dict[str, list[str]] = {}
    for finding in findings:
        assert finding["path"] in files, (finding["path"], list(files))
        lines = cache.setdefault(finding["path"], file_lines(files[finding["path"]]))
        start = (finding["line"], finding["column"])
        end = (finding["end_line"], finding["end_column"])
        assert inside(lines, *start), (finding, len(lines))
        assert inside(lines, *end), (finding, len(lines))
        assert end >= start, finding


def assert_diagnostic_lines(stderr: str, path: str) -> list[str]:
    """Each stderr line is one `path:line:col: E9xx|SVC1xx message` diagnostic inside the file."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in lines:
        match = _DIAGNOSTIC.match(line)
        assert match and match["path"] == path, f"stray stderr line: {line!r}\n{stderr[-2000:]}"
        assert inside(file_lines(Path(path)), int(match["line"]), int(match["column"])), line
    return lines


def check_expectation(result: subprocess.CompletedProcess, findings: list[dict], expected: dict) -> None:
    if "diagnostic" in expected:
        assert expected["diagnostic"] in result.stderr, (expected, result.stderr)
    if "findings" in expected:
        wanted = expected["findings"]
        codes = [f["code"] for f in findings]
        if isinstance(wanted, int):
            assert len(findings) == wanted, (wanted, codes)
        else:
            assert set(wanted) <= set(codes), (wanted, codes)
    if "exit" in expected:
        assert result.returncode == expected["exit"], (expected, result.returncode, result.stderr)


# ---- the committed corpus --------------------------------------------------------------

def test_every_hostile_file_is_listed() -> None:
    present = {p.name for p in HOSTILE.iterdir() if p.name != "expected.yaml"}
    assert present == set(EXPECTED)


def test_committed_corpus_is_small() -> None:
    assert sum(p.stat().st_size for p in HOSTILE.iterdir()) < 200_000


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(tmp_path, name: str) -> None:
    path = HOSTILE / name
    expected = EXPECTED[name] or {}
    allowed = (expected["exit"],) if "exit" in expected else (0, 1)
    result = run(str(path), cwd=tmp_path)
    findings = assert_sane_run(result, allowed)
    assert_findings_inside(findings, {str(path): path})
    assert_diagnostic_lines(result.stderr, str(path))
    check_expectation(result, findings, expected)
    assert not (tmp_path / PWNED).exists(), "a YAML tag ran a command"


def test_hostile_files_through_stdin(tmp_path) -> None:
    """The same bytes read from standard input (one run per reader, the nastiest files)."""
    for name in ["binary-random.txt", "utf16-le-bom.txt", "bom-only.txt", "escapes.yaml",
                 "lone-surrogate.json", "broken-mime.eml", "unclosed-comment.html", "placeholders-nested.j2"]:
        data = (HOSTILE / name).read_bytes()
        result = run("-", "--stdin-filename", name, cwd=tmp_path, stdin=data)
        findings = assert_sane_run(result)
        assert_findings_inside(findings, {name: data})


def test_whole_corpus_in_one_run(svclint_bin, tmp_path) -> None:
    """Linting the folder in a real process: broken files are reported and the run goes on."""
    result = run_process(svclint_bin, str(HOSTILE), "--exit-zero", cwd=tmp_path)
    findings = assert_sane_run(result, (0,))
    assert_findings_inside(findings, {str(p): p for p in HOSTILE.iterdir()})
    assert {Path(f["path"]).name for f in findings} >= {"crlf.txt", "emoji.txt", "unclosed-tags.html"}
    assert not (tmp_path / PWNED).exists()


# ---- big inputs, generated -------------------------------------------------------------

CALM = "Cálmese, por favor."

GENERATED = {
    # name: (content, expectation or None for "only the invariants")
    "nested-divs.html": ("<div>" * 5000 + f"<p>{CALM}</p>" + "</div>" * 5000, {"findings": ["ANG001"]}),
    "unclosed-divs.html": ("<div><span><b>" * 5000 + f"<p>{CALM}", {"findings": ["ANG001"]}),
    "many-attributes.html": ("<p " + 'a="x" ' * 50_000 + f">{CALM}</p>", {"findings": ["ANG001"]}),
    "open-angles.html": (f"<p>{CALM}</p>" + "<a" * 50_000, {"findings": ["ANG001"]}),
    "unclosed-comments.html": (f"<p>{CALM}</p>" + "<!--" * 20_000, {"findings": ["ANG001"]}),
    "backticks-10k.md": (f"{CALM}\n\n" + "`" * 10_000 + "\n", {"findings": ["ANG001"]}),
    "emphasis-10k.md": (f"{CALM}\n\n" + "*" * 10_000 + "Hola" + "_" * 10_000 + "\n", {"findings": ["ANG001"]}),
    "brackets-10k.md": (f"{CALM}\n\n" + "[" * 10_000 + "x" + "](" * 10_000 + "\n", {"findings": ["ANG001"]}),
    "blockquotes-10k.md": ("> " * 10_000 + CALM + "\n", {"findings": ["ANG001"]}),
    "list-markers-10k.md": ("- " * 10_000 + CALM + "\n", {"findings": ["ANG001"]}),
    "one-line-1mb.md": (f"{CALM} " + "palabra " * 131_000 + "\n", {"findings": ["ANG001"]}),
    "one-line-1mb.txt": ("Gracias. " * 116_000 + CALM, {"findings": ["ANG001"]}),
    "many-lines.txt": ("\n" * 200_000 + CALM + "\n", {"findings": ["ANG001"]}),
    "many-crs.txt": ("\r" * 100_000 + CALM + "\r", {"findings": ["ANG001"]}),
    # audit item H16: a token every two bytes; the memory they take is tested in test_memory_bounds
    "tiny-lines.txt": ("Hola.\n" * 50_000 + CALM + "\n", {"findings": ["ANG001"]}),
    "unclosed-front-matter.md": ("---\n" + "a: b\n" * 50_000 + CALM + "\n", {"findings": ["ANG001"]}),
    "nul-after-8k.txt": ("Hola. " * 2000 + "\x00" + CALM + "\n", None),
    "deep.json": ("[" * 10_000 + '"Cálmese, por favor, se lo ruego."' + "]" * 10_000, None),
    "deep-objects.json": ('{"a":' * 10_000 + '"Cálmese, por favor, se lo ruego."' + "}" * 10_000, None),
    "deep-flow.yaml": ("a: " + "[" * 10_000 + "Cálmese por favor se lo ruego" + "]" * 10_000 + "\n", None),
    "deep-block.yaml": ("".join(" " * i + "- \n" for i in range(0, 600)) + " " * 600 + "- Cálmese, por favor, se lo ruego.\n", None),
    "laughs-10-levels.yaml": ("a: &a [\"Cálmese, por favor, ya.\"]\n" + "".join(
        f"l{i}: &l{i} [{', '.join(['*' + ('a' if i == 0 else f'l{i - 1}')] * 10)}]\n" for i in range(10)),
        {"findings": 0, "diagnostic": "once its aliases are expanded (option max-yaml-nodes)"}),
    "open-statements.j2": ("{%" * 20_000 + "\n\n" + CALM + "\n", {"findings": ["ANG001"]}),
    "open-comments.j2": ("{#" * 20_000 + "\n\n" + CALM + "\n", {"findings": ["ANG001"]}),
    "open-braces.txt": ("{{" * 20_000 + "\n\n" + CALM + "\n", {"findings": ["ANG001"]}),
    "open-dollars.txt": ("${" * 20_000 + "<%" * 20_000 + "\n\n" + CALM + "\n", {"findings": ["ANG001"]}),
    "many-urls.txt": ("http://x.es/" + "a" * 100_000 + " " + "ab@" * 30_000 + "\n\n" + CALM + "\n",
                      {"findings": ["ANG001"]}),
    "many-parts.eml": ("Subject: Hola\nContent-Type: multipart/mixed; boundary=b\n\n"
                       + "--b\nContent-Type: text/plain\n\nx\n" * 5000 + f"--b\n\n{CALM}\n--b--\n", None),
    "many-directives.txt": ("<!-- svclint: disable=ANG001 -->\n" * 20_000 + CALM + "\n", None),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_big_generated_input(tmp_path, name: str) -> None:
    content, expected = GENERATED[name]
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    result = run(str(path), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert_findings_inside(findings, {str(path): path})
    assert_diagnostic_lines(result.stderr, str(path))
    if expected:
        check_expectation(result, findings, expected)


# ---- file names ------------------------------------------------------------------------

ODD_NAMES = ["with space.txt", "ñandú 😀 ünï.txt", "new\nline.txt", "tab\tand 'quote\".txt",
             " leading-space.txt", "x.txt.txt", "UPPER.TXT", "ends-with-dot.txt."]


@pytest.mark.parametrize("name", ODD_NAMES, ids=[repr(n) for n in ODD_NAMES])
def test_odd_file_name(tmp_path, name: str) -> None:
    path = tmp_path / name
    path.write_text(CALM + "\n", encoding="utf-8")
    result = run(str(path), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert_findings_inside(findings, {str(path): path})
    if name.lower().endswith(".txt"):
        assert "ANG001" in {f["code"] for f in findings}


def test_odd_file_names_in_a_folder(tmp_path) -> None:
    files = {}
    for name in ODD_NAMES:
        (tmp_path / name).write_text(CALM + "\n", encoding="utf-8")
        files[str(tmp_path / name)] = tmp_path / name
    result = run(str(tmp_path), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert_findings_inside(findings, files)
    reported = {f["path"] for f in findings if f["code"] == "ANG001"}
    assert reported == {p for p in files if p.lower().endswith(".txt")}


def test_file_name_not_utf8(svclint_bin, tmp_path) -> None:
    """Linux allows any bytes in a name; the report must still be printed."""
    folder = os.fsencode(tmp_path)
    raw = os.path.join(folder, b"caf\xe9-\xff.txt")
    with open(raw, "wb") as handle:
        handle.write((CALM + "\n").encode("utf-8"))
    result = run_process(svclint_bin, str(tmp_path), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert len(findings) >= 1 and all(f["code"] for f in findings)
    direct = subprocess.run([svclint_bin, "check", "--format", "json", raw], capture_output=True, timeout=TIMEOUT)
    assert b"Traceback" not in direct.stderr, direct.stderr[-3000:]
    assert direct.returncode in (0, 1)
    try:
        text = direct.stdout.decode("utf-8")  # JSON text is UTF-8 (RFC 8259)
    except UnicodeDecodeError as error:
        pytest.fail(f"the JSON report is not UTF-8 ({error}): {direct.stdout[:300]!r}")
    json.loads(text)


# ---- folders: links, pipes, VCS --------------------------------------------------------

def test_symlink_loop_does_not_hang(tmp_path) -> None:
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "x.txt").write_text(CALM + "\n", encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to(root, target_is_directory=True)  # root/a/b/up -> root
    (root / "a" / "b" / "self").symlink_to(root / "a" / "b", target_is_directory=True)
    (root / "p").mkdir()
    (root / "q").mkdir()
    (root / "p" / "to-q").symlink_to(root / "q", target_is_directory=True)
    (root / "q" / "to-p").symlink_to(root / "p", target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself (ELOOP on open)
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    result = run(str(root), cwd=tmp_path)
    findings = assert_sane_run(result)
    calm = [f for f in findings if f["code"] == "ANG001"]
    assert [Path(f["path"]).name for f in calm] == ["x.txt"], calm  # once, not once per loop
    assert_findings_inside(findings, {f["path"]: Path(f["path"]) for f in findings})


def test_named_pipe_does_not_hang(tmp_path) -> None:
    """A FIFO with a lintable name in a linted folder: opening it would block forever."""
    root = tmp_path / "root"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")
    (root / "x.txt").write_text(CALM + "\n", encoding="utf-8")
    result = run(str(root), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert {Path(f["path"]).name for f in findings if f["code"] == "ANG001"} == {"x.txt"}


def test_dot_git_is_skipped(tmp_path) -> None:
    root = tmp_path / "root"
    for folder in [root / ".git", root / ".git" / "hooks", root / "sub" / ".git"]:
        folder.mkdir(parents=True)
    (root / ".git" / "COMMIT_EDITMSG.txt").write_text(CALM + "\n", encoding="utf-8")
    (root / ".git" / "hooks" / "x.md").write_text(CALM + "\n", encoding="utf-8")
    (root / ".git" / "packed.txt").write_bytes(b"\x00\x01binary")
    (root / "sub" / ".git" / "y.html").write_text(f"<p>{CALM}</p>", encoding="utf-8")
    (root / "sub" / "ok.txt").write_text(CALM + "\n", encoding="utf-8")
    (root / ".gitignore.txt").write_text(CALM + "\n", encoding="utf-8")  # a file, not a folder
    result = run(str(root), cwd=tmp_path)
    findings = assert_sane_run(result)
    paths = {f["path"] for f in findings}
    assert not any(f"{os.sep}.git{os.sep}" in p for p in paths), paths
    assert ".git" not in result.stderr.replace(".gitignore", ""), result.stderr
    assert str(root / "sub" / "ok.txt") in paths


def test_dot_git_as_a_symlink_is_skipped(tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text(CALM + "\n", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / ".git").symlink_to(elsewhere, target_is_directory=True)
    (root / "ok.txt").write_text(CALM + "\n", encoding="utf-8")
    result = run(str(root), cwd=tmp_path)
    findings = assert_sane_run(result)
    assert {f["path"] for f in findings if f["code"] == "ANG001"} == {str(root / "ok.txt")}
