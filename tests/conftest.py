"""Shared helpers for the test suite.

CLI behaviour is tested in-process with Click's CliRunner (`invoke`); the installed
command is started as a real process (`run_svclint`) only where a process is the
point: worker processes, concurrent runs, signals, terminals, pre-commit.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from svclint.cli import main

if TYPE_CHECKING:
    from svclint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _hypothesis_profile() -> None:
    """What every property test shares, in one place: no example database (nothing is
    written into the checkout, and parallel workers share no file), no deadline (a busy
    CI machine is not a slow function), no health check failing a test over slow data.
    A test that needs more or fewer than 60 examples says so in its own settings.
    `pytest --hypothesis-profile=NAME` picks another registered profile."""
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # the property tests skip themselves without it
        return
    settings.register_profile("ci", max_examples=60, deadline=None, database=None,
                              suppress_health_check=list(HealthCheck))
    settings.load_profile("ci")


_hypothesis_profile()


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of this test session's own, for in-process runs and the processes
    they start alike (both read the environment), so no test writes to ~/.cache.
    XDG_CACHE_HOME is moved too, for tests that unset SVCLINT_CACHE_DIR."""
    base = tmp_path_factory.mktemp("cache-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(base))
    patch.setenv("SVCLINT_CACHE_DIR", str(base / "svclint"))
    yield base / "svclint"
    patch.undo()


def invoke(*args: str, stdin: str | bytes | None = None, env: dict[str, str | None] | None = None) -> Result:
    """`svclint ARGS` run in this process. An exception escaping the command fails the
    test with its traceback, as a traceback on a real process's standard error would."""
    return CliRunner().invoke(main, list(args), input=stdin, env=env, catch_exceptions=False)


@pytest.fixture(scope="session")
def svclint_bin() -> str:
    """The installed console script, for tests that start it as a real process."""
    beside = Path(sys.executable).parent / "svclint"
    found = str(beside) if beside.exists() else shutil.which("svclint")
    if not found:
        pytest.skip("the svclint command is not installed in this environment")
    return found


RunSvclint = Callable[..., subprocess.CompletedProcess]


@pytest.fixture(scope="session")
def run_svclint(svclint_bin: str) -> RunSvclint:
    """Run the installed command to its end: `run_svclint(*args, cwd=, stdin=, env=, timeout=)`,
    text in and out; `env` replaces the environment (None inherits this one's)."""
    def run(*args: str, cwd: Path | str | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run([svclint_bin, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                              input=stdin, env=env, timeout=timeout)
    return run


@cache
def _rule_linter(lang: str, codes: tuple[str, ...]) -> "Linter":
    from svclint.config import Config
    from svclint.engine import Linter

    return Linter(Config(), lang=lang, kind="text", select=list(codes))


def found_spans(lang: str, text: str, codes: list[str]) -> list[tuple[str, int, int, str]]:
    """(code, column, end column, matched words) of each finding of `codes` in `text`,
    linted as plain text: what the rule tests compare, exactly."""
    findings = _rule_linter(lang, tuple(codes)).lint_text("reply.txt", text).findings
    return [(f.code, f.start.column, f.end.column, f.matched) for f in findings]

