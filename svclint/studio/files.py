"""Opening a file for the page, only from inside the folder `svclint serve` started in."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from svclint.documents.read import UnreadableFile, decode, read_open


class Refused(Exception):
    """The path leads out of the served folder (or names nothing readable there)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def inside(root: Path, given: str) -> Path:
    """`given` (relative to `root`, or absolute) as a real path inside `root`.
    `..` is refused outright, and links are resolved before the check, so a link
    that points out of the folder is refused too."""
    if not given or "\0" in given:
        raise Refused("no file named", 400)
    if ".." in Path(given).parts:
        raise Refused("'..' is not allowed: files are opened only inside the served folder", 403)
    try:
        real = (root / given).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused("no such file in the served folder", 404) from None
    if not real.is_relative_to(root.resolve()):
        raise Refused("the path leads out of the served folder", 403)
    return real


def read_text_inside(root: Path, given: str, limit: int) -> str:
    """The text of a regular file inside `root`, at most `limit` bytes of UTF-8."""
    path = inside(root, given)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise Refused(f"cannot read file: {error.strerror or error}", 400) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # a FIFO or device would hang or never end
            raise Refused("not a regular file", 400)
        data = read_open(handle, limit + 1)
        if len(data) > limit:
            raise Refused(f"the file is larger than the {limit:,}-byte limit", 413)
        return decode(data, limit)
    except UnreadableFile as reason:
        raise Refused(str(reason), 400) from None
    finally:
        os.close(handle)


def relative_name(given: str) -> str:
    """A file name the page gives for its text (the reader and configuration follow it),
    kept inside the served folder: relative, with no `..`."""
    path = Path(given)
    if not given or "\0" in given or path.is_absolute() or ".." in path.parts:
        raise Refused("the file name must be relative to the served folder, without '..'", 400)
    return given
