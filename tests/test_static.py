"""Static checks the suite runs: no unused import or undefined name anywhere in
the package or the tests (ruff's pyflakes rules), and the public API typed
strictly (mypy --strict on svclint/api.py, the boundary a caller programs to)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]' installs it)")
    return on_path


def test_no_unused_imports_or_undefined_names() -> None:
    # --no-cache here and a cache folder of /dev/null for mypy: no cache is written into the checkout.
    result = subprocess.run([_tool("ruff"), "check", "--isolated", "--no-cache", "--select", "F,E7,E9",
                             "--line-length", "120",
                             "svclint", "tests", "bench"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_api_is_strictly_typed() -> None:
    result = subprocess.run([_tool("mypy"), "--strict", "--follow-imports=silent", "--no-incremental",
                             "--cache-dir", os.devnull, "svclint/api.py"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
