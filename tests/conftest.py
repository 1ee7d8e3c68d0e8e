"""Shared helpers for the test suite."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def svclint_bin() -> str:
    """The installed console script (CLI tests run the real command)."""
    beside = Path(sys.executable).parent / "svclint"
    found = str(beside) if beside.exists() else shutil.which("svclint")
    if not found:
        pytest.skip("the svclint command is not installed in this environment")
    return found
