"""The pre-commit hooks, run through pre-commit itself on a scratch repository.

pre-commit installs the hook with pip into its own environment. To stay
offline, the test points pip at the wheelhouse the README's test command builds
(`.wheelhouse/`); without it the test is skipped.
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


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    if not WHEELHOUSE.is_dir():
        pytest.skip("no .wheelhouse/: build it as the README's test command does, so pip can install offline")
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of svclint")
    repo = tmp_path_factory.mktemp("templates")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE),
           "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    _run(["git", "init", "-q"], repo, env)
    return repo, env


def _hook_exits(repo: Path, env: dict, hook: str, status: int) -> subprocess.CompletedProcess:
    """Run one hook of this checkout through `pre-commit try-repo`; it must exit with `status`."""
    _run(["git", "add", "-A"], repo, env)
    result = _run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"], repo, env)
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
