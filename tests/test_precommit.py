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


def _try_repo(repo: Path, env: dict, hook: str) -> subprocess.CompletedProcess:
    pre_commit = [sys.executable, "-m", "pre_commit"]
    _run(["git", "add", "-A"], repo, env)
    return _run([*pre_commit, "try-repo", str(ROOT), hook, "--all-files"], repo, env)


def test_hook_fails_on_a_bad_template_and_passes_on_a_good_one(scratch) -> None:
    repo, env = scratch
    bad = repo / "respuesta.md"
    bad.write_text("Hola, {{ nombre }}:\n\nCálmese, por favor.\n", encoding="utf-8")
    result = _try_repo(repo, env, "svclint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ANG001" in result.stdout
    bad.write_text("Hola, {{ nombre }}:\n\nEntiendo su enfado y lo vamos a resolver hoy.\n", encoding="utf-8")
    result = _try_repo(repo, env, "svclint")
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_rewrites_and_fails_once(scratch) -> None:
    repo, env = scratch
    page = repo / "aviso.html"
    page.write_text("<p>Le responderemos <b>a la mayor brevedad posible</b>.</p>\n", encoding="utf-8")
    first = _try_repo(repo, env, "svclint-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert page.read_text(encoding="utf-8") == "<p>Le responderemos <b>lo antes posible</b>.</p>\n"
    second = _try_repo(repo, env, "svclint-fix")
    assert second.returncode == 0, second.stdout + second.stderr
