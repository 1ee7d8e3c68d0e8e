"""File names as reports can show them.

A file name is bytes on POSIX; Python keeps the bytes that are not UTF-8 as
lone surrogates, which no UTF-8 output can encode. Reports show such bytes as
U+FFFD; one-line formats (the text report's headers, diagnostics on standard
error) also show control characters as escapes, so a newline in a name cannot
split a `path:line:col:` line in two.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(path: str) -> str:
    """A file name as UTF-8 text (undecodable bytes become U+FFFD)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def one_line(path: str) -> str:
    """A printable file name with control characters escaped ("a\\nb.txt")."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), printable(path))
