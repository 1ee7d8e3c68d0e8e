"""Reading the small files svclint itself is given (configuration, rule packs,
baselines): only regular files, and never more than a limit.

A repository under lint decides what its own configuration names, so these
paths may point at a device that never ends (/dev/zero) or a pipe that never
answers; both are refused before a byte is read.
"""

from __future__ import annotations

import os
import stat


def read_regular_file(path: str, limit: int) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes.
    Raises OSError when it cannot be opened, ValueError when it is not a regular
    file, is longer than the limit or is not UTF-8."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a pipe opens at once, then is refused
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise ValueError("not a regular file")
        chunks, size = [], 0
        while chunk := os.read(handle, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ValueError(f"larger than {limit:,} bytes")
    finally:
        os.close(handle)
    return b"".join(chunks).decode("utf-8")
