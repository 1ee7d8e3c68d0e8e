"""The user's cache folder, and files in it written atomically and read defensively.

Anything read back is plain JSON checked by its caller; a missing, damaged or
unreadable entry is simply rebuilt, never trusted and never fatal. Files are
marked as used when read; those unused for UNUSED_DAYS (left by other svclint
versions, configurations or projects) are removed, so the folder cannot grow
without end.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable
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


UNUSED_DAYS = 30


def read_json(path: Path | str) -> Any | None:
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    touch(path)
    return data


def touch(path: Path | str) -> None:
    """Mark a cache file as used (its modification time), so pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path | str, names: Iterable[str]) -> None:
    """Remove the named regular files of `folder` that were not used for UNUSED_DAYS."""
    cutoff = time.time() - UNUSED_DAYS * 86_400
    for name in names:
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(path)
        except OSError:
            continue


def write_json(path: Path, data: Any) -> None:
    """Write through a temporary file and rename, so concurrent readers never see half
    a file. The temporary name holds the process id: no two runs share one, and it is
    cheaper than tempfile's random names, which matters with one entry per linted file."""
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
