"""The pre-commit hooks, run through pre-commit itself on a scratch repository.

pre-commit installs the hook with pip into its own environment. To stay
offline, the test points pip at the wheelhouse the README's test command builds
(`.wheelhouse/`); without it the test is skipped.

The hooks come from a copy of this checkout's tracked files as they are now,
committed in a scratch clone (what `pre-commit try-repo` does on every call), and
a scratch repository's `.pre-commit-config.yaml` names that commit: pre-commit
then installs the hook environment once for the module, not once per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WHEELHOUSE = ROOT / ".wheelhouse"


def _run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _hooks_as_checked_out(into: Path, env: dict) -> str:
    """A clone of this checkout whose last commit holds its tracked files as they are
    in the working tree (uncommitted edits included); returns that commit."""
    _run(["git", "clone", "-q", str(ROOT), str(into)], into.parent, env)
    listed = _run(["git", "ls-files", "-z"], ROOT, env).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, into / name)
    _run(["git", "add", "-A"], into, env)
    _run(["git", "commit", "-q", "--allow-empty", "-m", "working tree"], into, env)
    return _run(["git", "rev-parse", "HEAD"], into, env).stdout.strip()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    if not WHEELHOUSE.is_dir():
        pytest.skip("no .wheelhouse/: build it as the README's test command does, so pip can install offline")
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of svclint")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE),
           "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    hooks = tmp_path_factory.mktemp("hooks") / "svclint"
    rev = _hooks_as_checked_out(hooks, env)
    repo = tmp_path_factory.mktemp("templates")
    _run(["git", "init", "-q"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n  - id: svclint\n  - id: svclint-fix\n",
        encoding="utf-8")
    return repo, env


def _hook_exits(repo: Path, env: dict, hook: str, status: int) -> subprocess.CompletedProcess:
    """Run one hook on every file of the scratch repository; it must exit with `status`."""
    _run(["git", "add", "-A"], repo, env)
    result = _run([sys.executable, "-m", "pre_commit", "run", hook, "--all-files"], repo, env)
    assert result.returncode == status, result.stdout + result.stderr
    return result


def test_hook_fails_on_a_bad_template_and_passes_on_a_good_one(scratch) -> None:
    repo, env = scratch
    bad = repo / "respuesta.md"
    bad.write_text("Hola, {{ nombre }}:\n\nCálmese, por favor.\n", encoding="utf-8")
    assert "ANG001" in _hook_exits(repo, env, "svclint", 1).stdout
    bad.write_text("Hola, {{ nombre }}:\n\nEntiendo su enfado y lo vamos a resolver hoy.\n", encoding="utf-8")
    _hook_exits(repo, env, "svclint", 0)


def test_fix_hook_rewrites_and_fails_once(scratch) -> None:
    repo, env = scratch
    page = repo / "aviso.html"
    page.write_text("<p>Le responderemos <b>a la mayor brevedad posible</b>.</p>\n", encoding="utf-8")
    _hook_exits(repo, env, "svclint-fix", 1)
    assert page.read_text(encoding="utf-8") == "<p>Le responderemos <b>lo antes posible</b>.</p>\n"
    _hook_exits(repo, env, "svclint-fix", 0)


def test_hooks_leave_project_files_and_excluded_files_alone(scratch) -> None:
    """pre-commit names every staged .md/.yaml/.json file: README.md, package.json,
    svclint's own files and the `exclude` globs must not be linted as customer text."""
    repo, env = scratch
    (repo / "README.md").write_text("Cálmese: este repositorio guarda plantillas.\n", encoding="utf-8")
    (repo / "package.json").write_text('{"description": "Cálmese, por favor."}\n', encoding="utf-8")
    (repo / ".svclint-baseline.json").write_text('{"version": 1, "findings": [{"text": "Cálmese"}]}\n',
                                                 encoding="utf-8")
    (repo / "borradores").mkdir()
    (repo / "borradores" / "idea.md").write_text("Cálmese, ya lo miraremos.\n", encoding="utf-8")
    (repo / "svclint.yaml").write_text("exclude: [borradores/*]\n", encoding="utf-8")
    _hook_exits(repo, env, "svclint", 0)
