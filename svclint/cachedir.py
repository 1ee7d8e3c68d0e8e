"""The user's cache folder, and files in it written atomically and read defensively.

Anything read back is plain JSON checked by its caller; a missing, damaged or
unreadable entry is simply rebuilt, never trusted and never fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """$SVCLINT_CACHE_DIR, else $XDG_CACHE_HOME/svclint or ~/.cache/svclint; None when unusable."""
    configured = os.environ.get("SVCLINT_CACHE_DIR")
    if configured == "":
        return None
    base = Path(configured) if configured else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "svclint"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None


@cache
def code_digest() -> str:
    """svclint's own source, so a changed engine never reuses old entries (even without a new version)."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def read_json(path: Path) -> Any | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write through a temporary file and rename, so concurrent readers never see half a file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass
