"""Plain text: an optional Subject/Asunto first line, then the body (or speaker turns)."""

from __future__ import annotations

import re

from svclint.directives import without_directive
from svclint.documents.speakers import match_label
from svclint.documents.unit import Document, UnitBuilder
from svclint.sourcemap import SourceFile

_SUBJECT = re.compile(r"(?:subject|asunto)[ \t]*:[ \t]*", re.IGNORECASE)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def iter_lines(text: str, start: int = 0, end: int | None = None):
    """(offset, line with its newline) for each line of text[start:end]."""
    for match in _LINE.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.group()


def add_line(builder: UnitBuilder, line: str, offset: int) -> None:
    """Add one line of prose, opening a new turn where it starts with a speaker label."""
    line = without_directive(line)
    label = match_label(line)
    if label:
        role, length = label
        builder.start_turn(role)
        line, offset = line[length:], offset + length
    builder.add(line, offset)


def read_plain(source: SourceFile) -> Document:
    builder = UnitBuilder()
    text = source.text
    lines = iter_lines(text)
    hint = None
    for offset, line in lines:
        if not line.strip():
            builder.add(line, offset)
            continue
        subject = _SUBJECT.match(line)
        if subject:
            builder.add(line[subject.end():].rstrip("\r\n"), offset + subject.end())
            builder.add_break()
            hint = "email"
        else:
            add_line(builder, line, offset)
        break
    for offset, line in lines:
        add_line(builder, line, offset)
    unit = builder.build(kind_hint=hint)
    return Document(source, [unit], unit.kind_hint)
