"""Safe fixes: replace the exact words of a finding with its rule's replacement.

A finding carries a fix only when its words were copied verbatim from the file
(no markup, entity or placeholder inside), so a fix can never touch template
syntax or markup, and only where the file can hold the replacement as written:
never in text a reader decoded (a quoted-printable or base64 e-mail body, an
encoded word), and only ASCII where the container declares a charset that
agrees with UTF-8 on ASCII alone. `offered_fix` is that one decision.

A file is fixed in place, through the one descriptor it was read from: the
file keeps its inode, owner, group, mode, hard links and extended attributes,
and nothing is ever created beside it. The new text is derived from what that
descriptor reads, under an exclusive lock, so two runs never interleave and
text read earlier (or a cached result) is never written back. Space for a
longer text is reserved before the first byte is overwritten, and the
overwrite is one positional write (plus a truncation when the text got
shorter) with interrupting signals held back, so a file is either as it was
or fully fixed. SIGKILL and a power cut cannot be held back: one landing
between the write and the truncation of a text that got shorter leaves the
fixed text followed by the old one's last bytes (a window of microseconds per
file, which tests/test_fix_safety.py has caught once in many runs).
"""

from __future__ import annotations

import difflib
import errno
import fcntl
import os
import signal
import stat
from collections.abc import Callable, Iterable

from svclint.documents.read import read_open
from svclint.model import Finding
from svclint.sourcemap import MappedText, SourceFile

BOM = "\ufeff"


def adapt_case(replacement: str, original: str) -> str:
    """Keep the capital of a sentence-initial phrase: "A efectos de" → "Para"."""
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def offered_fix(text: MappedText, start: int, end: int, matched: str, replacement: str | None) -> str | None:
    """The fix for the extracted range [start, end), whose words in the file are `matched`,
    or None when it could write something other than those words' replacement."""
    if not replacement or matched != text.text[start:end]:
        return None  # markup, an entity, a placeholder or an escape lies under the span
    fix = adapt_case(replacement, matched)
    return fix if text.can_write(start, end, fix) else None


def apply_fixes(source: SourceFile, findings: Iterable[Finding]) -> str:
    """The file's text with every non-overlapping fix applied (later ones first).
    An edit applies only where the file's text under its span is the finding's
    `matched` words, so a finding that does not describe this text edits nothing."""
    text = source.text
    edits = sorted(((source.offset(f.fix.start.line, f.fix.start.column), source.offset(f.fix.end.line, f.fix.end.column),
                     f.fix.replacement, f.matched) for f in findings if f.fix is not None), reverse=True)
    last_start = len(text) + 1
    for start, end, replacement, matched in edits:
        if end > last_start or text[start:end] != matched:
            continue  # overlaps a later edit (left for the next run), or not these words
        text = text[:start] + replacement + text[end:]
        last_start = start
    return text


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}"))


class NotFixed(Exception):
    """A file left as it was, with the diagnostic code and message that say why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# Ctrl-C, a terminal closing or a TERM from a CI runner lands after the write, never inside it.
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}


def fix_in_place(path: str, fixed_text: Callable[[bytes], str | None], limit: int) -> bool:
    """Rewrite `path` with `fixed_text(current bytes)` (None: nothing to change).

    Raises NotFixed for a symbolic link (E906), a file that is not regular, is
    read-only or cannot be written (E907); `fixed_text` may raise NotFixed too.
    Returns whether the file was rewritten."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotFixed("E906", "a symbolic link; not fixed (run --fix on the file it points to)") from None
        raise NotFixed("E907", f"cannot write the fixes: {error.strerror or error}; not fixed") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotFixed("E907", "not a regular file; not fixed")
        if not info.st_mode & stat.S_IWUSR:
            raise NotFixed("E907", "a read-only file; not fixed (make it writable to fix it)")
        fcntl.flock(handle, fcntl.LOCK_EX)  # a concurrent --fix of the same file waits here
        current = read_open(handle, limit + 1)  # one byte over the limit: the file is then refused as too big
        text = fixed_text(current)
        if text is None:
            return False
        data = ((BOM if current.startswith(BOM.encode()) else "") + text).encode("utf-8", "surrogateescape")
        _overwrite(handle, data, len(current))
        return True
    except OSError as error:
        raise NotFixed("E907", f"cannot write the fixes: {error.strerror or error}; not fixed") from None
    finally:
        os.close(handle)


def _overwrite(handle: int, data: bytes, old_size: int) -> None:
    """Replace the file's bytes with `data` through `handle`. A disk that is full
    fails at the reservation, before any old byte is touched."""
    if len(data) > old_size:
        try:
            os.posix_fallocate(handle, 0, len(data))
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                raise  # ENOSPC, EFBIG, EIO: nothing written yet
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        written = 0
        while written < len(data):
            written += os.pwrite(handle, memoryview(data)[written:], written)
        if len(data) < old_size:
            os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
