"""Safe fixes: replace the exact words of a finding with its rule's replacement.

A finding carries a fix only when its words were copied verbatim from the file
(no markup, entity or placeholder inside), so a fix can never touch template
syntax or markup. Files are written through a temporary file and an atomic
rename, keeping their mode, encoding mark and line endings.
"""

from __future__ import annotations

import difflib
import os
import tempfile

from svclint.model import Finding
from svclint.sourcemap import SourceFile

BOM = "\ufeff"


def adapt_case(replacement: str, original: str) -> str:
    """Keep the capital of a sentence-initial phrase: "A efectos de" → "Para"."""
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def apply_fixes(source: SourceFile, findings: list[Finding]) -> str:
    """The file's text with every non-overlapping fix applied (later ones first)."""
    text = source.text
    edits = sorted(((source.offset(f.start.line, f.start.column), source.offset(f.end.line, f.end.column), f.fix)
                    for f in findings if f.fix is not None), reverse=True)
    last_start = len(text) + 1
    for start, end, replacement in edits:
        if end > last_start:
            continue  # overlaps a later edit: leave it for the next run
        text = text[:start] + replacement + text[end:]
        last_start = start
    return text


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}"))


def write_atomically(path: str, text: str, bom: bool) -> None:
    """Replace the file in one step: readers see the old or the new version, never half."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777 & ~0o022  # never group- or world-writable
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".svclint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write((BOM if bom else "") + text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
